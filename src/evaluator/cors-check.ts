import type { Failure, Pass } from './context';
import { step } from './context';
import { countHeaderLines, getHeader } from './headers';
import { parseUrl } from './origin';
import type { CorsErrorCode, Header, RuleId, StepOutcome, Target } from './types';

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

function failure(site: CheckSite, code: CorsErrorCode, parameter: string | null, lines: number): Failure {
  return {
    code: codeFor(site, code),
    on: site.on,
    hop: site.hop,
    parameter,
    status: site.status,
    allowOriginLines: lines,
  };
}

function checkStep(
  pass: Pass,
  site: CheckSite,
  rule: RuleId,
  subject: string,
  expected: string | undefined,
  actual: string | null,
  outcome: StepOutcome,
  detail?: string,
): void {
  step(pass, {
    rule,
    anchor: '#concept-cors-check',
    on: site.on,
    hop: site.hop,
    subject,
    expected,
    actual,
    outcome,
    detail,
  });
}

// #concept-cors-check
// Unlike the spec's pass/fail, Chromium names why the check failed; the steps below follow the
// order of Chromium's CheckAccess so the first failing rule is the one it reports.
export function corsCheck(
  pass: Pass,
  headers: readonly Header[],
  origin: string,
  site: CheckSite,
): Failure | null {
  const include = pass.credentials === 'include';
  const allowOrigin = getHeader(headers, ACAO);
  const lines = allowOrigin === null ? 0 : countHeaderLines(headers, ACAO);

  // 1. `*`: passes without credentials, never with them.
  if (allowOrigin === '*') {
    if (include) {
      checkStep(pass, site, 'cors.allow-origin.wildcard', ACAO, origin, '*', 'fail');
      return failure(site, 'WildcardOriginNotAllowed', null, lines);
    }
    checkStep(pass, site, 'cors.allow-origin.wildcard', ACAO, '*', '*', 'pass');
    return null;
  }
  // 2. Missing header.
  if (allowOrigin === null) {
    checkStep(pass, site, 'cors.allow-origin.present', ACAO, origin, null, 'fail');
    return failure(site, 'MissingAllowOriginHeader', null, lines);
  }
  checkStep(pass, site, 'cors.allow-origin.present', ACAO, undefined, allowOrigin, 'pass');
  // 3. Not byte-equal to the request's origin: Chromium tells why.
  if (allowOrigin !== origin) {
    // 3a. Any space or comma: several values (two lines combine into `a, b`).
    if (allowOrigin.includes(' ') || allowOrigin.includes(',')) {
      checkStep(
        pass,
        site,
        'cors.allow-origin.single',
        ACAO,
        origin,
        allowOrigin,
        'fail',
        lines > 1 ? 'lines' : 'one-line',
      );
      return failure(site, 'MultipleAllowOriginValues', allowOrigin, lines);
    }
    // 3b. Not `null` and not a URL at all.
    if (allowOrigin !== 'null' && parseUrl(pass.urls, allowOrigin) === null) {
      checkStep(pass, site, 'cors.allow-origin.valid', ACAO, origin, allowOrigin, 'fail');
      return failure(site, 'InvalidAllowOriginValue', allowOrigin, lines);
    }
    // 3c. A URL (or `null`) that is not the origin.
    checkStep(
      pass,
      site,
      'cors.allow-origin.match',
      ACAO,
      origin,
      allowOrigin,
      'fail',
      mismatchDetail(allowOrigin, origin),
    );
    return failure(site, 'AllowOriginMismatch', allowOrigin, lines);
  }
  checkStep(pass, site, 'cors.allow-origin.match', ACAO, origin, allowOrigin, 'pass');
  // 4. Without credentials the check passes here.
  if (!include) return null;
  // 5. With credentials, ACAC must be exactly `true`.
  const allowCredentials = getHeader(headers, ACAC);
  if (allowCredentials !== 'true') {
    checkStep(pass, site, 'cors.allow-credentials', ACAC, 'true', allowCredentials, 'fail');
    return failure(site, 'InvalidAllowCredentials', allowCredentials ?? '', lines);
  }
  checkStep(pass, site, 'cors.allow-credentials', ACAC, 'true', 'true', 'pass');
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
