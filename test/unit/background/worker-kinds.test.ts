/**
 * Service worker or shared worker: webRequest gives a request without a tab no way to tell; the
 * page hook's report of the page's workers (cors-lens:page-workers) does. The rule is in
 * src/background/assembly/worker-attribution.ts.
 */
import { describe, expect, it } from 'vitest';
import { decodeStored } from '../../../src/background/store/codec';
import { isTabState } from '../../../src/background/store/stored-guards';
import { checkRequest } from '../../../src/shared/guards';
import type { PageWorkers } from '../../../src/shared/page-workers';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';
import { workerHarness } from './support/worker-harness';

const PAGE = 'http://page.test';
const API = 'http://api.test/data';

function worker() {
  const harness = workerHarness({ recordScope: 'all-sites', page: PAGE, api: API });
  const { feed, web, storage } = harness;
  const fetchOf = (requestId: string, at: number) => {
    web('beforeRequest', { requestId }, at);
    web('sendHeaders', { requestId, requestHeaders: [{ name: 'Origin', value: PAGE }] }, at + 1);
    web('completed', { requestId, statusCode: 200, responseHeaders: [] }, at + 2);
  };
  const workers = (tabId: number, report: Partial<PageWorkers>, now = 1_100) =>
    feed({
      type: 'page-workers',
      tabId,
      frameId: 0,
      now,
      workers: { registered: [], shared: [], ...report },
    });
  return {
    feed,
    fetchOf,
    workers,
    storage,
    get state() {
      return harness.state();
    },
  };
}

const contextOf = (w: ReturnType<typeof worker>, id: string) => w.state.records.get(id)?.worker?.context;

describe('service worker or shared worker', () => {
  it('a tab controlled by a service worker of the origin: "service worker"', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
    w.workers(4, { controller: `${PAGE}/sw.js` });
    w.fetchOf('w1', 1_200);
    expect(contextOf(w, '4:w1')).toBe('service worker');
  });

  it('a page that registered one (not yet controlling: install-time fetches) counts too', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
    w.workers(4, { registered: [`${PAGE}/sw.js`] });
    w.fetchOf('w1', 1_200);
    expect(contextOf(w, '4:w1')).toBe('service worker');
  });

  it('a tab that created a shared worker of the origin: "shared worker"', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
    w.workers(4, { shared: [`${PAGE}/shared.js`] });
    w.fetchOf('w1', 1_200);
    expect(contextOf(w, '4:w1')).toBe('shared worker');
  });

  it('both, in one tab or across the tabs it goes to: "worker (service or shared)"', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/a` });
    w.feed({ type: 'tab-page', tabId: 5, url: `${PAGE}/b` });
    w.workers(4, { controller: `${PAGE}/sw.js` });
    w.workers(5, { shared: [`${PAGE}/shared.js`] });
    w.fetchOf('w1', 1_200);
    expect(contextOf(w, '4:w1')).toBe('worker (service or shared)');
    expect(contextOf(w, '5:w1')).toBe('worker (service or shared)');
  });

  it('workers of another origin (a frame’s) do not decide for the page’s origin', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/a` });
    w.workers(4, { controller: 'http://frame.test/sw.js', shared: [`${PAGE}/shared.js`] });
    w.fetchOf('w1', 1_200);
    expect(contextOf(w, '4:w1')).toBe('shared worker');
  });

  it('a report that comes after the record re-marks it', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
    w.fetchOf('w1', 1_200);
    expect(contextOf(w, '4:w1')).toBe('worker (service or shared)');
    w.workers(4, { shared: [`${PAGE}/shared.js`] }, 1_300);
    expect(contextOf(w, '4:w1')).toBe('shared worker');
    const stored = decodeStored('r:4:w1', w.storage.get('r:4:w1')) as { worker?: { context: string } };
    expect(stored.worker?.context).toBe('shared worker');
  });

  it('is forgotten when the tab navigates, and survives a worker stop until then', () => {
    const w = worker();
    w.feed({ type: 'tab-page', tabId: 4, url: `${PAGE}/app` });
    w.workers(4, { controller: `${PAGE}/sw.js` });
    const stored = decodeStored('t:4', w.storage.get('t:4'));
    expect(isTabState(stored)).toBe(true);
    expect((stored as { workerKinds?: unknown }).workerKinds).toEqual({ [PAGE]: { service: true } });
    w.feed({
      type: 'web-request',
      name: 'responseStarted',
      now: 1_300,
      event: {
        requestId: 'n',
        url: `${PAGE}/other`,
        method: 'GET',
        tabId: 4,
        frameId: 0,
        type: 'main_frame',
        timeStamp: 1_300,
      },
    });
    expect(w.state.tabs.get(4)?.workerKinds).toBeUndefined();
    w.fetchOf('w2', 1_400);
    expect(contextOf(w, '4:w2')).toBe('worker (service or shared)');
  });

  it('a tab outside the recording scope keeps nothing', () => {
    const w = worker();
    w.feed({ type: 'settings', patch: { recordScope: 'dev-hosts' } });
    w.feed({ type: 'tab-page', tabId: 4, url: 'https://public.example/' });
    w.workers(4, { controller: 'https://public.example/sw.js' });
    expect(w.state.tabs.get(4)?.workerKinds).toBeUndefined();
  });
});

describe('the cors-lens:page-workers message', () => {
  const check = (workers: unknown) =>
    checkRequest({ type: 'cors-lens:page-workers', v: PROTOCOL_VERSION, workers });

  it('accepts a controller and bounded lists of script URLs', () => {
    const checked = check({ controller: `${PAGE}/sw.js`, registered: [`${PAGE}/sw.js`], shared: [] });
    expect(checked).toEqual({
      ok: true,
      value: {
        type: 'cors-lens:page-workers',
        v: PROTOCOL_VERSION,
        workers: { controller: `${PAGE}/sw.js`, registered: [`${PAGE}/sw.js`], shared: [] },
      },
    });
  });

  it('refuses bad shapes, with the field named', () => {
    expect(check(undefined)).toEqual({ ok: false, error: 'page-workers: workers must be an object' });
    expect(check({ controller: 3, registered: [], shared: [] }).ok).toBe(false);
    expect(check({ registered: 'x', shared: [] }).ok).toBe(false);
    expect(check({ registered: Array(17).fill(`${PAGE}/a.js`), shared: [] }).ok).toBe(false);
    expect(check({ registered: [], shared: ['x'.repeat(5000)] }).ok).toBe(false);
  });
});

describe("the popup's summary", () => {
  it('counts the records of each kind of worker, blocked ones apart', async () => {
    const { summarizeTab } = await import('../../../src/background/store/summary');
    const { missingAcao } = await import('../ui/fixtures');
    const sw = { ...missingAcao(), worker: { context: 'service worker' as const, tabs: 1 } };
    const summary = summarizeTab(1, [sw, sw, missingAcao()], 0);
    expect(summary.workers).toEqual([{ context: 'service worker', count: 2, blocked: 2 }]);
    expect(summarizeTab(1, [missingAcao()], 0).workers).toBeUndefined();
  });
});
