/**
 * Requests without a tab (webRequest `tabId: -1`: a service or shared worker's own fetch, a
 * service worker's pass-through): attributed by initiator to the recorded tabs of that origin.
 */
import { describe, expect, it } from 'vitest';
import { NO_TAB } from '../../../src/background/assembly/worker-attribution';
import { noTabOrigins } from '../../../src/background/reducers/no-tab';
import type { CaptureState } from '../../../src/background/state';
import { decodeStored, encodeStored } from '../../../src/background/store/codec';
import { isStoredRecord } from '../../../src/background/store/stored-guards';
import { buildHar } from '../../../src/report/har';
import { buildReport } from '../../../src/report/json';
import { renderMarkdown } from '../../../src/report/markdown';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { missingAcao } from '../ui/fixtures';
import { workerHarness } from './support/worker-harness';

const PAGE = 'http://page.test';
const OTHER = 'http://other.test';
const API = 'http://api.test/data';

function worker(recordScope: string) {
  const harness = workerHarness({ recordScope: recordScope, page: PAGE, api: API });
  const { feed, web, storage } = harness;
  /** A worker's blocked fetch: sent, answered without Access-Control-Allow-Origin. */
  const blockedFetch = (requestId = 'w1', initiator = PAGE) => {
    web('beforeRequest', { requestId, initiator }, 1_010);
    web(
      'sendHeaders',
      { requestId, initiator, requestHeaders: [{ name: 'Origin', value: initiator }] },
      1_011,
    );
    web('completed', { requestId, initiator, statusCode: 200, responseHeaders: [] }, 1_012);
  };
  return {
    feed,
    web,
    blockedFetch,
    storage,
    get state() {
      return harness.state();
    },
  };
}

const records = (state: CaptureState) => [...state.records.values()];

