/**
 * The group of worker requests no tab of their origin was open for (NO_TAB,
 * assembly/worker-attribution.ts): kept, bounded like a tab, and handed over to the first tab
 * that loads a page of their origin, so they show in its panel, popup and reports. Until then
 * the report of every tab (`cors-lens:report` without `tabId`) holds them, and every popup says
 * how many wait, by origin.
 */
import { originOf } from '../../evaluator/origin-of';
import { NO_TAB } from '../assembly/worker-attribution';
import { KEY, type Step, type StoredRecord, type TabState } from '../state';
import { addRecord, saveTab } from './records';

/** The group's records of `origin` become `tab`'s (a page of that origin was loaded in it). */
export function adoptNoTabRecords(step: Step, tab: TabState, origin: string | undefined): void {
  const group = step.state.tabs.get(NO_TAB);
  if (!group || group.ids.length === 0 || origin === undefined || tab.tabId === NO_TAB) return;
  const kept: string[] = [];
  const moving: StoredRecord[] = [];
  for (const id of group.ids) {
    const record = step.state.records.get(id);
    if (record && record.exchange.initiatorOrigin === origin) moving.push(record);
    else kept.push(id);
  }
  if (moving.length === 0) return;
  group.ids = kept;
  saveTab(step, group);
  for (const record of moving) {
    step.state.records.delete(record.id);
    step.effects.push({ kind: 'drop', key: KEY.record(record.id) });
    const id = `${tab.tabId}:${record.id.slice(`${NO_TAB}:`.length)}`;
    if (step.state.records.has(id)) continue;
    const worker = record.worker ? { ...record.worker, tabs: 1 } : undefined;
    addRecord(step, tab, { ...record, id, tabId: tab.tabId, ...(worker ? { worker } : {}) });
  }
}

/** What the group holds, by origin, most first: every popup says so. */
export function noTabOrigins(
  records: ReadonlyMap<string, StoredRecord>,
  group: TabState | undefined,
): { origin: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const id of group?.ids ?? []) {
    const origin = records.get(id)?.exchange.initiatorOrigin;
    if (origin !== undefined) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([origin, count]) => ({ origin: originOf(origin) ?? origin, count }));
}
