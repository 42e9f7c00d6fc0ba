import type { Failure, Pass } from './context';
import { step } from './context';
import { corsCheck } from './cors-check';
import { basicExposed, corsExposed, type ExposedHeaders, noneExposed } from './expose';
import { corpCheck, noCorsRequestCheck } from './no-cors';
import { isHttpScheme, isSameOrigin, parseUrl, serializeOrigin } from './origin';
import { preflightReasons, validatePreflight } from './preflight';
import { type ChainState, followRedirect } from './redirect';
import { corsUnsafeRequestHeaderNames, normalizeMethod } from './safelist';
import type {
  BlockedReason,
  ObservedExchange,
  ObservedResponse,
  PreflightSummary,
  RequestMode,
  Target,
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
  readonly finalUrl: string;
  readonly crossOrigin: boolean;
  /** Method after #concept-method-normalize. */
  readonly method: string;
  /** Unsafe header names of the first hop that needed a preflight. */
  readonly unsafeNames: readonly string[];
}

const NO_PREFLIGHT: PreflightSummary = { needed: false, reasons: [], observed: false, presumedCached: false };

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
  const firstUrl = parseUrl(pass.urls, exchange.url);
  const blank = {
    blockedReason: null,
    origin: initiator,
    finalUrl: exchange.url,
    method,
    unsafeNames: [] as string[],
  };
  if (firstUrl === null) {
    step(pass, {
      rule: 'request.scheme',
      anchor: '#concept-url',
      on: 'request',
      actual: exchange.url,
      outcome: 'fail',
      detail: 'unparsable-url',
    });
    const failure: Failure = { code: null, on: 'request', parameter: null };
    return {
      ...blank,
      verdict: 'blocked',
      failure,
      preflight: NO_PREFLIGHT,
      exposed: noneExposed(undefined),
      crossOrigin: true,
    };
  }

  // 1. Same-origin chain: no CORS at all.
  if (!chainLeavesOrigin(pass, exchange, firstUrl, initiator)) {
    step(pass, {
      rule: 'request.same-origin',
      anchor: '#concept-request-origin',
      on: 'request',
      expected: initiator,
      actual: serializeOrigin(firstUrl),
      outcome: 'info',
    });
    return finishWithoutCors(pass, exchange, blank, basicExposed(exchange.response?.headers));
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
    return finishWithoutCors(pass, exchange, { ...blank }, noneExposed(exchange.response?.headers), true);
  }
  // 3. Mode same-origin to another origin: refused in the renderer.
  if (mode === 'same-origin') {
    step(pass, {
      rule: 'request.mode',
      anchor: '#concept-main-fetch',
      on: 'request',
      expected: 'cors',
      actual: mode,
      outcome: 'fail',
    });
    const failure: Failure = { code: 'DisallowedByMode', on: 'request', parameter: null };
    return {
      ...blank,
      verdict: 'blocked',
      failure,
      preflight: NO_PREFLIGHT,
      exposed: noneExposed(undefined),
      crossOrigin: true,
    };
  }
  if (mode === 'no-cors') return noCorsFetch(pass, exchange, blank, firstUrl);
  return corsFetch(pass, exchange, blank, firstUrl);
}

type Blank = { blockedReason: null; origin: string; finalUrl: string; method: string; unsafeNames: string[] };

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

/** No CORS rule applies: only a network failure can stop it. */
function finishWithoutCors(
  pass: Pass,
  exchange: ObservedExchange,
  blank: Blank,
  exposed: ExposedHeaders,
  crossOrigin = false,
): PassOutcome {
  const network = networkFailure(pass, exchange, 'response');
  return {
    ...blank,
    verdict: network === null ? 'allowed' : 'blocked',
    failure: network,
    preflight: NO_PREFLIGHT,
    exposed: network === null ? exposed : noneExposed(exchange.response?.headers),
    finalResponse: exchange.response,
    crossOrigin,
  };
}

// A request that got no response failed for a reason the page sees as "Failed to fetch" but
// that is not CORS (connection refused, aborted, DNS…): verdict blocked, no CORS code.
function networkFailure(pass: Pass, exchange: ObservedExchange, on: Target): Failure | null {
  if (exchange.response !== undefined || exchange.networkError === undefined) return null;
  step(pass, {
    rule: 'response.network-error',
    anchor: '#concept-network-error',
    on,
    actual: exchange.networkError,
    outcome: 'fail',
  });
  return { code: null, on, parameter: null };
}

