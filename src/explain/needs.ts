import type { CorsRecord } from '../shared/record';

/**
 * What a server-side CORS configuration must grant for this request, read from the exchange and
 * the evaluator's fix. Values are filtered to HTTP tokens / serialized origins, so nothing taken
 * from the wire can break out of the config syntax a snippet embeds it in.
 */
export interface CorsNeeds {
  /** The origin to allow-list, or null when the page's origin is `null` (sandboxed, file:). */
  readonly origin: string | null;
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly credentials: boolean;
  readonly maxAgeSeconds: number;
  /** Path of the request URL, for configs scoped by location. */
  readonly path: string;
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
const DEFAULT_MAX_AGE = 600;

function isToken(value: string): boolean {
  // `'` and backquote are tokens in HTTP but break out of quoting in most config languages.
  return TOKEN.test(value) && !/['`]/.test(value);
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

export function corsNeeds(record: CorsRecord): CorsNeeds {
  const { exchange, evaluation } = record;
  const fixHeaders = evaluation.fix.flatMap((step) => step.setHeaders);
  const fixValues = (name: string): string[] =>
    fixHeaders.filter((h) => h.name.toLowerCase() === name).flatMap((h) => splitList(h.value));

  const upper = exchange.method.toUpperCase();
  const method = NORMALIZED.has(upper) || upper === 'PATCH' ? upper : exchange.method;
  const methods = unique([method, ...fixValues('access-control-allow-methods')]).filter(
    (m) => isToken(m) && m !== '*',
  );

  const fromReasons = evaluation.preflight.reasons
    .filter((reason) => reason.startsWith('header:'))
    .map((reason) => reason.slice('header:'.length));
  const headers = unique(
    [...fromReasons, ...fixValues('access-control-allow-headers')].map((h) => h.toLowerCase()),
  ).filter((h) => isToken(h) && h !== '*');

  // JS may need a custom header it cannot read now: expose the hidden custom ones, never Set-Cookie.
  const hiddenCustom = evaluation.exposedHeaders.hidden.filter(
    (h) => h.startsWith('x-') && !NOT_EXPOSED.has(h) && !h.startsWith('access-control-'),
  );
  const exposeHeaders = unique(
    [...fixValues('access-control-expose-headers'), ...hiddenCustom].map((h) => h.toLowerCase()),
  ).filter((h) => isToken(h) && h !== '*' && !NOT_EXPOSED.has(h));

  const origin = ORIGIN.test(exchange.initiatorOrigin) ? exchange.initiatorOrigin : null;
  const granted = evaluation.preflight.cacheSeconds;
  return {
    origin,
    methods,
    headers,
    exposeHeaders,
    credentials: evaluation.credentials.mode === 'include',
    maxAgeSeconds: granted !== undefined && granted > 0 ? granted : DEFAULT_MAX_AGE,
    path: pathOf(exchange.url),
  };
}

function pathOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return /^[A-Za-z0-9/._~-]*$/.test(path) ? path : '/';
  } catch {
    return '/';
  }
}
