/** The stable reason codes the evaluator reports: Chromium's, Firefox's, WebKit's and CORP's. */

/**
 * DevTools protocol `Network.CorsError` names: what Chromium reports over CDP. Then the
 * `ServiceWorker…` codes: a service worker's answer the request may not use, which Chromium turns
 * into a network error with no CorsError at all and explains only in the service worker's console
 * ("The FetchEvent for … resulted in a network error response: …"). They are named after
 * Chromium's `ServiceWorkerResponseError` values (service_worker_error_type.mojom), except
 * `ServiceWorkerNetworkError`, ours for an answer whose type was not seen.
 */
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
  | 'LocalNetworkAccessPermissionDenied'
  | 'ServiceWorkerResponseTypeOpaque'
  | 'ServiceWorkerResponseTypeOpaqueRedirect'
  | 'ServiceWorkerRedirectedResponseForNotFollowRequest'
  | 'ServiceWorkerNetworkError';

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
  | 'OnlyHttp'
  | 'MixedContent';

/** Chromium's blocked reasons for no-cors responses stopped by CORP (not CORS errors), and
 * `mixed-content` (CDP's name): the safari profile's block of plain-http loopback from https. */
export type BlockedReason = 'corp-not-same-origin' | 'corp-not-same-site' | 'mixed-content';
