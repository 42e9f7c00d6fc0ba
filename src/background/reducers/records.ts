/**
 * The records of each tab and page load: bounded per tab with an eviction count. Shared steps of
 * the reducers; each change is also an effect (a storage write, a push, a badge recount).
 */
import type { InFlight } from '../assembly/exchange';
import { callKey, KEY, type Step, type StoredRecord, type TabState } from '../state';

export function tabOf(step: Step, tabId: number): TabState {
  let tab = step.state.tabs.get(tabId);
  if (!tab) {
    tab = { tabId, ids: [], evicted: 0, nextPageCall: 0, calls: [] };
    step.state.tabs.set(tabId, tab);
  }
  return tab;
}

export function saveTab(step: Step, tab: TabState): void {
  step.effects.push({ kind: 'put', key: KEY.tab(tab.tabId), value: { tab } });
}

function indexed(index: Map<string, string[]>, key: string, id: string, alive: (id: string) => boolean) {
  const list = index.get(key);
  if (!list) {
    index.set(key, [id]);
    return;
  }
  list.push(id);
  // A URL asked for again and again: keep its list to what still exists.
  if (list.length > 64) index.set(key, list.filter(alive));
}

/** A record of an exchange the page's call (or the call's outcome) may still come for. */
export function indexRecord(step: Step, record: StoredRecord): void {
  if (record.exchange.refusedByRenderer || record.exchange.serviceWorkerAnswer) return;
  const key = callKey(record.tabId, record.frameId, record.exchange.method, record.exchange.url);
  indexed(step.state.pairing.records, key, record.id, (id) => step.state.records.has(id));
}

/** A request in flight its page call may still come for. */
export function indexFlight(step: Step, flight: InFlight): void {
  const key = callKey(flight.tabId, flight.frameId, flight.method, flight.url);
  indexed(step.state.pairing.flights, key, flight.requestId, (id) => step.state.flights.has(id));
}

/**
 * A request in flight is written once it has lasted a second or two (`if-it-lasts`): most are
 * finished by then, their record is all that is written, and a stop that comes later (an idle
 * stop comes only after 30 s without events) finds it in storage. Writing every change of every
 * request was most of what the worker wrote, three times a request. `took`: it has just taken
 * a preflight that storage held under another key, now removed: it goes with the next batch, or
 * a stop could lose what storage had.
 */
export function saveFlight(step: Step, flight: InFlight, took?: 'took-stored'): void {
  step.effects.push({
    kind: 'put',
    key: KEY.flight(flight.requestId),
    value: { flight },
    ...(took ? {} : { when: 'if-it-lasts' }),
  });
}

/**
 * A new record. A failed request's (a CORS failure, a refusal by the renderer) is written at the
 * end of the task: it is what the user came for, and a stop inside the batch's window would
 * otherwise leave at most the request in flight, which the wake-up would finish as answered
 * without error. Others wait for the batch.
 */
export function addRecord(step: Step, tab: TabState, record: StoredRecord): void {
  step.state.records.set(record.id, record);
  indexRecord(step, record);
  tab.ids.push(record.id);
  step.effects.push({
    kind: 'put',
    key: KEY.record(record.id),
    value: { record },
    ...(record.exchange.networkError === undefined &&
    !record.exchange.refusedByRenderer &&
    !record.exchange.serviceWorkerAnswer
      ? {}
      : { when: 'end-of-task' }),
  });
  // The tab itself is not written: its list of ids is rebuilt from the records on load.
  enforceBound(step, tab);
  step.effects.push({ kind: 'record', id: record.id });
}

export function updateRecord(step: Step, record: StoredRecord): void {
  step.state.records.set(record.id, record);
  step.effects.push({ kind: 'put', key: KEY.record(record.id), value: { record } });
  tabOf(step, record.tabId);
  step.effects.push({ kind: 'record', id: record.id });
}

function forget(step: Step, id: string): void {
  step.state.records.delete(id);
  step.effects.push({ kind: 'drop', key: KEY.record(id) });
}

export function enforceBound(step: Step, tab: TabState): void {
  const max = Math.max(1, step.state.settings.maxRecordsPerTab);
  if (tab.ids.length <= max) return;
  const evicted = tab.ids.splice(0, tab.ids.length - max);
  for (const id of evicted) forget(step, id);
  tab.evicted += evicted.length;
  saveTab(step, tab);
}

