import { describe, expect, it } from 'vitest';
import { importText } from '../../../src/panel/import-file';
import { REPORT_SCHEMA } from '../../../src/shared/report-schema';
import { headerDisallowed } from './fixtures';

describe('panel import', () => {
  it('reads a cors-lens/report@1 file back into records', () => {
    const r = headerDisallowed();
    const report = {
      schema: REPORT_SCHEMA,
      generatedAt: '2026-01-01T00:00:00.000Z',
      extension: { name: 'CORS Lens', version: '0.1.0' },
      redacted: true,
      records: [
        {
          id: r.id,
          url: r.exchange.url,
          method: r.exchange.method,
          verdict: r.evaluation.verdict,
          corsError: r.evaluation.corsError,
          failedParameter: r.evaluation.failedParameter,
          firefoxReason: r.evaluation.firefoxReason,
          blockedReason: r.evaluation.blockedReason,
          tabId: 7,
          frameId: 0,
          type: 'xmlhttprequest',
          initiator: 'https://app.example',
          startedAt: '2026-01-01T00:00:00.000Z',
          durationMs: 12,
          exchange: r.exchange,
          evaluation: r.evaluation,
        },
        { id: 5 },
      ],
    };
    const result = importText(JSON.stringify(report));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.evaluation.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(result.records[0]?.endedAt).toBe(Date.parse('2026-01-01T00:00:00.000Z') + 12);
    expect(result.errors).toEqual(['Record 1 is not a cors-lens/report@1 record; skipped.']);
  });

  it('evaluates a HAR offline', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 't', version: '1' },
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 5,
            request: {
              method: 'GET',
              url: 'https://api.example/x',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Origin', value: 'https://app.example' }],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: 'OK',
              httpVersion: 'HTTP/1.1',
              headers: [],
              cookies: [],
              content: { size: 0, mimeType: 'text/plain' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 0,
            },
            cache: {},
            timings: { send: 0, wait: 5, receive: 0 },
            _resourceType: 'fetch',
          },
        ],
      },
    };
    const result = importText(JSON.stringify(har));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.evaluation.corsError).toBe('MissingAllowOriginHeader');
  });

  it('explains bad input instead of throwing', () => {
    const bad = (text: string): string => {
      const r = importText(text);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad('{oops')).toMatch(/^Not JSON/);
    expect(bad('42')).toContain('JSON object');
    expect(bad('{"schema":"cors-lens/report@9"}')).toContain('Unsupported report schema');
    expect(bad('{"hello":1}')).toContain('cors-lens report');
    expect(bad(`{"schema":"${REPORT_SCHEMA}"}`)).toContain('no "records"');
  });
});
