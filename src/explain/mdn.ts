import type { CorsErrorCode, FirefoxReason } from '../evaluator/types';

const MDN_BASE = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/';

// Chromium codes → the MDN page (named after Firefox's reason keys) that explains the same
// failure. null where Firefox has no matching reason, so MDN has no page.
const PAGE_FOR: Record<CorsErrorCode, FirefoxReason | null> = {
  DisallowedByMode: null,
  InvalidResponse: 'CORSDidNotSucceed',
  WildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  MissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  MultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  InvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  AllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowCredentials: 'CORSMissingAllowCredentials',
  CorsDisabledScheme: 'CORSRequestNotHttp',
  PreflightInvalidStatus: 'CORSPreflightDidNotSucceed',
  PreflightDisallowedRedirect: 'CORSExternalRedirectNotAllowed',
  PreflightWildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  PreflightMissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  PreflightMultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  PreflightInvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  PreflightAllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  PreflightInvalidAllowCredentials: 'CORSMissingAllowCredentials',
  InvalidAllowMethodsPreflightResponse: 'CORSInvalidAllowMethod',
  InvalidAllowHeadersPreflightResponse: 'CORSInvalidAllowHeader',
  MethodDisallowedByPreflightResponse: 'CORSMethodNotFound',
  HeaderDisallowedByPreflightResponse: 'CORSMissingAllowHeaderFromPreflight',
  RedirectContainsCredentials: null,
  NoCorsRedirectModeNotFollow: null,
  InsecureLocalNetwork: null,
  InvalidLocalNetworkAccess: null,
  LocalNetworkAccessPermissionDenied: null,
  ServiceWorkerResponseTypeOpaque: null,
  ServiceWorkerResponseTypeOpaqueRedirect: null,
  ServiceWorkerRedirectedResponseForNotFollowRequest: null,
  ServiceWorkerNetworkError: null,
};

/**
 * The MDN CORS error page for a verdict. Firefox's own reason wins when the evaluator gave one
 * (it names the page exactly); otherwise the page closest to the Chromium code.
 */
export function mdnUrl(corsError: CorsErrorCode | null, firefoxReason?: FirefoxReason | null): string | null {
  const key = firefoxReason ?? (corsError === null ? null : PAGE_FOR[corsError]);
  return key === null ? null : `${MDN_BASE}${key}`;
}
