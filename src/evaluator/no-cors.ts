import type { Failure, Pass } from './context';
import { failureIn, step, stepsIn } from './context';
import { noneExposed } from './expose';
import { getHeader } from './headers';
import { networkFailure } from './network';
import { isSameOrigin, isSameSite, type ParsedUrl, parseUrl, serializeOrigin } from './origin';
import { type Blank, makeOutcome, type PassOutcome, unanswered } from './outcome';
import { isCorsSafelistedMethod } from './safelist';
import type { BlockedReason, ObservedExchange, ObservedResponse, RedirectMode } from './types';

// #concept-request-mode "no-cors": the renderer refuses a non-safelisted method and any redirect
// mode but `follow` before anything is sent.
export function noCorsRequestCheck(pass: Pass, method: string, redirect: RedirectMode): Failure | null {
  const scope = { anchor: '#dom-request', on: 'request' } as const;
  const at = stepsIn(pass, scope);
  if (redirect !== 'follow') {
    at({ rule: 'request.no-cors-redirect-mode', expected: 'follow', actual: redirect, outcome: 'fail' });
    return failureIn(scope, 'NoCorsRedirectModeNotFollow');
  }
  if (!isCorsSafelistedMethod(method)) {
    // A TypeError in the renderer, not a CORS error code: Chromium has none for it.
    const rule = 'request.no-cors-safelist';
    at({
      rule,
      subject: method,
      expected: 'GET, HEAD, POST',
      actual: method,
      outcome: 'fail',
      detail: 'method',
    });
    return failureIn(scope, null, method);
  }
  at({ rule: 'request.no-cors-safelist', subject: method, actual: method, outcome: 'pass' });
  return null;
}

export interface CorpResult {
  readonly blocked: BlockedReason | null;
}

// #cross-origin-resource-policy-check on a no-cors response: `same-origin` needs the response's
// origin to be the initiator's, `same-site` the same site; anything else passes.
export function corpCheck(
  pass: Pass,
  response: ObservedResponse,
  responseUrl: string,
  initiatorOrigin: string,
  on: 'redirect' | 'response',
  hop?: number,
): BlockedReason | null {
  const policy = getHeader(response.headers, 'cross-origin-resource-policy');
  const responseOrigin = serializeOrigin(parseUrl(pass.urls, responseUrl));
  const base = {
    rule: 'response.corp',
    anchor: '#cross-origin-resource-policy-check',
    on,
    hop,
    subject: 'cross-origin-resource-policy',
    actual: policy,
  } as const;
  if (policy === 'same-origin' && !isSameOrigin(initiatorOrigin, responseOrigin)) {
    step(pass, { ...base, expected: 'cross-origin', outcome: 'fail' });
    return 'corp-not-same-origin';
  }
  if (policy === 'same-site' && !isSameSite(initiatorOrigin, responseOrigin)) {
    step(pass, { ...base, expected: 'cross-origin', outcome: 'fail' });
    return 'corp-not-same-site';
  }
  if (policy !== null) step(pass, { ...base, outcome: 'pass' });
  return null;
}

// #concept-request-mode "no-cors": an opaque response, unless CORP stops it on the way.
export function noCorsFetch(
  pass: Pass,
  exchange: ObservedExchange,
  blank: Blank,
  firstUrl: ParsedUrl,
): PassOutcome {
  const refused = noCorsRequestCheck(pass, blank.method, exchange.redirect ?? 'follow');
  if (refused !== null) return unanswered(blank, refused);
  let url = firstUrl.href;
  for (let index = 0; index < exchange.redirects.length; index++) {
    const hop = exchange.redirects[index];
    if (hop === undefined) continue;
    const blocked = corpCheck(pass, hop.response, url, exchange.initiatorOrigin, 'redirect', index);
    if (blocked !== null) return corpBlocked(blank, blocked, hop.response, url, index);
    url = parseUrl(pass.urls, hop.location, url)?.href ?? url;
  }
  const network = networkFailure(pass, exchange, 'response');
  if (network !== null) return unanswered(blank, network, url);
  const response = exchange.response;
  const exposed = noneExposed(response?.headers);
  if (response !== undefined) {
    const blocked = corpCheck(pass, response, url, exchange.initiatorOrigin, 'response');
    if (blocked !== null) return corpBlocked(blank, blocked, response, url);
  }
  step(pass, {
    rule: 'response.opaque',
    anchor: '#concept-filtered-response-opaque',
    on: 'response',
    outcome: 'info',
  });
  return makeOutcome(blank, {
    verdict: 'opaque',
    failure: null,
    exposed,
    crossOrigin: true,
    finalUrl: url,
    finalResponse: response,
  });
}

/** The outcome of a no-cors fetch that CORP stopped on a redirect (`hop`) or the final response. */
function corpBlocked(
  blank: Blank,
  blockedReason: BlockedReason,
  response: ObservedResponse,
  url: string,
  hop?: number,
): PassOutcome {
  const on = hop === undefined ? 'response' : 'redirect';
  return makeOutcome(blank, {
    verdict: 'blocked',
    failure: failureIn({ on, hop }, null, null, response.status),
    blockedReason,
    exposed: noneExposed(response.headers),
    crossOrigin: true,
    finalUrl: url,
    finalResponse: response,
  });
}
