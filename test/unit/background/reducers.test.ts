/**
 * The worker's reducer fed inputs and a clock by hand: no timers, no storage, no browser. What
 * storage would hold is the fold of the `put`/`drop` effects; a restart is a `wake` over it.
 */
import { describe, expect, it } from 'vitest';
import { RECOVERY_DELAY_MS, STALE_FLIGHT_MS } from '../../../src/background/reducers/lifecycle';
import { reduce } from '../../../src/background/reducers/reduce';
import { type CaptureState, type Effect, emptyState, type Input } from '../../../src/background/state';
import { encodeStored } from '../../../src/background/store/codec';
import type { Header } from '../../../src/evaluator/types';
import type { RequestEvent, WebRequestEventName } from '../../../src/platform/webrequest';

const PAGE = 'http://page.test';
const API = 'http://api.test/data';
const h = (name: string, value: string): Header => ({ name, value });

/** A worker: its state, what it asked storage to hold, and every effect so far. */
// Every tab recorded: these tests replay tabs without their navigations (scope.test.ts has the scope).
const ALL_SITES = { settings: { recordScope: 'all-sites' } };

function worker(
  storage = new Map<string, unknown>(),
  now = 1_000,
  local: Record<string, unknown> = ALL_SITES,
) {
  let state: CaptureState = emptyState();
  const effects: Effect[] = [];
  const feed = (input: Input) => {
    const result = reduce(state, input);
    state = result.state;
    for (const effect of result.effects) {
      effects.push(effect);
      // As the shell's persister writes it: encoded, so later in-place updates do not move it.
      if (effect.kind === 'put') storage.set(effect.key, encodeStored(effect.value));
      if (effect.kind === 'drop') storage.delete(effect.key);
    }
    return result.effects;
  };
  feed({ type: 'wake', session: Object.fromEntries(storage), local, now });
  return {
    feed,
    storage,
    effects,
    get state() {
      return state;
    },
    web(name: WebRequestEventName, event: Partial<RequestEvent> & { requestId: string }, at: number) {
      return feed({
        type: 'web-request',
        name,
        now: at,
        event: {
          url: API,
          method: 'GET',
          tabId: 7,
          frameId: 0,
          type: 'xmlhttprequest',
          timeStamp: at,
          initiator: PAGE,
          ...event,
        },
      });
    },
  };
}

/** A preflight 'p' for a PUT, sent and answered 204 with these headers; the answer's effects. */
function finishPreflight(w: ReturnType<typeof worker>, responseHeaders: Header[]): readonly Effect[] {
  w.web('beforeRequest', { requestId: 'p', method: 'OPTIONS' }, 1_001);
  w.web(
    'sendHeaders',
    {
      requestId: 'p',
      method: 'OPTIONS',
      requestHeaders: [h('Origin', PAGE), h('Access-Control-Request-Method', 'PUT')],
    },
    1_002,
  );
  return w.web('completed', { requestId: 'p', method: 'OPTIONS', statusCode: 204, responseHeaders }, 1_003);
}

const urls = (w: ReturnType<typeof worker>, tabId = 7) =>
  (w.state.tabs.get(tabId)?.ids ?? []).map((id) => w.state.records.get(id)?.exchange.url);

