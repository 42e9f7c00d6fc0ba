/** What the evaluator returns: the verdict, its codes, warnings and the exact fix. */

import type { BlockedReason, CorsErrorCode, FirefoxReason, SafariReason } from './codes';
import type { BrowserProfile, CredentialsMode, Header, Provenance, RequestMode } from './input';
import type { Target, TraceStep } from './trace';

export type Verdict = 'allowed' | 'blocked' | 'opaque';

export type WarningCode =
  | 'authorization-covered-by-wildcard' // works in Chrome, Firefox and WebKit 2.50, fails per spec
  | 'origin-reflected-with-credentials'
  | 'null-origin-allowed'
  | 'missing-vary-origin'
  | 'wildcard-literal-with-credentials' // `*` in ACAM/ACAH/ACEH is a literal name with credentials
  | 'set-cookie-ignored'
  | 'status-hidden-by-cors-error'
  | 'browser-difference' // the other profiles would decide differently (detail says how)
  | 'preflight-max-age-capped'
  | 'credentials-inferred'
  | 'firefox-lines-merged' // one ACAO line with a comma seen through Firefox: one line or two?
  | 'canvas-tainted' // this load tainted a canvas the page then failed to read (detail: the cause)
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

/** One profile's decision on the same exchange (same mode and credentials as the main verdict). */
export interface ProfileVerdict {
  readonly verdict: Verdict;
  readonly corsError: CorsErrorCode | null;
  readonly failedParameter: string | null;
  readonly blockedReason: BlockedReason | null;
}

export interface Evaluation {
  readonly verdict: Verdict;
  readonly corsError: CorsErrorCode | null;
  readonly failedParameter: string | null;
  readonly firefoxReason: FirefoxReason | null;
  /**
   * WebKit's console message family (Safari) for this exchange, from the safari profile's decision
   * whatever the evaluated profile; null when WebKit would log no CORS/CORP failure.
   */
  readonly safariReason: SafariReason | null;
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
  /** What every profile would decide, the evaluated one included (`byProfile[profile]`). */
  readonly byProfile: Readonly<Record<BrowserProfile, ProfileVerdict>>;
}
