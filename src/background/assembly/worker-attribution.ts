/**
 * Requests without a tab: a service worker's or shared worker's own fetch, and a service
 * worker's pass-through `fetch(event.request)`, reach webRequest with `tabId: -1` and the
 * registering page's origin as `initiator` (Chromium 156, shared/docs/platform-notes.md).
 * They are attributed by that origin to the recorded tabs whose page has it.
 *
 * The rule: every recorded tab whose page's origin is the initiator gets the record. One tab:
 * it is that tab's. Several: each of them gets it, marked with how many tabs share it, because a
 * worker serves every client of its origin and webRequest does not say which one asked; keeping
 * it in only the most recent tab would hide it from the others, and dropping it hides it from
 * all. No tab: dropped (nothing the user looks at shows that origin).
 */
import { originOf } from '../../evaluator/origin-of';
import type { RequestEvent } from '../../platform/webrequest';
import type { WorkerContext } from '../../shared/record';
import type { CaptureState } from '../state';
import { initiatorOf } from './exchange';

export interface Attribution {
  /** The tabs that get the record, ascending; the first one owns the request in flight. */
  readonly tabs: readonly number[];
  readonly worker: WorkerContext;
}

/**
 * webRequest gives a worker's request no frame, document or client id, so which kind of worker
 * made it cannot be told from the event: the context stays 'worker (no tab)'.
 */
export function attributeWorkerRequest(
  state: CaptureState,
  event: Pick<RequestEvent, 'tabId' | 'initiator' | 'originUrl'>,
  isRecorded: (tabId: number) => boolean,
): Attribution | undefined {
  if (event.tabId >= 0) return undefined;
  const initiator = initiatorOf(event);
  if (initiator === undefined || initiator === 'null') return undefined;
  const tabs: number[] = [];
  for (const [tabId, url] of state.scope.pages) {
    if (originOf(url) === initiator && isRecorded(tabId)) tabs.push(tabId);
  }
  if (tabs.length === 0) return undefined;
  tabs.sort((a, b) => a - b);
  return { tabs, worker: { context: 'worker (no tab)', tabs: tabs.length } };
}
