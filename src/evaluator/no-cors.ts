import type { Failure, Pass } from './context';
import { failureIn, step, stepsIn } from './context';
import { noneExposed } from './expose';
import { getHeader } from './headers';
import { networkFailure } from './network';
import { isSameOrigin, type ParsedUrl, parseUrl, serializeOrigin } from './origin';
import { type Blank, makeOutcome, type PassOutcome, unanswered } from './outcome';
import { isCorsSafelistedMethod } from './safelist';
import { corpSameSite } from './site';
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
// origin to be the initiator's, `same-site` the same site (src/evaluator/site.ts); anything else
// passes.
export function corpCheck(
  pass: Pass,
  response: ObservedResponse,
  responseUrl: string,
  initiatorOrigin: string,
  on: 'redirect' | 'response',
  hop?: number,
): BlockedReason | null {
  const policy = getHeader(response.headers, 'cross-origin-resource-policy');
  if (policy !== 'same-origin' && policy !== 'same-site') {
    if (policy !== null) corpStep(pass, on, hop, policy, 'pass');
    return null;
  }
  const responseOrigin = serializeOrigin(parseUrl(pass.urls, responseUrl));
  // 2. Same origin: allowed whatever the policy.
  if (isSameOrigin(initiatorOrigin, responseOrigin)) {
    corpStep(pass, on, hop, policy, 'pass');
    return null;
  }
  if (policy === 'same-origin') {
    corpStep(pass, on, hop, policy, 'fail');
    return 'corp-not-same-origin';
  }
  // 5-6. Unlike the spec, Chromium never counts an IP address as same site and compares
  // registrable domains as strings, and WebKit accepts subdomains of the initiator's host when it
  // has no registrable domain (site.ts); Firefox follows the spec.
  const spec = corpSameSite(initiatorOrigin, responseOrigin, 'spec');
  const chromium = corpSameSite(initiatorOrigin, responseOrigin, 'chromium');
  const webkit = corpSameSite(initiatorOrigin, responseOrigin, 'webkit');
  if (chromium !== spec || webkit !== spec) pass.profileSensitive = true;
  const result = pass.profile === 'chrome' ? chromium : pass.profile === 'safari' ? webkit : spec;
  const deviation =
    result !== spec && (pass.profile === 'chrome' || pass.profile === 'safari') ? pass.profile : undefined;
  if (result === 'same-site') {
    corpStep(pass, on, hop, policy, 'pass', undefined, deviation);
    return null;
  }
  corpStep(pass, on, hop, policy, 'fail', result, deviation);
  return 'corp-not-same-site';
}

function corpStep(
  pass: Pass,
  on: 'redirect' | 'response',
  hop: number | undefined,
  policy: string,
  outcome: 'pass' | 'fail',
  detail?: string,
  deviation?: 'chrome' | 'safari',
): void {
  step(pass, {
    rule: 'response.corp',
    anchor: '#cross-origin-resource-policy-check',
    on,
    hop,
    subject: 'cross-origin-resource-policy',
    ...(outcome === 'fail' ? { expected: 'cross-origin' } : {}),
    actual: policy,
    outcome,
    ...(detail === undefined ? {} : { detail }),
    ...(deviation === undefined ? {} : { deviation }),
  });
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
