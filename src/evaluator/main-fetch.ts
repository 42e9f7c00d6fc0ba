import type { Failure, Pass } from './context';
import { step } from './context';
import { corsFetch } from './cors-fetch';
import { basicExposed, type ExposedHeaders, noneExposed } from './expose';
import { NO_PREFLIGHT, networkFailure } from './network';
import { noCorsFetch } from './no-cors';
import { isSameOrigin, parseUrl, serializeOrigin } from './origin';
import { normalizeMethod } from './safelist';
import type {
  BlockedReason,
  ObservedExchange,
  ObservedResponse,
  PreflightSummary,
  RequestMode,
  Verdict,
} from './types';

/** The result of one pass of the algorithm under one profile and credentials mode. */
export interface PassOutcome {
  readonly verdict: Verdict;
  readonly failure: Failure | null;
  readonly blockedReason: BlockedReason | null;
  readonly preflight: PreflightSummary;
  readonly exposed: ExposedHeaders;
  /** The request's origin at the end of the chain (`null` once tainted). */
  readonly origin: string;
  /** The response the verdict is about (the last one received). */
  readonly finalResponse?: ObservedResponse;
  /** The URL of the message the outcome is about (the failing hop's, or the last one). */
  readonly finalUrl: string;
  readonly crossOrigin: boolean;
  /** Method after #concept-method-normalize. */
  readonly method: string;
  /** Unsafe header names of the first hop that needed a preflight. */
  readonly unsafeNames: readonly string[];
}

/** The fields every outcome starts from. */
export interface Blank {
  readonly blockedReason: null;
  readonly origin: string;
  readonly finalUrl: string;
  readonly method: string;
  readonly unsafeNames: readonly string[];
}

// #main-fetch, replayed over what was observed: one request, its redirects, its preflights.
export function mainFetch(pass: Pass, exchange: ObservedExchange, mode: RequestMode): PassOutcome {
  const initiator = exchange.initiatorOrigin;
  const method = normalizeMethod(exchange.method);
  if (method !== exchange.method) {
    step(pass, {
      rule: 'method.normalize',
      anchor: '#concept-method-normalize',
      on: 'request',
      expected: method,
      actual: exchange.method,
      outcome: 'info',
    });
  }
  const blank: Blank = {
    blockedReason: null,
    origin: initiator,
    finalUrl: exchange.url,
    method,
    unsafeNames: [],
  };
  const firstUrl = parseUrl(pass.urls, exchange.url);
  if (firstUrl === null) {
    step(pass, {
      rule: 'request.scheme',
      anchor: '#concept-url',
      on: 'request',
      actual: exchange.url,
      outcome: 'fail',
      detail: 'unparsable-url',
    });
    return refused(blank, { code: null, on: 'request', parameter: null });
  }
  // 1. A chain that never leaves the initiator's origin: no CORS at all.
  if (!chainLeavesOrigin(pass, exchange, firstUrl, initiator)) {
    step(pass, {
      rule: 'request.same-origin',
      anchor: '#concept-request-origin',
      on: 'request',
      expected: initiator,
      actual: serializeOrigin(firstUrl),
      outcome: 'info',
    });
    return withoutCors(pass, exchange, blank, false);
  }
  // 2. Navigations are not subject to CORS.
  if (mode === 'navigate') {
    step(pass, {
      rule: 'request.mode',
      anchor: '#concept-request-mode',
      on: 'request',
      actual: mode,
      outcome: 'info',
      detail: 'navigate',
    });
    return withoutCors(pass, exchange, blank, true);
  }
  // 3. Mode same-origin to another origin: refused in the renderer, nothing is sent.
  if (mode === 'same-origin') {
    step(pass, {
      rule: 'request.mode',
      anchor: '#concept-main-fetch',
      on: 'request',
      expected: 'cors',
      actual: mode,
      outcome: 'fail',
    });
    return refused(blank, { code: 'DisallowedByMode', on: 'request', parameter: null });
  }
  if (mode === 'no-cors') return noCorsFetch(pass, exchange, blank, firstUrl);
  return corsFetch(pass, exchange, blank, firstUrl);
}

function refused(blank: Blank, failure: Failure): PassOutcome {
  return {
    ...blank,
    verdict: 'blocked',
    failure,
    preflight: NO_PREFLIGHT,
    exposed: noneExposed(undefined),
    crossOrigin: true,
  };
}

function chainLeavesOrigin(
  pass: Pass,
  exchange: ObservedExchange,
  firstUrl: URL,
  initiator: string,
): boolean {
  if (!isSameOrigin(initiator, serializeOrigin(firstUrl))) return true;
  let base = firstUrl.href;
  for (const hop of exchange.redirects) {
    const next = parseUrl(pass.urls, hop.location, base);
    if (next === null || !isSameOrigin(initiator, serializeOrigin(next))) return true;
    base = next.href;
  }
  return false;
}

/** No CORS rule applies (same origin, navigation): only a network failure can stop it. */
function withoutCors(
  pass: Pass,
  exchange: ObservedExchange,
  blank: Blank,
  crossOrigin: boolean,
): PassOutcome {
  const network = networkFailure(pass, exchange, 'response');
  const headers = exchange.response?.headers;
  return {
    ...blank,
    verdict: network === null ? 'allowed' : 'blocked',
    failure: network,
    preflight: NO_PREFLIGHT,
    exposed: network === null && !crossOrigin ? basicExposed(headers) : noneExposed(headers),
    finalResponse: exchange.response,
    crossOrigin,
  };
}
