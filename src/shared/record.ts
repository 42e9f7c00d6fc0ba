import type { Evaluation, ObservedExchange } from '../evaluator/types';

/**
 * One cross-origin exchange of a tab, as stored by the worker and shown by the panel, popup and
 * reports. The evaluation is derived from `exchange` and kept alongside so readers never need
 * the evaluator's profile logic.
 */
export interface CorsRecord {
  /** Stable id: `${tabId}:${first webRequest requestId}` or `${tabId}:page:${n}` for refused calls. */
  readonly id: string;
  readonly tabId: number;
  readonly frameId: number;
  /** URL of the document that made the request, when known. */
  readonly documentUrl?: string;
  /** webRequest resource type (`xmlhttprequest`, `font`, `script`, …). */
  readonly type: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly exchange: ObservedExchange;
  readonly evaluation: Evaluation;
  /** What the page hook saw of the call, when it saw it. */
  readonly call?: PageCall;
  /** True while the exchange is still in flight (no completion or error yet). */
  readonly pending?: boolean;
  /** Edited in the panel's what-if editor: headers the server did not really send. */
  readonly hypothetical?: boolean;
  /**
   * Made by a service or shared worker (webRequest `tabId: -1`), attributed to this tab by its
   * initiator (src/background/assembly/worker-attribution.ts).
   */
  readonly worker?: WorkerContext;
  /** Read from a HAR file: who wrote it and what the file could not tell (src/har/evidence.ts). */
  readonly imported?: ImportFacts;
}

/**
 * Where a request without a tab came from, and how many tabs it was recorded in. The kind comes
 * from what the tabs' pages said of their workers (src/background/assembly/worker-attribution.ts):
 * 'worker (service or shared)' when both are possible or the pages said nothing; 'worker (no tab)'
 * only in records made before the page hook reported workers.
 */
export interface WorkerContext {
  readonly context: 'service worker' | 'shared worker' | 'worker (service or shared)' | 'worker (no tab)';
  /** The number of recorded tabs of the initiator's origin that got the record (1: only this). */
  readonly tabs: number;
}

/** What a HAR import knows, and does not know, about one record. */
export interface ImportFacts {
  /** The producer's id (`playwright`, `chrome-har`, `firefox`, `chrome-devtools`, `safari`, `other`). */
  readonly producer: string;
  /** `log.creator` as written (name and version). */
  readonly creator: string;
  /** The producer's failure text ('' when none). */
  readonly failure: string;
  /** Blocked, and the HAR holds nothing that says why (no response, no preflight answer). */
  readonly reasonUnknown: boolean;
  /** A preflight was needed, and the producer does not record preflights. */
  readonly preflightNotRecorded: boolean;
  /** The credentials mode was chosen from the outcome: the HAR does not record it. */
  readonly credentialsUnknown: boolean;
  /**
   * The producer proves the browser delivered the response, but the headers in the HAR would
   * block it: the verdict is the browser's, the headers are not the ones it judged.
   */
  readonly headersContradict: boolean;
  /**
   * The credentials mode decides the verdict and the HAR does not record it: what the other
   * mode would give (the record's own verdict assumes `evaluation.credentials.mode`).
   */
  readonly otherCredentials?: ReasonOnly;
}

/** A verdict and its reason under the other credentials mode. */
export interface ReasonOnly {
  readonly credentials: 'omit' | 'include';
  readonly verdict: import('../evaluator/types').Verdict;
  readonly corsError: import('../evaluator/types').CorsErrorCode | null;
  readonly failedParameter: string | null;
  readonly blockedReason: import('../evaluator/types').BlockedReason | null;
}

/** The page hook's view of one fetch()/XHR call. */
export interface PageCall {
  /** `element`: an <img>, <script>, <link> or media element with `crossorigin` (its mode). */
  readonly api: 'fetch' | 'xhr' | 'element';
  readonly url: string;
  readonly method: string;
  readonly mode?: string;
  readonly credentials?: string;
  readonly redirect?: string;
  /** fetch()'s `targetAddressSpace` option, when the page passed one (Local Network Access). */
  readonly targetAddressSpace?: string;
  /** Header names the page set (lowercase). */
  readonly headerNames: readonly string[];
  /** First frames of the JS stack that made the call, `file:line:col`. */
  readonly callSite?: string;
  readonly outcome?: import('../evaluator/types').PageOutcome;
  /**
   * The service worker controlling the page when it called (it answers the request instead of
   * the network), and, once the call failed, the type of the copy the page's Cache Storage holds
   * for the URL (`none`: no copy). Set on the rejected call (src/content/sw-answers.ts).
   */
  readonly serviceWorker?: ServiceWorkerCall;
}

export interface ServiceWorkerCall {
  readonly script: string;
  readonly cached?: 'opaque' | 'opaqueredirect' | 'other' | 'none';
}

/** Per-tab counters for the popup and the badge. */
export interface TabSummary {
  readonly tabId: number;
  readonly pageUrl?: string;
  readonly allowed: number;
  readonly blocked: number;
  readonly opaque: number;
  readonly warnings: number;
  readonly preflights: number;
  /** Requests not blocked here that another browser would block (per `Evaluation.byProfile`). */
  readonly failElsewhere: number;
  /** Records dropped because the per-tab bound was reached. */
  readonly evicted: number;
  /**
   * Records of requests without a tab, by the kind of worker that made them (`WorkerContext`),
   * most first; absent when there are none.
   */
  readonly workers?: readonly { context: string; count: number; blocked: number }[];
  /**
   * Requests of workers no tab of their origin was open for, kept by origin until a tab of that
   * origin loads (it gets them); absent when there are none. Every tab's summary has it.
   */
  readonly noTab?: readonly { origin: string; count: number }[];
  /** Records dropped because storage.session stayed full (absent from older workers: 0). */
  readonly unsaved?: number;
  /**
   * Failing origins, most failures first: origin, count, the most frequent reason (`corsError`),
   * and every reason with its count, most frequent first (`reasons`; absent in summaries from
   * before it existed). A reason is a CORS error code, a blocked reason, or null (network error).
   */
  readonly topFailing: readonly {
    origin: string;
    count: number;
    corsError: string | null;
    reasons?: readonly { code: string | null; count: number }[];
  }[];
}
