/**
 * The records of each tab and page load: evaluated on read (the stored exchange is the compact
 * part; evaluation is cheap), bounded per tab with an eviction count, persisted write-through,
 * and the badge kept at the tab's number of blocked records.
 */
import { evaluate } from '../../evaluator/evaluate';
import type { BrowserProfile, Evaluation } from '../../evaluator/types';
import type { Badge } from '../../platform/extension';
import type { CorsRecord, PageCall } from '../../shared/record';
import { KEY, type Persister } from './persist';

const BADGE_DELAY_MS = 100;

/** A record as persisted: the evaluation is recomputed on load (it is most of the bytes). */
export type StoredRecord = Omit<CorsRecord, 'evaluation'>;

export interface TabState {
  readonly tabId: number;
  ids: string[];
  evicted: number;
  pageUrl?: string;
  nextPageCall: number;
  /** Page-hook calls not yet matched with a webRequest exchange. */
  calls: { call: PageCall; frameId: number; at: number }[];
}

export type StoreEvent = { type: 'record'; record: CorsRecord } | { type: 'cleared'; tabId: number };

export class RecordStore {
  readonly records = new Map<string, StoredRecord>();
  readonly tabs = new Map<number, TabState>();
  private readonly evaluations = new Map<string, Evaluation>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly badgeTimers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly persist: Persister,
    private readonly badge: Badge,
    private readonly profile: BrowserProfile,
    private readonly maxPerTab: () => number,
  ) {}

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tab(tabId: number): TabState {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = { tabId, ids: [], evicted: 0, nextPageCall: 0, calls: [] };
      this.tabs.set(tabId, tab);
    }
    return tab;
  }

  saveTab(tab: TabState): void {
    this.persist.put(KEY.tab(tab.tabId), tab);
  }

  full(id: string): CorsRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    let evaluation = this.evaluations.get(id);
    if (!evaluation) {
      evaluation = evaluate(record.exchange, { profile: this.profile });
      this.evaluations.set(id, evaluation);
    }
    return { ...record, evaluation };
  }

  add(tab: TabState, record: StoredRecord): void {
    this.records.set(record.id, record);
    this.evaluations.delete(record.id);
    tab.ids.push(record.id);
    this.persist.put(KEY.record(record.id), record, true);
    this.enforceBound(tab);
    this.saveTab(tab);
    this.changed(record.id, tab);
  }

  update(record: StoredRecord): void {
    this.records.set(record.id, record);
    this.evaluations.delete(record.id);
    this.persist.put(KEY.record(record.id), record, true);
    this.changed(record.id, this.tab(record.tabId));
  }

  enforceBound(tab: TabState): void {
    const max = Math.max(1, this.maxPerTab());
    if (tab.ids.length <= max) return;
    for (const id of tab.ids.splice(0, tab.ids.length - max)) this.forget(id, tab);
    this.saveTab(tab);
  }

  /** Quota reached: drop the oldest tenth of the largest tab's records. */
  freeSpace(): void {
    const largest = [...this.tabs.values()].sort((a, b) => b.ids.length - a.ids.length)[0];
    if (!largest || largest.ids.length === 0) return;
    const count = Math.max(1, Math.ceil(largest.ids.length / 10));
    for (const id of largest.ids.splice(0, count)) this.forget(id, largest);
    this.saveTab(largest);
  }

  /** Clears a tab's log (navigation, user) or forgets the tab entirely (closed). */
  /**
   * After loading: each tab's list of records is rebuilt from the records themselves. The list
   * is one storage key that a worker being stopped may have written last with an older value;
   * the records are the truth.
   */
  rebuildIndexes(): void {
    const byTab = new Map<number, StoredRecord[]>();
    for (const record of this.records.values()) {
      const list = byTab.get(record.tabId);
      if (list) list.push(record);
      else byTab.set(record.tabId, [record]);
    }
    for (const tab of this.tabs.values()) if (!byTab.has(tab.tabId)) tab.ids = [];
    for (const [tabId, records] of byTab) {
      const tab = this.tab(tabId);
      const ids = records
        .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id))
        .map((r) => r.id);
      if (ids.join() !== tab.ids.join()) {
        tab.ids = ids;
        this.saveTab(tab);
      }
    }
  }

  /**
   * A new page: drop the records that started before it (`at`, the navigation's own time).
   * Records of the new page may already be here: webRequest events of different listeners do
   * not arrive in order, so a subresource can be seen before its page's response.
   */
  clearBefore(tabId: number, at: number): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    const kept = tab.ids.filter((id) => (this.records.get(id)?.startedAt ?? 0) >= at);
    for (const id of tab.ids) {
      if (kept.includes(id)) continue;
      this.records.delete(id);
      this.evaluations.delete(id);
      this.persist.drop(KEY.record(id));
    }
    tab.ids = kept;
    tab.evicted = 0;
    tab.calls = tab.calls.filter((c) => c.at >= at);
    this.saveTab(tab);
    for (const listener of this.listeners) listener({ type: 'cleared', tabId });
    for (const id of kept) {
      const record = this.full(id);
      if (record) for (const listener of this.listeners) listener({ type: 'record', record });
    }
    this.updateBadge(tab);
  }

  purgeTab(tabId: number, keepTab: boolean): void {
    const tab = this.tabs.get(tabId);
    for (const id of tab?.ids ?? []) {
      this.records.delete(id);
      this.evaluations.delete(id);
      this.persist.drop(KEY.record(id));
    }
    if (keepTab && tab) {
      tab.ids = [];
      tab.evicted = 0;
      tab.calls = [];
      this.saveTab(tab);
      this.badge.show(tabId, 0);
      for (const listener of this.listeners) listener({ type: 'cleared', tabId });
    } else {
      this.tabs.delete(tabId);
      this.persist.drop(KEY.tab(tabId));
    }
  }

  private changed(id: string, tab: TabState): void {
    const record = this.listeners.size > 0 ? this.full(id) : undefined;
    if (record) for (const listener of this.listeners) listener({ type: 'record', record });
    this.updateBadge(tab);
  }

  /** Shows every badge count still waiting for its timer (queries and tests read it at once). */
  flushBadges(): void {
    for (const [tabId, timer] of this.badgeTimers) {
      clearTimeout(timer);
      this.badgeTimers.delete(tabId);
      this.showBadge(tabId);
    }
  }

  private showBadge(tabId: number): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    let blocked = 0;
    for (const id of tab.ids) if (this.full(id)?.evaluation.verdict === 'blocked') blocked++;
    this.badge.show(tabId, blocked);
  }

  /** Recounted at most every BADGE_DELAY_MS per tab: a burst of records costs one count. */
  private updateBadge(tab: TabState): void {
    if (this.badgeTimers.has(tab.tabId)) return;
    const timer = setTimeout(() => {
      this.badgeTimers.delete(tab.tabId);
      this.showBadge(tab.tabId);
    }, BADGE_DELAY_MS);
    this.badgeTimers.set(tab.tabId, timer);
  }

  private forget(id: string, tab: TabState): void {
    this.records.delete(id);
    this.evaluations.delete(id);
    this.persist.drop(KEY.record(id));
    tab.evicted++;
  }
}
