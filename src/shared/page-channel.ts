/**
 * The DOM event the main-world hook uses to hand a call to the isolated-world relay. A DOM event
 * on `document` is the one channel both worlds share that leaves no name in the page's globals;
 * the detail is a JSON string because objects do not cross worlds.
 */
import type { PageCall } from './record';

export const PAGE_CALL_EVENT = 'cors-lens:page-call:5b1e0c7d';

export interface PageCallDetail {
  readonly call: PageCall;
  readonly refused: boolean;
}
