// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid of absolutely placed rows cannot be a <table>
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid; aria-activedescendant names the row
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the grid handles the keys for every row (↑/↓/Home/End/Enter)
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { profileDecisions, profilesDisagree } from '../evaluator/by-profile';
import { callsForAction, describeProfiles, describeWarning, profileShortName, recordLabel } from '../explain';
import { formatDuration } from '../explain/duration';
import { missingPreflightBadge } from '../explain/imported';
import type { CorsRecord } from '../shared/record';
import { hostOf } from './filter';

/** Fixed row height is what makes virtualisation exact: row i sits at i × ROW_HEIGHT. */
export const ROW_HEIGHT = 21;
const OVERSCAN = 6;
/** Used until the real height is measured (and in DOMs that do no layout). */
const FALLBACK_VIEWPORT = 480;

export interface RequestTableProps {
  readonly rows: readonly CorsRecord[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onKey: (key: 'next' | 'previous' | 'first' | 'last' | 'open') => void;
}

const KEYS: Record<string, 'next' | 'previous' | 'first' | 'last' | 'open'> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  Enter: 'open',
};

export function visibleRange(scrollTop: number, viewport: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  return [first, last];
}

export function RequestTable({ rows, selectedId, onSelect, onKey }: RequestTableProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || FALLBACK_VIEWPORT));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected row on screen when the keyboard moves it.
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    const el = ref.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    const bodyHeight = viewport - ROW_HEIGHT; // minus the sticky header
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_HEIGHT - bodyHeight;
    setScrollTop(el.scrollTop);
  }, [selectedIndex, viewport]);

  const [first, last] = visibleRange(scrollTop, viewport, rows.length);
  const onKeyDown = (event: KeyboardEvent): void => {
    const action = KEYS[event.key];
    if (!action) return;
    event.preventDefault();
    onKey(action);
  };

  return (
    <div
      ref={ref}
      class="grid"
      role="grid"
      aria-label="Cross-origin requests"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedId ?? '') : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div class="grid-head" role="row" aria-rowindex={1}>
        <div role="columnheader" aria-label="Verdict" />
        <div role="columnheader">Method</div>
        <div role="columnheader">URL</div>
        <div role="columnheader">Type</div>
        <div role="columnheader">Reason</div>
        <div role="columnheader" title="Where another browser (or the Fetch spec) decides otherwise">
          Browsers
        </div>
        <div role="columnheader">Time</div>
      </div>
      <div style={{ height: `${rows.length * ROW_HEIGHT}px`, position: 'relative' }}>
        {rows.slice(first, last).map((record, i) => (
          <Row
            key={record.id}
            record={record}
            index={first + i}
            selected={record.id === selectedId}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  );
}

/** DOM ids must not contain spaces; record ids are `tab:request`. */
function rowDomId(id: string): string {
  return `row-${id.replace(/[^\w-]/g, '_')}`;
}

/** DevTools' short names for webRequest resource types. */
const SHORT_TYPES: Record<string, string> = {
  xmlhttprequest: 'xhr',
  main_frame: 'document',
  sub_frame: 'iframe',
};

export const VERDICT_ICON = { allowed: '✓', blocked: '✕', opaque: '◌' } as const;

/** The table's short mark for a request without a tab; the details say it in full. */
const WORKER_MARKS: Record<string, string> = { 'service worker': 'SW', 'shared worker': 'shared' };

function Row(props: {
  record: CorsRecord;
  index: number;
  selected: boolean;
  onSelect: (id: string) => void;
}): JSX.Element {
  const { record, index, selected, onSelect } = props;
  const { exchange, evaluation } = record;
  const host = hostOf(exchange.url);
  const at = host ? exchange.url.indexOf(host) : -1;
  const actionable = evaluation.warnings.filter(callsForAction);
  const preflight = exchange.preflights[0];
  const preflightFailed = evaluation.failedOn === 'preflight';
  const differs = profilesDisagree(evaluation);
  const missing = missingPreflightBadge(record);
  return (
    <div
      class={`grid-row ${evaluation.verdict}${differs ? ' differs' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      id={rowDomId(record.id)}
      data-id={record.id}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      onClick={() => onSelect(record.id)}
    >
      <div role="gridcell" class={`verdict-${evaluation.verdict}`} title={evaluation.verdict}>
        {VERDICT_ICON[evaluation.verdict]}
      </div>
      <div role="gridcell">{exchange.method.toUpperCase()}</div>
      <div role="gridcell" class="url" title={exchange.url}>
        {at >= 0 ? (
          // The path and query tell requests apart: the host gives way first when space is short.
          <>
            <span class="host">{host}</span>
            <span class="path">{exchange.url.slice(at + host.length) || '/'}</span>
          </>
        ) : (
          exchange.url
        )}
      </div>
      <div role="gridcell" title={record.type}>
        {SHORT_TYPES[record.type] ?? record.type}
        {record.worker && (
          <span class="badge" data-testid="worker-mark" title={`made by a ${record.worker.context} (no tab)`}>
            {WORKER_MARKS[record.worker.context] ?? 'worker'}
          </span>
        )}
        {(preflight || evaluation.preflight.needed) && (
          <span
            class={`badge${preflightFailed ? ' badge-fail' : ''}`}
            title={preflight ? 'CORS preflight (OPTIONS) sent before this request' : missing.title}
          >
            {preflight ? `OPTIONS ${preflight.response?.status ?? '×'}` : missing.text}
          </span>
        )}
      </div>
      <div
        role="gridcell"
        title={[recordLabel(record), ...actionable.map((w) => describeWarning(w).title)].join('\n')}
      >
        {actionable.length > 0 && (
          <span class="verdict-opaque" data-testid="warning-mark">
            ⚠{' '}
          </span>
        )}
        {recordLabel(record)}
      </div>
      <BrowsersCell record={record} />
      <div role="gridcell" class="dim">
        {record.endedAt !== undefined
          ? formatDuration(Math.max(0, record.endedAt - record.startedAt))
          : record.pending
            ? '…'
            : ''}
      </div>
    </div>
  );
}

/** The per-browser cell: the profiles that decide otherwise, with their verdict; "same" when all agree. */
function BrowsersCell({ record }: { record: CorsRecord }): JSX.Element {
  const { evaluation } = record;
  const others = profileDecisions(evaluation).filter((d) => d.verdict !== evaluation.verdict);
  if (others.length === 0) {
    return (
      <div role="gridcell" class="dim" title="Every browser profile decides the same">
        same
      </div>
    );
  }
  return (
    <div role="gridcell" class="browsers-differ" title={describeProfiles(evaluation) ?? ''}>
      {others.map((d, i) => (
        <span key={d.profile} class={`verdict-${d.verdict}`}>
          {i > 0 ? ' ' : ''}
          {VERDICT_ICON[d.verdict]} {profileShortName(d.profile)}
        </span>
      ))}
    </div>
  );
}
