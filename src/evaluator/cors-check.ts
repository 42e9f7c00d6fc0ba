import type { Failure, Pass } from './context';
import { step } from './context';
import { countHeaderLines, getHeader } from './headers';
import { parseUrl } from './origin';
import type { CorsErrorCode, Header, Target } from './types';

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';

/** Where a CORS check runs: the preflight's codes carry the `Preflight` prefix. */
export interface CheckSite {
  readonly on: Target;
  readonly hop?: number;
  readonly status: number;
}

function codeFor(site: CheckSite, base: CorsErrorCode): CorsErrorCode {
  if (site.on !== 'preflight') return base;
  switch (base) {
    case 'WildcardOriginNotAllowed':
      return 'PreflightWildcardOriginNotAllowed';
    case 'MissingAllowOriginHeader':
      return 'PreflightMissingAllowOriginHeader';
    case 'MultipleAllowOriginValues':
      return 'PreflightMultipleAllowOriginValues';
    case 'InvalidAllowOriginValue':
      return 'PreflightInvalidAllowOriginValue';
    case 'AllowOriginMismatch':
      return 'PreflightAllowOriginMismatch';
    case 'InvalidAllowCredentials':
      return 'PreflightInvalidAllowCredentials';
    default:
      return base;
  }
}

// #concept-cors-check
// Unlike the spec's three-way outcome, Chromium names why the check failed; the steps below
// follow the order of Chromium's CheckAccess so the first failing rule is the one it reports.
export function corsCheck(
  pass: Pass,
  headers: readonly Header[],
  origin: string,
  site: CheckSite,
): Failure | null {
  const anchor = '#concept-cors-check';
  const include = pass.credentials === 'include';
  const allowOrigin = getHeader(headers, ACAO);
  const lines = countHeaderLines(headers, ACAO);
  const fail = (code: CorsErrorCode, parameter: string | null): Failure => ({
    code: codeFor(site, code),
    on: site.on,
    hop: site.hop,
    parameter,
    status: site.status,
    allowOriginLines: lines,
  });
  const base = { anchor, on: site.on, hop: site.hop, subject: ACAO } as const;

  // 1. `*`: passes without credentials, never with them.
  if (allowOrigin === '*') {
    if (include) {
      step(pass, {
        ...base,
        rule: 'cors.allow-origin.wildcard',
        expected: origin,
        actual: '*',
        outcome: 'fail',
      });
      return fail('WildcardOriginNotAllowed', null);
    }
    step(pass, { ...base, rule: 'cors.allow-origin.wildcard', expected: '*', actual: '*', outcome: 'pass' });
    return null;
  }
  // 2. Missing header.
  if (allowOrigin === null) {
    step(pass, {
      ...base,
      rule: 'cors.allow-origin.present',
      expected: origin,
      actual: null,
      outcome: 'fail',
    });
    return fail('MissingAllowOriginHeader', null);
  }
  step(pass, { ...base, rule: 'cors.allow-origin.present', actual: allowOrigin, outcome: 'pass' });
  // 3. Not byte-equal to the request's origin: Chromium tells why.
  if (allowOrigin !== origin) {
    // 3a. Any space or comma: several values (two lines combine into `a, b`).
    if (allowOrigin.includes(' ') || allowOrigin.includes(',')) {
      step(pass, {
        ...base,
        rule: 'cors.allow-origin.single',
        expected: origin,
        actual: allowOrigin,
        outcome: 'fail',
        detail: lines > 1 ? 'lines' : 'one-line',
      });
      return fail('MultipleAllowOriginValues', allowOrigin);
    }
    // 3b. Not `null` and not a URL at all.
    if (allowOrigin !== 'null' && parseUrl(pass.urls, allowOrigin) === null) {
      step(pass, {
        ...base,
        rule: 'cors.allow-origin.valid',
        expected: origin,
        actual: allowOrigin,
        outcome: 'fail',
      });
      return fail('InvalidAllowOriginValue', allowOrigin);
    }
    // 3c. A URL (or `null`) that is not the origin.
    step(pass, {
      ...base,
      rule: 'cors.allow-origin.match',
      expected: origin,
      actual: allowOrigin,
      outcome: 'fail',
      detail: mismatchDetail(allowOrigin, origin),
    });
    return fail('AllowOriginMismatch', allowOrigin);
  }
  step(pass, {
    ...base,
    rule: 'cors.allow-origin.match',
    expected: origin,
    actual: allowOrigin,
    outcome: 'pass',
  });
  // 4. Without credentials the check passes here.
  if (!include) return null;
  // 5. With credentials, ACAC must be exactly `true`.
  const allowCredentials = getHeader(headers, ACAC);
  if (allowCredentials !== 'true') {
    step(pass, {
      anchor,
      on: site.on,
      hop: site.hop,
      subject: ACAC,
      rule: 'cors.allow-credentials',
      expected: 'true',
      actual: allowCredentials,
      outcome: 'fail',
    });
    return fail('InvalidAllowCredentials', allowCredentials ?? '');
  }
  step(pass, {
    anchor,
    on: site.on,
    hop: site.hop,
    subject: ACAC,
    rule: 'cors.allow-credentials',
    expected: 'true',
    actual: 'true',
    outcome: 'pass',
  });
  return null;
}

/** A stable hint at the most common ways an origin "almost" matches. */
function mismatchDetail(allowOrigin: string, origin: string): string {
  if (allowOrigin === 'null') return 'null-value';
  if (origin === 'null') return 'tainted-origin';
  if (allowOrigin === `${origin}/`) return 'trailing-slash';
  if (allowOrigin.toLowerCase() === origin.toLowerCase()) return 'case-mismatch';
  if (allowOrigin.startsWith('http://') !== origin.startsWith('http://')) return 'scheme-mismatch';
  return 'different-origin';
}
