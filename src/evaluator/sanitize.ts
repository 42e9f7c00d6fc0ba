import { hasNulCrLf } from './headers';
import type {
  Destination,
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  PageOutcome,
  RedirectHop,
  ServiceWorkerAnswer,
  Target,
  Warning,
} from './types';

// The evaluator is fed data assembled from webRequest and a page hook, and reports built by
// hand: anything may be missing or of the wrong type. This turns any input into a well-typed
// exchange and lists what was wrong as 'malformed-input' warnings, so the algorithms downstream
// can trust their input and never throw.

const MAX_STRING = 1 << 16;

function text(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  return value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export interface Sanitized {
  readonly exchange: ObservedExchange;
  readonly warnings: Warning[];
}

// Fast path: most input comes from our own assembler and is already well formed; checking is
// much cheaper than copying, and the copy below only runs when something is off.
function wellFormedHeaders(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (!isRecord(item)) return false;
    const { name, value: headerValue } = item;
    if (typeof name !== 'string' || typeof headerValue !== 'string') return false;
    if (name.length > MAX_STRING || headerValue.length > MAX_STRING) return false;
    if (hasNulCrLf(name) || hasNulCrLf(headerValue)) return false;
  }
  return true;
}

function wellFormedResponse(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const status = value.status;
  return (
    typeof status === 'number' &&
    Number.isInteger(status) &&
    status > 0 &&
    status <= 999 &&
    wellFormedHeaders(value.headers)
  );
}

function shortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_STRING;
}

function wellFormed(input: unknown): input is ObservedExchange {
  if (!isRecord(input)) return false;
  if (!shortString(input.url) || !shortString(input.initiatorOrigin) || !shortString(input.method))
    return false;
  if (
    !wellFormedHeaders(input.requestHeaders) ||
    !Array.isArray(input.preflights) ||
    !Array.isArray(input.redirects)
  )
    return false;
  if (typeof input.destination !== 'string' || !DESTINATIONS.includes(input.destination as Destination))
    return false;
  if (input.response !== undefined && !wellFormedResponse(input.response)) return false;
  for (const preflight of input.preflights) {
    if (!isRecord(preflight) || !shortString(preflight.url) || !wellFormedHeaders(preflight.requestHeaders))
      return false;
    if (preflight.response !== undefined && !wellFormedResponse(preflight.response)) return false;
  }
  for (const hop of input.redirects) {
    if (
      !isRecord(hop) ||
      !shortString(hop.url) ||
      !shortString(hop.location) ||
      !wellFormedResponse(hop.response)
    )
      return false;
    if (hop.requestHeaders !== undefined && !wellFormedHeaders(hop.requestHeaders)) return false;
  }
  return (
    oneOfOrAbsent(input.mode, MODES) &&
    oneOfOrAbsent(input.credentials, CREDENTIALS) &&
    oneOfOrAbsent(input.redirect, REDIRECTS) &&
    oneOfOrAbsent(input.targetAddressSpace, SPACES) &&
    (input.remoteIp === undefined || shortString(input.remoteIp)) &&
    (input.canvasRead === undefined || canvasRead(input.canvasRead) !== undefined) &&
    (input.networkError === undefined || typeof input.networkError === 'string') &&
    (input.pageOutcome === undefined || pageOutcome(input.pageOutcome) !== undefined)
  );
}

function canvasRead(value: unknown): ObservedExchange['canvasRead'] {
  if (!isRecord(value) || !shortString(value.read)) return undefined;
  const crossOrigin = value.crossOrigin;
  if (crossOrigin !== null && !shortString(crossOrigin)) return undefined;
  return { read: value.read, crossOrigin, ...(value.reused === true ? { reused: true } : {}) };
}

function oneOfOrAbsent(value: unknown, allowed: readonly string[]): boolean {
  return value === undefined || (typeof value === 'string' && allowed.includes(value));
}

const MODES = ['cors', 'no-cors', 'same-origin', 'navigate'] as const;
const CREDENTIALS = ['omit', 'same-origin', 'include'] as const;
const REDIRECTS = ['follow', 'error', 'manual'] as const;
const SPACES = ['local', 'loopback', 'public'] as const;

