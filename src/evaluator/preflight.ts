import { preflightCacheSeconds } from './cache';
import type { Failure, Pass } from './context';
import { step, warn } from './context';
import { corsCheck } from './cors-check';
import { getHeader, parseTokenList } from './headers';
import { isCorsNonWildcardRequestHeaderName, isCorsSafelistedMethod } from './safelist';
import type { Header, ObservedPreflight } from './types';

/** What the actual request needs from its preflight. */
export interface PreflightRequest {
  readonly method: string;
  readonly unsafeNames: readonly string[];
  readonly origin: string;
  readonly hop: number | undefined;
}

// #cors-preflight-fetch (main fetch step): needed when the method is not safelisted, a header is
// CORS-unsafe, or the use-CORS-preflight flag is set.
export function preflightReasons(
  method: string,
  unsafeNames: readonly string[],
  forced: boolean,
  overTotal: boolean,
): string[] {
  const reasons: string[] = [];
  if (forced) reasons.push('forced');
  if (!isCorsSafelistedMethod(method)) reasons.push('method');
  if (overTotal) reasons.push('total-size');
  for (const name of unsafeNames) reasons.push(`header:${name}`);
  return reasons;
}

export interface PreflightResult {
  readonly failure: Failure | null;
  readonly cacheSeconds?: number;
}

// #cors-preflight-fetch-0, validating an observed preflight in Chromium's order.
export function validatePreflight(
  pass: Pass,
  preflight: ObservedPreflight,
  request: PreflightRequest,
): PreflightResult {
  const anchor = '#cors-preflight-fetch-0';
  const hop = request.hop;
  const response = preflight.response;
  // 0. No response at all: a network failure, not a CORS one.
  if (response === undefined) {
    step(pass, {
      rule: 'preflight.network-error',
      anchor,
      on: 'preflight',
      hop,
      actual: preflight.networkError ?? null,
      outcome: 'fail',
    });
    return { failure: { code: null, on: 'preflight', hop, parameter: null } };
  }
  const status = response.status;
  // 1. A redirect is never followed for a preflight.
  if (status >= 300 && status < 400) {
    step(pass, {
      rule: 'preflight.redirect',
      anchor,
      on: 'preflight',
      hop,
      expected: '200-299',
      actual: String(status),
      outcome: 'fail',
    });
    return {
      failure: { code: 'PreflightDisallowedRedirect', on: 'preflight', hop, parameter: null, status },
    };
  }
  // 2. The CORS check, with the actual request's credentials mode (its codes win over status).
  // Unlike Chromium, WebKit checks the status first (WebCore CrossOriginPreflightChecker.cpp,
  // validatePreflightResponse: "Preflight response is not successful" before passesAccessControlCheck).
  const okStatus = status >= 200 && status <= 299;
  if (!okStatus) pass.profileSensitive = true;
  if (okStatus || pass.profile !== 'safari') {
    const corsFailure = corsCheck(pass, response.headers, request.origin, { on: 'preflight', hop, status });
    if (corsFailure !== null) return { failure: corsFailure };
  }
  // 3. An ok status (#ok-status).
  if (!okStatus) {
    step(pass, {
      rule: 'preflight.status',
      anchor,
      on: 'preflight',
      hop,
      expected: '200-299',
      actual: String(status),
      outcome: 'fail',
    });
    return { failure: { code: 'PreflightInvalidStatus', on: 'preflight', hop, parameter: null, status } };
  }
  step(pass, {
    rule: 'preflight.status',
    anchor,
    on: 'preflight',
    hop,
    expected: '200-299',
    actual: String(status),
    outcome: 'pass',
  });
  return validateAllowLists(pass, response.headers, request, status);
}

