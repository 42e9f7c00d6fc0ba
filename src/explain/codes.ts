import type { CorsErrorCode, RuleId, WarningCode } from '../evaluator/types';

// Every member of the evaluator's code unions, listed once. Tests iterate over these to prove each
// code has words; the `Exhaustive` aliases below stop compiling when a union gains a member that
// is not listed here.

export const CORS_ERROR_CODES = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'NoCorsRedirectModeNotFollow',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'LocalNetworkAccessPermissionDenied',
] as const satisfies readonly CorsErrorCode[];

export const WARNING_CODES = [
  'authorization-covered-by-wildcard',
  'origin-reflected-with-credentials',
  'null-origin-allowed',
  'missing-vary-origin',
  'wildcard-literal-with-credentials',
  'set-cookie-ignored',
  'status-hidden-by-cors-error',
  'browser-difference',
  'preflight-max-age-capped',
  'credentials-inferred',
  'firefox-lines-merged',
  'canvas-tainted',
  'malformed-input',
] as const satisfies readonly WarningCode[];

export const RULE_IDS = [
  'request.same-origin',
  'request.scheme',
  'request.mode',
  'request.mode-inferred',
  'request.mode-observed',
  'request.credentials-inferred',
  'request.no-cors-redirect-mode',
  'request.no-cors-safelist',
  'safelist.method',
  'safelist.header',
  'safelist.total-size',
  'request.forbidden-header',
  'method.normalize',
  'local-network.address-space',
  'local-network.target-address-space',
  'local-network.secure-context',
  'local-network.permission',
  'preflight.needed',
  'preflight.cache',
  'preflight.network-error',
  'preflight.redirect',
  'preflight.status',
  'preflight.allow-methods.parse',
  'preflight.allow-headers.parse',
  'preflight.method',
  'preflight.header',
  'preflight.authorization',
  'preflight.max-age',
  'cors.allow-origin.wildcard',
  'cors.allow-origin.present',
  'cors.allow-origin.single',
  'cors.allow-origin.valid',
  'cors.allow-origin.match',
  'cors.allow-credentials',
  'redirect.mode',
  'redirect.userinfo',
  'redirect.taint',
  'redirect.authorization-dropped',
  'response.network-error',
  'response.corp',
  'response.opaque',
  'response.exposed-headers',
  'canvas.origin-clean',
  'outcome.consistency',
] as const satisfies readonly RuleId[];

/** Compiles only when T is never: the list above misses no member of the union. */
type AssertNever<T extends never> = T;
export type ExhaustiveCorsErrorCodes = AssertNever<Exclude<CorsErrorCode, (typeof CORS_ERROR_CODES)[number]>>;
export type ExhaustiveWarningCodes = AssertNever<Exclude<WarningCode, (typeof WARNING_CODES)[number]>>;
export type ExhaustiveRuleIds = AssertNever<Exclude<RuleId, (typeof RULE_IDS)[number]>>;