describe('requests without a tab', () => {
  it('go to the one recorded tab whose page has the initiator origin, marked as a worker’s', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
    w.feed({ type: 'tab-page', tabId: 5, url: `${OTHER}/` });
    w.blockedFetch();
    const [record, ...rest] = records(w.state);
    expect(rest).toEqual([]);
    expect(record?.id).toBe('4:w1');
    expect(record?.tabId).toBe(4);
    expect(record?.worker).toEqual({ context: 'worker (service or shared)', tabs: 1 });
    expect(w.state.tabs.get(4)?.ids).toEqual(['4:w1']);
    expect(w.state.tabs.get(5)?.ids ?? []).toEqual([]);
  });

  it('are recorded in every tab of that origin when several are open, each saying so', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 9, url: `${PAGE}/b` });
    w.feed({ type: 'tab-page', tabId: 3, url: `${PAGE}/a` });
    w.blockedFetch();
    const ids = records(w.state).map((r) => r.id);
    expect(ids.sort()).toEqual(['3:w1', '9:w1']);
    for (const record of records(w.state))
      expect(record.worker).toEqual({ context: 'worker (service or shared)', tabs: 2 });
    expect(w.state.tabs.get(3)?.ids).toEqual(['3:w1']);
    expect(w.state.tabs.get(9)?.ids).toEqual(['9:w1']);
  });

  it('are kept in a group of their own when no recorded tab has the initiator origin', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 5, url: `${OTHER}/` });
    w.blockedFetch();
    const [record, ...rest] = records(w.state);
    expect(rest).toEqual([]);
    expect(record?.id).toBe('-1:w1');
    expect(record?.tabId).toBe(NO_TAB);
    expect(record?.worker).toEqual({ context: 'worker (service or shared)', tabs: 0 });
    expect(w.state.flights.size).toBe(0);
    expect(w.state.tabs.get(5)?.ids ?? []).toEqual([]);
    expect(noTabOrigins(w.state.records, w.state.tabs.get(NO_TAB))).toEqual([{ origin: PAGE, count: 1 }]);
  });

  it('the group hands them to the first tab that loads a page of their origin', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 5, url: `${OTHER}/` });
    w.blockedFetch();
    w.blockedFetch('w2', OTHER); // the other origin has its tab: not in the group
    w.feed({
      type: 'web-request',
      name: 'responseStarted',
      now: 2_000,
      event: {
        requestId: 'n',
        url: `${PAGE}/app`,
        method: 'GET',
        tabId: 7,
        frameId: 0,
        type: 'main_frame',
        timeStamp: 2_000,
      },
    });
    expect(w.state.tabs.get(7)?.ids).toEqual(['7:w1']);
    expect(w.state.records.get('7:w1')?.worker).toEqual({ context: 'worker (service or shared)', tabs: 1 });
    expect(w.state.records.has('-1:w1')).toBe(false);
    expect(w.storage.has('r:-1:w1')).toBe(false);
    expect(w.storage.has('r:7:w1')).toBe(true);
    expect(w.state.tabs.get(NO_TAB)?.ids).toEqual([]);
    expect(w.state.tabs.get(5)?.ids).toEqual(['5:w2']);
  });

  it("go to a tab whose frame said it has a worker of that origin (an embedded frame's)", () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 5, url: `${OTHER}/` });
    w.feed({
      type: 'page-workers',
      tabId: 5,
      frameId: 3,
      now: 1_005,
      workers: { controller: `${PAGE}/sw.js`, registered: [], shared: [] },
    });
    w.blockedFetch();
    expect(records(w.state).map((r) => [r.id, r.worker?.context])).toEqual([['5:w1', 'service worker']]);
  });

  it('skip tabs of that origin outside the recording scope', () => {
    const w = worker('development');
    // A public site is not recorded under the development scope; a localhost page is.
    w.feed({ type: 'tab-page', tabId: 2, url: 'https://public.example/' });
    w.feed({ type: 'tab-page', tabId: 6, url: 'http://localhost:3000/' });
    w.blockedFetch('w2', 'https://public.example');
    expect(records(w.state)).toEqual([]);
    w.blockedFetch('w3', 'http://localhost:3000');
    expect(records(w.state).map((r) => r.id)).toEqual(['6:w3']);
  });

  it('keep the tabs they started with while the pages change, and their preflight', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/` });
    w.web('beforeRequest', { requestId: 'p', method: 'OPTIONS' }, 1_001);
    w.web(
      'sendHeaders',
      {
        requestId: 'p',
        method: 'OPTIONS',
        requestHeaders: [
          { name: 'Origin', value: PAGE },
          { name: 'Access-Control-Request-Method', value: 'PUT' },
        ],
      },
      1_002,
    );
    w.web('completed', { requestId: 'p', method: 'OPTIONS', statusCode: 204, responseHeaders: [] }, 1_003);
    w.web('beforeRequest', { requestId: 'w1', method: 'PUT' }, 1_004);
    w.feed({ type: 'tab-page', tabId: 4, url: `${OTHER}/` }); // not a navigation event: scope only
    w.web('errorOccurred', { requestId: 'w1', method: 'PUT', error: 'net::ERR_FAILED' }, 1_005);
    const [record] = records(w.state);
    expect(record?.id).toBe('4:w1');
    expect(record?.exchange.preflights).toHaveLength(1);
  });

  it('keep their context through storage and into the JSON report', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/` });
    w.blockedFetch();
    const stored = decodeStored('r:4:w1', w.storage.get('r:4:w1'));
    expect(isStoredRecord(stored)).toBe(true);
    expect((stored as { worker?: unknown }).worker).toEqual({
      context: 'worker (service or shared)',
      tabs: 1,
    });
    const [record] = records(w.state);
    if (!record) throw new Error('no record');
    const report = buildReport([{ ...record, evaluation: { verdict: 'blocked' } as never }], {
      redact: false,
      settings: DEFAULT_SETTINGS,
      extensionVersion: '0',
    });
    expect(report.records[0]?.worker).toEqual({ context: 'worker (service or shared)', tabs: 1 });
  });

  it('survive a worker stop mid-flight with their tabs', () => {
    const w = worker('all-sites');
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/` });
    w.feed({ type: 'tab-page', tabId: 8, url: `${PAGE}/x` });
    w.web('beforeRequest', {}, 1_010);
    w.web('sendHeaders', { requestHeaders: [{ name: 'Origin', value: PAGE }] }, 1_011);
    const flight = w.state.flights.get('w1');
    expect(flight?.workerTabs).toEqual([4, 8]);
    const stored = decodeStored('f:w1', encodeStored({ flight: flight as never }));
    expect((stored as { workerTabs?: unknown }).workerTabs).toEqual([4, 8]);
  });
});

describe("a worker's record in the exports", () => {
  const report = () =>
    buildReport([{ ...missingAcao(), worker: { context: 'service worker', tabs: 2 } }], {
      redact: true,
      settings: DEFAULT_SETTINGS,
      extensionVersion: '0',
    });

  it('the Markdown report says which context made it and in how many tabs it is', () => {
    expect(renderMarkdown(report())).toContain(
      '- Made by: service worker, recorded in 2 tab(s) of its origin',
    );
  });

  it("the HAR export carries it in the request's _corsLens", () => {
    const entries = buildHar(report()).log.entries as { _corsLens?: { worker?: unknown } }[];
    expect(entries.map((e) => e._corsLens?.worker).filter(Boolean)).toEqual([
      { context: 'service worker', tabs: 2 },
    ]);
  });
});
