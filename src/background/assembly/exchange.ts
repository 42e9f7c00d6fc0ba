/**
 * From webRequest events to the evaluator's ObservedExchange. Pure: the webRequest facts it
 * relies on (preflights with their own requestId, blocked actual requests with no headers,
 * `Origin: null` after a cross-origin redirect) are in shared/docs/platform-notes.md.
 */

import { getHeader } from '../../evaluator/headers';
import { originOf } from '../../evaluator/origin-of';
import type {
  CredentialsMode,
  Destination,
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
  RedirectMode,
  RequestMode,
} from '../../evaluator/types';
import { NOT_FETCH_TYPES } from '../../platform/listeners';
import type { PageCall } from '../../shared/record';

/** How long a preflight and its actual request, or a page call and its exchange, may be apart. */
export const PAIRING_WINDOW_MS = 10_000;

/** What the worker keeps of one webRequest requestId while it is in flight (persisted). */
export interface InFlight {
  readonly requestId: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly type: string;
  readonly documentUrl?: string;
  /** Serialized initiator origin, `null` when opaque. */
  readonly initiator: string;
  readonly method: string;
  /** The URL the page asked for. */
  readonly url: string;
  currentUrl: string;
  readonly startedAt: number;
  /** Request headers of the first hop, when onSendHeaders was seen for it. */
  firstHeaders?: Header[];
  /** Request headers of the current hop. */
  hopHeaders?: Header[];
  redirects: RedirectHop[];
  response?: ObservedResponse;
  /** OPTIONS with Access-Control-Request-Method: a CORS preflight, not an actual request. */
  isPreflight?: boolean;
  preflights: ObservedPreflight[];
  call?: PageCall;
  /** The non-public address the answer came from (webRequest `ip`), for Local Network Access. */
  remoteIp?: string;
  /**
   * A request without a tab (a service or shared worker's): every recorded tab it was
   * attributed to, ascending; `tabId` is the first (./worker-attribution.ts).
   */
  workerTabs?: readonly number[];
  /** When the worker last saw an event of this request (epoch ms). */
  touchedAt?: number;
}

/** A finished preflight waiting for its actual request (or arriving after it). */
export interface LoosePreflight {
  readonly tabId: number;
  readonly initiator: string;
  readonly at: number;
  readonly preflight: ObservedPreflight;
}

/** Chrome gives `initiator` (an origin); Firefox gives `originUrl` (a URL). */
export function initiatorOf(event: { initiator?: string; originUrl?: string }): string | undefined {
  if (event.initiator !== undefined) return event.initiator;
  return originOf(event.originUrl);
}

export function isExtensionOrigin(origin: string): boolean {
  return /^(chrome|moz|safari-web)-extension:/.test(origin);
}

/** webRequest resource types that are navigations or not fetches at all: never CORS. */
const NOT_FETCHES = new Set(NOT_FETCH_TYPES);

export function isObservableType(type: string): boolean {
  return !NOT_FETCHES.has(type);
}

const DESTINATIONS: Record<string, Destination> = {
  xmlhttprequest: '',
  font: 'font',
  script: 'script',
  image: 'image',
  imageset: 'image',
  stylesheet: 'style',
  media: 'video',
  object: 'object',
  object_subrequest: 'object',
  csp_report: 'report',
  ping: '',
  beacon: '',
  other: '',
};

/** The fetch destination closest to a webRequest type (media cannot tell audio from video). */
export function destinationOf(type: string): Destination {
  return DESTINATIONS[type] ?? '';
}

/**
 * Headers the browser adds to every request after the CORS checks (user agent, client hints it
 * sends unasked, encodings): they never decide a verdict, and dropping them keeps a stored record
 * about half its size, which matters under storage.session's 10 MB. Fetch metadata stays: its
 * Sec-Fetch-Mode/Dest/Site say how the browser sent the request (evaluator/fetch-metadata.ts);
 * the panel hides it for display only.
 */
const BROWSER_NOISE = new Set(['user-agent', 'accept-encoding', 'priority', 'connection']);
const EVIDENCE = new Set(['sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-site']);

export function withoutBrowserNoise(headers: readonly Header[]): Header[] {
  return headers.filter((h) => {
    const name = h.name.toLowerCase();
    if (EVIDENCE.has(name)) return true;
    return !BROWSER_NOISE.has(name) && !name.startsWith('sec-ch-ua') && !name.startsWith('sec-fetch-');
  });
}

export function isPreflightRequest(method: string, headers: readonly Header[] | undefined): boolean {
  return method === 'OPTIONS' && getHeader(headers ?? [], 'access-control-request-method') !== null;
}

