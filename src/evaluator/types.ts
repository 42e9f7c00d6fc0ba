/**
 * The evaluator's contract: what it is fed (one observed exchange) and what it returns
 * (a verdict with codes, a trace, warnings and a fix). Codes only, never sentences:
 * the words live in src/explain/ so every surface shares one wording.
 */

/** Which browser's behaviour to replay. `spec` follows the Fetch Standard to the letter. */
export type BrowserProfile = 'chrome' | 'firefox' | 'spec';

/** One header line as observed, duplicates and order kept (two ACAO lines stay two lines). */
export interface Header {
  readonly name: string;
  readonly value: string;
}

export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';
export type CredentialsMode = 'omit' | 'same-origin' | 'include';
export type RedirectMode = 'follow' | 'error' | 'manual';

/**
 * Fetch destination (`#concept-request-destination`); '' for fetch()/XHR.
 * Decides whether a load without an explicit mode is CORS (font, module script, …) or no-cors.
 */
export type Destination =
  | ''
  | 'audio'
  | 'document'
  | 'embed'
  | 'font'
  | 'frame'
  | 'iframe'
  | 'image'
  | 'json'
  | 'manifest'
  | 'object'
  | 'report'
  | 'script'
  | 'style'
  | 'track'
  | 'video'
  | 'worker'
  | 'sharedworker'
  | 'serviceworker'
  | 'xslt';

/** Where a value came from: seen on the wire, told by the page hook, or inferred. */
export type Provenance = 'observed' | 'page' | 'inferred';

/** A response as observed (status and headers). */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: readonly Header[];
}

/** A CORS preflight (OPTIONS) seen on the wire for one URL of the chain. */
export interface ObservedPreflight {
  /** The URL the preflight was sent to. */
  readonly url: string;
  readonly requestHeaders: readonly Header[];
  /** Absent when the preflight failed at the network level (then `networkError` is set). */
  readonly response?: ObservedResponse;
  readonly networkError?: string;
}

/** One redirect of the chain: the request sent to `url` got a 3xx pointing at `location`. */
export interface RedirectHop {
  readonly url: string;
  /** Request headers as sent on this hop (the `Origin` shows tainting: `null`). */
  readonly requestHeaders?: readonly Header[];
  readonly response: ObservedResponse;
  /** The raw Location value (may be relative, may carry userinfo). */
  readonly location: string;
}

/** What the page's JavaScript received, reported by the main-world hook. */
export type PageOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly type: 'basic' | 'cors' | 'opaque' | 'opaqueredirect' | 'default' | 'error';
    }
  | { readonly kind: 'rejected'; readonly message: string };

/** One exchange as the browser experienced it, assembled from webRequest and the page hook. */
export interface ObservedExchange {
  /** Serialized origin of the initiator (`https://app.example`), or `null` when opaque. */
  readonly initiatorOrigin: string;
  /** The URL the page asked for (first hop). */
  readonly url: string;
  /** The method the page asked for, before fetch's normalisation (`patch` stays `patch`). */
  readonly method: string;
  /**
   * Request headers of the actual request as sent (first hop). When the actual request was
   * never sent (blocked after its preflight), the assembler fills names from the preflight's
   * Access-Control-Request-Headers with empty values and sets `requestHeadersSource: 'inferred'`.
   */
  readonly requestHeaders: readonly Header[];
  readonly requestHeadersSource?: Provenance;
  readonly destination: Destination;
  /** Each may be unknown: webRequest cannot see them; the page hook can for fetch/XHR. */
  readonly mode?: RequestMode;
  readonly credentials?: CredentialsMode;
  readonly redirect?: RedirectMode;
  /** XHR upload listeners or a streaming body force a preflight (`#use-cors-preflight-flag`). */
  readonly forcePreflight?: boolean;
  /** Preflights seen on the wire, one per URL of the chain at most, in order. */
  readonly preflights: readonly ObservedPreflight[];
  readonly redirects: readonly RedirectHop[];
  /** The final response, when headers were received. */
  readonly response?: ObservedResponse;
  /** Network error string from webRequest (`net::ERR_FAILED` …), when the request failed. */
  readonly networkError?: string;
  /** The page refused the request before any network activity (renderer-side check). */
  readonly refusedByRenderer?: boolean;
  /** What JS got, when the page hook saw the call. */
  readonly pageOutcome?: PageOutcome;
  /** Origins of the top-level site chain, for CORP same-site checks (optional). */
  readonly topLevelOrigin?: string;
}

