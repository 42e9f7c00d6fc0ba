import type { CorsRecord } from '../shared/record';
import { applyFilters, type Filters, parseFilters } from './filter';

/**
 * The panel's state, outside any component: records, the selection, filters and the rows they
 * leave visible (memoised on the records and filters identities). Components read and call
 * these functions; they hold no logic of their own.
 */
export interface PanelState {
  readonly records: readonly CorsRecord[];
  readonly evicted: number;
  /** Records of the tab storage could not keep (storage.session full). */
  readonly unsaved: number;
  readonly selectedId: string | null;
  /** The details pane shows the selected record. */
  readonly detailsOpen: boolean;
  readonly filters: Filters;
  /** Where the records come from: the inspected tab, or a file the user imported. */
  readonly source: { kind: 'live'; tabId: number | null } | { kind: 'import'; name: string };
  /** Problems to show in the status bar (bad import, lost connection). */
  readonly notice: string | null;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const FILTERS_KEY = 'cors-lens:panel-filters';

export type Store = ReturnType<typeof createStore>;

export function createStore(storage: KeyValueStorage | null, tabId: number | null = null) {
  let state: PanelState = {
    records: [],
    evicted: 0,
    unsaved: 0,
    selectedId: null,
    detailsOpen: false,
    filters: parseFilters(safeRead(storage)),
    source: { kind: 'live', tabId },
    notice: null,
  };
  const listeners = new Set<() => void>();
  let memo: { records: readonly CorsRecord[]; filters: Filters; rows: CorsRecord[] } | null = null;

  function set(patch: Partial<PanelState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  function visibleRows(): readonly CorsRecord[] {
    if (memo === null || memo.records !== state.records || memo.filters !== state.filters) {
      memo = {
        records: state.records,
        filters: state.filters,
        rows: applyFilters(state.records, state.filters),
      };
    }
    return memo.rows;
  }

  function moveSelection(to: (index: number, count: number) => number): void {
    const rows = visibleRows();
    if (rows.length === 0) return;
    const current = rows.findIndex((r) => r.id === state.selectedId);
    const next = Math.max(0, Math.min(rows.length - 1, to(current, rows.length)));
    set({ selectedId: rows[next]?.id ?? null });
  }

  return {
    getState: (): PanelState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    visibleRows,
    selectedRecord(): CorsRecord | null {
      return state.records.find((r) => r.id === state.selectedId) ?? null;
    },
    /** A snapshot replaces everything (first subscribe, worker restart, import). */
    setRecords(
      records: readonly CorsRecord[],
      evicted = 0,
      source: PanelState['source'] = state.source,
    ): void {
      const keep = records.some((r) => r.id === state.selectedId);
      set({
        records,
        evicted,
        source,
        selectedId: keep ? state.selectedId : null,
        detailsOpen: keep && state.detailsOpen,
      });
    },
    /** A live record: new, or an update of one in flight (same id). */
    upsertRecord(record: CorsRecord): void {
      const at = state.records.findIndex((r) => r.id === record.id);
      if (at < 0) set({ records: [...state.records, record] });
      else set({ records: state.records.map((r, i) => (i === at ? record : r)) });
    },
    /** The worker's count of this tab's records storage could not keep (summaries report it). */
    setUnsaved(unsaved: number): void {
      if (unsaved !== state.unsaved) set({ unsaved });
    },
    /** The worker's count of this tab's dropped records, as its summaries report it. */
    setEvicted(evicted: number): void {
      if (evicted !== state.evicted) set({ evicted });
    },
    clear(): void {
      set({ records: [], evicted: 0, unsaved: 0, selectedId: null, detailsOpen: false });
    },
    select(id: string | null, open = true): void {
      set({ selectedId: id, detailsOpen: id !== null && open });
    },
    closeDetails(): void {
      set({ detailsOpen: false });
    },
    setFilters(patch: Partial<Filters>): void {
      const filters = { ...state.filters, ...patch };
      try {
        storage?.setItem(FILTERS_KEY, JSON.stringify(filters));
      } catch {
        // Storage full or disabled: the filter still applies for this session.
      }
      set({ filters });
    },
    setNotice(notice: string | null): void {
      set({ notice });
    },
    selectNext: () => moveSelection((i) => i + 1),
    selectPrevious: () => moveSelection((i) => (i < 0 ? 0 : i - 1)),
    selectFirst: () => moveSelection(() => 0),
    selectLast: () => moveSelection((_, n) => n - 1),
    openSelected(): void {
      if (state.selectedId !== null) set({ detailsOpen: true });
    },
  };
}

function safeRead(storage: KeyValueStorage | null): string | null {
  try {
    return storage?.getItem(FILTERS_KEY) ?? null;
  } catch {
    return null;
  }
}
