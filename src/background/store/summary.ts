/** Per-tab counters for the popup and the badge, derived from the tab's records. */
import { failsInAnotherBrowser } from '../../evaluator/by-profile';
import { originOf } from '../../evaluator/origin-of';
import { callsForAction } from '../../explain/warnings';
import type { CorsRecord, TabSummary } from '../../shared/record';

/** Warnings that call for action (src/explain decides which); informational notes do not count. */
export function hasWarnings(record: CorsRecord): boolean {
  return record.evaluation.warnings.some(callsForAction);
}

export function summarizeTab(
  tabId: number,
  records: readonly CorsRecord[],
  evicted: number,
  pageUrl?: string,
): TabSummary {
  let allowed = 0;
  let blocked = 0;
  let opaque = 0;
  let warnings = 0;
  let preflights = 0;
  let failElsewhere = 0;
  const failing = new Map<string, { count: number; reasons: Map<string, number> }>();
  const workers = new Map<string, { count: number; blocked: number }>();
  for (const record of records) {
    if (record.worker) {
      const entry = workers.get(record.worker.context) ?? { count: 0, blocked: 0 };
      entry.count++;
      if (record.evaluation.verdict === 'blocked') entry.blocked++;
      workers.set(record.worker.context, entry);
    }
    const { verdict, corsError, blockedReason } = record.evaluation;
    if (verdict === 'allowed') allowed++;
    else if (verdict === 'opaque') opaque++;
    else blocked++;
    if (hasWarnings(record)) warnings++;
    preflights += record.exchange.preflights.length;
    if (failsInAnotherBrowser(record.evaluation)) failElsewhere++;
    if (verdict !== 'blocked') continue;
    const origin = originOf(record.exchange.url) ?? record.exchange.url;
    const entry = failing.get(origin) ?? { count: 0, reasons: new Map<string, number>() };
    entry.count++;
    const reason = corsError ?? blockedReason ?? 'network-error';
    entry.reasons.set(reason, (entry.reasons.get(reason) ?? 0) + 1);
    failing.set(origin, entry);
  }
  const topFailing = [...failing]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([origin, { count, reasons }]) => {
      const ranked = [...reasons]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([reason, n]) => ({ code: reason === 'network-error' ? null : reason, count: n }));
      return { origin, count, corsError: ranked[0]?.code ?? null, reasons: ranked };
    });
  return {
    tabId,
    ...(pageUrl === undefined ? {} : { pageUrl }),
    allowed,
    blocked,
    opaque,
    warnings,
    preflights,
    failElsewhere,
    evicted,
    topFailing,
    ...(workers.size === 0
      ? {}
      : {
          workers: [...workers]
            .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
            .map(([context, counts]) => ({ context, ...counts })),
        }),
  };
}
