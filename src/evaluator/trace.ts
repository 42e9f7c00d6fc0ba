/** The trace: one step per rule checked, named by stable rule ids (words live in src/explain/). */

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
  | 'request.mode-observed' // mode read from Sec-Fetch-Mode on the wire (info)
  | 'request.credentials-inferred' // credentials mode chosen from the outcome (info)
  | 'request.no-cors-redirect-mode' // no-cors with redirect ≠ follow
  | 'request.no-cors-safelist' // no-cors allows only safelisted methods/headers
  | 'safelist.method' // #cors-safelisted-method
  | 'safelist.header' // #cors-safelisted-request-header, one step per header
  | 'safelist.total-size' // #cors-unsafe-request-header-names, 1024-byte rule
  | 'request.forbidden-header' // #forbidden-request-header (info)
  | 'method.normalize' // #concept-method-normalize (info)
  // Local Network Access (WICG), checked when connecting
  | 'local-network.address-space' // which space to which (info)
  | 'local-network.target-address-space' // targetAddressSpace names the real space → InvalidLocalNetworkAccess
  | 'local-network.secure-context' // only secure contexts may ask → InsecureLocalNetwork
  | 'local-network.permission' // local-network / loopback-network → LocalNetworkAccessPermissionDenied
  | 'local-network.not-checked' // WebKit has no Local Network Access: the refusal is Chromium's (info)
  | 'request.mixed-content' // https page → http loopback: WebKit blocks it as mixed content
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
  | 'service-worker.answer' // the worker's answer is a response this request may use (#http-fetch)
  | 'canvas.origin-clean' // a drawn load left the canvas origin-clean (HTML), read refused otherwise
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
  readonly deviation?: 'chrome' | 'firefox' | 'safari';
}
