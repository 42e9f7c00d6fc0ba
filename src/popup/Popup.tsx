import type { JSX } from 'preact';
import { codeLabel } from '../explain/summarize';
import type { TabSummary } from '../shared/record';
import type { ExportFormat } from './export';

export interface PopupActions {
  exportReport(format: ExportFormat): void;
  copyMarkdown(): void;
  clear(): void;
}

export interface PopupProps {
  readonly summary: TabSummary | null;
  readonly actions: PopupActions;
  /** Feedback from the last action ("Copied", an error). */
  readonly status?: string | null;
}

/** The toolbar popup: the current tab's counts, its worst origins, exports. */
export function Popup({ summary, actions, status }: PopupProps): JSX.Element {
  if (summary === null) {
    return (
      <main class="popup">
        <h1>CORS Lens</h1>
        <p class="dim">Loading…</p>
      </main>
    );
  }
  const counts: [string, number, string][] = [
    ['Allowed', summary.allowed, 'verdict-allowed'],
    ['Blocked', summary.blocked, 'verdict-blocked'],
    ['Warnings', summary.warnings, ''],
    ['Preflights', summary.preflights, ''],
  ];
  return (
    <main class="popup">
      <h1>CORS Lens</h1>
      {summary.pageUrl && (
        <p class="dim page" title={summary.pageUrl}>
          {summary.pageUrl}
        </p>
      )}
      <dl class="counts">
        {counts.map(([label, value, cls]) => (
          <div key={label} data-count={label.toLowerCase()}>
            <dt>{label}</dt>
            <dd class={cls}>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.failElsewhere > 0 && (
        <p class="elsewhere" data-testid="fail-elsewhere">
          <strong>{summary.failElsewhere}</strong>{' '}
          {summary.failElsewhere === 1 ? 'request works here but would' : 'requests work here but would'} fail
          in another browser (details in the CORS panel).
        </p>
      )}
      {summary.workers && summary.workers.length > 0 && (
        <p class="dim" data-testid="worker-requests">
          Requests without a tab, made by{' '}
          {summary.workers
            .map((w) => `a ${w.context} (${w.count}${w.blocked > 0 ? `, ${w.blocked} blocked` : ''})`)
            .join(', ')}
          : counted above.
        </p>
      )}
      {summary.noTab && summary.noTab.length > 0 && (
        <p class="dim" data-testid="no-tab">
          Kept for when a tab of their origin opens (requests of workers with no tab of it open):{' '}
          {summary.noTab.map((g) => `${g.origin} (${g.count})`).join(', ')}.
        </p>
      )}
      {summary.evicted > 0 && <p class="dim">{summary.evicted} older requests were dropped.</p>}
      {(summary.unsaved ?? 0) > 0 && (
        <p class="dim" data-testid="unsaved">
          {summary.unsaved} requests were not kept: the browser's session storage was full.
        </p>
      )}
      {summary.topFailing.length > 0 ? (
        <section>
          <h2>Failing origins</h2>
          <ul class="failing">
            {summary.topFailing.map((f) => (
              <li key={f.origin} data-origin={f.origin}>
                <span class="mono">{f.origin}</span> <span class="badge badge-fail">{f.count}</span>
                <ul class="reasons">
                  {(f.reasons ?? [{ code: f.corsError, count: f.count }]).map((r) => (
                    <li key={r.code ?? 'network'} data-reason={r.code ?? 'network-error'}>
                      <span class="reason-count">{r.count}</span> {codeLabel(r.code)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p class="dim">No blocked cross-origin requests on this tab.</p>
      )}
      <p class="hint">
        Details: open DevTools (F12) → <strong>CORS</strong> panel.
      </p>
      <div class="actions">
        <button type="button" onClick={() => actions.exportReport('markdown')}>
          Export Markdown
        </button>
        <button type="button" onClick={() => actions.exportReport('json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => actions.exportReport('har')}>
          Export HAR
        </button>
        <button type="button" onClick={() => actions.copyMarkdown()}>
          Copy Markdown
        </button>
        <button type="button" onClick={() => actions.clear()}>
          Clear
        </button>
      </div>
      <p class="dim" role="status">
        {status ?? ''}
      </p>
    </main>
  );
}
