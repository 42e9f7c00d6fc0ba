/**
 * A page's report of its workers (src/content/worker-signals.ts): which kinds of worker the tab
 * has, by origin, kept with the tab until it navigates. The kind of a request without a tab is
 * decided from them when its record is made (assembly/worker-attribution.ts); a report that
 * arrives after the record (a shared worker that fetched at once) re-marks the recent ones.
 */
import { PAIRING_WINDOW_MS } from '../assembly/exchange';
import { attributeWorkerRequest, kindsOf, workerContextOf } from '../assembly/worker-attribution';
import type { Input, Step, WorkerKinds } from '../state';
import { saveTab, tabOf, updateRecord } from './records';
import { follow, isTabRecorded } from './scope';

/** Origins kept per tab: a page and its frames rarely have workers of more than a few. */
const MAX_ORIGINS = 8;

export function reducePageWorkers(step: Step, input: Extract<Input, { type: 'page-workers' }>): void {
  if (!isTabRecorded(step.state, input.tabId)) return;
  const tab = tabOf(step, input.tabId);
  const known: Record<string, WorkerKinds> = { ...tab.workerKinds };
  const changed: string[] = [];
  for (const [origin, kinds] of kindsOf(input.workers)) {
    const before = known[origin];
    if (before === undefined && Object.keys(known).length >= MAX_ORIGINS) continue;
    const after: WorkerKinds = { ...before, ...kinds };
    if (before?.service === after.service && before?.shared === after.shared) continue;
    known[origin] = after;
    changed.push(origin);
  }
  if (changed.length === 0) return;
  tab.workerKinds = known;
  saveTab(step, tab);
  follow(step); // a recorded tab with a worker: requests without a tab are listened to
  for (const origin of changed) remark(step, origin);
}

/** The recent records of `origin`'s workers, in every tab they went to, with the kind as of now. */
function remark(step: Step, origin: string): void {
  const tabs = attributeWorkerRequest(step.state, { tabId: -1, initiator: origin }, (id) =>
    isTabRecorded(step.state, id),
  )?.tabs;
  if (!tabs) return;
  const context = workerContextOf(step.state, tabs, origin).context;
  for (const tabId of tabs) {
    const ids = step.state.tabs.get(tabId)?.ids ?? [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const record = step.state.records.get(ids[i] ?? '');
      if (!record) continue;
      if (step.now - record.startedAt > PAIRING_WINDOW_MS) break;
      if (!record.worker || record.exchange.initiatorOrigin !== origin || record.worker.context === context)
        continue;
      updateRecord(step, { ...record, worker: { ...record.worker, context } });
    }
  }
}
