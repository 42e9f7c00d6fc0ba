import type { BlockedReason, CorsErrorCode, Verdict, WarningCode } from '../../../src/evaluator/types';

/**
 * A scenario is data: what the page does and how the server answers. URLs use placeholders the
 * server fills in at run time: `{page}` (http://localhost:P1), `{api}` (http://127.0.0.1:P2),
 * `{third}` (http://127.0.0.2:P2). Every scenario owns the paths under `/s/<id>/`.
 */
export type Origin = '{page}' | '{api}' | '{third}';

export interface Reply {
  readonly status?: number;
  /** Header lines in order; a name repeated is sent as two lines. */
  readonly headers?: readonly (readonly [string, string])[];
  /** Body kind: text by default; `font`/`image`/`script`/`audio` serve a small valid payload. */
  readonly body?: 'text' | 'image' | 'script' | 'font' | 'audio' | 'event-stream';
}

/** How the server answers one step path (`/s/<id>/<step>`), per method. */
export interface Step {
  /** Answer to OPTIONS (the preflight); without it OPTIONS gets 405 with no CORS headers. */
  readonly options?: Reply;
  /** Answer to any other method. */
  readonly actual: Reply;
}

export type PageAction =
  | {
      readonly kind: 'fetch';
      readonly url: string;
      readonly method?: string;
      readonly headers?: readonly (readonly [string, string])[];
      readonly mode?: RequestMode;
      readonly credentials?: 'omit' | 'same-origin' | 'include';
      readonly redirect?: 'follow' | 'error' | 'manual';
      readonly body?: string;
      /** fetch()'s Local Network Access option. */
      readonly targetAddressSpace?: 'local' | 'loopback' | 'public';
      /** Run the same call this many times one after another (preflight cache). */
      readonly repeat?: number;
    }
  | {
      readonly kind: 'xhr';
      readonly url: string;
      readonly method?: string;
      readonly headers?: readonly (readonly [string, string])[];
      readonly withCredentials?: boolean;
      /** Register an upload progress listener before send(): forces a preflight. */
      readonly uploadListener?: boolean;
      readonly body?: string;
    }
  | {
      readonly kind: 'img';
      readonly url: string;
      readonly crossOrigin?: 'anonymous' | 'use-credentials';
      /** How the page makes it: properties on `new Image()` (default), setAttribute, or HTML. */
      readonly how?: 'properties' | 'attributes' | 'html';
    }
  | { readonly kind: 'script'; readonly url: string; readonly module?: boolean }
  | { readonly kind: 'font'; readonly url: string }
  | { readonly kind: 'eventsource'; readonly url: string; readonly withCredentials?: boolean }
  | { readonly kind: 'audio'; readonly url: string; readonly crossOrigin?: 'anonymous' }
  /** An image drawn into a canvas (2D, or uploaded to WebGL), then read back. */
  | {
      readonly kind: 'canvas';
      readonly url: string;
      readonly crossOrigin?: 'anonymous' | 'use-credentials';
      readonly read: 'getImageData' | 'toDataURL' | 'toBlob' | 'texImage2D';
    }
  /** navigator.sendBeacon with a string body (text/plain) or a Blob of `type`. */
  | { readonly kind: 'beacon'; readonly url: string; readonly type?: string };

type RequestMode = 'cors' | 'no-cors' | 'same-origin';

/** What Chromium decides: the scenario's claim, checked against CDP in every run. */
export interface Expected {
  readonly verdict: Verdict;
  readonly corsError?: CorsErrorCode;
  readonly failedParameter?: string;
  readonly blockedReason?: BlockedReason;
}

export interface Scenario {
  /** Unique, URL-safe; the path prefix `/s/<id>/`. */
  readonly id: string;
  readonly family: string;
  readonly what: string;
  readonly action: PageAction;
  readonly steps: Readonly<Record<string, Step>>;
  readonly expected: Expected;
  /** Assertions on what the server received, e.g. how many OPTIONS. */
  readonly serverSaw?: { readonly options?: number; readonly actual?: number };
  /** The origin of the page that runs the action (a placeholder; default `{page}`). */
  readonly page?: string;
  /** Canvas scenarios: whether Chromium refuses the read for taint (the page's SecurityError). */
  readonly tainted?: boolean;
  /** A permission granted to the page's origin before it runs (CDP Browser.setPermission). */
  readonly grant?: string;
  /** A warning our record must carry (where Chromium departs from the spec). */
  readonly ourWarning?: WarningCode;
}

/** The page's own view of the call, as the runner in the page reports it. */
export interface PageResult {
  readonly ok: boolean;
  readonly status?: number;
  readonly type?: string;
  readonly error?: string;
}
