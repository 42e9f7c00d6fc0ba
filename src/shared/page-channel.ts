/**
 * The DOM event the main-world hook uses to hand calls to the isolated-world relay. A DOM event
 * on `document` is the one channel both worlds share that leaves no name in the page's globals;
 * the detail is a JSON string because objects do not cross worlds.
 *
 * The calls of one page task travel together: the detail is a JSON array, flushed in a microtask
 * after the first call (or early, at MAX_BATCH_CALLS), so 600 fetches started in one loop cost
 * 3 events and 3 extension messages, not 600 of each (each message is an IPC hop through the
 * browser to the worker).
 */
import type { PageCall } from './record';

export const PAGE_CALL_EVENT = 'cors-lens:page-call:5b1e0c7d';

export interface PageCallDetail {
  readonly call: PageCall;
  readonly refused: boolean;
}

/** One call's JSON above this is left out (a page's own multi-megabyte data: URL, say). */
export const MAX_CALL_CHARS = 100_000;
/** A batch is flushed early at this many calls, so no message grows without bound. */
export const MAX_BATCH_CALLS = 250;
/** What the relay accepts in one event: a full batch of calls at their largest. */
export const MAX_DETAIL_CHARS = MAX_BATCH_CALLS * (MAX_CALL_CHARS + 1) + 2;
