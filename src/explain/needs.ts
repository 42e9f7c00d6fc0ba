import type { Header } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';

/**
 * What one request needs from the server's CORS configuration, and what the server already
 * granted it, read from the exchange and the evaluator's fix. Values are filtered to HTTP tokens /
 * serialized origins, so nothing taken from the wire can break out of the config syntax a snippet
 * embeds it in. The policy (policy.ts) merges these over every request to one server.
 */
export interface CorsNeeds {
  /** The origin to allow-list, or null when the page's origin is `null` (sandboxed, file:). */
  readonly origin: string | null;
  /** The request's own method first, then any the fix adds. */
  readonly methods: readonly string[];
  /** Non-safelisted request header names (lowercase). */
  readonly headers: readonly string[];
  /** Headers the fix says JS must read (never guessed from what the response happened to carry). */
  readonly exposeHeaders: readonly string[];
  readonly credentials: boolean;
  /** Path of the request URL. */
  readonly path: string;
  /** Another layer sends Access-Control-Allow-Origin too (two lines, or `a, b`). */
  readonly duplicateAllowOrigin: boolean;
  /** What the server's answers to this request already granted (observed Access-Control-Allow-*). */
  readonly granted: Grants;
}

export interface Grants {
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly credentials: boolean;
  /** Access-Control-Max-Age as the server sent it, null when it sent none. */
  readonly maxAgeSeconds: number | null;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** Response headers that are transport or CORS plumbing, never worth exposing. */
const NOT_EXPOSED = new Set([
  'set-cookie',
  'set-cookie2',
  'vary',
  'date',
  'server',
  'connection',
  'keep-alive',
]);

export function isToken(value: string): boolean {
  // `'` and backquote are tokens in HTTP but break out of quoting in most config languages.
  return TOKEN.test(value) && !/['`]/.test(value);
}

export function isSerializedOrigin(value: string): boolean {
  return ORIGIN.test(value);
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** fetch() upper-cases these six and leaves every other method as written (`#concept-method-normalize`). */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED.has(upper) ? upper : method;
}

const names = (values: readonly string[]): string[] =>
  unique(values.map((h) => h.toLowerCase())).filter((h) => isToken(h) && h !== '*');

function values(headers: readonly Header[] | undefined, name: string): string[] {
  return (headers ?? []).filter((h) => h.name.toLowerCase() === name).flatMap((h) => splitList(h.value));
}

function grants(record: CorsRecord): Grants {
  const { exchange } = record;
  const preflightHeaders = exchange.preflights.map((p) => p.response?.headers);
  const all = [
    ...preflightHeaders,
    ...exchange.redirects.map((r) => r.response.headers),
    exchange.response?.headers,
  ];
  const from = (name: string): string[] => all.flatMap((hs) => values(hs, name));
  const maxAges = preflightHeaders
    .flatMap((hs) => values(hs, 'access-control-max-age'))
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);
  return {
    methods: unique(from('access-control-allow-methods')).filter((m) => isToken(m) && m !== '*'),
    headers: names(from('access-control-allow-headers')),
    exposeHeaders: names(from('access-control-expose-headers')).filter((h) => !NOT_EXPOSED.has(h)),
    credentials: from('access-control-allow-credentials').includes('true'),
    maxAgeSeconds: maxAges.length > 0 ? Math.max(...maxAges) : null,
  };
}

function duplicateAllowOrigin(record: CorsRecord): boolean {
  const { exchange, evaluation } = record;
  if (evaluation.fix.some((step) => step.removeHeaders.includes('access-control-allow-origin'))) return true;
  const responses = [
    ...exchange.preflights.map((p) => p.response),
    ...exchange.redirects.map((r) => r.response),
    exchange.response,
  ];
  return responses.some((r) => values(r?.headers, 'access-control-allow-origin').length > 1);
}

export function corsNeeds(record: CorsRecord): CorsNeeds {
  const { exchange, evaluation } = record;
  const fixHeaders = evaluation.fix.flatMap((step) => step.setHeaders);
  const fixValues = (name: string): string[] =>
    fixHeaders.filter((h) => h.name.toLowerCase() === name).flatMap((h) => splitList(h.value));

  const methods = unique([
    normalizeMethod(exchange.method),
    ...fixValues('access-control-allow-methods'),
  ]).filter((m) => isToken(m) && m !== '*');
  const fromReasons = evaluation.preflight.reasons
    .filter((reason) => reason.startsWith('header:'))
    .map((reason) => reason.slice('header:'.length));
  const requested = exchange.preflights.flatMap((p) =>
    values(p.requestHeaders, 'access-control-request-headers'),
  );
  const headers = names([...fromReasons, ...requested, ...fixValues('access-control-allow-headers')]);
  const exposeHeaders = names(fixValues('access-control-expose-headers')).filter((h) => !NOT_EXPOSED.has(h));

  return {
    origin: ORIGIN.test(exchange.initiatorOrigin) ? exchange.initiatorOrigin : null,
    methods,
    headers,
    exposeHeaders,
    credentials: evaluation.credentials.mode === 'include',
    path: pathOf(exchange.url),
    duplicateAllowOrigin: duplicateAllowOrigin(record),
    granted: grants(record),
  };
}

export function pathOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return /^[A-Za-z0-9/._~-]*$/.test(path) ? path : '/';
  } catch {
    return '/';
  }
}
