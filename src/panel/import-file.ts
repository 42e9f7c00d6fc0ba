import { evaluate } from '../evaluator/evaluate';
import type { Evaluation, ObservedExchange } from '../evaluator/types';
import { recordsFromHar } from '../har/records';
import type { CorsRecord } from '../shared/record';
import { REPORT_SCHEMA, type ReportRecord } from '../shared/report-schema';

export type ImportResult =
  | { ok: true; records: CorsRecord[]; errors: string[] }
  | { ok: false; error: string };

function isReportRecord(value: unknown): value is ReportRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<ReportRecord>;
  return (
    typeof r.id === 'string' &&
    typeof r.exchange === 'object' &&
    r.exchange !== null &&
    typeof r.evaluation === 'object' &&
    r.evaluation !== null &&
    Array.isArray(r.evaluation.trace)
  );
}

/** A report written before `byProfile` existed: compute it (the evaluator is pure and total). */
function withProfiles(exchange: ObservedExchange, evaluation: Evaluation): Evaluation {
  if (typeof evaluation.byProfile === 'object' && evaluation.byProfile !== null) return evaluation;
  const profile = evaluation.profile ?? 'chrome';
  return { ...evaluation, byProfile: evaluate(exchange, { profile }).byProfile };
}

function fromReport(report: { records?: unknown }): ImportResult {
  if (!Array.isArray(report.records)) return { ok: false, error: 'The report has no "records" list.' };
  const records: CorsRecord[] = [];
  const errors: string[] = [];
  report.records.forEach((item: unknown, n: number) => {
    if (!isReportRecord(item)) {
      errors.push(`Record ${n} is not a cors-lens/report@1 record; skipped.`);
      return;
    }
    const started = Date.parse(item.startedAt);
    records.push({
      id: item.id,
      tabId: item.tabId,
      frameId: item.frameId,
      type: item.type,
      startedAt: Number.isNaN(started) ? 0 : started,
      ...(item.durationMs !== null && !Number.isNaN(started) ? { endedAt: started + item.durationMs } : {}),
      ...(item.documentUrl !== undefined ? { documentUrl: item.documentUrl } : {}),
      ...(item.call !== undefined ? { call: item.call } : {}),
      ...(item.hypothetical === true ? { hypothetical: true } : {}),
      exchange: item.exchange,
      evaluation: withProfiles(item.exchange, item.evaluation),
    });
  });
  return { ok: true, records, errors };
}

/**
 * A file the user picked: a cors-lens/report@1 JSON, or a HAR (Chrome/Firefox DevTools export),
 * which is evaluated here, offline. Never throws: bad input comes back as a message.
 */
export function importText(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, error: 'Expected a cors-lens report or a HAR file (a JSON object).' };
  }
  const schema = (value as { schema?: unknown }).schema;
  if (schema === REPORT_SCHEMA) return fromReport(value as { records?: unknown });
  if (typeof schema === 'string') return { ok: false, error: `Unsupported report schema "${schema}".` };
  if ('log' in value) {
    // The reader `cors-lens explain` uses: the same records, facts and words.
    const har = recordsFromHar(value, 'chrome', { crossOriginOnly: true });
    if (har.total === 0 && har.errors.length > 0) return { ok: false, error: har.errors.join(' ') };
    return { ok: true, records: har.records, errors: har.errors };
  }
  return { ok: false, error: 'Expected a cors-lens report (schema cors-lens/report@1) or a HAR file.' };
}
