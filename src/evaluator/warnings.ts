import type { Pass } from './context';
import { warn } from './context';
import { getHeader, hasHeader, parseTokenList } from './headers';
import type { PassOutcome } from './outcome';
import type { Warning } from './types';

// Findings about a response that are not (or not only) the verdict: security smells and things
// the page cannot see. Each is a code; the words live in src/explain/.
export function responseWarnings(pass: Pass, outcome: PassOutcome, hiddenStatus: number | null): void {
  const response = outcome.finalResponse;
  if (hiddenStatus !== null && hiddenStatus >= 400) {
    warn(pass, {
      code: 'status-hidden-by-cors-error',
      on: outcome.failure?.on ?? 'response',
      hop: outcome.failure?.hop,
      value: String(hiddenStatus),
    });
  }
  // The rest is about the actual response: not a preflight's or a redirect's.
  const onActual = outcome.failure === null || outcome.failure.on === 'response';
  if (response === undefined || !outcome.crossOrigin || !onActual) return;
  const headers = response.headers;
  const include = pass.credentials === 'include';
  const allowOrigin = getHeader(headers, 'access-control-allow-origin');
  if (allowOrigin === 'null') {
    warn(pass, {
      code: 'null-origin-allowed',
      on: 'response',
      subject: 'access-control-allow-origin',
      value: 'null',
    });
  }
  const varyOrigin = varyCoversOrigin(getHeader(headers, 'vary'));
  if (allowOrigin !== null && allowOrigin !== '*' && allowOrigin !== 'null' && !varyOrigin) {
    warn(pass, { code: 'missing-vary-origin', on: 'response', subject: 'vary', value: allowOrigin });
  }
  // Reflection cannot be proven from one exchange. Heuristic: the response allows exactly this
  // origin with credentials, and either the origin is `null` (nobody allow-lists `null` on
  // purpose) or there is no `Vary: Origin` (servers with a real allow-list compute ACAO per
  // request and, in our experience, add Vary; blind echo middleware usually does not).
  if (
    include &&
    allowOrigin !== null &&
    allowOrigin === outcome.origin &&
    getHeader(headers, 'access-control-allow-credentials') === 'true' &&
    (allowOrigin === 'null' || !varyOrigin)
  ) {
    warn(pass, {
      code: 'origin-reflected-with-credentials',
      on: 'response',
      subject: 'access-control-allow-origin',
      value: allowOrigin,
      detail: allowOrigin === 'null' ? 'null-origin' : 'no-vary',
    });
  }
  if (!include && hasHeader(headers, 'set-cookie')) {
    warn(pass, {
      code: 'set-cookie-ignored',
      on: 'response',
      subject: 'set-cookie',
      detail: pass.credentials,
    });
  }
}

function varyCoversOrigin(vary: string | null): boolean {
  if (vary === null) return false;
  for (const item of parseTokenList(vary).items) {
    const name = item.toLowerCase();
    if (name === 'origin' || name === '*') return true;
  }
  // An unparsable Vary still counts if it names Origin somewhere.
  return /(^|[\s,])(origin|\*)($|[\s,])/i.test(vary);
}

/** Warnings equal in every field are reported once (several passes may add the same one). */
export function dedupeWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  const out: Warning[] = [];
  for (const warning of warnings) {
    const key = `${warning.code}|${warning.on}|${warning.hop ?? ''}|${warning.subject ?? ''}|${warning.value ?? ''}|${warning.detail ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(warning);
  }
  return out;
}
