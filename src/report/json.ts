import { profileDecisions } from '../evaluator/by-profile';
import { redactRecord } from '../redact';
import type { Settings } from '../shared/protocol';
import type { CorsRecord } from '../shared/record';
import { REPORT_SCHEMA, type ReportJson, type ReportRecord } from '../shared/report-schema';

export const EXTENSION_NAME = 'CORS Lens';

export interface BuildReportOptions {
  readonly redact: boolean;
  readonly settings: Settings;
  readonly extensionVersion: string;
  /** `Chrome/156.0.7400.0`, from the user agent; omitted when unknown. */
  readonly browser?: string;
  readonly now?: Date;
}

/** The public JSON report (schema `cors-lens/report@1`, docs/report-schema.md). */
export function buildReport(records: readonly CorsRecord[], opts: BuildReportOptions): ReportJson {
  const ordered = records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => a.record.startedAt - b.record.startedAt || a.index - b.index)
    .map(({ record }) => (opts.redact ? redactRecord(record, opts.settings) : record));
  return {
    schema: REPORT_SCHEMA,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    extension: { name: EXTENSION_NAME, version: opts.extensionVersion },
    ...(opts.browser === undefined ? {} : { browser: opts.browser }),
    redacted: opts.redact,
    records: ordered.map(toReportRecord),
  };
}

function isoTime(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isFinite(date.getTime()) ? date.toISOString() : new Date(0).toISOString();
}

export function toReportRecord(record: CorsRecord): ReportRecord {
  const { exchange, evaluation } = record;
  const duration = record.endedAt === undefined ? null : Math.max(0, record.endedAt - record.startedAt);
  return {
    id: record.id,
    url: exchange.url,
    method: exchange.method,
    verdict: evaluation.verdict,
    corsError: evaluation.corsError,
    failedParameter: evaluation.failedParameter,
    firefoxReason: evaluation.firefoxReason,
    blockedReason: evaluation.blockedReason,
    tabId: record.tabId,
    frameId: record.frameId,
    type: record.type,
    initiator: exchange.initiatorOrigin,
    ...(record.documentUrl === undefined ? {} : { documentUrl: record.documentUrl }),
    startedAt: isoTime(record.startedAt),
    durationMs: Number.isFinite(duration) ? duration : null,
    ...(record.call?.callSite === undefined ? {} : { callSite: record.call.callSite }),
    ...(record.call === undefined ? {} : { call: record.call }),
    profiles: Object.fromEntries(
      profileDecisions(evaluation).map(({ profile, ...decision }) => [profile, decision]),
    ),
    ...(record.hypothetical === true ? { hypothetical: true as const } : {}),
    ...(record.worker === undefined ? {} : { worker: record.worker }),
    exchange,
    evaluation,
  };
}

/** Back from the report's row to the record shape explain works on. */
export function fromReportRecord(row: ReportRecord): CorsRecord {
  const started = Date.parse(row.startedAt);
  const startedAt = Number.isFinite(started) ? started : 0;
  return {
    id: row.id,
    tabId: row.tabId,
    frameId: row.frameId,
    type: row.type,
    startedAt,
    ...(row.durationMs === null ? {} : { endedAt: startedAt + row.durationMs }),
    ...(row.documentUrl === undefined ? {} : { documentUrl: row.documentUrl }),
    ...(row.call === undefined ? {} : { call: row.call }),
    ...(row.hypothetical === true ? { hypothetical: true } : {}),
    ...(row.worker === undefined ? {} : { worker: row.worker }),
    exchange: row.exchange,
    evaluation: row.evaluation,
  };
}
