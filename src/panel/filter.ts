import { profilesDisagree } from '../evaluator/by-profile';
import { callsForAction, profileDifference, reasonLabel } from '../explain';
import type { CorsRecord } from '../shared/record';

/** What the toolbar narrows the table to. Persisted, so a panel reload keeps the user's view. */
export interface Filters {
  readonly blockedOnly: boolean;
  readonly warningsOnly: boolean;
  /** Only the rows where the browser profiles reach different verdicts. */
  readonly differsOnly: boolean;
  /** Exact host to keep ('' = every host). */
  readonly host: string;
  /** Free text, matched case-insensitively against URL, method, type and the reason. */
  readonly text: string;
}

export const NO_FILTERS: Filters = {
  blockedOnly: false,
  warningsOnly: false,
  differsOnly: false,
  host: '',
  text: '',
};

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

// The haystack is built once per record object: typing re-filters 10,000 rows per keystroke.
const haystacks = new WeakMap<CorsRecord, string>();

function haystack(record: CorsRecord): string {
  let text = haystacks.get(record);
  if (text === undefined) {
    const { exchange, evaluation } = record;
    text = [
      exchange.url,
      exchange.method,
      record.type,
      evaluation.verdict,
      evaluation.corsError ?? '',
      reasonLabel(evaluation),
      profileDifference(evaluation) ?? '',
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(record, text);
  }
  return text;
}

export function matches(
  record: CorsRecord,
  filters: Filters,
  needle = filters.text.trim().toLowerCase(),
): boolean {
  if (filters.blockedOnly && record.evaluation.verdict !== 'blocked') return false;
  if (filters.warningsOnly && !record.evaluation.warnings.some(callsForAction)) return false;
  if (filters.differsOnly && !profilesDisagree(record.evaluation)) return false;
  if (filters.host !== '' && hostOf(record.exchange.url) !== filters.host) return false;
  return needle === '' || haystack(record).includes(needle);
}

export function applyFilters(records: readonly CorsRecord[], filters: Filters): CorsRecord[] {
  const needle = filters.text.trim().toLowerCase();
  return records.filter((r) => matches(r, filters, needle));
}

/** Hosts present in the records, sorted, for the host filter's menu. */
export function hostsOf(records: readonly CorsRecord[]): string[] {
  const hosts = new Set<string>();
  for (const r of records) {
    const host = hostOf(r.exchange.url);
    if (host) hosts.add(host);
  }
  return [...hosts].sort();
}

/** Reads persisted filters, tolerating anything (old versions, hand edits). */
export function parseFilters(raw: string | null): Filters {
  if (!raw) return NO_FILTERS;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return NO_FILTERS;
    const v = value as Record<string, unknown>;
    return {
      blockedOnly: v.blockedOnly === true,
      warningsOnly: v.warningsOnly === true,
      differsOnly: v.differsOnly === true,
      host: typeof v.host === 'string' ? v.host : '',
      text: typeof v.text === 'string' ? v.text : '',
    };
  } catch {
    return NO_FILTERS;
  }
}
