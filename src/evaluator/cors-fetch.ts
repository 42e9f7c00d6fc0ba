import type { Failure, Pass } from './context';
import { step } from './context';
import { corsCheck } from './cors-check';
import { basicExposed, corsExposed, type ExposedHeaders, noneExposed } from './expose';
import { getHeader } from './headers';
import { NO_PREFLIGHT, networkFailure } from './network';
import { isHttpScheme, isSameOrigin, type ParsedUrl, parseUrl, serializeOrigin } from './origin';
import { type Blank, makeOutcome, type PassOutcome } from './outcome';
import { preflightReasons, validatePreflight } from './preflight';
import { type ChainState, followRedirect } from './redirect';
import { corsUnsafeRequestHeaderNames } from './safelist';
import type { ObservedExchange, ObservedResponse, PreflightSummary, Target } from './types';

const MAX_REDIRECTS = 20;

/** Where the replay of a CORS-mode chain stands; one mutable object per pass. */
interface Progress {
  readonly blank: Blank;
  state: ChainState;
  summary: PreflightSummary;
  unsafeNames: readonly string[];
  preflightCursor: number;
}

function outcomeOf(
  progress: Progress,
  verdict: PassOutcome['verdict'],
  failure: Failure | null,
  response: ObservedResponse | undefined,
  exposed: ExposedHeaders = noneExposed(response?.headers),
): PassOutcome {
  return makeOutcome(progress.blank, {
    verdict,
    failure,
    exposed,
    crossOrigin: true,
    preflight: progress.summary,
    origin: progress.state.origin,
    finalResponse: response,
    finalUrl: progress.state.url.href,
    unsafeNames: progress.unsafeNames,
  });
}

// #concept-main-fetch in "cors" mode: per hop, a preflight if needed, the CORS check on the
// response, then the redirect rules (#http-redirect-fetch).
export function corsFetch(
  pass: Pass,
  exchange: ObservedExchange,
  blank: Blank,
  firstUrl: ParsedUrl,
): PassOutcome {
  const initiator = exchange.initiatorOrigin;
  const progress: Progress = {
    blank,
    state: {
      url: firstUrl,
      origin: requestOrigin(pass, exchange),
      tainted: false,
      headers: exchange.requestHeaders,
    },
    summary: NO_PREFLIGHT,
    unsafeNames: [],
    preflightCursor: 0,
  };
  // Response tainting becomes "cors" at the first cross-origin URL and stays so.
  let corsTainting = !isSameOrigin(initiator, serializeOrigin(firstUrl));
  const hops = exchange.redirects.length;
  for (let index = 0; index <= hops; index++) {
    const hopIndex = index < hops ? index : undefined;
    if (corsTainting) {
      // 1. CORS is only defined for HTTP(S).
      const url = progress.state.url;
      if (!isHttpScheme(url)) {
        const on: Target = index === 0 ? 'request' : 'redirect';
        const hop = index === 0 ? undefined : index - 1;
        const scheme = url.protocol.slice(0, -1);
        step(pass, {
          rule: 'request.scheme',
          anchor: '#concept-main-fetch',
          on,
          hop,
          expected: 'http, https',
          actual: scheme,
          outcome: 'fail',
        });
        return outcomeOf(
          progress,
          'blocked',
          { code: 'CorsDisabledScheme', on, hop, parameter: scheme },
          undefined,
        );
      }
      // 2. A preflight when needed: observed (validate it) or presumed cached.
      const preflightFailure = preflightForHop(pass, exchange, progress, hopIndex);
      if (preflightFailure !== null) return preflightFailure;
    }
    // 3. The response of this hop.
    const hop = index < hops ? exchange.redirects[index] : undefined;
    const response = hop !== undefined ? hop.response : exchange.response;
    if (response === undefined) {
      // A preflight was needed but not seen and nothing came back: most likely a preflight we
      // could not observe failed (Firefox hides them from webRequest). Say so in the detail.
      const hint = progress.summary.presumedCached ? 'preflight-not-observed' : undefined;
      const network = networkFailure(pass, exchange, 'response', hint);
      if (network !== null) return outcomeOf(progress, 'blocked', network, undefined);
      // Nothing received yet (in flight, or only the page hook saw the call): no rule failed.
      step(pass, {
        rule: 'response.network-error',
        anchor: '#concept-network-error',
        on: 'response',
        actual: null,
        outcome: 'skip',
        detail: 'no-response',
      });
      return outcomeOf(progress, 'allowed', null, undefined);
    }
    // 4. The CORS check runs on every response once tainting is "cors", 3xx included.
    if (corsTainting) {
      const on: Target = hop !== undefined ? 'redirect' : 'response';
      const failure = corsCheck(pass, response.headers, progress.state.origin, {
        on,
        hop: hopIndex,
        status: response.status,
      });
      if (failure !== null) return outcomeOf(progress, 'blocked', failure, response);
    }
    if (hop === undefined) {
      const exposed = corsTainting ? corsExposed(pass, response.headers) : basicExposed(response.headers);
      return outcomeOf(progress, 'allowed', null, response, exposed);
    }
    // 5. Follow the redirect: the 21st one is a network error (#http-redirect-fetch step 5).
    if (index >= MAX_REDIRECTS) {
      step(pass, {
        rule: 'redirect.mode',
        anchor: '#http-redirect-fetch',
        on: 'redirect',
        hop: index,
        expected: `<=${MAX_REDIRECTS}`,
        actual: String(index + 1),
        outcome: 'fail',
        detail: 'too-many-redirects',
      });
      return outcomeOf(
        progress,
        'blocked',
        { code: null, on: 'redirect', hop: index, parameter: null, status: response.status },
        response,
      );
    }
    const nextHeaders = index + 1 < hops ? exchange.redirects[index + 1]?.requestHeaders : undefined;
    const followed = followRedirect(
      pass,
      progress.state,
      hop,
      index,
      exchange.redirect ?? 'follow',
      initiator,
      nextHeaders,
    );
    if (followed.kind === 'failure') return outcomeOf(progress, 'blocked', followed.failure, response);
    if (followed.kind === 'manual') return outcomeOf(progress, 'opaque', null, response);
    progress.state = followed.next;
    if (!corsTainting && !isSameOrigin(initiator, serializeOrigin(followed.next.url))) corsTainting = true;
  }
  return outcomeOf(progress, 'allowed', null, undefined);
}

