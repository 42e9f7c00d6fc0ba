import { evaluate } from '../../evaluator/evaluate';
import type {
  BrowserProfile,
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
} from '../../evaluator/types';
import type { CorsRecord } from '../../shared/record';
import type { Send, WireRequest, WireResult } from './http';
import {
  actualHeaders,
  firstHop,
  type Hop,
  isRedirectStatus,
  needsPreflight,
  nextHop,
  type ProbeRequest,
  preflightHeaders,
} from './plan';

/** What went over the wire, in order, for --verbose and --json. */
export interface WireEntry {
  readonly kind: 'preflight' | 'request';
  readonly request: WireRequest;
  readonly response?: ObservedResponse;
}

export type ProbeResult =
  | {
      readonly kind: 'evaluated';
      readonly exchange: ObservedExchange;
      readonly wire: readonly WireEntry[];
      /** One record per profile asked for, evaluated with that profile's rules. */
      readonly records: ReadonlyMap<BrowserProfile, CorsRecord>;
    }
  | { readonly kind: 'network'; readonly reason: string; readonly wire: readonly WireEntry[] };

export interface ProbeOptions {
  readonly profiles: readonly BrowserProfile[];
  /** Per request: a hard deadline from connect to the last header byte (http.ts). */
  readonly timeoutMs: number;
  readonly send: Send;
  /** The whole run's bound (--max-time): no request goes out, or lasts, past this time. */
  readonly deadline?: { readonly at: number; readonly now: () => number; readonly maxTimeMs: number };
}

/** The line for a request the whole run's bound did not leave time for. */
export function maxTimeReason(maxTimeMs: number): string {
  return `the whole run took longer than --max-time ${maxTimeMs} ms (raise it to wait longer)`;
}

/** How Chromium names a fetch the CORS rules stopped (the page sees "Failed to fetch"). */
const CORS_FAILED = 'net::ERR_FAILED';
const MAX_REDIRECTS = 20;

/**
 * Sends what a browser would send for `fetch(url, { method, headers, credentials })` from
 * `origin`, one hop at a time, and stops where the browser would stop: after a preflight or a
 * redirect that every profile asked for refuses (so a refused DELETE is never sent). Each
 * decision to go on is the evaluator's, over what was seen so far.
 */
export async function probe(request: ProbeRequest, opts: ProbeOptions): Promise<ProbeResult> {
  const primary = opts.profiles[0] ?? 'chrome';
  const wire: WireEntry[] = [];
  const preflights: ObservedPreflight[] = [];
  const redirects: RedirectHop[] = [];
  let firstHeaders: Header[] | undefined;
  const exchangeOf = (response?: ObservedResponse, networkError?: string): ObservedExchange => ({
    initiatorOrigin: request.origin,
    url: request.url,
    method: request.method,
    requestHeaders: firstHeaders ?? actualHeaders(firstHop(request)),
    destination: '',
    mode: 'cors',
    credentials: request.credentials ? 'include' : 'same-origin',
    redirect: 'follow',
    preflights: [...preflights],
    redirects: [...redirects],
    ...(response === undefined ? {} : { response }),
    ...(networkError === undefined ? {} : { networkError }),
  });
  const finish = (response?: ObservedResponse, networkError?: string): ProbeResult => {
    const exchange = exchangeOf(response, networkError);
    const records = new Map<BrowserProfile, CorsRecord>();
    for (const profile of opts.profiles) {
      const record = recordOf(exchange, profile);
      // What this profile's browser would do with the answer: refuse it as a network error.
      const refused =
        record.evaluation.verdict === 'blocked' && networkError === undefined
          ? recordOf({ ...exchange, networkError: CORS_FAILED }, profile)
          : record;
      records.set(profile, refused);
    }
    return { kind: 'evaluated', exchange, wire, records };
  };
  // The browser stops once the rules refuse what was seen so far, for every profile asked.
  const everyProfileRefuses = (): boolean => {
    const byProfile = evaluate(exchangeOf(), { profile: primary }).byProfile;
    return opts.profiles.every((p) => byProfile[p]?.verdict === 'blocked');
  };
  const sendOne = async (kind: WireEntry['kind'], wanted: WireRequest): Promise<WireResult> => {
    // Each request gets --timeout, or what is left of --max-time when that is less.
    const left = opts.deadline === undefined ? wanted.timeoutMs : opts.deadline.at - opts.deadline.now();
    if (left <= 0 && opts.deadline !== undefined)
      return { kind: 'failure', reason: maxTimeReason(opts.deadline.maxTimeMs) };
    const out = left < wanted.timeoutMs ? { ...wanted, timeoutMs: Math.ceil(left) } : wanted;
    let result = await opts.send(out);
    // Cut short by --max-time (not by its own --timeout): say which bound it was.
    if (
      result.kind === 'failure' &&
      out !== wanted &&
      opts.deadline &&
      opts.deadline.now() >= opts.deadline.at
    )
      result = { kind: 'failure', reason: maxTimeReason(opts.deadline.maxTimeMs) };
    wire.push(result.kind === 'response' ? { kind, request: out, response: result } : { kind, request: out });
    return result;
  };

  let hop: Hop = firstHop(request);
  for (let index = 0; index <= MAX_REDIRECTS; index++) {
    if (needsPreflight(hop, primary)) {
      const headers = preflightHeaders(hop, primary);
      const sent = await sendOne('preflight', {
        method: 'OPTIONS',
        url: hop.url,
        headers,
        timeoutMs: opts.timeoutMs,
      });
      if (sent.kind === 'failure') return { kind: 'network', reason: sent.reason, wire };
      preflights.push({
        url: hop.url,
        requestHeaders: headers,
        response: { status: sent.status, headers: sent.headers },
      });
      if (everyProfileRefuses()) return finish(undefined, CORS_FAILED);
    }
    const headers = actualHeaders(hop);
    if (index === 0) firstHeaders = headers;
    const sent = await sendOne('request', {
      method: hop.method,
      url: hop.url,
      headers,
      timeoutMs: opts.timeoutMs,
      ...(hop.body === undefined ? {} : { body: hop.body }),
    });
    if (sent.kind === 'failure') return { kind: 'network', reason: sent.reason, wire };
    const response: ObservedResponse = { status: sent.status, headers: sent.headers };
    const location = sent.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (!isRedirectStatus(sent.status) || location === undefined) return finish(response);
    redirects.push({ url: hop.url, requestHeaders: headers, response, location });
    if (everyProfileRefuses()) return finish(undefined, CORS_FAILED);
    const next = nextHop(hop, sent.status, location, request.origin);
    if (next === null || !/^https?:$/.test(new URL(next.url).protocol)) return finish(undefined, CORS_FAILED);
    hop = next;
  }
  return finish(undefined, CORS_FAILED);
}

function recordOf(exchange: ObservedExchange, profile: BrowserProfile): CorsRecord {
  return {
    id: `probe:${profile}`,
    tabId: -1,
    frameId: 0,
    type: 'xmlhttprequest',
    startedAt: Date.now(),
    exchange,
    evaluation: evaluate(exchange, { profile }),
  };
}