// Steps 4-7 of #cors-preflight-fetch-0: parse ACAM then ACAH, then check method and headers.
function validateAllowLists(
  pass: Pass,
  headers: readonly Header[],
  request: PreflightRequest,
  status: number,
): PreflightResult {
  const anchor = '#cors-preflight-fetch-0';
  const hop = request.hop;
  const include = pass.credentials === 'include';
  // 4. Parse Access-Control-Allow-Methods (empty items ignored; a non-token item fails).
  const methodsRaw = getHeader(headers, 'access-control-allow-methods');
  const methods = parseTokenList(methodsRaw);
  if (methods.invalid !== null) {
    step(pass, {
      rule: 'preflight.allow-methods.parse',
      anchor,
      on: 'preflight',
      hop,
      subject: 'access-control-allow-methods',
      actual: methodsRaw,
      outcome: 'fail',
      detail: 'not-a-token',
    });
    return listFailure('InvalidAllowMethodsPreflightResponse', null, hop, status);
  }
  // 5. Parse Access-Control-Allow-Headers the same way.
  const headersRaw = getHeader(headers, 'access-control-allow-headers');
  const allowHeaders = parseTokenList(headersRaw);
  if (allowHeaders.invalid !== null) {
    step(pass, {
      rule: 'preflight.allow-headers.parse',
      anchor,
      on: 'preflight',
      hop,
      subject: 'access-control-allow-headers',
      actual: headersRaw,
      outcome: 'fail',
      detail: 'not-a-token',
    });
    return listFailure('InvalidAllowHeadersPreflightResponse', null, hop, status);
  }
  // 6. Method: listed (case-sensitive), safelisted, or `*` without credentials.
  const method = request.method;
  // Case-sensitive, as the spec says. Chromium 156 does too: fetch's `patch` (not normalized)
  // is refused by ACAM `PATCH` (seen over CDP, test/e2e scenario pf-patch-lower), whatever its
  // preflight_result unit tests suggest.
  const lookup = method;
  const methodListed = methods.items.includes(lookup);
  const methodStar = !include && methods.items.includes('*');
  const methodOk = methodListed || isCorsSafelistedMethod(method) || methodStar;
  step(pass, {
    rule: 'preflight.method',
    anchor,
    on: 'preflight',
    hop,
    subject: method,
    expected: lookup,
    actual: methodsRaw,
    outcome: methodOk ? 'pass' : 'fail',
    detail: methodListed
      ? 'listed'
      : isCorsSafelistedMethod(method)
        ? 'safelisted'
        : methodStar
          ? 'wildcard'
          : methodCaseDetail(methods.items, method),
    deviation: lookup !== method ? 'chrome' : undefined,
  });
  if (!methodOk) return listFailure('MethodDisallowedByPreflightResponse', method, hop, status);
  if (include && methods.items.includes('*')) {
    warn(pass, {
      code: 'wildcard-literal-with-credentials',
      on: 'preflight',
      hop,
      subject: 'access-control-allow-methods',
      value: '*',
    });
  }
  // 7. Headers: each unsafe name listed (case-insensitive), or `*` without credentials.
  const allowed = new Set(allowHeaders.items.map((item) => item.toLowerCase()));
  const headerStar = !include && allowed.has('*');
  if (include && allowed.has('*')) {
    warn(pass, {
      code: 'wildcard-literal-with-credentials',
      on: 'preflight',
      hop,
      subject: 'access-control-allow-headers',
      value: '*',
    });
  }
  for (const name of request.unsafeNames) {
    if (allowed.has(name)) {
      step(pass, {
        rule: 'preflight.header',
        anchor,
        on: 'preflight',
        hop,
        subject: name,
        actual: headersRaw,
        outcome: 'pass',
        detail: 'listed',
      });
      continue;
    }
    if (headerStar && isCorsNonWildcardRequestHeaderName(name)) {
      // Unlike the spec (#cors-non-wildcard-request-header-name), Chromium, Firefox and WebKit let
      // `*` cover Authorization and only warn; the spec profile follows the letter. WebKit: seen in
      // WebKitGTK 2.50.6 (scenario pf-auth-star); WebCore CrossOriginPreflightResultCache.cpp
      // (validateCrossOriginHeaders) accepts any header when the list holds `*` and credentials
      // are not included.
      pass.profileSensitive = true;
      const coveredByBrowser = pass.profile !== 'spec';
      step(pass, {
        rule: 'preflight.authorization',
        anchor: '#cors-non-wildcard-request-header-name',
        on: 'preflight',
        hop,
        subject: name,
        expected: name,
        actual: headersRaw,
        outcome: coveredByBrowser ? 'pass' : 'fail',
        detail: 'wildcard',
        deviation: pass.profile === 'spec' ? undefined : pass.profile,
      });
      warn(pass, {
        code: 'authorization-covered-by-wildcard',
        on: 'preflight',
        hop,
        subject: name,
        detail: 'safari',
      });
      if (!coveredByBrowser) return listFailure('HeaderDisallowedByPreflightResponse', name, hop, status);
      continue;
    }
    if (headerStar) {
      step(pass, {
        rule: 'preflight.header',
        anchor,
        on: 'preflight',
        hop,
        subject: name,
        actual: headersRaw,
        outcome: 'pass',
        detail: 'wildcard',
      });
      continue;
    }
    step(pass, {
      rule: 'preflight.header',
      anchor,
      on: 'preflight',
      hop,
      subject: name,
      expected: name,
      actual: headersRaw,
      outcome: 'fail',
    });
    return listFailure('HeaderDisallowedByPreflightResponse', name, hop, status);
  }
  return { failure: null, cacheSeconds: preflightCacheSeconds(pass, headers, hop) };
}

function listFailure(
  code: Failure['code'],
  parameter: string | null,
  hop: number | undefined,
  status: number,
): PreflightResult {
  return { failure: { code, on: 'preflight', hop, parameter, status } };
}

function methodCaseDetail(items: readonly string[], method: string): string {
  const upper = method.toUpperCase();
  for (const item of items) if (item.toUpperCase() === upper) return 'case-mismatch';
  return 'not-listed';
}
