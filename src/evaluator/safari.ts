import type { Failure } from './context';
import type { BlockedReason, SafariReason } from './types';

// WebKit's console message family for a failure, one stable key per message WebKit prints
// (WebKitGTK 2.50.6's Web Inspector console, the same WebCore code as Safari):
//   OriginNotAllowed         "Origin <o> is not allowed by Access-Control-Allow-Origin. Status code: <n>"
//   MultipleAllowOrigin      "Access-Control-Allow-Origin cannot contain more than one origin."
//   WildcardWithCredentials  "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
//   CredentialsNotTrue       "Credentials flag is true, but Access-Control-Allow-Credentials is not "true"."
//   PreflightNotSuccessful   "Preflight response is not successful. Status code: <n>" (a 3xx too)
//   MethodNotAllowed         "Method <m> is not allowed by Access-Control-Allow-Methods."
//   HeaderNotAllowed         "Request header field <h> is not allowed by Access-Control-Allow-Headers."
//   InvalidAllowMethods/-Headers "Header Access-Control-Allow-<x> has an invalid value: <v>"
//   RedirectDenied           "Cross-origin redirection to <u> denied by Cross-Origin Resource Sharing policy: <why>"
//   RedirectHasCredentials   … "policy: redirection URL <u> has credentials"
//   CrossOriginResourcePolicy "Cancelled load to <u> because it violates the resource's Cross-Origin-Resource-Policy response header."
//   NoCorsRequiresFollow     "No-Cors mode requires follow redirect mode"
//   SameOriginMode           "Fetch API cannot load <u>." (no reason line)
//   OnlyHttp                 "Cross origin requests are only supported for HTTP."
//   MixedContent             "[blocked] The page at <p> requested insecure content from <u>. This content was blocked …"
// The texts come from WebCore's CrossOriginAccessControl.cpp (passesAccessControlCheck,
// validateCrossOriginRedirectionURL), CrossOriginPreflightResultCache.cpp
// (validateMethodAndHeaders), CrossOriginPreflightChecker.cpp (validatePreflightResponse),
// CrossOriginResourcePolicy in CrossOriginAccessControl.cpp and DocumentThreadableLoader.cpp.
// WebKit has one message for a missing, empty, unparsable or mismatching ACAO, on the actual
// response and on the preflight alike; a CORS failure on a redirect hop is wrapped as a denied
// redirection whatever the inner reason.
export function safariReasonFor(
  failure: Failure | null,
  blockedReason: BlockedReason | null,
): SafariReason | null {
  if (blockedReason === 'mixed-content') return 'MixedContent';
  if (blockedReason !== null) return 'CrossOriginResourcePolicy';
  if (failure === null || failure.code === null) return null;
  const onRedirect = failure.on === 'redirect';
  switch (failure.code) {
    case 'RedirectContainsCredentials':
      return 'RedirectHasCredentials';
    case 'NoCorsRedirectModeNotFollow':
      return 'NoCorsRequiresFollow';
    case 'DisallowedByMode':
      return 'SameOriginMode';
    case 'CorsDisabledScheme':
      return 'OnlyHttp';
    case 'PreflightInvalidStatus':
    case 'PreflightDisallowedRedirect':
      return 'PreflightNotSuccessful';
    case 'InvalidAllowMethodsPreflightResponse':
      return 'InvalidAllowMethods';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'InvalidAllowHeaders';
    case 'MethodDisallowedByPreflightResponse':
      return 'MethodNotAllowed';
    case 'HeaderDisallowedByPreflightResponse':
      return 'HeaderNotAllowed';
    default:
      break;
  }
  const inner = accessCheckReason(failure);
  if (inner === null) return null;
  return onRedirect ? 'RedirectDenied' : inner;
}

/** The CORS check proper (#concept-cors-check), on a response, a preflight or a redirect hop. */
function accessCheckReason(failure: Failure): SafariReason | null {
  switch (failure.code) {
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return 'WildcardWithCredentials';
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return 'MultipleAllowOrigin';
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      // WebKit reads a comma in ACAO as a list before comparing.
      return (failure.parameter ?? '').includes(',') ? 'MultipleAllowOrigin' : 'OriginNotAllowed';
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      return 'OriginNotAllowed';
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return 'CredentialsNotTrue';
    default:
      // InvalidResponse; Local Network Access never reaches here: WebKit has no such check.
      return null;
  }
}

/** The stable detail of a browser-difference warning: what Safari (WebKit) would report. */
export function safariDetail(failure: Failure | null, blockedReason: BlockedReason | null): string {
  const reason = safariReasonFor(failure, blockedReason);
  return reason === null
    ? `safari:${failure === null && blockedReason === null ? 'allowed' : 'blocked'}`
    : `safari:${reason}`;
}
