/**
 * The capture worker replaying Chrome-shaped webRequest sequences through a fake browser:
 * assembled exchanges, verdicts, persistence across a worker restart, navigation, tab close,
 * the per-tab bound and the badge.
 */
import { describe, expect, it, vi } from 'vitest';
import { IN_FLIGHT_DELAY_MS } from '../../src/background/store/persist';
import { FakeBrowser, h, replay, request, type Step } from './support/fake-browser';

const PAGE = 'http://page.test';
const API = 'http://api.test/data';
const acao = h('Access-Control-Allow-Origin', PAGE);

describe('exchange assembly', () => {
  it('pairs a preflight with its actual request and allows it', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const pre = request({ requestId: '1', url: API, method: 'OPTIONS' });
    const act = request({ requestId: '2', url: API, method: 'PUT' });
    replay(capture, [
      pre.start(),
      pre.send([h('Origin', PAGE), h('Access-Control-Request-Method', 'PUT')]),
      pre.completed(204, [acao, h('Access-Control-Allow-Methods', 'PUT')]),
      act.start(),
      act.send([h('Origin', PAGE)]),
      act.completed(200, [acao]),
    ]);
    const { records } = await capture.tabRecords(7);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.exchange.method).toBe('PUT');
    expect(record?.exchange.preflights).toHaveLength(1);
    expect(record?.exchange.preflights[0]?.response?.status).toBe(204);
    expect(record?.evaluation.verdict).toBe('allowed');
    expect(record?.evaluation.preflight.observed).toBe(true);
  });

  it('a failed preflight then an actual request seen only as beforeRequest → errorOccurred', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const pre = request({ requestId: '1', url: API, method: 'OPTIONS' });
    const act = request({ requestId: '2', url: API, method: 'POST' });
    replay(capture, [
      pre.start(),
      act.start(),
      pre.send([
        h('Origin', PAGE),
        h('Access-Control-Request-Method', 'POST'),
        h('Access-Control-Request-Headers', 'content-type,x-token'),
      ]),
      pre.completed(204, [acao, h('Access-Control-Allow-Headers', 'content-type')]),
      act.error('net::ERR_FAILED'),
    ]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.exchange.requestHeadersSource).toBe('inferred');
    expect(record?.exchange.requestHeaders.map((x) => x.name.toLowerCase()).sort()).toEqual([
      'content-type',
      'x-token',
    ]);
    expect(record?.evaluation.verdict).toBe('blocked');
    expect(record?.evaluation.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(fake.badge.shown.get(7)).toBe(1);
  });

  it('the actual request failing before its preflight completes still gets the preflight', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const pre = request({ requestId: '1', url: API, method: 'OPTIONS' });
    const act = request({ requestId: '2', url: API, method: 'DELETE' });
    replay(capture, [
      pre.start(),
      pre.send([h('Origin', PAGE), h('Access-Control-Request-Method', 'DELETE')]),
      act.start(),
      act.error(),
      pre.completed(403, [acao]),
    ]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.exchange.preflights).toHaveLength(1);
    expect(record?.evaluation.corsError).toBe('PreflightInvalidStatus');
  });

  it("a preflight answered with a redirect, in Firefox ESR 153's event order, is attached to its request", async () => {
    // As Firefox's webRequest gave it (pf-302 in test/e2e/firefox-agreement.test.ts): the actual
    // request's headers first, the preflight's 302 through onBeforeRedirect, onResponseStarted
    // with status 0 at the Location, the actual request's error, then the preflight's error there.
    const fake = new FakeBrowser();
    const capture = fake.start();
    const act = request({ requestId: '12', url: API, method: 'PUT' });
    const pre = request({ requestId: '13', url: API, method: 'OPTIONS' });
    const to = 'http://api.test/elsewhere';
    const answer = [
      h('Access-Control-Allow-Origin', '*'),
      h('Access-Control-Allow-Methods', 'PUT'),
      h('Location', to),
    ];
    replay(capture, [
      act.start(),
      act.send([h('Origin', PAGE)]),
      pre.start(),
      pre.send([h('Access-Control-Request-Method', 'PUT'), h('Origin', PAGE)]),
      pre.received(302, answer),
      pre.redirect(302, answer, to),
      pre.started(0, to),
      act.error('NS_ERROR_DOM_BAD_URI'),
      pre.error('NS_ERROR_NET_ON_RECEIVING_FROM', to),
    ]);
    const { records } = await capture.tabRecords(7);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.exchange.preflights).toHaveLength(1);
    expect(record?.exchange.preflights[0]).toMatchObject({ url: API, response: { status: 302 } });
    expect(record?.evaluation.corsError).toBe('PreflightDisallowedRedirect');
    expect(record?.evaluation.firefoxReason).toBe('CORSExternalRedirectNotAllowed');
  });

  it("<img crossorigin=use-credentials> answered with ACAO *: the hook's element call makes it blocked, in either order", async () => {
    // Firefox's webRequest reports this load as completed though Firefox blocked it
    // (nc-img-co-creds in test/e2e/firefox-agreement.test.ts): only the attribute tells.
    const fake = new FakeBrowser();
    const capture = fake.start();
    const url = (n: number) => `http://api.test/img-${n}.png`;
    const element = (n: number) => ({
      call: { api: 'element' as const, url: url(n), method: 'GET', credentials: 'include', headerNames: [] },
      refused: false,
    });
    const load = (n: number) => {
      const img = request({ requestId: `img${n}`, url: url(n), type: 'image' });
      return [
        img.start(),
        img.send([h('Origin', PAGE), h('Sec-Fetch-Mode', 'cors'), h('Sec-Fetch-Dest', 'image')]),
        img.completed(200, [h('Access-Control-Allow-Origin', '*')]),
      ];
    };
    await capture.onPageCalls([element(1)], 7, 0, PAGE);
    replay(capture, [...load(1), ...load(2)]);
    await capture.onPageCalls([element(2)], 7, 0, PAGE);
    const { records } = await capture.tabRecords(7);
    expect(records.map((r) => [r.exchange.url, r.evaluation.verdict, r.evaluation.corsError])).toEqual([
      [url(1), 'blocked', 'WildcardOriginNotAllowed'],
      [url(2), 'blocked', 'WildcardOriginNotAllowed'],
    ]);
    expect(records.map((r) => r.evaluation.credentials)).toEqual([
      { mode: 'include', provenance: 'page' },
      { mode: 'include', provenance: 'page' },
    ]);
  });

  it('a response blocked for a missing Access-Control-Allow-Origin keeps the hidden status', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const r = request({ requestId: '3', url: API });
    replay(capture, [r.start(), r.send([h('Origin', PAGE)]), r.received(500, []), r.error()]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.evaluation.corsError).toBe('MissingAllowOriginHeader');
    expect(record?.evaluation.hiddenStatus).toBe(500);
  });

  it('follows a cross-origin redirect hop by hop (same requestId) with the tainted Origin: null', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const to = 'http://other.test/final';
    const r = request({ requestId: '4', url: API });
    replay(capture, [
      r.start(),
      r.send([h('Origin', PAGE)]),
      r.redirect(302, [acao, h('Location', to)], to),
      r.send([h('Origin', 'null')], to),
      r.completed(200, [acao], to),
    ]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.exchange.redirects).toHaveLength(1);
    expect(record?.exchange.redirects[0]).toMatchObject({ url: API, location: to });
    expect(record?.exchange.redirects[0]?.response.status).toBe(302);
    expect(record?.evaluation.verdict).toBe('blocked');
    expect(record?.evaluation.corsError).toBe('AllowOriginMismatch');
  });

  it('keeps a same-origin request that redirects cross-origin, drops a same-origin one', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const a = request({ requestId: '5', url: `${PAGE}/go` });
    const b = request({ requestId: '6', url: `${PAGE}/stay` });
    replay(capture, [
      a.start(),
      a.redirect(302, [h('Location', API)], API, `${PAGE}/go`),
      a.completed(200, [h('Access-Control-Allow-Origin', '*')], API),
      b.start(),
      b.completed(200, []),
    ]);
    const { records } = await capture.tabRecords(7);
    expect(records.map((r) => r.exchange.url)).toEqual([`${PAGE}/go`]);
  });

  it('a request needing a preflight with none seen is presumed served from the preflight cache', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const r = request({ requestId: '7', url: API, method: 'PUT' });
    replay(capture, [r.start(), r.send([h('Origin', PAGE)]), r.completed(200, [acao])]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.exchange.preflights).toEqual([]);
    expect(record?.evaluation.preflight.presumedCached).toBe(true);
  });

  it('a no-cors image is evaluated as opaque with destination image', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const r = request({ requestId: '8', url: 'http://cdn.test/a.png', type: 'image' });
    replay(capture, [r.start(), r.send([]), r.completed(200, [])]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.exchange.destination).toBe('image');
    expect(record?.evaluation.verdict).toBe('opaque');
    expect(fake.badge.shown.get(7)).toBe(0);
  });

  it('a request stopped before it is sent keeps the headers seen in onBeforeSendHeaders', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const r = request({ requestId: '11', url: API });
    const [, planned] = r.send([h('Origin', PAGE), h('X-Trace', '1')]);
    replay(capture, [r.start(), ['beforeSendHeaders', planned], r.error('net::ERR_BLOCKED_BY_CLIENT')]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.exchange.requestHeadersSource).toBe('observed');
    expect(record?.exchange.requestHeaders.map((x) => x.name)).toEqual(['Origin', 'X-Trace']);
    expect(record?.exchange.networkError).toBe('net::ERR_BLOCKED_BY_CLIENT');
  });

  it('a request the page cancelled before any answer is not recorded; one cancelled after its answer is', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const early = request({ requestId: '12', url: `${API}/early` });
    const late = request({ requestId: '13', url: `${API}/late` });
    replay(capture, [
      early.start(),
      early.send([h('Origin', PAGE)]),
      early.error('net::ERR_ABORTED'),
      late.start(),
      late.send([h('Origin', PAGE)]),
      late.received(200, [acao]),
      late.error('net::ERR_ABORTED'),
    ]);
    const { records } = await capture.tabRecords(7);
    expect(records.map((r) => r.exchange.url)).toEqual([`${API}/late`]);
    expect(fake.badge.shown.get(7) ?? 0).toBe(0);
  });

  it('ignores the extension’s own requests; keeps a tab-less one in the group of no tab', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const bg = request({ requestId: '9', url: API, tabId: -1 });
    const own = request({ requestId: '10', url: API, initiator: 'chrome-extension://abcdef' });
    replay(capture, [bg.start(), bg.completed(200, []), own.start(), own.completed(200, [])]);
    // No tab of the worker's origin is open: kept apart (reducers/no-tab.ts), not in any tab.
    expect((await capture.allRecords()).map((r) => [r.id, r.worker?.tabs])).toEqual([['-1:9', 0]]);
    expect((await capture.summary(1)).noTab).toEqual([{ origin: PAGE, count: 1 }]);
  });

  it('300 interleaved parallel requests with preflights are each paired with their own', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const n = 300;
    const steps: Step[][] = [];
    for (let i = 0; i < n; i++) {
      const url = `${API}?i=${i}`;
      const pre = request({ requestId: `p${i}`, url, method: 'OPTIONS' });
      const act = request({ requestId: `a${i}`, url, method: 'PATCH' });
      // Every third preflight refuses the method.
      const allow = i % 3 === 0 ? 'GET' : 'PATCH';
      steps.push([
        pre.start(),
        pre.send([h('Origin', PAGE), h('Access-Control-Request-Method', 'PATCH')]),
        pre.completed(204, [acao, h('Access-Control-Allow-Methods', allow)]),
        act.start(),
        ...(i % 3 === 0 ? [act.error()] : [act.send([h('Origin', PAGE)]), act.completed(200, [acao])]),
      ]);
    }
    // Round-robin interleaving: step k of every request, then step k+1…
    for (let k = 0; k < 6; k++) {
      for (const s of steps) {
        const step = s[k];
        if (step) replay(capture, [step]);
      }
    }
    const { records } = await capture.tabRecords(7);
    expect(records).toHaveLength(n);
    for (const record of records) {
      const i = Number(new URL(record.exchange.url).searchParams.get('i'));
      expect(record.exchange.preflights).toHaveLength(1);
      expect(record.exchange.preflights[0]?.url).toBe(record.exchange.url);
      expect(record.evaluation.verdict).toBe(i % 3 === 0 ? 'blocked' : 'allowed');
    }
    expect(fake.badge.shown.get(7)).toBe(100);
  });
});

