/** What the evaluator is fed: one observed exchange and the profile to replay it with. */

/** Which browser's behaviour to replay. `spec` follows the Fetch Standard to the letter. */
export const BROWSER_PROFILES = ['chrome', 'firefox', 'safari', 'spec'] as const;
export type BrowserProfile = (typeof BROWSER_PROFILES)[number];

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

/**
 * A request the page's service worker answered (`respondWith`), so it made no network request of
 * its own: what is known of the answer. The page only sees "Failed to fetch".
 */
export interface ServiceWorkerAnswer {
  /** `navigator.serviceWorker.controller.scriptURL` when the page called. */
  readonly script?: string;
  /**
   * The type of the response the worker answered with, when seen: `opaque` (a no-cors fetch or
   * a cached no-cors copy), `opaqueredirect` (a fetch with redirect "manual"), `redirected` (a
   * response that followed redirects); `unknown` otherwise.
   */
  readonly type: 'opaque' | 'opaqueredirect' | 'redirected' | 'unknown';
  /** How the type is known: the worker's own request for that URL, or the page's Cache Storage. */
  readonly evidence?: 'worker-request' | 'cache';
}

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
  /**
   * Sent by `navigator.sendBeacon` or `<a ping>` (webRequest type `ping`, Chrome DevTools
   * resource type `Ping`): no-cors unless its body needs cors (#concept-request-mode).
   */
  readonly ping?: boolean;
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
  /**
   * The address the browser connected to for the final response (webRequest's `ip`): decides
   * the target's address space for a domain name (Local Network Access).
   */
  readonly remoteIp?: string;
  /** The `targetAddressSpace` fetch option the page passed (page hook). */
  readonly targetAddressSpace?: 'local' | 'loopback' | 'public';
  /**
   * The page tried to read a canvas this image or video was drawn into, and was refused
   * (page hook). `crossOrigin` is the element's attribute when drawn; `reused`: no request of
   * it was seen, the browser reused a copy it had (memory cache).
   */
  readonly canvasRead?: {
    readonly read: string;
    readonly crossOrigin: string | null;
    readonly reused?: boolean;
  };
  /** The page's service worker answered it (page hook): no request of the page's own was sent. */
  readonly serviceWorkerAnswer?: ServiceWorkerAnswer;
  /** Origins of the top-level site chain, for CORP same-site checks (optional). */
  readonly topLevelOrigin?: string;
}

export interface EvaluateOptions {
  readonly profile: BrowserProfile;
}
