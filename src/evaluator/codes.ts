/** The stable reason codes the evaluator reports: Chromium's, Firefox's, WebKit's and CORP's. */

/** DevTools protocol `Network.CorsError` names: what Chromium reports over CDP. */
export type CorsErrorCode =
  | 'DisallowedByMode'
  | 'InvalidResponse'
  | 'WildcardOriginNotAllowed'
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'InvalidAllowCredentials'
  | 'CorsDisabledScheme'
  | 'PreflightInvalidStatus'
  | 'PreflightDisallowedRedirect'
  | 'PreflightWildcardOriginNotAllowed'
  | 'PreflightMissingAllowOriginHeader'
  | 'PreflightMultipleAllowOriginValues'
  | 'PreflightInvalidAllowOriginValue'
  | 'PreflightAllowOriginMismatch'
  | 'PreflightInvalidAllowCredentials'
  | 'InvalidAllowMethodsPreflightResponse'
  | 'InvalidAllowHeadersPreflightResponse'
  | 'MethodDisallowedByPreflightResponse'
  | 'HeaderDisallowedByPreflightResponse'
  | 'RedirectContainsCredentials'
  | 'NoCorsRedirectModeNotFollow'
  | 'InsecureLocalNetwork'
  | 'InvalidLocalNetworkAccess'
  | 'LocalNetworkAccessPermissionDenied';

/** Firefox console reason keys (MDN CORS error pages). */
export type FirefoxReason =
  | 'CORSDisabled'
  | 'CORSDidNotSucceed'
  | 'CORSRequestNotHttp'
  | 'CORSMultipleAllowOriginNotAllowed'
  | 'CORSMissingAllowOrigin'
  | 'CORSNotSupportingCredentials'
  | 'CORSAllowOriginNotMatchingOrigin'
  | 'CORSMissingAllowCredentials'
  | 'CORSPreflightDidNotSucceed'
  | 'CORSExternalRedirectNotAllowed'
  | 'CORSInvalidAllowMethod'
  | 'CORSInvalidAllowHeader'
  | 'CORSMethodNotFound'
  | 'CORSMissingAllowHeaderFromPreflight'
  | 'CORSOriginHeaderNotAdded';

/** WebKit (Safari) console message families, one key per message (see safari.ts). */
export type SafariReason =
  | 'OriginNotAllowed'
  | 'MultipleAllowOrigin'
  | 'WildcardWithCredentials'
  | 'CredentialsNotTrue'
  | 'PreflightNotSuccessful'
  | 'MethodNotAllowed'
  | 'HeaderNotAllowed'
  | 'InvalidAllowMethods'
  | 'InvalidAllowHeaders'
  | 'RedirectDenied'
  | 'RedirectHasCredentials'
  | 'CrossOriginResourcePolicy'
  | 'NoCorsRequiresFollow'
  | 'SameOriginMode'
  | 'OnlyHttp';

/** Chromium's blocked reasons for no-cors responses stopped by CORP (not CORS errors). */
export type BlockedReason = 'corp-not-same-origin' | 'corp-not-same-site';
