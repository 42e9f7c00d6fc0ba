import { describe, expect, it } from 'vitest';
import { describeWarning, summarize } from '../../../src/explain';
import { harToExchanges } from '../../../src/har/import';
import { recordsFromHar } from '../../../src/har/records';
import type { CorsRecord } from '../../../src/shared/record';

/**
 * Each producer's conventions, in the shapes the real tools wrote in the corpus test
 * (test/e2e/har-producers.test.ts): small hand-made copies so each rule has a unit test.
 */
const PAGE = 'http://localhost:5173';
const API = 'http://127.0.0.1:8080';

type Header = { name: string; value: string };
const h = (name: string, value: string): Header => ({ name, value });

function entry(
  method: string,
  url: string,
  requestHeaders: Header[],
  status: number,
  responseHeaders: Header[],
  extra: Record<string, unknown> = {},
  responseExtra: Record<string, unknown> = {},
) {
  return {
    startedDateTime: '2026-12-01T10:00:00.000Z',
    request: { method, url, headers: requestHeaders },
    response: {
      status,
      headers: responseHeaders,
      redirectURL: '',
      content: { mimeType: 'text/plain' },
      ...responseExtra,
    },
    ...extra,
  };
}

function har(creator: string, entries: unknown[]) {
  return { log: { version: '1.2', creator: { name: creator, version: '1' }, pages: [], entries } };
}

function only(records: CorsRecord[], url: string): CorsRecord {
  const found = records.find((r) => r.exchange.url === url);
  if (!found) throw new Error(`no record for ${url}`);
  return found;
}

describe('HAR depth (issue 15, item 7)', () => {
  it('a 100,000-deep response.status is skipped with its path, the other entries are read', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const good = JSON.stringify(
      entry('GET', `${API}/ok`, [h('Origin', PAGE)], 200, [h('Access-Control-Allow-Origin', '*')]),
    );
    const text = `{"log":{"entries":[{"startedDateTime":"2026-12-01T10:00:00Z","request":{"method":"GET","url":"${API}/x","headers":[]},"response":{"status":${deep}}},${good}]}}`;
    const result = harToExchanges(text);
    expect(result.errors).toEqual([
      'log.entries[0].response.status[0][0]… is nested more than 64 levels deep',
    ]);
    expect(result.exchanges.map((x) => x.exchange.url)).toEqual([`${API}/ok`]);
  });

  it('a deep object anywhere in an entry is named too, and a deep invalid file gives the parser position', () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const text = `{"log":{"entries":[{"startedDateTime":"2026-12-01T10:00:00Z","request":{"method":"GET","url":"${API}/x","headers":[]},"_x":${deep}}]}}`;
    expect(harToExchanges(text).errors).toEqual([
      'log.entries[0]._x.a.a.a… is nested more than 64 levels deep',
    ]);
    expect(harToExchanges(text.slice(0, -1)).errors[0]).toMatch(/^invalid JSON: .*position \d+/);
  });
});

describe('Playwright recordHar', () => {
  const file = har('Playwright', [
    // A CORS block: status -1, _failureText, the provisional request headers (no Origin).
    entry(
      'PUT',
      `${API}/items`,
      [h('Referer', `${PAGE}/`), h('Content-Type', 'application/json')],
      -1,
      [],
      { _resourceType: 'fetch' },
      { _failureText: 'net::ERR_FAILED' },
    ),
    entry(
      'GET',
      `${API}/corp`,
      [h('Referer', `${PAGE}/`)],
      -1,
      [],
      { _resourceType: 'image' },
      { _failureText: 'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin' },
    ),
    entry(
      'GET',
      `${API}/ok`,
      [h('Origin', PAGE), h('Sec-Fetch-Mode', 'cors')],
      200,
      [h('Access-Control-Allow-Origin', '*')],
      { _resourceType: 'fetch' },
    ),
  ]);
  const { records, producer, errors } = recordsFromHar(file, 'chrome');

  it('holds status -1 entries as blocked requests instead of skipping them', () => {
    expect(errors).toEqual([]);
    expect(producer.id).toBe('playwright');
    expect(records.map((r) => r.evaluation.verdict)).toEqual(['blocked', 'blocked', 'allowed']);
  });

  it('states no reason it cannot prove, says why in words, and names the probe command', () => {
    const put = only(records, `${API}/items`);
    expect(put.evaluation.corsError).toBeNull();
    expect(put.imported?.reasonUnknown).toBe(true);
    const words = summarize(put);
    expect(words).not.toMatch(/not a CORS error/);
    expect(words).toContain(
      "Playwright's HAR holds no response and no preflight (it does not record preflights)",
    );
    expect(words).toContain(
      "`cors-lens probe http://127.0.0.1:8080/items --origin http://localhost:5173 --method PUT --header 'Content-Type: application/json'`",
    );
  });

  it("takes Chromium's CORP reason from the failure text", () => {
    const corp = only(records, `${API}/corp`);
    expect(corp.evaluation.blockedReason).toBe('corp-not-same-origin');
    expect(corp.imported?.reasonUnknown).toBe(false);
  });
});