export function sanitizeExchange(input: unknown): Sanitized {
  if (wellFormed(input)) return { exchange: input, warnings: [] };
  const warnings: Warning[] = [];
  const bad = (on: Target, subject: string, detail: string, hop?: number): void => {
    if (warnings.length < 32) warnings.push({ code: 'malformed-input', on, subject, detail, hop });
  };
  const source: Record<string, unknown> = isRecord(input) ? input : {};
  if (!isRecord(input)) bad('request', 'exchange', 'not-an-object');

  const headers = (value: unknown, on: Target, hop?: number): Header[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      bad(on, 'headers', 'not-a-list', hop);
      return [];
    }
    const out: Header[] = [];
    for (const item of value) {
      if (!isRecord(item) || typeof item.name !== 'string' || typeof item.value !== 'string') {
        bad(on, 'headers', 'bad-header', hop);
        continue;
      }
      const name = text(item.name, '');
      const headerValue = text(item.value, '');
      if (hasNulCrLf(headerValue) || hasNulCrLf(name)) bad(on, name.toLowerCase(), 'nul-cr-lf', hop);
      out.push({ name, value: headerValue });
    }
    return out;
  };
  const response = (value: unknown, on: Target, hop?: number): ObservedResponse | undefined => {
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      bad(on, 'response', 'not-an-object', hop);
      return undefined;
    }
    let status =
      typeof value.status === 'number' && Number.isFinite(value.status) ? Math.trunc(value.status) : 0;
    if (status < 0 || status > 999) {
      bad(on, 'status', 'out-of-range', hop);
      status = 0;
    } else if (typeof value.status !== 'number' || status === 0) bad(on, 'status', 'missing', hop);
    return { status, headers: headers(value.headers, on, hop) };
  };

  const url = text(source.url, '');
  if (typeof source.url !== 'string') bad('request', 'url', 'missing');
  const initiatorOrigin = text(source.initiatorOrigin, 'null');
  if (typeof source.initiatorOrigin !== 'string') bad('request', 'initiatorOrigin', 'missing');
  const method = text(source.method, 'GET');
  if (typeof source.method !== 'string') bad('request', 'method', 'missing');

  const preflights: ObservedPreflight[] = [];
  if (Array.isArray(source.preflights)) {
    for (const [index, item] of source.preflights.entries()) {
      if (!isRecord(item)) {
        bad('preflight', 'preflight', 'not-an-object', index);
        continue;
      }
      preflights.push({
        url: text(item.url, ''),
        requestHeaders: headers(item.requestHeaders, 'preflight', index),
        response: response(item.response, 'preflight', index),
        networkError: typeof item.networkError === 'string' ? item.networkError : undefined,
      });
    }
  } else if (source.preflights !== undefined) bad('preflight', 'preflights', 'not-a-list');

  const redirects: RedirectHop[] = [];
  if (Array.isArray(source.redirects)) {
    for (const [index, item] of source.redirects.entries()) {
      const hopResponse = isRecord(item) ? response(item.response, 'redirect', index) : undefined;
      if (!isRecord(item) || hopResponse === undefined) {
        bad('redirect', 'redirect', 'not-an-object', index);
        continue;
      }
      redirects.push({
        url: text(item.url, ''),
        requestHeaders:
          item.requestHeaders === undefined ? undefined : headers(item.requestHeaders, 'redirect', index),
        response: hopResponse,
        location: text(item.location, ''),
      });
    }
  } else if (source.redirects !== undefined) bad('redirect', 'redirects', 'not-a-list');

  const exchange: ObservedExchange = {
    initiatorOrigin,
    url,
    method,
    requestHeaders: headers(source.requestHeaders, 'request'),
    requestHeadersSource: oneOf(source.requestHeadersSource, ['observed', 'page', 'inferred'] as const),
    destination: oneOf(source.destination, DESTINATIONS) ?? '',
    mode: oneOf(source.mode, MODES),
    credentials: oneOf(source.credentials, CREDENTIALS),
    redirect: oneOf(source.redirect, REDIRECTS),
    forcePreflight: source.forcePreflight === true,
    ping: source.ping === true,
    preflights,
    redirects,
    response: response(source.response, 'response'),
    networkError: typeof source.networkError === 'string' ? source.networkError : undefined,
    refusedByRenderer: source.refusedByRenderer === true,
    pageOutcome: pageOutcome(source.pageOutcome),
    topLevelOrigin: typeof source.topLevelOrigin === 'string' ? source.topLevelOrigin : undefined,
    remoteIp: shortString(source.remoteIp) ? source.remoteIp : undefined,
    canvasRead: canvasRead(source.canvasRead),
    targetAddressSpace: oneOf(source.targetAddressSpace, SPACES),
    serviceWorkerAnswer: serviceWorkerAnswer(source.serviceWorkerAnswer),
  };
  return { exchange, warnings };
}

const DESTINATIONS: readonly Destination[] = [
  '',
  'audio',
  'document',
  'embed',
  'font',
  'frame',
  'iframe',
  'image',
  'json',
  'manifest',
  'object',
  'report',
  'script',
  'style',
  'track',
  'video',
  'worker',
  'sharedworker',
  'serviceworker',
  'xslt',
];

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** Any object stands for an answer (an unknown type is 'unknown'): the page said one came. */
function serviceWorkerAnswer(value: unknown): ServiceWorkerAnswer | undefined {
  if (!isRecord(value)) return undefined;
  const type = oneOf(value.type, ['opaque', 'opaqueredirect', 'redirected', 'unknown'] as const) ?? 'unknown';
  const evidence = oneOf(value.evidence, ['worker-request', 'cache'] as const);
  return {
    type,
    ...(typeof value.script === 'string' ? { script: text(value.script, '') } : {}),
    ...(evidence === undefined ? {} : { evidence }),
  };
}

function pageOutcome(value: unknown): PageOutcome | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'rejected') return { kind: 'rejected', message: text(value.message, '') };
  if (value.kind === 'response') {
    const type = oneOf(value.type, [
      'basic',
      'cors',
      'opaque',
      'opaqueredirect',
      'default',
      'error',
    ] as const);
    const status = typeof value.status === 'number' && Number.isFinite(value.status) ? value.status : 0;
    return { kind: 'response', status, type: type ?? 'default' };
  }
  return undefined;
}
