import type { Pass } from './context';
import { step, stepsIn } from './context';
import { corsFetch } from './cors-fetch';
import { basicExposed, noneExposed } from './expose';
import { localNetworkAccess } from './local-network';
import { mixedContentBlocks } from './mixed-content';
import { networkFailure } from './network';
import { noCorsFetch } from './no-cors';
import { isSameOrigin, type ParsedUrl, parseUrl, serializeOrigin } from './origin';
import { type Blank, makeOutcome, type PassOutcome, unanswered } from './outcome';
import { normalizeMethod } from './safelist';
import { serviceWorkerFetch } from './service-worker';
import type { ObservedExchange, RequestMode } from './types';

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
    return unanswered(blank, { code: null, on: 'request', parameter: null });
  }
  // 0. Mixed content is checked before anything is sent (#main-fetch step 7): only WebKit
  // blocks plain-http loopback from an https page (see mixed-content.ts).
  if (mixedContentBlocks(pass, exchange, firstUrl)) {
    return makeOutcome(blank, {
      verdict: 'blocked',
      failure: { code: null, on: 'request', parameter: null },
      blockedReason: 'mixed-content',
      exposed: noneExposed(undefined),
      crossOrigin: true,
    });
  }
  // 0. The page's service worker answered: no network request, only its answer's type decides
  // (also for a same-origin URL: the worker's answer is checked whatever the URL).
  const answered = serviceWorkerFetch(pass, exchange, blank, mode);
  if (answered !== null) return answered;
  // 0. Local Network Access is checked when the connection is made, before any CORS rule and
  // whatever the mode: a refused request never reaches the server.
  const localNetwork = localNetworkAccess(pass, exchange, firstUrl);
  if (localNetwork !== null) return unanswered(blank, localNetwork);
  const at = stepsIn(pass, { anchor: '#concept-main-fetch', on: 'request' });
  // 1. A chain that never leaves the initiator's origin: no CORS at all.
  if (!chainLeavesOrigin(pass, exchange, firstUrl, initiator)) {
    const actual = serializeOrigin(firstUrl);
    at({
      rule: 'request.same-origin',
      anchor: '#concept-request-origin',
      expected: initiator,
      actual,
      outcome: 'info',
    });
    return withoutCors(pass, exchange, blank, false);
  }
  // 2. #main-fetch step 12: a `data:` URL is fetched with "basic" response tainting, whatever
  // the mode (a redirect to one is still a network error, see #http-redirect-fetch).
  if (firstUrl.protocol === 'data:' && mode !== 'same-origin') {
    step(pass, {
      rule: 'request.scheme',
      anchor: '#main-fetch',
      on: 'request',
      actual: 'data',
      outcome: 'info',
      detail: 'data-basic',
    });
    return withoutCors(pass, exchange, blank, false);
  }
  // 3. Navigations are not subject to CORS.
  if (mode === 'navigate') {
    at({
      rule: 'request.mode',
      anchor: '#concept-request-mode',
      actual: mode,
      outcome: 'info',
      detail: 'navigate',
    });
    return withoutCors(pass, exchange, blank, true);
  }
  // 4. Mode same-origin to another origin: refused in the renderer, nothing is sent.
  if (mode === 'same-origin') {
    at({ rule: 'request.mode', expected: 'cors', actual: mode, outcome: 'fail' });
    return unanswered(blank, { code: 'DisallowedByMode', on: 'request', parameter: null });
  }
  if (mode === 'no-cors') return noCorsFetch(pass, exchange, blank, firstUrl);
  return corsFetch(pass, exchange, blank, firstUrl);
}

function chainLeavesOrigin(
  pass: Pass,
  exchange: ObservedExchange,
  firstUrl: ParsedUrl,
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
  return makeOutcome(blank, {
    verdict: network === null ? 'allowed' : 'blocked',
    failure: network,
    exposed: network === null && !crossOrigin ? basicExposed(headers) : noneExposed(headers),
    finalResponse: exchange.response,
    crossOrigin,
  });
}