describe('chrome-har', () => {
  // Provisional lines, then the wire lines of requestWillBeSentExtraInfo: every name twice.
  const twice = [
    h('Origin', PAGE),
    h('Access-Control-Request-Method', 'PUT'),
    h('Origin', PAGE),
    h('Access-Control-Request-Method', 'PUT'),
  ];
  const file = har('chrome-har', [
    entry(
      'OPTIONS',
      `${API}/items`,
      twice,
      204,
      [h('Access-Control-Allow-Origin', PAGE), h('Access-Control-Allow-Methods', 'PUT')],
      { _initiator_type: 'preflight' },
    ),
    {
      ...entry(
        'PUT',
        `${API}/items`,
        [h('Origin', PAGE), h('Sec-Fetch-Mode', 'cors'), h('Origin', PAGE), h('Sec-Fetch-Mode', 'cors')],
        200,
        [h('Access-Control-Allow-Origin', PAGE)],
      ),
      startedDateTime: '2026-12-01T10:00:00.010Z',
    },
  ]);

  it('reads a repeated request line once: the request that succeeded stays allowed', () => {
    const { records } = recordsFromHar(file, 'chrome');
    const put = only(records, `${API}/items`);
    expect(put.exchange.requestHeaders.filter((x) => x.name === 'Origin')).toEqual([h('Origin', PAGE)]);
    expect(put.exchange.preflights[0]?.requestHeaders).toEqual([
      h('Origin', PAGE),
      h('Access-Control-Request-Method', 'PUT'),
    ]);
    expect(put.evaluation.verdict).toBe('allowed');
    expect(JSON.stringify(put.evaluation.fix)).not.toContain(`${PAGE}, ${PAGE}`);
  });

  it('any producer reads an exact repeat once, and keeps two different values as two lines', () => {
    const other = { ...file, log: { ...file.log, creator: { name: 'my tool' } } };
    const put = only(recordsFromHar(other, 'chrome').records, `${API}/items`);
    expect(put.exchange.requestHeaders.filter((x) => x.name === 'Origin')).toEqual([h('Origin', PAGE)]);
    expect(put.evaluation.verdict).toBe('allowed');
    const differing = har('my tool', [
      entry('GET', `${API}/two`, [h('Origin', PAGE), h('Origin', 'http://evil.example')], 200, [
        h('Access-Control-Allow-Origin', PAGE),
      ]),
    ]);
    const two = only(recordsFromHar(differing, 'chrome').records, `${API}/two`);
    expect(two.exchange.requestHeaders).toHaveLength(2);
  });
});

describe("Firefox's export", () => {
  it('pairs a preflight with the request Firefox stamped before it: one record, the preflight reason', () => {
    const file = har('Firefox', [
      entry('PUT', `${API}/items`, [h('Origin', PAGE)], 0, []),
      {
        ...entry(
          'OPTIONS',
          `${API}/items`,
          [h('Origin', PAGE), h('Access-Control-Request-Method', 'PUT')],
          200,
          [h('Access-Control-Allow-Origin', '*'), h('Access-Control-Allow-Methods', 'GET, POST')],
        ),
        startedDateTime: '2026-12-01T10:00:00.500Z',
      },
    ]);
    const { records } = recordsFromHar(file, 'firefox');
    expect(records).toHaveLength(1);
    expect(records[0]?.evaluation).toMatchObject({
      corsError: 'MethodDisallowedByPreflightResponse',
      firefoxReason: 'CORSMethodNotFound',
    });
  });

  it("keeps Allow-Origin lines apart: one 'a, b' line does not match, two lines are multiple (no merged-lines doubt)", () => {
    const reasonFor = (lines: Header[]) => {
      const file = har('Firefox', [entry('GET', `${API}/comma`, [h('Origin', PAGE)], 200, lines)]);
      const record = only(recordsFromHar(file, 'firefox').records, `${API}/comma`);
      return [record.evaluation.firefoxReason, record.evaluation.warnings.map((w) => w.code)];
    };
    const one = reasonFor([h('Access-Control-Allow-Origin', `${PAGE}, https://other.example`)]);
    expect(one[0]).toBe('CORSAllowOriginNotMatchingOrigin');
    expect(one[1]).not.toContain('firefox-lines-merged');
    const two = reasonFor([h('Access-Control-Allow-Origin', PAGE), h('Access-Control-Allow-Origin', PAGE)]);
    expect(two[0]).toBe('CORSMultipleAllowOriginNotAllowed');
  });
});