// #concept-request-mode "no-cors": an opaque response, unless CORP stops it.
function noCorsFetch(pass: Pass, exchange: ObservedExchange, blank: Blank, firstUrl: URL): PassOutcome {
  const refused = noCorsRequestCheck(pass, blank.method, exchange.redirect ?? 'follow');
  const outcome = { ...blank, preflight: NO_PREFLIGHT, crossOrigin: true, finalResponse: exchange.response };
  if (refused !== null)
    return { ...outcome, verdict: 'blocked', failure: refused, exposed: noneExposed(undefined) };
  let url = firstUrl.href;
  for (let index = 0; index < exchange.redirects.length; index++) {
    const hop = exchange.redirects[index];
    if (hop === undefined) continue;
    const blocked = corpCheck(pass, hop.response, url, exchange.initiatorOrigin, 'redirect', index);
    if (blocked !== null) {
      const failure: Failure = {
        code: null,
        on: 'redirect',
        hop: index,
        parameter: null,
        status: hop.response.status,
      };
      return {
        ...outcome,
        verdict: 'blocked',
        failure,
        blockedReason: blocked,
        exposed: noneExposed(hop.response.headers),
      };
    }
    url = parseUrl(pass.urls, hop.location, url)?.href ?? url;
  }
  const network = networkFailure(pass, exchange, 'response');
  if (network !== null)
    return {
      ...outcome,
      verdict: 'blocked',
      failure: network,
      exposed: noneExposed(undefined),
      finalUrl: url,
    };
  const response = exchange.response;
  if (response !== undefined) {
    const blocked = corpCheck(pass, response, url, exchange.initiatorOrigin, 'response');
    if (blocked !== null) {
      const failure: Failure = { code: null, on: 'response', parameter: null, status: response.status };
      return {
        ...outcome,
        verdict: 'blocked',
        failure,
        blockedReason: blocked,
        exposed: noneExposed(response.headers),
        finalUrl: url,
      };
    }
  }
  step(pass, {
    rule: 'response.opaque',
    anchor: '#concept-filtered-response-opaque',
    on: 'response',
    outcome: 'info',
  });
  return {
    ...outcome,
    verdict: 'opaque',
    failure: null,
    exposed: noneExposed(response?.headers),
    finalUrl: url,
  };
}