describe('store', () => {
  it('a worker restart mid-sequence loses nothing (in-flight state included)', async () => {
    const fake = new FakeBrowser();
    const first = fake.start();
    const pre = request({ requestId: '1', url: API, method: 'OPTIONS' });
    const act = request({ requestId: '2', url: API, method: 'PUT' });
    const done = request({ requestId: '3', url: `${API}/x` });
    replay(first, [
      done.start(),
      done.send([h('Origin', PAGE)]),
      done.completed(200, [acao]),
      pre.start(),
      pre.send([h('Origin', PAGE), h('Access-Control-Request-Method', 'PUT')]),
      pre.completed(204, [acao, h('Access-Control-Allow-Methods', 'PUT')]),
      act.start(),
    ]);
    await first.idle();
    // The browser stops the worker; a new instance starts from storage and gets the rest.
    const second = fake.start();
    replay(second, [act.send([h('Origin', PAGE)]), act.completed(200, [acao])]);
    const { records } = await second.tabRecords(7);
    expect(records.map((r) => r.exchange.url)).toEqual([`${API}/x`, API]);
    expect(records[1]?.exchange.preflights).toHaveLength(1);
    expect(records[1]?.evaluation.verdict).toBe('allowed');
  });

  it('after a wake-up, a request whose last events went to the stopped worker is finished as it stands', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const fake = new FakeBrowser();
      const first = fake.start();
      const r = request({ requestId: '1', url: API });
      replay(first, [r.start(), r.send([h('Origin', PAGE)]), r.received(502, [])]);
      await vi.advanceTimersByTimeAsync(2 * IN_FLIGHT_DELAY_MS); // it lasted: storage has it
      await first.idle();
      // onCompleted/onErrorOccurred were delivered to the worker the browser stopped.
      fake.clock += 30_000;
      const second = fake.start();
      expect((await second.tabRecords(7)).records).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(2_000);
      const [record] = (await second.tabRecords(7)).records;
      expect(record?.evaluation.corsError).toBe('MissingAllowOriginHeader');
      expect(record?.evaluation.hiddenStatus).toBe(502);
    } finally {
      vi.useRealTimers();
    }
  });

  it('events arriving before the stored state is loaded are queued, not dropped', async () => {
    const fake = new FakeBrowser();
    const first = fake.start();
    const a = request({ requestId: '1', url: `${API}/a` });
    replay(first, [a.start(), a.completed(200, [acao])]);
    await first.idle();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const getAll = fake.session.getAll.bind(fake.session);
    fake.session.getAll = async () => {
      await gate;
      return getAll();
    };
    const second = fake.start();
    const b = request({ requestId: '2', url: `${API}/b` });
    replay(second, [b.start(), b.completed(200, [acao])]);
    release();
    const { records } = await second.tabRecords(7);
    expect(records.map((r) => r.exchange.url)).toEqual([`${API}/a`, `${API}/b`]);
  });

  const navigate = (id: string): Step[] => {
    const nav = request({ requestId: id, url: `${PAGE}/next`, type: 'main_frame' });
    return [nav.start(), ['responseStarted', { ...nav.completed(200, [])[1] }], nav.completed(200, [])];
  };

  it('a main-frame navigation clears the tab, unless preserveLog', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const a = request({ requestId: '1', url: API });
    replay(capture, [a.start(), a.completed(200, [])]);
    expect((await capture.tabRecords(7)).records).toHaveLength(1);
    replay(capture, navigate('n1'));
    expect((await capture.tabRecords(7)).records).toHaveLength(0);
    expect(fake.badge.shown.get(7)).toBe(0);

    await capture.settings({ preserveLog: true });
    const b = request({ requestId: '2', url: API });
    replay(capture, [b.start(), b.completed(200, []), ...navigate('n2')]);
    expect((await capture.tabRecords(7)).records).toHaveLength(1);
    // The setting survives a restart (storage.local).
    expect((await fake.start().settings()).preserveLog).toBe(true);
  });

  it("keeps the new page's requests seen before its navigation's response (events arrive out of order)", async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const old = request({ requestId: '1', url: `${API}/old` });
    replay(capture, [old.start(), old.completed(200, [])]);
    const nav = navigate('n1'); // the navigation's events carry the earlier browser time
    const fresh = request({ requestId: '2', url: `${API}/new` });
    replay(capture, [fresh.start(), fresh.completed(200, []), ...nav]);
    const urls = (await capture.tabRecords(7)).records.map((r) => r.exchange.url);
    expect(urls).toEqual([`${API}/new`]);
  });

  it('a restarted worker lists every stored record even if the tab index was written stale', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const a = request({ requestId: '1', url: `${API}/a` });
    const b = request({ requestId: '2', url: `${API}/b` });
    replay(capture, [a.start(), a.completed(200, []), b.start(), b.completed(200, [])]);
    await capture.idle();
    // A stopping worker's late write of the index, from before record b.
    fake.session.data.set('t:7', { ...(fake.session.data.get('t:7') as object), ids: ['7:1'] });
    const urls = (await fake.start().tabRecords(7)).records.map((r) => r.exchange.url);
    expect(urls).toEqual([`${API}/a`, `${API}/b`]);
  });

  it('closing a tab purges its records from memory and storage', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const a = request({ requestId: '1', url: API, tabId: 7 });
    const b = request({ requestId: '2', url: API, tabId: 8 });
    replay(capture, [a.start(), a.completed(200, []), b.start(), b.completed(200, [])]);
    await capture.onTabRemoved(7);
    await capture.idle();
    expect((await capture.tabRecords(7)).records).toHaveLength(0);
    expect((await capture.tabRecords(8)).records).toHaveLength(1);
    expect([...fake.session.data.keys()].filter((k) => k.includes(':7'))).toEqual([]);
  });

  it('the per-tab bound evicts the oldest records and counts them', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    await capture.settings({ maxRecordsPerTab: 10 });
    for (let i = 0; i < 25; i++) {
      const r = request({ requestId: String(i), url: `${API}?i=${i}` });
      replay(capture, [r.start(), r.completed(200, [])]);
    }
    const { records, evicted } = await capture.tabRecords(7);
    expect(evicted).toBe(15);
    expect(records.map((r) => r.exchange.url)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${API}?i=${i + 15}`),
    );
    const stored = [...fake.session.data.keys()].filter((k) => k.startsWith('r:'));
    expect(stored).toHaveLength(10);
  });

  it('keeps records compact in storage (bytes per record printed)', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const n = 200;
    for (let i = 0; i < n; i++) {
      const r = request({ requestId: String(i), url: `${API}?i=${i}` });
      replay(capture, [
        r.start(),
        r.send([h('Origin', PAGE), h('Accept', '*/*'), h('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64)')]),
        r.completed(200, [acao, h('Content-Type', 'application/json'), h('Date', 'Mon, 23 Nov 2026')]),
      ]);
    }
    await capture.idle();
    const perRecord = fake.session.bytes() / n;
    console.log(`storage.session: ${perRecord.toFixed(0)} bytes per record (${n} records)`);
    // 5000 records per tab must fit the 10 MB quota for at least one busy tab.
    expect(perRecord * 5000).toBeLessThan(10 * 1024 * 1024);
  });
});
