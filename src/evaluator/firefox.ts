import type { Failure } from './context';
import type { BrowserProfile, FirefoxReason } from './types';

/** Observed by Firefox (its webRequest merges repeated lines): one ACAO line with a comma. */
export function firefoxLinesAmbiguous(failure: Failure | null, profile?: BrowserProfile): boolean {
  return (
    profile === 'firefox' &&
    failure !== null &&
    (failure.code === 'MultipleAllowOriginValues' || failure.code === 'PreflightMultipleAllowOriginValues') &&
    (failure.allowOriginLines ?? 0) <= 1 &&
    (failure.parameter ?? '').includes(',')
  );
}

// Firefox's nsCORSListenerProxy reason keys for a Chromium code. Firefox merges repeated
// header lines into one `a, b` value (its webRequest shows them merged too) and reports
// "multiple values" for it, as seen in Firefox ESR 153; it does not tell an unparsable value
// from a mismatching one.
export function firefoxReasonFor(failure: Failure | null, profile?: BrowserProfile): FirefoxReason | null {
  if (failure === null) return null;
  switch (failure.code) {
    case null:
      // A network failure under a CORS request: Firefox says the CORS request did not succeed.
      return failure.on === 'request' ? null : 'CORSDidNotSucceed';
    case 'CorsDisabledScheme':
      return 'CORSRequestNotHttp';
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return 'CORSNotSupportingCredentials';
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      return 'CORSMissingAllowOrigin';
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      // Seen in Firefox ESR 153: two lines → "multiple", one `a, b` line → "does not match".
      // Firefox's own webRequest shows two lines merged into one: there one line with a comma
      // may have been either, so no reason is claimed (see firefoxLinesAmbiguous).
      if ((failure.allowOriginLines ?? 0) > 1) return 'CORSMultipleAllowOriginNotAllowed';
      if (firefoxLinesAmbiguous(failure, profile)) return null;
      return 'CORSAllowOriginNotMatchingOrigin';
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return 'CORSAllowOriginNotMatchingOrigin';
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return 'CORSMissingAllowCredentials';
    case 'PreflightInvalidStatus':
      return 'CORSPreflightDidNotSucceed';
    case 'PreflightDisallowedRedirect':
      return 'CORSExternalRedirectNotAllowed';
    case 'InvalidAllowMethodsPreflightResponse':
      return 'CORSInvalidAllowMethod';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'CORSInvalidAllowHeader';
    case 'MethodDisallowedByPreflightResponse':
      return 'CORSMethodNotFound';
    case 'HeaderDisallowedByPreflightResponse':
      return 'CORSMissingAllowHeaderFromPreflight';
    case 'LocalNetworkAccessPermissionDenied':
    case 'InsecureLocalNetwork':
    case 'InvalidLocalNetworkAccess':
      // Firefox ESR 153 refuses a local network request it was not allowed to make with
      // NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED and logs "CORS request did not succeed"
      // (test/e2e/firefox-lna.test.ts).
      return 'CORSDidNotSucceed';
    case 'RedirectContainsCredentials':
      // Firefox ESR 153 logs "CORS request did not succeed" for a redirect to a URL with
      // userinfo (seen in test/e2e/har-producers.test.ts).
      return 'CORSDidNotSucceed';
    default:
      // DisallowedByMode, NoCorsRedirectModeNotFollow, InvalidResponse: Firefox has no
      // reason key for these.
      return null;
  }
}

/** The stable detail of a browser-difference warning: what Firefox would report. */
export function firefoxDetail(failure: Failure | null): string {
  const reason = firefoxReasonFor(failure);
  return reason === null ? 'firefox:allowed' : `firefox:${reason}`;
}
