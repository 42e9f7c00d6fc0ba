import type { Header } from '../../evaluator/types';

/**
 * The request body of `--data` / `--data-file`, made what fetch(url, { body: string }) sends:
 * the bytes as UTF-8 with their Content-Length, and `Content-Type: text/plain;charset=UTF-8`
 * when the page set none (#concept-bodyinit-extract). A browser never sends a GET or HEAD body.
 */
export function withBody(
  method: string,
  headers: readonly Header[],
  body: string | null,
): { readonly headers: readonly Header[]; readonly body?: string } | { readonly error: string } {
  if (body === null) return { headers };
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD')
    return { error: `--data: fetch refuses a body on ${upper} (use --method POST, PUT, …)` };
  const typed = headers.some((h) => h.name.toLowerCase() === 'content-type');
  return {
    headers: typed ? headers : [...headers, { name: 'Content-Type', value: 'text/plain;charset=UTF-8' }],
    body,
  };
}

/**
 * A JSON PUT/POST/PATCH without a body: a real handler then fails (often a 500 without CORS
 * headers), a block the browser, which sent the body, never saw. Null when there is nothing to say.
 */
export function emptyBodyWarning(
  method: string,
  headers: readonly Header[],
  body: string | undefined,
): string | null {
  const upper = method.toUpperCase();
  if (body !== undefined && body !== '') return null;
  if (upper !== 'POST' && upper !== 'PUT' && upper !== 'PATCH') return null;
  const type = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) return null;
  return `warning: ${upper} with Content-Type: ${type.trim()} goes out with an empty body: a handler that parses it may fail (a 4xx or a 500, often without CORS headers) where the browser, which sends the body, would not. Pass the body with --data or --data-file.`;
}