/** Quota reached: drop the oldest tenth of the largest tab's records, counted as evicted. */
export function freeSpace(step: Step): void {
  let largest: TabState | undefined;
  for (const tab of step.state.tabs.values())
    if (!largest || tab.ids.length > largest.ids.length) largest = tab;
  if (!largest || largest.ids.length === 0) return;
  const evicted = largest.ids.splice(0, Math.max(1, Math.ceil(largest.ids.length / 10)));
  for (const id of evicted) forget(step, id);
  largest.evicted += evicted.length;
  saveTab(step, largest);
}

/**
 * Records storage refused even after freeing space: a worker stop would lose them silently, so
 * they leave now, counted per tab (`unsaved`, stored with the tab: a small write that fits where
 * the record did not). Other keys (requests in flight, waiting calls) are written again with
 * their next change.
 */
export function dropUnsaved(step: Step, keys: readonly string[]): void {
  const touched = new Set<TabState>();
  for (const key of keys) {
    if (!key.startsWith('r:')) continue;
    const id = key.slice(2);
    const record = step.state.records.get(id);
    const tab = record === undefined ? undefined : step.state.tabs.get(record.tabId);
    if (tab === undefined) continue;
    const at = tab.ids.indexOf(id);
    if (at === -1) continue;
    tab.ids.splice(at, 1);
    forget(step, id); // an older value of the record may be stored: it goes too
    tab.unsaved = (tab.unsaved ?? 0) + 1;
    touched.add(tab);
  }
  for (const tab of touched) {
    saveTab(step, tab);
    step.effects.push({ kind: 'badge', tabId: tab.tabId });
  }
}

/**
 * A new page: drop the records that started before it (`at`, the navigation's own time).
 * Records of the new page may already be here: webRequest events of different listeners do
 * not arrive in order, so a subresource can be seen before its page's response.
 */
export function clearBefore(step: Step, tabId: number, at: number): void {
  const tab = step.state.tabs.get(tabId);
  if (!tab) return;
  const kept: string[] = [];
  for (const id of tab.ids) {
    if ((step.state.records.get(id)?.startedAt ?? 0) >= at) kept.push(id);
    else forget(step, id);
  }
  tab.ids = kept;
  tab.evicted = 0;
  tab.unsaved = 0;
  for (const c of tab.calls) if (c.at < at) step.effects.push({ kind: 'drop', key: KEY.call(tabId, c.seq) });
  tab.calls = tab.calls.filter((c) => c.at >= at);
  saveTab(step, tab);
  step.effects.push({ kind: 'cleared', tabId });
  for (const id of kept) step.effects.push({ kind: 'record', id });
  step.effects.push({ kind: 'badge', tabId });
}

/** Clears a tab's log (the user asked: the tab stays) or forgets the tab entirely (closed). */
export function purgeTab(step: Step, tabId: number, keepTab: boolean): void {
  for (const flight of [...step.state.flights.values()]) {
    if (flight.tabId !== tabId) continue;
    step.state.flights.delete(flight.requestId);
    step.effects.push({ kind: 'drop', key: KEY.flight(flight.requestId) });
  }
  const tab = step.state.tabs.get(tabId);
  for (const id of tab?.ids ?? []) forget(step, id);
  for (const c of tab?.calls ?? []) step.effects.push({ kind: 'drop', key: KEY.call(tabId, c.seq) });
  if (keepTab && tab) {
    tab.ids = [];
    tab.evicted = 0;
    tab.unsaved = 0;
    tab.calls = [];
    saveTab(step, tab);
    step.effects.push({ kind: 'badge', tabId, zero: true }, { kind: 'cleared', tabId });
  } else {
    step.state.tabs.delete(tabId);
    step.effects.push({ kind: 'drop', key: KEY.tab(tabId) });
  }
}

/**
 * After loading: each tab's list of records is rebuilt from the records themselves (the list is
 * not stored: one key rewritten with every record would cost more than the records, and a
 * worker being stopped could write it last with an older value; the records are the truth).
 */
export function rebuildIndexes(step: Step): void {
  const byTab = new Map<number, StoredRecord[]>();
  for (const record of step.state.records.values()) {
    const list = byTab.get(record.tabId);
    if (list) list.push(record);
    else byTab.set(record.tabId, [record]);
  }
  for (const tab of step.state.tabs.values()) if (!byTab.has(tab.tabId)) tab.ids = [];
  for (const [tabId, records] of byTab) {
    const tab = tabOf(step, tabId);
    const ids = records
      .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id))
      .map((r) => r.id);
    tab.ids = ids; // not stored: nothing to write
  }
}
