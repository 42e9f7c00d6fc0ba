import { describe, expect, it } from 'vitest';
import { buildReport, fromReportRecord } from '../../../src/report';
import { REPORT_SCHEMA } from '../../../src/shared/report-schema';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import {
  APP,
  credentialsWithoutAcac,
  ex,
  headerDisallowed,
  missingAllowOrigin,
  rec,
} from '../explain/fixtures';

const now = new Date('2026-11-23T10:00:00.000Z');

describe('buildReport', () => {
  it('fills every field and orders records by time', () => {
    const a = missingAllowOrigin();
    const b = headerDisallowed();
    const c = rec(ex(), {
      call: {
        api: 'fetch',
        url: 'https://api.example/items',
        method: 'GET',
        headerNames: [],
        callSite: 'app.js:1:2',
      },
    });
    const report = buildReport([c, a, b], {
      redact: false,
      settings: DEFAULT_SETTINGS,
      extensionVersion: '0.1.0',
      browser: 'Chrome/156.0.0.0',
      now,
    });
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.generatedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(report.extension).toEqual({ name: 'CORS Lens', version: '0.1.0' });
    expect(report.browser).toBe('Chrome/156.0.0.0');
    expect(report.redacted).toBe(false);
    expect(report.records.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    const row = report.records[1];
    expect(row).toMatchObject({
      id: b.id,
      url: 'https://api.example/items',
      method: 'PUT',
      verdict: 'blocked',
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-trace-id',
      tabId: 1,
      frameId: 0,
      type: 'xmlhttprequest',
      initiator: APP,
      documentUrl: `${APP}/page`,
      startedAt: new Date(b.startedAt).toISOString(),
      durationMs: 42,
    });
    expect(row?.evaluation).toEqual(b.evaluation);
    expect(report.records[2]?.callSite).toBe('app.js:1:2');
  });

  it('redacts when asked, and survives a JSON round trip back to records', () => {
    const record = credentialsWithoutAcac();
    const report = buildReport([record], {
      redact: true,
      settings: DEFAULT_SETTINGS,
      extensionVersion: '1',
      now,
    });
    expect(report.redacted).toBe(true);
    expect(JSON.stringify(report)).not.toContain('s3cr3t');
    expect(report.browser).toBeUndefined();
    const back = fromReportRecord(JSON.parse(JSON.stringify(report.records[0])));
    expect(back.startedAt).toBe(record.startedAt);
    expect(back.endedAt).toBe(record.endedAt);
    expect(back.evaluation.corsError).toBe('InvalidAllowCredentials');
  });

  it('reports unknown durations as null', () => {
    const { endedAt: _drop, ...pending } = missingAllowOrigin();
    const report = buildReport([{ ...pending, pending: true }], {
      redact: false,
      settings: DEFAULT_SETTINGS,
      extensionVersion: '1',
      now,
    });
    expect(report.records[0]?.durationMs).toBeNull();
  });
});