/** Drops the fragment: webRequest never sees it, the page hook does. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** True when some hop of the chain leaves the initiator's origin: only those are CORS-relevant. */
export function leavesOrigin(flight: InFlight): boolean {
  if (flight.initiator === 'null') return true;
  const urls = [flight.url, ...flight.redirects.map((hop) => hop.location), flight.currentUrl];
  return urls.some((url) => {
    const origin = originOf(url);
    return origin !== undefined && origin !== flight.initiator;
  });
}

export function toPreflight(flight: InFlight, networkError?: string): ObservedPreflight {
  return {
    url: flight.currentUrl,
    requestHeaders: flight.hopHeaders ?? [],
    ...(flight.response ? { response: flight.response } : {}),
    ...(networkError !== undefined && !flight.response ? { networkError } : {}),
  };
}

/**
 * A request blocked after its preflight never sends headers: its unsafe header names are the
 * preflight's Access-Control-Request-Headers, values unknown.
 */
export function inferredHeaders(preflights: readonly ObservedPreflight[]): Header[] {
  const first = preflights[0];
  const names = getHeader(first?.requestHeaders ?? [], 'access-control-request-headers') ?? '';
  return names
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name, value: '' }));
}

const MODES = new Set<RequestMode>(['cors', 'no-cors', 'same-origin', 'navigate']);
const SPACES = new Set(['local', 'loopback', 'public'] as const);
type Space = ObservedExchange['targetAddressSpace'];
const CREDENTIALS = new Set<CredentialsMode>(['omit', 'same-origin', 'include']);
const REDIRECTS = new Set<RedirectMode>(['follow', 'error', 'manual']);

/** What the page hook told us, as the exchange's optional fields. */
export function callFields(call: PageCall | undefined): Partial<ObservedExchange> {
  if (!call) return {};
  const mode = call.mode as RequestMode | undefined;
  const credentials = call.credentials as CredentialsMode | undefined;
  const redirect = call.redirect as RedirectMode | undefined;
  const space = call.targetAddressSpace as Space;
  return {
    ...(space && SPACES.has(space) ? { targetAddressSpace: space } : {}),
    ...(mode && MODES.has(mode) ? { mode } : {}),
    ...(credentials && CREDENTIALS.has(credentials) ? { credentials } : {}),
    ...(redirect && REDIRECTS.has(redirect) ? { redirect } : {}),
    ...(call.outcome ? { pageOutcome: call.outcome } : {}),
  };
}

/**
 * A 3xx answer followed by a network error is a redirect the browser refused to follow (userinfo
 * in Location, redirect mode `error`, …): it is a hop of the chain, not the final response.
 */
function refusedRedirect(flight: InFlight, networkError?: string): RedirectHop | undefined {
  const response = flight.response;
  if (networkError === undefined || !response || response.status < 300 || response.status > 399)
    return undefined;
  const location = getHeader(response.headers, 'location');
  if (location === null) return undefined;
  return {
    url: flight.currentUrl,
    ...(flight.hopHeaders ? { requestHeaders: flight.hopHeaders } : {}),
    response,
    location,
  };
}

export function toExchange(flight: InFlight, networkError?: string): ObservedExchange {
  const sent = flight.firstHeaders !== undefined;
  const refused = refusedRedirect(flight, networkError);
  const redirects = refused ? [...flight.redirects, refused] : flight.redirects;
  const response = refused ? undefined : flight.response;
  return {
    initiatorOrigin: flight.initiator,
    url: flight.url,
    method: flight.method,
    requestHeaders: sent ? (flight.firstHeaders ?? []) : inferredHeaders(flight.preflights),
    requestHeadersSource: sent ? 'observed' : 'inferred',
    destination: destinationOf(flight.type),
    ...(flight.type === 'ping' ? { ping: true } : {}),
    preflights: flight.preflights,
    redirects,
    ...(response ? { response } : {}),
    ...(networkError !== undefined ? { networkError } : {}),
    ...(flight.remoteIp !== undefined && response ? { remoteIp: flight.remoteIp } : {}),
    ...callFields(flight.call),
  };
}

/** An exchange for a call the renderer refused before any network activity. */
export function refusedExchange(call: PageCall, initiator: string): ObservedExchange {
  return {
    initiatorOrigin: initiator,
    url: call.url,
    method: call.method,
    requestHeaders: call.headerNames.map((name) => ({ name, value: '' })),
    requestHeadersSource: 'page',
    destination: '',
    preflights: [],
    redirects: [],
    refusedByRenderer: true,
    ...callFields(call),
  };
}
