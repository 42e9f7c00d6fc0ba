import type { Pass } from './context';
import { step, warn } from './context';
import { getHeader, lowerName, parseTokenList } from './headers';
import type { Header } from './types';

// #cors-safelisted-response-header-name: readable without Access-Control-Expose-Headers.
const SAFELISTED_RESPONSE = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

/** #forbidden-response-header-name: never readable from script. */
function isForbiddenResponseName(name: string): boolean {
  return name === 'set-cookie' || name === 'set-cookie2';
}

export interface ExposedHeaders {
  readonly readable: string[];
  readonly hidden: string[];
}

function uniqueNames(headers: readonly Header[]): string[] {
  // A Set keeps this linear however many header lines a hostile response carries.
  const names = new Set<string>();
  for (const header of headers) names.add(lowerName(header.name));
  return [...names];
}

/** Nothing is readable: blocked or opaque responses. */
export function noneExposed(headers: readonly Header[] | undefined): ExposedHeaders {
  return { readable: [], hidden: headers === undefined ? [] : uniqueNames(headers) };
}

/** A basic (same-origin) response: everything except Set-Cookie. */
export function basicExposed(headers: readonly Header[] | undefined): ExposedHeaders {
  const readable: string[] = [];
  const hidden: string[] = [];
  for (const name of headers === undefined ? [] : uniqueNames(headers)) {
    (isForbiddenResponseName(name) ? hidden : readable).push(name);
  }
  return { readable, hidden };
}

// #concept-filtered-response-cors: safelisted names, plus Access-Control-Expose-Headers, where
// `*` means "all" only without credentials (with them it is a header literally named `*`).
export function corsExposed(pass: Pass, headers: readonly Header[]): ExposedHeaders {
  const raw = getHeader(headers, 'access-control-expose-headers');
  const list = new Set(parseTokenList(raw).items.map((item) => item.toLowerCase()));
  const include = pass.credentials === 'include';
  const all = !include && list.has('*');
  if (include && list.has('*')) {
    warn(pass, {
      code: 'wildcard-literal-with-credentials',
      on: 'response',
      subject: 'access-control-expose-headers',
      value: '*',
    });
  }
  const readable: string[] = [];
  const hidden: string[] = [];
  for (const name of uniqueNames(headers)) {
    const ok = !isForbiddenResponseName(name) && (all || SAFELISTED_RESPONSE.has(name) || list.has(name));
    (ok ? readable : hidden).push(name);
  }
  step(pass, {
    rule: 'response.exposed-headers',
    anchor: '#cors-safelisted-response-header-name',
    on: 'response',
    subject: 'access-control-expose-headers',
    actual: raw,
    outcome: 'info',
    detail: all ? 'wildcard' : raw === null ? 'safelisted-only' : 'listed',
  });
  return { readable, hidden };
}