// #concept-main-fetch in "cors" mode: per hop, preflight if needed, the CORS check on the
// response, then the redirect rules.
function corsFetch(pass: Pass, exchange: ObservedExchange, blank: Blank, firstUrl: URL): PassOutcome {
  const initiator = exchange.initiatorOrigin;
  let state: ChainState = {
    url: firstUrl,
    origin: initiator,
    tainted: false,
    headers: exchange.requestHeaders,
  };
  let corsTainting = !isSameOrigin(initiator, serializeOrigin(firstUrl));
  let preflightCursor = 0;
  let summary: PreflightSummary = NO_PREFLIGHT;
  let unsafeNames: readonly string[] = [];
  const hops = exchange.redirects.length;
  const outcomeBase = () => ({
    ...blank,
    origin: state.origin,
    finalUrl: state.url.href,
    crossOrigin: true,
    preflight: summary,
    unsafeNames,
  });
  const blocked = (failure: Failure, response?: ObservedResponse): PassOutcome => ({
    ...outcomeBase(),
    verdict: 'blocked',
    failure,
    finalResponse: response,
    exposed: noneExposed(response?.headers),
  });

  for (let index = 0; index <= hops; index++) {
    const hopIndex = index < hops ? index : undefined;
    if (corsTainting) {
      // a. CORS is only defined for HTTP(S).
      if (!isHttpScheme(state.url)) {
        step(pass, {
          rule: 'request.scheme',
          anchor: '#concept-main-fetch',
          on: index === 0 ? 'request' : 'redirect',
          hop: index === 0 ? undefined : index - 1,
          expected: 'http, https',
          actual: state.url.protocol.slice(0, -1),
          outcome: 'fail',
        });
        return blocked({
          code: 'CorsDisabledScheme',
          on: index === 0 ? 'request' : 'redirect',
          hop: index === 0 ? undefined : index - 1,
          parameter: state.url.protocol.slice(0, -1),
        });
      }
      // b. Preflight: needed? observed (then validate) or presumed cached.
      const unsafe = corsUnsafeRequestHeaderNames(state.headers, pass.profile);
      if (unsafe.usedClientHint) pass.profileSensitive = true;
      for (const check of unsafe.checks) {
        step(pass, {
          rule: 'safelist.header',
          anchor: '#cors-safelisted-request-header',
          on: 'request',
          hop: hopIndex,
          subject: check.name,
          outcome: check.detail === 'safelisted' || check.detail === 'client-hint' ? 'pass' : 'info',
          detail: check.detail,
          deviation: check.detail === 'client-hint' ? 'chrome' : undefined,
        });
      }
      if (unsafe.overTotal) {
        step(pass, {
          rule: 'safelist.total-size',
          anchor: '#cors-unsafe-request-header-names',
          on: 'request',
          hop: hopIndex,
          expected: '<=1024',
          actual: String(unsafe.totalSafelistedBytes),
          outcome: 'info',
        });
      }
      const reasons = preflightReasons(
        blank.method,
        unsafe.names,
        exchange.forcePreflight === true,
        unsafe.overTotal,
      );
      step(pass, {
        rule: 'safelist.method',
        anchor: '#cors-safelisted-method',
        on: 'request',
        hop: hopIndex,
        subject: blank.method,
        outcome: reasons.includes('method') ? 'info' : 'pass',
      });
      step(pass, {
        rule: 'preflight.needed',
        anchor: '#cors-preflight-fetch',
        on: 'request',
        hop: hopIndex,
        actual: reasons.join(' '),
        outcome: 'info',
        detail: reasons.length > 0 ? 'needed' : 'not-needed',
      });
      if (reasons.length > 0) {
        if (!summary.needed) unsafeNames = unsafe.names;
        const found = findPreflight(pass, exchange, state.url.href, preflightCursor);
        if (found === -1) {
          step(pass, {
            rule: 'preflight.cache',
            anchor: '#cors-preflight-cache',
            on: 'preflight',
            hop: hopIndex,
            outcome: 'info',
            detail: 'presumed-cached',
          });
          summary = {
            ...summary,
            needed: true,
            reasons: summary.needed ? summary.reasons : reasons,
            presumedCached: true,
          };
        } else {
          preflightCursor = found + 1;
          summary = {
            ...summary,
            needed: true,
            reasons: summary.needed ? summary.reasons : reasons,
            observed: true,
          };
          const preflight = exchange.preflights[found];
          if (preflight !== undefined) {
            const result = validatePreflight(pass, preflight, {
              method: blank.method,
              unsafeNames: unsafe.names,
              origin: state.origin,
              hop: hopIndex,
            });
            if (result.cacheSeconds !== undefined)
              summary = { ...summary, cacheSeconds: result.cacheSeconds };
            if (result.failure !== null) {
              const out = blocked(result.failure, preflight.response);
              return { ...out, preflight: summary };
            }
          }
        }
      }
    }
    // c. The response of this hop.
    const hop = index < hops ? exchange.redirects[index] : undefined;
    const response = hop !== undefined ? hop.response : exchange.response;
    if (response === undefined) {
      const network = networkFailure(pass, exchange, 'response');
      if (network !== null) return blocked(network);
      // Nothing received yet (in flight, or the hook saw no answer): no rule failed.
      step(pass, {
        rule: 'response.network-error',
        anchor: '#concept-network-error',
        on: 'response',
        actual: null,
        outcome: 'skip',
        detail: 'no-response',
      });
      return { ...outcomeBase(), verdict: 'allowed', failure: null, exposed: noneExposed(undefined) };
    }
    const on: Target = hop !== undefined ? 'redirect' : 'response';
    if (corsTainting) {
      const failure = corsCheck(pass, response.headers, state.origin, {
        on,
        hop: hopIndex,
        status: response.status,
      });
      if (failure !== null) return blocked(failure, response);
    }
    if (hop === undefined) break;
    // d. Follow the redirect.
    const nextHeaders = index + 1 < hops ? exchange.redirects[index + 1]?.requestHeaders : undefined;
    const followed = followRedirect(
      pass,
      state,
      hop,
      index,
      exchange.redirect ?? 'follow',
      initiator,
      nextHeaders,
    );
    if (followed.kind === 'failure') return blocked(followed.failure, response);
    if (followed.kind === 'manual')
      return {
        ...outcomeBase(),
        verdict: 'opaque',
        failure: null,
        finalResponse: response,
        exposed: noneExposed(response.headers),
      };
    state = followed.next;
    if (!corsTainting && !isSameOrigin(initiator, serializeOrigin(state.url))) corsTainting = true;
  }
  const response = exchange.response;
  const exposed =
    response === undefined
      ? noneExposed(undefined)
      : corsTainting
        ? corsExposed(pass, response.headers)
        : basicExposed(response.headers);
  return { ...outcomeBase(), verdict: 'allowed', failure: null, finalResponse: response, exposed };
}

function findPreflight(pass: Pass, exchange: ObservedExchange, href: string, from: number): number {
  for (let index = from; index < exchange.preflights.length; index++) {
    const preflight = exchange.preflights[index];
    if (preflight === undefined) continue;
    if (preflight.url === href || parseUrl(pass.urls, preflight.url)?.href === href) return index;
  }
  return -1;
}
