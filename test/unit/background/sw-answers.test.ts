/**
 * A fetch() rejected on a page a service worker controls (the page hook's rejected call, with
 * the controlling script): the worker answered, and no request of the page's own failed.
 */
import { describe, expect, it } from 'vitest';
import type { CaptureState } from '../../../src/background/state';
import { decodeStored } from '../../../src/background/store/codec';
import { isStoredRecord } from '../../../src/background/store/stored-guards';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { Header } from '../../../src/evaluator/types';
import type { PageCall } from '../../../src/shared/record';
import { workerHarness } from './support/worker-harness';

const PAGE = 'http://page.test';
const API = 'http://api.test/data';
const SCRIPT = `${PAGE}/sw.js`;

function worker() {
  const harness = workerHarness({ recordScope: 'all-sites', page: PAGE, api: API });
  const { feed, web, storage } = harness;
  feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
  /** The worker's own request for the URL: sent with these headers, then finished or failed. */
  const workerFetch = (headers: Header[], end: 'completed' | 'errorOccurred' | 'none', status = 200) => {
    web('beforeRequest', {}, 1_010);
    web('sendHeaders', { requestHeaders: headers }, 1_011);
    web('headersReceived', { statusCode: status, responseHeaders: [] }, 1_012);
    if (end === 'completed') web('completed', { statusCode: status, responseHeaders: [] }, 1_013);
    if (end === 'errorOccurred') web('errorOccurred', { error: 'net::ERR_FAILED' }, 1_013);
  };
  const base: PageCall = {
    api: 'fetch',
    url: API,
    method: 'GET',
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
    headerNames: [],
  };
  /** The page's call as the hook reports it: when made, then rejected under the worker. */
  const pageFetch = (cached?: 'opaque' | 'none') => {
    feed({ type: 'page-call', call: base, refused: false, tabId: 4, frameId: 0, origin: PAGE, now: 1_005 });
    feed({
      type: 'page-call',
      call: {
        ...base,
        outcome: { kind: 'rejected', message: 'TypeError: Failed to fetch' },
        serviceWorker: { script: SCRIPT, ...(cached ? { cached } : {}) },
      },
      refused: false,
      tabId: 4,
      frameId: 0,
      origin: PAGE,
      now: 1_020,
    });
  };
  return {
    feed,
    web,
    workerFetch,
    pageFetch,
    storage,
    get state() {
      return harness.state();
    },
  };
}

const pageRecords = (state: CaptureState) =>
  [...state.records.values()].filter((r) => r.worker === undefined);

