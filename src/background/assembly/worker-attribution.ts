/**
 * Requests without a tab: a service worker's or shared worker's own fetch, and a service
 * worker's pass-through `fetch(event.request)`, reach webRequest with `tabId: -1` and the
 * registering page's origin as `initiator` (Chromium 156, shared/docs/platform-notes.md).
 * They are attributed by that origin to the recorded tabs whose page has it.
 *
 * The rule: every recorded tab whose page's origin is the initiator, or whose page or frames
 * said they have a worker of that origin (an embedded frame's service worker), gets the record.
 * One tab: it is that tab's. Several: each of them gets it, marked with how many tabs share it,
 * because a worker serves every client of its origin and webRequest does not say which one
 * asked; keeping it in only the most recent tab would hide it from the others, and dropping it
 * hides it from all. No tab (the page closed or went elsewhere while its worker kept fetching):
 * kept in a group of its own, NO_TAB, when the origin is in the recording scope as a page would
 * be; a tab of that origin shows the group's records of its origin (capture.ts), and the report
 * of every tab holds them all.
 *
 * The kind: webRequest does not tell a service worker from a shared worker, the page hook does
 * (src/content/worker-signals.ts): a page controlled by a service worker of the initiator's
 * origin, or that registered one, makes it possible that a service worker asked; a page that
 * created a shared worker of that origin, that a shared worker asked. Over the tabs the record
 * goes to: only the first → 'service worker'; only the second → 'shared worker'; both, or
 * neither (no hook: a tab recorded only since its panel opened, a page that froze the
 * built-ins) → 'worker (service or shared)'. A report that comes after the record re-marks it.
 */
import { originOf } from '../../evaluator/origin-of';
import type { RequestEvent } from '../../platform/webrequest';
import type { PageWorkers } from '../../shared/page-workers';
import type { WorkerContext } from '../../shared/record';
import { isRecorded as isRecordedScope, pageScope } from '../../shared/scope';
import type { CaptureState, WorkerKinds } from '../state';
import { initiatorOf } from './exchange';

/** The group of worker requests no tab of their origin was open for (a tab id no tab has). */
export const NO_TAB = -1;

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
    const ofOrigin =
      originOf(url) === initiator || state.tabs.get(tabId)?.workerKinds?.[initiator] !== undefined;
    if (ofOrigin && isRecorded(tabId)) tabs.push(tabId);
  }
  if (tabs.length === 0) {
    if (!isRecordedScope(pageScope(initiator, state.settings))) return undefined;
    return { tabs: [NO_TAB], worker: { ...workerContextOf(state, [], initiator), tabs: 0 } };
  }
  tabs.sort((a, b) => a - b);
  return { tabs, worker: workerContextOf(state, tabs, initiator) };
}

/** The kind of worker a request of `initiator`'s origin attributed to `tabs` came from. */
export function workerContextOf(
  state: CaptureState,
  tabs: readonly number[],
  initiator: string,
): WorkerContext {
  let service = false;
  let shared = false;
  for (const tabId of tabs) {
    const kinds = state.tabs.get(tabId)?.workerKinds?.[initiator];
    service ||= kinds?.service === true;
    shared ||= kinds?.shared === true;
  }
  const context =
    service && !shared
      ? 'service worker'
      : shared && !service
        ? 'shared worker'
        : 'worker (service or shared)';
  return { context, tabs: tabs.length };
}

/** What one page's report says of each worker origin. */
export function kindsOf(workers: PageWorkers): Map<string, WorkerKinds> {
  const kinds = new Map<string, WorkerKinds>();
  const add = (url: string | undefined, kind: keyof WorkerKinds) => {
    const origin = url === undefined ? undefined : originOf(url);
    if (origin === undefined || origin === 'null') return;
    kinds.set(origin, { ...kinds.get(origin), [kind]: true });
  };
  add(workers.controller, 'service');
  for (const url of workers.registered) add(url, 'service');
  for (const url of workers.shared) add(url, 'shared');
  return kinds;
}
