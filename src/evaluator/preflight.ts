import { preflightCacheSeconds } from './cache';
import type { Failure, Pass, ScopedStep } from './context';
import { failureIn, stepsIn, warn } from './context';
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
  const scope = { anchor: '#cors-preflight-fetch-0', on: 'preflight', hop: request.hop } as const;
  const at = stepsIn(pass, scope);
  const response = preflight.response;
  // 0. No response at all: a network failure, not a CORS one.
  if (response === undefined) {
    at({ rule: 'preflight.network-error', actual: preflight.networkError ?? null, outcome: 'fail' });
    return { failure: failureIn(scope, null) };
  }
  const status = response.status;
  const statusStep = { expected: '200-299', actual: String(status) } as const;
  // 1. A redirect is never followed for a preflight.
  if (status >= 300 && status < 400) {
    at({ rule: 'preflight.redirect', ...statusStep, outcome: 'fail' });
    return { failure: failureIn(scope, 'PreflightDisallowedRedirect', null, status) };
  }
  // 2. The CORS check, with the actual request's credentials mode (its codes win over status).
  // Unlike Chromium, WebKit checks the status first (WebCore CrossOriginPreflightChecker.cpp,
  // validatePreflightResponse: "Preflight response is not successful" before passesAccessControlCheck).
  const ok = status >= 200 && status <= 299;
  if (!ok) pass.profileSensitive = true;
  if (ok || pass.profile !== 'safari') {
    const corsFailure = corsCheck(pass, response.headers, request.origin, {
      on: 'preflight',
      hop: scope.hop,
      status,
    });
    if (corsFailure !== null) return { failure: corsFailure };
  }
  // 3. An ok status (#ok-status).
  at({ rule: 'preflight.status', ...statusStep, outcome: ok ? 'pass' : 'fail' });
  if (!ok) return { failure: failureIn(scope, 'PreflightInvalidStatus', null, status) };
  return validateAllowLists(pass, response.headers, request, status);
}

// Steps 4-7 of #cors-preflight-fetch-0: parse ACAM then ACAH, then check method and headers.
function validateAllowLists(
  pass: Pass,
  headers: readonly Header[],
  request: PreflightRequest,
  status: number,
): PreflightResult {
  const scope = { anchor: '#cors-preflight-fetch-0', on: 'preflight', hop: request.hop } as const;
  const at = stepsIn(pass, scope);
  const fail = (code: Failure['code'], parameter: string | null): PreflightResult => ({
    failure: failureIn(scope, code, parameter, status),
  });
  const include = pass.credentials === 'include';
  // 4. Parse Access-Control-Allow-Methods (empty items ignored; a non-token item fails).
  const methods = parseAllowList(at, headers, 'methods');
  if (methods === null) return fail('InvalidAllowMethodsPreflightResponse', null);
  // 5. Parse Access-Control-Allow-Headers the same way.
  const allowHeaders = parseAllowList(at, headers, 'headers');
  if (allowHeaders === null) return fail('InvalidAllowHeadersPreflightResponse', null);
  // 6. Method: listed (case-sensitive), safelisted, or `*` without credentials.
  const method = request.method;
  // Case-sensitive, as the spec says. Chromium 156 does too: fetch's `patch` (not normalized)
  // is refused by ACAM `PATCH` (seen over CDP, test/e2e scenario pf-patch-lower), whatever its
  // preflight_result unit tests suggest.
  const lookup = method;
  const methodListed = methods.items.includes(lookup);
  const methodStar = !include && methods.items.includes('*');
  const methodOk = methodListed || isCorsSafelistedMethod(method) || methodStar;
  at({
    rule: 'preflight.method',
    subject: method,
    expected: lookup,
    actual: methods.raw,
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
  if (!methodOk) return fail('MethodDisallowedByPreflightResponse', method);
  if (include && methods.items.includes('*'))
    wildcardWithCredentials(pass, scope.hop, 'access-control-allow-methods');
  // 7. Headers: each unsafe name listed (case-insensitive), or `*` without credentials.
  const allowed = new Set(allowHeaders.items.map((item) => item.toLowerCase()));
  const headerStar = !include && allowed.has('*');
  if (include && allowed.has('*')) wildcardWithCredentials(pass, scope.hop, 'access-control-allow-headers');
  const headersRaw = allowHeaders.raw;
  for (const name of request.unsafeNames) {
    if (allowed.has(name)) {
      at({ rule: 'preflight.header', subject: name, actual: headersRaw, outcome: 'pass', detail: 'listed' });
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
      at({
        rule: 'preflight.authorization',
        anchor: '#cors-non-wildcard-request-header-name',
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
        hop: scope.hop,
        subject: name,
        detail: 'safari',
      });
      if (!coveredByBrowser) return fail('HeaderDisallowedByPreflightResponse', name);
      continue;
    }
    if (headerStar) {
      at({
        rule: 'preflight.header',
        subject: name,
        actual: headersRaw,
        outcome: 'pass',
        detail: 'wildcard',
      });
      continue;
    }
    at({ rule: 'preflight.header', subject: name, expected: name, actual: headersRaw, outcome: 'fail' });
    return fail('HeaderDisallowedByPreflightResponse', name);
  }
  return { failure: null, cacheSeconds: preflightCacheSeconds(pass, headers, scope.hop) };
}

/** Steps 4-5: one allow list parsed; null (after a fail step) when an item is not a token. */
function parseAllowList(
  at: (fields: ScopedStep) => void,
  headers: readonly Header[],
  which: 'methods' | 'headers',
): { readonly raw: string | null; readonly items: readonly string[] } | null {
  const name = `access-control-allow-${which}` as const;
  const raw = getHeader(headers, name);
  const list = parseTokenList(raw);
  if (list.invalid === null) return { raw, items: list.items };
  at({
    rule: `preflight.allow-${which}.parse`,
    subject: name,
    actual: raw,
    outcome: 'fail',
    detail: 'not-a-token',
  });
  return null;
}

function wildcardWithCredentials(pass: Pass, hop: number | undefined, subject: string): void {
  warn(pass, { code: 'wildcard-literal-with-credentials', on: 'preflight', hop, subject, value: '*' });
}

function methodCaseDetail(items: readonly string[], method: string): string {
  const upper = method.toUpperCase();
  for (const item of items) if (item.toUpperCase() === upper) return 'case-mismatch';
  return 'not-listed';
}
