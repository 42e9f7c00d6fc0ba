/**
 * What the page hook tells about a page's workers, the one thing webRequest cannot: a request
 * with `tabId: -1` may come from a service worker or a shared worker (Chromium 156 gives neither
 * a frame, a document nor a client id). The page knows which it has: the service worker that
 * controls it (`navigator.serviceWorker.controller`), the ones it registers, and the shared
 * workers it creates. The hook sends the whole picture each time it changes (a few URLs), in a
 * DOM event like page calls (./page-channel.ts), then as one `cors-lens:page-workers` message.
 */

export const PAGE_WORKERS_EVENT = 'cors-lens:page-workers:3f8a61d2';

export interface PageWorkers {
  /** `navigator.serviceWorker.controller.scriptURL`: the service worker answering this page. */
  readonly controller?: string;
  /** Script URLs this page passed to `navigator.serviceWorker.register()` (absolute). */
  readonly registered: readonly string[];
  /** Script URLs of the `SharedWorker`s this page created (absolute). */
  readonly shared: readonly string[];
}

/** Bounds: a page creating workers in a loop keeps the first few of each kind. */
export const MAX_WORKER_URLS = 16;
export const MAX_WORKERS_CHARS = 2 * MAX_WORKER_URLS * 2_100 + 2_200;
export const MAX_WORKER_URL_CHARS = 2_048;