describe('evidence every HAR may hold', () => {
  it('a request cancelled after its answer arrived (EventSource closed) is judged on the answer', () => {
    const file = har('Playwright', [
      entry(
        'GET',
        `${API}/events`,
        [h('Origin', PAGE), h('Sec-Fetch-Mode', 'cors')],
        200,
        [h('Access-Control-Allow-Origin', '*')],
        {},
        {
          _failureText: 'net::ERR_ABORTED',
        },
      ),
    ]);
    const record = only(recordsFromHar(file, 'chrome').records, `${API}/events`);
    expect(record.evaluation.verdict).toBe('allowed');
    expect(record.evaluation.corsError).toBeNull();
  });

  it('Sec-Fetch-Mode: no-cors (no Origin) is an opaque no-cors request, not a CORS block to fix', () => {
    const file = har('Firefox', [
      entry(
        'GET',
        `${API}/beacon`,
        [h('Referer', `${PAGE}/`), h('Sec-Fetch-Mode', 'no-cors'), h('Sec-Fetch-Dest', 'empty')],
        200,
        [],
      ),
    ]);
    const record = only(recordsFromHar(file, 'chrome').records, `${API}/beacon`);
    expect(record.evaluation.verdict).toBe('opaque');
    expect(record.evaluation.mode).toEqual({ mode: 'no-cors', provenance: 'observed' });
    expect(record.evaluation.fix).toEqual([]);
  });

  it('a Cookie header proves credentials: ACAO * is then blocked', () => {
    const file = har('Firefox', [
      entry('GET', `${API}/me`, [h('Origin', PAGE), h('Cookie', 'sid=1')], 200, [
        h('Access-Control-Allow-Origin', '*'),
      ]),
    ]);
    const record = only(recordsFromHar(file, 'chrome').records, `${API}/me`);
    expect(record.evaluation.corsError).toBe('WildcardOriginNotAllowed');
    expect(record.imported?.otherCredentials).toBeUndefined();
  });

  it('without evidence, a verdict the credentials mode decides gives both, with no per-row warning', () => {
    const file = har('Firefox', [
      entry('GET', `${API}/me`, [h('Origin', PAGE)], 200, [h('Access-Control-Allow-Origin', '*')]),
    ]);
    const record = only(recordsFromHar(file, 'chrome').records, `${API}/me`);
    expect(record.evaluation.verdict).toBe('allowed');
    expect(record.imported?.otherCredentials).toMatchObject({
      credentials: 'include',
      verdict: 'blocked',
      corsError: 'WildcardOriginNotAllowed',
    });
    expect(record.evaluation.warnings.map((w) => w.code)).not.toContain('credentials-inferred');
    expect(summarize(record)).toContain(
      'with credentials it would be blocked (Wildcard origin with credentials), and the HAR does not record the credentials mode: `cors-lens probe http://127.0.0.1:8080/me --origin http://localhost:5173 --credentials`',
    );
  });

  it('a producer that proves delivery (Playwright) decides the credentials mode: no second verdict', () => {
    const file = har('Playwright', [
      entry('GET', `${API}/me`, [h('Origin', PAGE)], 200, [h('Access-Control-Allow-Origin', '*')]),
    ]);
    expect(
      only(recordsFromHar(file, 'chrome').records, `${API}/me`).imported?.otherCredentials,
    ).toBeUndefined();
  });

  it('status 0 with no text: blocked, reason unknown; a named transport failure stays "not CORS"', () => {
    const file = har('Firefox', [
      entry('GET', `${API}/a`, [h('Origin', PAGE)], 0, []),
      entry('GET', `${API}/b`, [h('Origin', PAGE)], 0, [], { _error: 'net::ERR_CONNECTION_REFUSED' }),
    ]);
    const { records } = recordsFromHar(file, 'firefox');
    const a = only(records, `${API}/a`);
    expect(a.imported?.reasonUnknown).toBe(true);
    expect(a.evaluation.firefoxReason).toBeNull();
    expect(summarize(a)).toMatch(
      /so the reason is unknown; `cors-lens probe http:\/\/127\.0\.0\.1:8080\/a --origin http:\/\/localhost:5173`/,
    );
    const b = only(records, `${API}/b`);
    expect(b.imported?.reasonUnknown).toBe(false);
    expect(summarize(b)).toContain('net::ERR_CONNECTION_REFUSED, which is not a CORS error');
  });

  it('offline words never mention the page hook', () => {
    const file = har('Firefox', [
      entry('GET', `${API}/me`, [h('Origin', PAGE)], 200, [h('Access-Control-Allow-Origin', PAGE)]),
    ]);
    const record = only(recordsFromHar(file, 'chrome').records, `${API}/me`);
    const words = [
      summarize(record),
      ...record.evaluation.warnings.map((w) => describeWarning(w).detail),
    ].join(' ');
    expect(words).not.toMatch(/page hook/);
  });
});