export interface EvaluateOptions {
  readonly profile: BrowserProfile;
}

// ---------------------------------------------------------------------------------------------
// Output

export type Verdict = 'allowed' | 'blocked' | 'opaque';

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

/** Chromium's blocked reasons for no-cors responses stopped by CORP (not CORS errors). */
export type BlockedReason = 'corp-not-same-origin' | 'corp-not-same-site';

/** Which message of the exchange a step, warning or fix is about. */
export type Target = 'request' | 'preflight' | 'redirect' | 'response';

/**
 * Stable identifiers of the rules the evaluator checks. Explain maps each to words and a spec
 * link; tests assert on these, never on sentences.
 */
export type RuleId =
  // the request, before anything is sent
  | 'request.same-origin' // not cross-origin: no CORS at all (info)
  | 'request.scheme' // CORS only for http(s) → CorsDisabledScheme
  | 'request.mode' // mode same-origin to another origin → DisallowedByMode
  | 'request.mode-inferred' // mode derived from destination (info)
  | 'request.credentials-inferred' // credentials mode chosen from the outcome (info)
  | 'request.no-cors-redirect-mode' // no-cors with redirect ≠ follow
  | 'request.no-cors-safelist' // no-cors allows only safelisted methods/headers
  | 'safelist.method' // #cors-safelisted-method
  | 'safelist.header' // #cors-safelisted-request-header, one step per header
  | 'safelist.total-size' // #cors-unsafe-request-header-names, 1024-byte rule
  | 'request.forbidden-header' // #forbidden-request-header (info)
  | 'method.normalize' // #concept-method-normalize (info)
  // preflight
  | 'preflight.needed' // #cors-preflight-fetch: needed or not, and why
  | 'preflight.cache' // needed but none seen: served from the preflight cache
  | 'preflight.network-error'
  | 'preflight.redirect' // a 3xx on the preflight → PreflightDisallowedRedirect
  | 'preflight.status' // ok status → PreflightInvalidStatus
  | 'preflight.allow-methods.parse'
  | 'preflight.allow-headers.parse'
  | 'preflight.method' // method in ACAM
  | 'preflight.header' // one step per unsafe header name
  | 'preflight.authorization' // Authorization must be listed explicitly
  | 'preflight.max-age' // cache duration granted (info)
  // the CORS check, on the preflight, each redirect hop, and the final response
  | 'cors.allow-origin.wildcard' // `*` with credentials
  | 'cors.allow-origin.present'
  | 'cors.allow-origin.single' // Chromium: no space or comma
  | 'cors.allow-origin.valid' // parsable as an origin, or `null`
  | 'cors.allow-origin.match' // byte-equal to the request's origin
  | 'cors.allow-credentials' // ACAC exactly `true` when credentials are included
  // redirects
  | 'redirect.mode' // redirect: error/manual
  | 'redirect.userinfo' // Location with credentials → RedirectContainsCredentials
  | 'redirect.taint' // origin becomes `null` (info)
  | 'redirect.authorization-dropped' // cross-origin redirect drops Authorization (info)
  // after a response
  | 'response.network-error' // failed for a reason other than CORS
  | 'response.corp' // #cross-origin-resource-policy-check on no-cors responses
  | 'response.opaque' // no-cors: JS gets an opaque response
  | 'response.exposed-headers' // #cors-safelisted-response-header-name and ACEH
  | 'outcome.consistency'; // verdict vs what the browser/page reported

export type StepOutcome = 'pass' | 'fail' | 'info' | 'skip';

