import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { Details } from './Details';
import { EvictionNote } from './EvictionNote';
import { hostsOf } from './filter';
import { ImportNotes } from './ImportNotes';
import { importText } from './import-file';
import { PreserveLog, type PreserveLogProps } from './PreserveLog';
import { RequestTable } from './RequestTable';
import { RecordsContext } from './records-context';
import type { Store } from './store';
import { UnsavedNote } from './UnsavedNote';
import { useStore } from './use-store';

export interface AppProps {
  readonly store: Store;
  /** Clears the inspected tab's log in the worker (absent for imported files). */
  readonly onClear?: () => void;
  /** The worker's "Preserve log" setting (absent outside the extension). */
  readonly preserveLog?: PreserveLogProps;
}

/** The CORS panel: toolbar, the live table, the details of the selected request. */
export function App({ store, onClear, preserveLog }: AppProps): JSX.Element {
  const state = useStore(store);
  const rows = store.visibleRows();
  const selected = state.detailsOpen ? store.selectedRecord() : null;
  const hosts = useMemo(() => hostsOf(state.records), [state.records]);
  const blocked = useMemo(
    () => state.records.filter((r) => r.evaluation.verdict === 'blocked').length,
    [state.records],
  );

  const onFile = async (event: Event): Promise<void> => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const result = importText(await file.text());
    input.value = '';
    if (!result.ok) {
      store.setNotice(`Could not import ${file.name}: ${result.error}`);
      return;
    }
    store.setRecords(result.records, 0, { kind: 'import', name: file.name });
    store.setNotice(
      result.errors.length > 0 ? `${file.name}: ${result.errors.length} entries skipped.` : null,
    );
  };

  const { filters } = state;
  return (
    <div class="app">
      <div class="toolbar" role="toolbar" aria-label="Filters">
        {onClear && state.source.kind === 'live' && (
          <button type="button" onClick={onClear} title="Clear this tab's log">
            Clear
          </button>
        )}
        {preserveLog && state.source.kind === 'live' && <PreserveLog {...preserveLog} />}
        <input
          type="search"
          placeholder="Filter URL, method, reason"
          aria-label="Filter"
          value={filters.text}
          onInput={(e) => store.setFilters({ text: e.currentTarget.value })}
        />
        <label>
          <input
            type="checkbox"
            checked={filters.blockedOnly}
            onChange={(e) => store.setFilters({ blockedOnly: e.currentTarget.checked })}
          />
          Blocked only
        </label>
        <label>
          <input
            type="checkbox"
            checked={filters.warningsOnly}
            onChange={(e) => store.setFilters({ warningsOnly: e.currentTarget.checked })}
          />
          Warnings only
        </label>
        <label title="Rows where Chrome, Firefox, Safari and the Fetch spec do not all agree">
          <input
            type="checkbox"
            checked={filters.differsOnly}
            onChange={(e) => store.setFilters({ differsOnly: e.currentTarget.checked })}
          />
          Browsers differ
        </label>
        <select
          aria-label="Host"
          value={filters.host}
          onChange={(e) => store.setFilters({ host: e.currentTarget.value })}
        >
          <option value="">All hosts</option>
          {filters.host !== '' && !hosts.includes(filters.host) && (
            <option value={filters.host}>{filters.host}</option>
          )}
          {hosts.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        <label class="import">
          Import…
          <input
            type="file"
            accept=".json,.har,application/json"
            aria-label="Import a report JSON or a HAR file"
            onChange={onFile}
            style={{ width: '1px', opacity: 0 }}
          />
        </label>
      </div>
      {state.source.kind === 'import' && <ImportNotes records={state.records} />}
      <div class="main">
        {state.records.length === 0 ? (
          <div class="empty grid">
            No cross-origin requests yet. Reload the page, or import a report JSON or HAR file.
          </div>
        ) : (
          <RequestTable
            rows={rows}
            selectedId={state.selectedId}
            onSelect={(id) => store.select(id)}
            onKey={(key) => {
              if (key === 'next') store.selectNext();
              else if (key === 'previous') store.selectPrevious();
              else if (key === 'first') store.selectFirst();
              else if (key === 'last') store.selectLast();
              else store.openSelected();
            }}
          />
        )}
        {selected && (
          <RecordsContext.Provider value={state.records}>
            <Details record={selected} onClose={() => store.closeDetails()} />
          </RecordsContext.Provider>
        )}
      </div>
      <div class="statusbar" role="status">
        {rows.length} of {state.records.length} requests · {blocked} blocked
        <EvictionNote evicted={state.evicted} />
        <UnsavedNote unsaved={state.unsaved} />
        {state.source.kind === 'import' && ` · imported from ${state.source.name}`}
        {state.notice && ` · ${state.notice}`}
      </div>
    </div>
  );
}