describe('the worker reducer', () => {
  it('writes a request in flight only once it holds what later events cannot bring back', () => {
    const w = worker();
    const started = w.web('beforeRequest', { requestId: 'q' }, 1_001);
    expect(started.some((e) => e.kind === 'put')).toBe(false);
    expect(w.storage.has('f:q')).toBe(false);
    const sent = w.web('sendHeaders', { requestId: 'q', requestHeaders: [h('Origin', PAGE)] }, 1_002);
    expect(sent).toContainEqual(expect.objectContaining({ kind: 'put', key: 'f:q' }));
    // A restart now: the stored flight keeps the headers; the start is rebuilt from any event.
    const second = worker(w.storage, 2_000);
    second.web('completed', { requestId: 'q', statusCode: 200 }, 2_001);
    expect(second.state.records.get('7:q')?.exchange.requestHeaders).toEqual([h('Origin', PAGE)]);
  });

  it('a restart right after a request started: its later events rebuild it', () => {
    const first = worker();
    first.web('beforeRequest', { requestId: 'r' }, 1_001);
    const second = worker(first.storage, 2_000);
    second.web('sendHeaders', { requestId: 'r', requestHeaders: [h('Origin', PAGE)] }, 2_001);
    second.web('completed', { requestId: 'r', statusCode: 200, responseHeaders: [] }, 2_002);
    expect(urls(second)).toEqual([API]);
    expect(second.state.records.get('7:r')?.exchange.requestHeaders).toEqual([h('Origin', PAGE)]);
  });

  it('a stop before the lazy removal of a finished request: the wake-up does not record it twice', () => {
    const first = worker();
    first.web('beforeRequest', { requestId: 'z' }, 1_001);
    first.web('sendHeaders', { requestId: 'z', requestHeaders: [h('Origin', PAGE)] }, 1_002);
    first.web('headersReceived', { requestId: 'z', statusCode: 200, responseHeaders: [] }, 1_003);
    const inFlight = first.storage.get('f:z');
    const done = first.web('completed', { requestId: 'z', statusCode: 200 }, 1_004);
    expect(done).toContainEqual({ kind: 'drop', key: 'f:z', lazy: true });
    first.storage.set('f:z', inFlight); // the stop came before the batch of removals
    const second = worker(first.storage, 9_000);
    expect(second.state.flights.has('z')).toBe(true);
    const tick = second.feed({ type: 'tick', now: 9_000 + RECOVERY_DELAY_MS });
    expect(second.state.tabs.get(7)?.ids).toEqual(['7:z']);
    expect(tick).toContainEqual({ kind: 'drop', key: 'f:z' }); // now for good, not lazily
    expect(tick.some((e) => e.kind === 'record')).toBe(false);
  });

  it('a request in flight is put if it lasts, a record with the batch, a failed one at the end of the task', () => {
    const w = worker();
    w.web('beforeRequest', { requestId: 'ok' }, 1_001);
    const sent = w.web('sendHeaders', { requestId: 'ok', requestHeaders: [h('Origin', PAGE)] }, 1_002);
    expect(sent).toContainEqual(expect.objectContaining({ kind: 'put', key: 'f:ok', when: 'if-it-lasts' }));
    const answer = [h('Access-Control-Allow-Origin', '*')];
    const answered = w.web(
      'headersReceived',
      { requestId: 'ok', statusCode: 200, responseHeaders: answer },
      1_003,
    );
    expect(answered).toContainEqual(
      expect.objectContaining({ kind: 'put', key: 'f:ok', when: 'if-it-lasts' }),
    );
    const withAnswer = w.storage.get('f:ok');
    const done = w.web('completed', { requestId: 'ok', statusCode: 200 }, 1_004);
    const put = done.find((e) => e.kind === 'put' && e.key === 'r:7:ok');
    expect(put).toBeDefined();
    expect(put && 'when' in put).toBe(false);
    // The request had lasted, and the stop came before that batch (and the lazy removal):
    // storage has the answered request, and the wake-up finishes it.
    w.storage.delete('r:7:ok');
    w.storage.set('f:ok', withAnswer);
    const second = worker(w.storage, 9_000);
    second.feed({ type: 'tick', now: 9_000 + RECOVERY_DELAY_MS });
    expect(second.state.records.get('7:ok')?.exchange.response?.headers).toEqual(answer);

    // Failed after its answer: finishing the stored request would say it was allowed.
    w.web('beforeRequest', { requestId: 'no', url: `${API}/no` }, 1_005);
    w.web(
      'headersReceived',
      { requestId: 'no', url: `${API}/no`, statusCode: 200, responseHeaders: [] },
      1_006,
    );
    const failed = w.web(
      'errorOccurred',
      { requestId: 'no', url: `${API}/no`, error: 'net::ERR_FAILED' },
      1_007,
    );
    expect(failed).toContainEqual(
      expect.objectContaining({ kind: 'put', key: 'r:7:no', when: 'end-of-task' }),
    );
  });

  it('a request that takes a stored preflight is put with the batch, not if it lasts', () => {
    const w = worker();
    const loose = finishPreflight(w, []);
    expect(loose).toContainEqual(expect.objectContaining({ kind: 'put', key: 'loose-preflights' }));
    const took = w.web('beforeRequest', { requestId: 'a', method: 'PUT' }, 1_004);
    const flightPut = took.find((e) => e.kind === 'put' && e.key === 'f:a');
    expect(flightPut).toBeDefined();
    expect(flightPut && 'when' in flightPut).toBe(false);
  });

  it('a restart between a preflight and its actual request loses nothing', () => {
    const first = worker();
    finishPreflight(first, [h('Access-Control-Allow-Origin', PAGE)]);
    first.web('beforeRequest', { requestId: 'a', method: 'PUT' }, 1_004);

    const second = worker(first.storage, 5_000);
    second.web('sendHeaders', { requestId: 'a', method: 'PUT', requestHeaders: [h('Origin', PAGE)] }, 5_001);
    const done = second.web('completed', { requestId: 'a', method: 'PUT', statusCode: 200 }, 5_002);
    expect(done).toContainEqual({ kind: 'record', id: '7:a' });
    const record = second.state.records.get('7:a');
    expect(record?.exchange.preflights.map((p) => p.response?.status)).toEqual([204]);
    expect(second.state.flights.size).toBe(0);
    expect([...second.storage.keys()].filter((k) => k.startsWith('f:'))).toEqual([]);
  });

  it('after a wake-up, time passing finishes an answered request and gives up a silent one', () => {
    const first = worker();
    first.web('beforeRequest', { requestId: 'answered' }, 1_001);
    first.web('headersReceived', { requestId: 'answered', statusCode: 502, responseHeaders: [] }, 1_002);
    first.web('beforeRequest', { requestId: 'silent', url: `${API}/silent` }, 1_003);
    first.web('sendHeaders', { requestId: 'silent', url: `${API}/silent`, requestHeaders: [] }, 1_003);

    const wokeAt = 40_000;
    const second = worker(first.storage, wokeAt);
    expect(second.effects).toContainEqual({ kind: 'tick-after', ms: RECOVERY_DELAY_MS });
    const tick = second.feed({ type: 'tick', now: wokeAt + RECOVERY_DELAY_MS });
    expect(urls(second)).toEqual([API]);
    expect(second.state.records.get('7:answered')?.exchange.response?.status).toBe(502);
    // The silent one may still get its events: asked to be looked at again, not dropped yet.
    expect(tick).toContainEqual({ kind: 'tick-after', ms: RECOVERY_DELAY_MS });
    expect(second.state.flights.has('silent')).toBe(true);

    const late = second.feed({ type: 'tick', now: 1_003 + STALE_FLIGHT_MS + 1 });
    expect(second.state.flights.size).toBe(0);
    expect(late).toContainEqual({ kind: 'drop', key: 'f:silent' });
    expect(late.some((e) => e.kind === 'tick-after')).toBe(false);
    expect(second.state.wokeAt).toBeUndefined();
  });

  it('a request that gets an event after the wake-up is left to finish by itself', () => {
    const first = worker();
    first.web('beforeRequest', { requestId: '1' }, 1_001);
    first.web('headersReceived', { requestId: '1', statusCode: 200, responseHeaders: [] }, 1_002);
    const second = worker(first.storage, 9_000);
    second.web('responseStarted', { requestId: '1', statusCode: 200 }, 9_001);
    second.feed({ type: 'tick', now: 9_000 + RECOVERY_DELAY_MS });
    expect(second.state.records.size).toBe(0);
    second.web('completed', { requestId: '1', statusCode: 200, responseHeaders: [h('X', '1')] }, 9_100);
    expect(second.state.records.get('7:1')?.exchange.response?.headers).toEqual([h('X', '1')]);
  });

  it('stored data passes guards on load: malformed keys are skipped, the rest is kept', () => {
    const first = worker();
    first.web('beforeRequest', { requestId: '1' }, 1_001);
    first.web('completed', { requestId: '1', statusCode: 200 }, 1_002);
    const storage = new Map(first.storage);
    storage.set('r:7:bad', { id: '7:bad', tabId: 7, exchange: 'not an exchange' });
    storage.set('r:7:other', storage.get('r:7:1')); // a record under another record's key
    storage.set('f:x', { requestId: 'x', tabId: '7' });
    storage.set('t:8', { tabId: 8, ids: 'all' });
    storage.set('loose-preflights', [{ tabId: 7 }]);
    const second = worker(storage, 2_000, {
      settings: { preserveLog: true, maxRecordsPerTab: -3, recordScope: 'all-sites' },
    });
    expect([...second.state.records.keys()]).toEqual(['7:1']);
    expect(second.state.flights.size).toBe(0);
    expect(second.state.tabs.has(8)).toBe(false);
    expect(second.state.loose).toEqual([]);
    expect(second.state.settings.preserveLog).toBe(true);
    expect(second.state.settings.maxRecordsPerTab).toBe(10_000);
  });

  it('the bound evicts and counts; quota frees the oldest tenth of the largest tab', () => {
    const w = worker();
    w.feed({ type: 'settings', patch: { maxRecordsPerTab: 20 } });
    for (let i = 0; i < 25; i++) {
      w.web('beforeRequest', { requestId: String(i), url: `${API}?i=${i}` }, 2_000 + i);
      w.web('completed', { requestId: String(i), url: `${API}?i=${i}`, statusCode: 200 }, 2_000 + i);
    }
    expect(w.state.tabs.get(7)).toMatchObject({ evicted: 5 });
    const freed = w.feed({ type: 'quota' });
    expect(freed.filter((e) => e.kind === 'drop')).toHaveLength(2);
    expect(w.state.tabs.get(7)?.ids).toHaveLength(18);
    expect(w.state.tabs.get(7)?.evicted).toBe(7);
  });

  it('a navigation clears the tab (cleared, then the new page’s records); closing forgets it', () => {
    const w = worker();
    w.web('beforeRequest', { requestId: 'old', url: `${API}/old` }, 1_001);
    w.web('completed', { requestId: 'old', url: `${API}/old`, statusCode: 200 }, 1_002);
    w.web('beforeRequest', { requestId: 'new', url: `${API}/new` }, 1_011);
    w.web('completed', { requestId: 'new', url: `${API}/new`, statusCode: 200 }, 1_012);
    const nav = w.web('responseStarted', { requestId: 'n', type: 'main_frame', url: `${PAGE}/next` }, 1_010);
    expect(nav.filter((e) => e.kind === 'cleared' || e.kind === 'record')).toEqual([
      { kind: 'cleared', tabId: 7 },
      { kind: 'record', id: '7:new' },
    ]);
    expect(urls(w)).toEqual([`${API}/new`]);
    w.feed({ type: 'tab-removed', tabId: 7 });
    expect(w.state.tabs.has(7)).toBe(false);
    expect([...w.storage.keys()]).toEqual([]);
  });

  it('a page call that comes before its request waits under its own key, across a restart', () => {
    const first = worker();
    const call = {
      api: 'fetch' as const,
      url: `${API}#x`,
      method: 'get',
      credentials: 'include',
      headerNames: [],
    };
    first.feed({ type: 'page-call', call, refused: false, tabId: 7, frameId: 0, origin: PAGE, now: 1_001 });
    expect([...first.storage.keys()].filter((k) => k.startsWith('c:'))).toEqual(['c:7:0']);
    expect(first.storage.get('t:7')).not.toContain('include'); // not rewritten with the tab

    const second = worker(first.storage, 1_500);
    second.web('beforeRequest', { requestId: '1' }, 1_501);
    second.web('completed', { requestId: '1', statusCode: 200 }, 1_502);
    expect(second.state.records.get('7:1')?.exchange.credentials).toBe('include');
    expect([...second.storage.keys()].filter((k) => k.startsWith('c:'))).toEqual([]);

    // The call's outcome comes later: it goes onto the record, however many came in between.
    for (let i = 2; i < 400; i++) {
      second.web('beforeRequest', { requestId: String(i), url: `${API}?n=${i}` }, 1_600);
      second.web('completed', { requestId: String(i), url: `${API}?n=${i}`, statusCode: 200 }, 1_600);
    }
    const outcome = { ...call, outcome: { kind: 'response' as const, status: 200, type: 'cors' as const } };
    second.feed({
      type: 'page-call',
      call: outcome,
      refused: false,
      tabId: 7,
      frameId: 0,
      origin: PAGE,
      now: 1_700,
    });
    expect(second.state.records.get('7:1')?.exchange.pageOutcome).toEqual(outcome.outcome);
    expect(second.state.tabs.get(7)?.calls).toEqual([]);
  });
});