/** One check performed, in order; passing steps are recorded too. */
export interface TraceStep {
  readonly rule: RuleId;
  /** Fetch Standard fragment id, e.g. `#concept-cors-check`. */
  readonly anchor: string;
  readonly on: Target;
  /** Index into `exchange.redirects` when `on` is `redirect`, or of the hop a preflight was for. */
  readonly hop?: number;
  /** The header or item the step is about (`access-control-allow-origin`, `x-trace-id`). */
  readonly subject?: string;
  /** What the rule needs, in the rule's own terms (`https://app.example`, `true`, `200-299`). */
  readonly expected?: string;
  /** What was observed (null: absent). */
  readonly actual?: string | null;
  readonly outcome: StepOutcome;
  /** Extra stable detail code for explain (`cached`, `forced`, `case-mismatch`, …). */
  readonly detail?: string;
  /** Where the profile deliberately departs from the spec on this step. */
  readonly deviation?: 'chrome' | 'firefox';
}

export type WarningCode =
  | 'authorization-covered-by-wildcard' // works in Chrome/Firefox, fails in Safari and per spec
  | 'origin-reflected-with-credentials'
  | 'null-origin-allowed'
  | 'missing-vary-origin'
  | 'wildcard-literal-with-credentials' // `*` in ACAM/ACAH/ACEH is a literal name with credentials
  | 'set-cookie-ignored'
  | 'status-hidden-by-cors-error'
  | 'browser-difference' // the other profiles would decide differently (detail says how)
  | 'preflight-max-age-capped'
  | 'credentials-inferred'
  | 'malformed-input';

export interface Warning {
  readonly code: WarningCode;
  readonly on: Target;
  readonly hop?: number;
  readonly subject?: string;
  readonly value?: string;
  /** Stable detail (`firefox:CORSAllowOriginNotMatchingOrigin`, `safari`, …). */
  readonly detail?: string;
}

/** A change to make, on one response (or in the page's code when `on` is `request`). */
export interface FixStep {
  readonly on: Target;
  /** The URL whose response must change (the preflight's URL is the request URL of that hop). */
  readonly url: string;
  /** For `preflight`, `OPTIONS`; otherwise the request method of that hop. */
  readonly method: string;
  /** Headers to send with exactly these values. */
  readonly setHeaders: readonly Header[];
  /** Header names to stop sending (a duplicate ACAO line, a stray wildcard). */
  readonly removeHeaders: readonly string[];
  /** For a preflight with a bad status: the status to answer with (e.g. 204). */
  readonly status?: number;
  /** Page-side change code when the server cannot fix it (`drop-userinfo`, `omit-credentials`…). */
  readonly pageChange?: string;
}

export interface PreflightSummary {
  readonly needed: boolean;
  /** Why: `method`, `header:<name>`, `forced`, `total-size`. */
  readonly reasons: readonly string[];
  readonly observed: boolean;
  /** Needed but not observed: presumed served from the preflight cache. */
  readonly presumedCached: boolean;
  /** Seconds the browser will cache this preflight for (after the profile's cap), if seen. */
  readonly cacheSeconds?: number;
}

export interface Evaluation {
  readonly verdict: Verdict;
  readonly corsError: CorsErrorCode | null;
  readonly failedParameter: string | null;
  readonly firefoxReason: FirefoxReason | null;
  readonly blockedReason: BlockedReason | null;
  /** Which message failed (where the fix goes), null when allowed. */
  readonly failedOn: Target | null;
  readonly failedHop?: number;
  readonly credentials: { readonly mode: CredentialsMode; readonly provenance: Provenance };
  readonly mode: { readonly mode: RequestMode; readonly provenance: Provenance };
  readonly preflight: PreflightSummary;
  /** The status the server really returned that JS cannot see because of the block. */
  readonly hiddenStatus: number | null;
  /** Response header names JS can read (lowercase), and those it cannot. */
  readonly exposedHeaders: { readonly readable: readonly string[]; readonly hidden: readonly string[] };
  readonly trace: readonly TraceStep[];
  readonly warnings: readonly Warning[];
  /** Empty when allowed (and no warning has a fix). */
  readonly fix: readonly FixStep[];
  readonly profile: BrowserProfile;
}