describe('a rejected fetch on a page a service worker controls', () => {
  it("after the worker's no-cors request for the URL: an opaque answer, from the worker's request", () => {
    const w = worker();
    w.workerFetch([{ name: 'Sec-Fetch-Mode', value: 'no-cors' }], 'completed');
    w.pageFetch('none');
    const [record, ...rest] = pageRecords(w.state);
    expect(rest).toEqual([]);
    expect(record?.id).toBe('4:page:1');
    expect(record?.exchange.serviceWorkerAnswer).toEqual({
      type: 'opaque',
      script: SCRIPT,
      evidence: 'worker-request',
    });
    expect(record?.exchange.mode).toBe('cors');
    const evaluation = evaluate(record?.exchange as never, { profile: 'chrome' });
    expect(evaluation.corsError).toBe('ServiceWorkerResponseTypeOpaque');
    // The waiting first report of the call is gone with it.
    expect(w.state.tabs.get(4)?.calls).toEqual([]);
    // Kept through storage, written at the end of the task like every failure.
    const stored = decodeStored('r:4:page:1', w.storage.get('r:4:page:1'));
    expect(isStoredRecord(stored)).toBe(true);
    expect((stored as { exchange: { serviceWorkerAnswer?: unknown } }).exchange.serviceWorkerAnswer).toEqual(
      record?.exchange.serviceWorkerAnswer,
    );
    expect((stored as { call?: PageCall }).call?.serviceWorker).toEqual({ script: SCRIPT, cached: 'none' });
  });

  it('while that request is still in flight (its body still coming), the same', () => {
    const w = worker();
    w.workerFetch([{ name: 'Sec-Fetch-Mode', value: 'no-cors' }], 'none');
    w.pageFetch();
    expect(pageRecords(w.state)[0]?.exchange.serviceWorkerAnswer?.type).toBe('opaque');
  });

  it("when the worker's request for it failed (a blocked pass-through), that record says why: nothing added", () => {
    const w = worker();
    w.workerFetch(
      [
        { name: 'Sec-Fetch-Mode', value: 'cors' },
        { name: 'Origin', value: PAGE },
      ],
      'errorOccurred',
    );
    w.pageFetch();
    expect(pageRecords(w.state)).toEqual([]);
    expect([...w.state.records.values()]).toHaveLength(1);
    expect(w.state.tabs.get(4)?.calls).toEqual([]);
  });

  it('no request of the worker, an opaque copy in the cache: an opaque answer, from the cache', () => {
    const w = worker();
    w.pageFetch('opaque');
    expect(pageRecords(w.state)[0]?.exchange.serviceWorkerAnswer).toEqual({
      type: 'opaque',
      script: SCRIPT,
      evidence: 'cache',
    });
  });

  it('nothing seen: an unknown answer', () => {
    const w = worker();
    w.pageFetch('none');
    const [record] = pageRecords(w.state);
    expect(record?.exchange.serviceWorkerAnswer).toEqual({ type: 'unknown', script: SCRIPT });
    expect(evaluate(record?.exchange as never, { profile: 'chrome' }).corsError).toBe(
      'ServiceWorkerNetworkError',
    );
  });

  it("a request of the page's own in flight (the worker let it through): the call waits for it", () => {
    const w = worker();
    w.feed({
      type: 'web-request',
      name: 'beforeRequest',
      now: 1_001,
      event: {
        requestId: 'p1',
        url: API,
        method: 'GET',
        tabId: 4,
        frameId: 0,
        type: 'xmlhttprequest',
        timeStamp: 1_001,
        initiator: PAGE,
      },
    });
    w.pageFetch();
    expect(pageRecords(w.state)).toEqual([]);
    expect(w.state.flights.get('p1')?.call).toBeDefined();
  });

  it('a worker\'s fetch with redirect "manual" (a redirect, then cancelled): opaqueredirect, and its own record opaque', () => {
    const w = worker();
    w.web('beforeRequest', {}, 1_010);
    w.web(
      'sendHeaders',
      {
        requestHeaders: [
          { name: 'Sec-Fetch-Mode', value: 'cors' },
          { name: 'Origin', value: PAGE },
        ],
      },
      1_011,
    );
    w.web(
      'beforeRedirect',
      {
        statusCode: 302,
        redirectUrl: 'http://api.test/elsewhere',
        responseHeaders: [
          { name: 'Location', value: '/elsewhere' },
          { name: 'Access-Control-Allow-Origin', value: '*' },
        ],
      },
      1_012,
    );
    w.web('errorOccurred', { url: 'http://api.test/elsewhere', error: 'net::ERR_ABORTED' }, 1_013);
    const [own] = [...w.state.records.values()];
    expect(own?.exchange.redirect).toBe('manual');
    expect(own?.exchange.networkError).toBeUndefined();
    expect(evaluate(own?.exchange as never, { profile: 'chrome' }).verdict).toBe('opaque');
    w.pageFetch('none');
    const [record] = pageRecords(w.state);
    expect(record?.exchange.serviceWorkerAnswer?.type).toBe('opaqueredirect');
    expect(evaluate(record?.exchange as never, { profile: 'chrome' }).corsError).toBe(
      'ServiceWorkerResponseTypeOpaqueRedirect',
    );
  });

  it("the worker's request reported after the page's rejection still decides (either order)", () => {
    const failed = worker();
    failed.pageFetch('none');
    expect(pageRecords(failed.state)).toHaveLength(1);
    failed.workerFetch(
      [
        { name: 'Sec-Fetch-Mode', value: 'cors' },
        { name: 'Origin', value: PAGE },
      ],
      'errorOccurred',
    );
    expect(pageRecords(failed.state)).toEqual([]);
    expect(failed.state.tabs.get(4)?.ids).toEqual(['4:w1']);
    expect(failed.storage.has('r:4:page:1')).toBe(false);

    const opaque = worker();
    opaque.pageFetch('none');
    opaque.workerFetch([{ name: 'Sec-Fetch-Mode', value: 'no-cors' }], 'completed');
    expect(pageRecords(opaque.state)[0]?.exchange.serviceWorkerAnswer).toEqual({
      type: 'opaque',
      script: SCRIPT,
      evidence: 'worker-request',
    });
  });
});