// #cors-preflight-fetch for one URL of the chain. Returns a blocked outcome, or null to go on.
function preflightForHop(
  pass: Pass,
  exchange: ObservedExchange,
  progress: Progress,
  hop: number | undefined,
): PassOutcome | null {
  const method = progress.blank.method;
  // When the actual request never left, the assembler filled its header names from the
  // preflight's Access-Control-Request-Headers: all of those are unsafe by construction.
  const fromPreflight = exchange.requestHeadersSource === 'inferred';
  const unsafe = corsUnsafeRequestHeaderNames(progress.state.headers, pass.profile, fromPreflight);
  if (unsafe.usedClientHint) pass.profileSensitive = true;
  for (const check of unsafe.checks) {
    const safe = check.detail === 'safelisted' || check.detail === 'client-hint';
    step(pass, {
      rule: 'safelist.header',
      anchor: '#cors-safelisted-request-header',
      on: 'request',
      hop,
      subject: check.name,
      outcome: safe ? 'pass' : 'info',
      detail: check.detail,
      deviation: check.detail === 'client-hint' ? 'chrome' : undefined,
    });
  }
  if (unsafe.overTotal) {
    step(pass, {
      rule: 'safelist.total-size',
      anchor: '#cors-unsafe-request-header-names',
      on: 'request',
      hop,
      expected: '<=1024',
      actual: String(unsafe.totalSafelistedBytes),
      outcome: 'info',
    });
  }
  let reasons = preflightReasons(method, unsafe.names, exchange.forcePreflight === true, unsafe.overTotal);
  // A preflight on the wire that no rule asks for was forced (an XHR upload listener, a
  // streaming body): webRequest cannot say so, the wire can.
  if (
    reasons.length === 0 &&
    findPreflight(pass, exchange, progress.state.url.href, progress.preflightCursor) !== -1
  ) {
    reasons = preflightReasons(method, unsafe.names, true, unsafe.overTotal);
  }
  step(pass, {
    rule: 'safelist.method',
    anchor: '#cors-safelisted-method',
    on: 'request',
    hop,
    subject: method,
    outcome: reasons.includes('method') ? 'info' : 'pass',
  });
  step(pass, {
    rule: 'preflight.needed',
    anchor: '#cors-preflight-fetch',
    on: 'request',
    hop,
    actual: reasons.join(' '),
    outcome: 'info',
    detail: reasons.length > 0 ? 'needed' : 'not-needed',
  });
  if (reasons.length === 0) return null;
  const first = !progress.summary.needed;
  if (first) progress.unsafeNames = unsafe.names;
  const summaryReasons = first ? reasons : progress.summary.reasons;
  const found = findPreflight(pass, exchange, progress.state.url.href, progress.preflightCursor);
  const preflight = found === -1 ? undefined : exchange.preflights[found];
  if (preflight === undefined) {
    // Needed but not on the wire: served from the preflight cache. Normal, not a failure.
    step(pass, {
      rule: 'preflight.cache',
      anchor: '#cors-preflight-cache',
      on: 'preflight',
      hop,
      outcome: 'info',
      detail: 'presumed-cached',
    });
    progress.summary = { ...progress.summary, needed: true, reasons: summaryReasons, presumedCached: true };
    return null;
  }
  progress.preflightCursor = found + 1;
  progress.summary = { ...progress.summary, needed: true, reasons: summaryReasons, observed: true };
  const result = validatePreflight(pass, preflight, {
    method,
    unsafeNames: unsafe.names,
    origin: progress.state.origin,
    hop,
  });
  if (result.cacheSeconds !== undefined)
    progress.summary = { ...progress.summary, cacheSeconds: result.cacheSeconds };
  if (result.failure === null) return null;
  return outcomeOf(progress, 'blocked', result.failure, preflight.response);
}

function findPreflight(pass: Pass, exchange: ObservedExchange, href: string, from: number): number {
  for (let index = from; index < exchange.preflights.length; index++) {
    const preflight = exchange.preflights[index];
    if (preflight === undefined) continue;
    if (preflight.url === href || parseUrl(pass.urls, preflight.url)?.href === href) return index;
  }
  return -1;
}

// #concept-request-origin: the initiator's origin, unless the first hop was observed carrying a
// different Origin header; what the browser sent is what its CORS check compared against.
function requestOrigin(pass: Pass, exchange: ObservedExchange): string {
  const initiator = exchange.initiatorOrigin;
  if (exchange.requestHeadersSource === 'inferred') return initiator;
  const sent = getHeader(exchange.requestHeaders, 'origin');
  if (sent === null || sent === initiator) return initiator;
  step(pass, {
    rule: 'outcome.consistency',
    anchor: '#concept-request-origin',
    on: 'request',
    subject: 'origin',
    expected: initiator,
    actual: sent,
    outcome: 'info',
    detail: 'origin-header-differs',
  });
  return sent;
}
