import {
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMethod,
  isForbiddenRequestHeaderName,
  normalizeMethod,
} from '../../evaluator/safelist';
import type { BrowserProfile, Header } from '../../evaluator/types';

/**
 * What a browser puts on the wire for one fetch(), decided without any I/O: the preflight (when
 * one is needed, #cors-preflight-fetch-0), the actual request, and where a redirect leads
 * (#http-redirect-fetch). The network part lives in http.ts; the loop in run.ts.
 */
export interface ProbeRequest {
  readonly url: string;
  /** The page's origin (`https://app.example`) or `null`. */
  readonly origin: string;
  readonly method: string;
  /** Headers the page sets (what `fetch(url, { headers })` would carry). */
  readonly headers: readonly Header[];
  /** credentials: "include" (else fetch's default "same-origin", i.e. none cross-origin). */
  readonly credentials: boolean;
  /** The request body (`--data`), sent on the actual request only, never on the preflight. */
  readonly body?: string;
}

/** One hop of the chain as the browser would send it. */
export interface Hop {
  readonly url: string;
  readonly method: string;
  /** Page-set headers still carried on this hop (Authorization goes on a cross-origin redirect). */
  readonly headers: readonly Header[];
  /** The serialized request origin: `null` once a cross-origin redirect tainted it. */
  readonly origin: string;
  /** Response tainting is "cors" from the first cross-origin URL on (#concept-main-fetch). */
  readonly cors: boolean;
  readonly body?: string;
}

export function originOfUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export function firstHop(request: ProbeRequest): Hop {
  return {
    url: request.url,
    method: normalizeMethod(request.method),
    headers: request.headers,
    origin: request.origin,
    cors: originOfUrl(request.url) !== request.origin || request.origin === 'null',
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

/** #cors-preflight-fetch: needed for a non-safelisted method or any CORS-unsafe header. */
export function unsafeHeaderNames(hop: Hop, profile: BrowserProfile): string[] {
  return corsUnsafeRequestHeaderNames(hop.headers, profile).names;
}

export function needsPreflight(hop: Hop, profile: BrowserProfile): boolean {
  if (!hop.cors) return false;
  return !isCorsSafelistedMethod(hop.method) || unsafeHeaderNames(hop, profile).length > 0;
}

const BROWSER_HEADERS: readonly Header[] = [
  { name: 'User-Agent', value: 'cors-lens-probe' },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
  { name: 'Sec-Fetch-Dest', value: 'empty' },
];

// #cors-preflight-fetch-0 steps 1-5: OPTIONS with Accept, Origin, ACRM and ACRH (sorted, joined by ",").
export function preflightHeaders(hop: Hop, profile: BrowserProfile): Header[] {
  const names = unsafeHeaderNames(hop, profile);
  const headers: Header[] = [
    { name: 'Accept', value: '*/*' },
    { name: 'Origin', value: hop.origin },
    { name: 'Access-Control-Request-Method', value: hop.method },
  ];
  if (names.length > 0) headers.push({ name: 'Access-Control-Request-Headers', value: names.join(',') });
  return [...headers, ...BROWSER_HEADERS];
}

/**
 * The actual request: the page's headers, then `Origin` (always for a CORS request; fetch sends
 * it for same-origin requests only when the method is not GET/HEAD, #append-a-request-origin-header).
 * Cookies and Authorization travel only as the user typed them with --header.
 */
export function actualHeaders(hop: Hop): Header[] {
  const out = hop.headers.filter((h) => h.name.toLowerCase() !== 'origin');
  if (hop.cors || (hop.method !== 'GET' && hop.method !== 'HEAD'))
    out.push({ name: 'Origin', value: hop.origin });
  if (!out.some((h) => h.name.toLowerCase() === 'accept')) out.push({ name: 'Accept', value: '*/*' });
  return [...out, ...BROWSER_HEADERS];
}

/** Headers that describe the request body: dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

/**
 * #http-redirect-fetch for a redirect the browser follows: the next hop, or null when the
 * Location cannot be parsed. Steps 11-14: 301/302 POST and 303 non-HEAD become GET without a
 * body; a cross-origin move drops Authorization; the origin becomes `null` (tainted) when the
 * redirect leaves a cross-origin URL for another origin.
 */
export function nextHop(hop: Hop, status: number, location: string, pageOrigin: string): Hop | null {
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    return null;
  }
  const here = originOfUrl(hop.url);
  const there = target.origin;
  const toGet =
    ((status === 301 || status === 302) && hop.method === 'POST') ||
    (status === 303 && hop.method !== 'HEAD');
  let headers = toGet ? hop.headers.filter((h) => !BODY_HEADERS.has(h.name.toLowerCase())) : hop.headers;
  if (here !== there) headers = headers.filter((h) => h.name.toLowerCase() !== 'authorization');
  const tainted = hop.origin === 'null' || (there !== here && here !== pageOrigin);
  return {
    url: target.href,
    method: toGet ? 'GET' : hop.method,
    headers,
    origin: tainted ? 'null' : hop.origin,
    cors: hop.cors || there !== pageOrigin,
    // A redirect that turns the request into a GET drops the body with its headers.
    ...(toGet || hop.body === undefined ? {} : { body: hop.body }),
  };
}

export const isRedirectStatus = (status: number): boolean => [301, 302, 303, 307, 308].includes(status);

/** Page headers a user may not pass: the browser sets them itself (a Cookie only with --credentials). */
export function refusedHeader(name: string, credentials: boolean): string | null {
  const lower = name.toLowerCase();
  if (lower === 'cookie') return credentials ? null : 'Cookie is sent only with --credentials';
  if (lower === 'origin') return 'use --origin to set the Origin';
  if (isForbiddenRequestHeaderName(lower)) return `${name} is set by the browser, not the page`;
  return null;
}
