/**
 * Requests without a tab in a real Chromium: a service worker's own fetch, its pass-through
 * `fetch(event.request)`, and a shared worker's own fetch arrive in webRequest with `tabId: -1`.
 * The extension attributes them to the tab of the page's origin; Chromium's own decision is read
 * over CDP on the worker targets themselves (their requests are not on the page's target).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/shared/report-schema';
import {
  type Browser,
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  stopWorker,
  tabIdOf,
} from './support/browser';
import { byUrl, waitForRecords } from './support/report';

type Context = 'sw-own' | 'sw-pass' | 'shared-own';
type Answer = 'allow' | 'none' | 'preflight-none';

interface Case {
  readonly id: string;
  readonly context: Context;
  readonly answer: Answer;
}

const CONTEXTS: readonly Context[] = ['sw-own', 'sw-pass', 'shared-own'];
const ANSWERS: readonly Answer[] = ['allow', 'none', 'preflight-none'];
const CASES: readonly Case[] = CONTEXTS.flatMap((context) =>
  ANSWERS.map((answer) => ({ id: `${context}-${answer}`, context, answer })),
);

/** Run last, with a second tab of the page's origin open: both tabs get the record. */
const TWO_TABS: Case = { id: 'sw-own-two-tabs', context: 'sw-own', answer: 'none' };

let server: Server;
let port = 0;
let browser: Browser;
let ext: Page;
let page: Page;
const pageOrigin = () => `http://localhost:${port}`;
const apiUrl = (c: Case) => `http://127.0.0.1:${port}/api/${c.id}`;

/** What a worker or the page got back from one fetch: the status, or the rejection. */
type Outcome = { ok: true; status: number } | { ok: false; error: string };

const PAGE_HTML = `<!doctype html><title>workers</title><script>
  window.__ready = (async () => {
    await navigator.serviceWorker.register('/sw.js');
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    window.__shared = new SharedWorker('/shared.js');
    return true;
  })();
  const init = (answer) => answer === 'preflight-none'
    ? { method: 'PUT', headers: { 'x-lens': '1' } } : {};
  window.__run = async (context, url, answer) => {
    if (context === 'sw-pass')
      return fetch(url, init(answer)).then((r) => ({ ok: true, status: r.status }), (e) => ({ ok: false, error: String(e) }));
    const channel = new MessageChannel();
    const done = new Promise((r) => { channel.port1.onmessage = (e) => r(e.data); });
    const message = { url, init: init(answer) };
    if (context === 'sw-own') navigator.serviceWorker.controller.postMessage(message, [channel.port2]);
    else window.__shared.port.postMessage(message, [channel.port2]);
    return done;
  };
</script>`;

/** Own fetches answer through the port they were given; /api/*-pass-* requests pass through. */
const FETCH_AND_REPLY = `(e) => {
  const reply = e.ports[0];
  fetch(e.data.url, e.data.init).then(
    (r) => reply.postMessage({ ok: true, status: r.status }),
    (err) => reply.postMessage({ ok: false, error: String(err) }));
}`;
const SW_JS = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', ${FETCH_AND_REPLY});
self.addEventListener('fetch', (e) => { if (e.request.url.includes('/api/sw-pass-')) e.respondWith(fetch(e.request)); });`;
const SHARED_JS = `onconnect = (c) => { c.ports[0].onmessage = ${FETCH_AND_REPLY}; };`;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const js = { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' };
  if (url.pathname === '/app') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE_HTML);
  if (url.pathname === '/sw.js') return void res.writeHead(200, js).end(SW_JS);
  if (url.pathname === '/shared.js') return void res.writeHead(200, js).end(SHARED_JS);
  const c = [...CASES, TWO_TABS].find((x) => url.pathname === `/api/${x.id}`);
  if (!c) return void res.writeHead(404).end();
  const allow = { 'Access-Control-Allow-Origin': pageOrigin() };
  if (req.method === 'OPTIONS') return void res.writeHead(204).end(); // preflight: no CORS headers
  res.writeHead(200, { 'Content-Type': 'text/plain', ...(c.answer === 'allow' ? allow : {}) }).end('ok');
}

/** Chromium's decision for each worker request, read on the worker targets (non-flat sessions). */
interface Truth {
  verdict: 'allowed' | 'blocked';
  corsError: string | null;
  failedParameter: string | null;
}
const truth = new Map<string, Truth>();
let cdp: CDPSession;

async function watchWorkers(): Promise<void> {
  const owner = browser.context.browser();
  if (!owner) throw new Error('no browser behind the context');
  cdp = await owner.newBrowserCDPSession();
  let nextId = 1;
  const urls = new Map<string, string>(); // CDP requestId (per session) -> URL
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    const m = JSON.parse(e.message) as { method?: string; params?: Record<string, unknown> };
    const p = m.params ?? {};
    const key = `${e.sessionId}:${String(p.requestId)}`;
    if (m.method === 'Network.requestWillBeSent') {
      const request = p.request as { url: string; method: string };
      if (request.method !== 'OPTIONS') urls.set(key, request.url);
    }
    const url = urls.get(key);
    if (url === undefined) return;
    if (m.method === 'Network.loadingFinished')
      truth.set(url, { verdict: 'allowed', corsError: null, failedParameter: null });
    if (m.method === 'Network.loadingFailed') {
      const status = p.corsErrorStatus as { corsError: string; failedParameter: string } | undefined;
      truth.set(url, {
        verdict: 'blocked',
        corsError: status?.corsError ?? null,
        failedParameter: status?.failedParameter ? status.failedParameter : null,
      });
    }
  });
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const workers = targetInfos.filter(
    (t) => (t.type === 'service_worker' || t.type === 'shared_worker') && t.url.startsWith(pageOrigin()),
  );
  expect(workers.map((t) => t.type).sort()).toEqual(['service_worker', 'shared_worker']);
  for (const target of workers) {
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as { sessionId: string };
    const id = nextId++;
    const answered = new Promise<void>((resolve) => {
      const on = (e: { sessionId: string; message: string }) => {
        if (e.sessionId === sessionId && (JSON.parse(e.message) as { id?: number }).id === id) {
          cdp.off('Target.receivedMessageFromTarget', on);
          resolve();
        }
      };
      cdp.on('Target.receivedMessageFromTarget', on);
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Network.enable', params: {} }),
    });
    await answered;
  }
}

const outcomes = new Map<string, Outcome>();
let stopped = false;

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  browser = await launch(true);
  ext = await openExtensionPage(browser);
  // Worker requests are delivered only when every site is recorded (README: Known limits).
  await sendMessage(ext, { type: 'cors-lens:settings', set: { recordScope: 'all-sites' } });
  page = await browser.context.newPage();
  await page.goto(`${pageOrigin()}/app`);
  await page.evaluate(() => (window as unknown as { __ready: Promise<boolean> }).__ready);
  // Both workers run once the page is controlled and has made its SharedWorker.
  await pollFor(
    async () => {
      const owner = browser.context.browser();
      if (!owner) throw new Error('no browser behind the context');
      const s = await owner.newBrowserCDPSession();
      const { targetInfos } = (await s.send('Target.getTargets')) as { targetInfos: { type: string }[] };
      await s.detach();
      return targetInfos.filter((t) => t.type === 'shared_worker' || t.type === 'service_worker').length;
    },
    (n) => n >= 2,
    { what: 'the service worker and shared worker targets' },
  );
  await watchWorkers();
  for (const c of CASES) {
    // The extension's worker is stopped before the shared worker's cases: a fresh worker must
    // attribute them from the scope it stored (the tab's page).
    // Only once the earlier cases' records are in, as in the agreement suite: a stop by force
    // may lose a request whose last event the worker had not yet handled (README).
    if (c.context === 'shared-own' && !stopped) {
      const before = CASES.filter((x) => x.context !== 'shared-own').map((x) => [apiUrl(x), 1] as const);
      await waitForRecords(ext, await tabIdOf(ext, page), new Map(before));
      stopped = await stopWorker(page);
    }
    const outcome = await page.evaluate(
      ([context, url, answer]) =>
        (window as unknown as { __run: (c: string, u: string, a: string) => Promise<Outcome> }).__run(
          context,
          url,
          answer,
        ),
      [c.context, apiUrl(c), c.answer] as const,
    );
    outcomes.set(c.id, outcome);
  }
  await pollFor(
    async () => truth.size,
    (n) => n >= CASES.length,
    { what: 'CDP decisions for every worker request' },
  ).catch(() => undefined);
}, 180_000);

afterAll(async () => {
  await cdp?.detach().catch(() => undefined);
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('requests without a tab (Chromium 156)', () => {
  it('Chromium decides each case as the fetch in the worker or page saw it', () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const t = truth.get(apiUrl(c));
      const o = outcomes.get(c.id);
      const expected = c.answer === 'allow' ? 'allowed' : 'blocked';
      if (t?.verdict !== expected || (o?.ok ?? false) !== (expected === 'allowed'))
        wrong.push(`${c.id}: cdp ${JSON.stringify(t)}, fetch ${JSON.stringify(o)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("the tab's records agree with Chromium on verdict and reason, marked as a worker's", async () => {
    const tabId = await tabIdOf(ext, page);
    const wanted = new Map(CASES.map((c) => [apiUrl(c), 1]));
    const records = byUrl(await waitForRecords(ext, tabId, wanted));
    const rows: string[] = [];
    const bad: string[] = [];
    const byContext = new Map<Context, number>();
    for (const c of CASES) {
      const t = truth.get(apiUrl(c));
      const mine: ReportRecord | undefined = records.get(apiUrl(c))?.[0];
      const ok =
        t !== undefined &&
        mine !== undefined &&
        mine.verdict === t.verdict &&
        mine.corsError === t.corsError &&
        (mine.failedParameter ? mine.failedParameter : null) === t.failedParameter &&
        mine.worker?.context === 'worker (service or shared)' &&
        mine.worker.tabs === 1;
      if (ok) byContext.set(c.context, (byContext.get(c.context) ?? 0) + 1);
      else bad.push(c.id);
      rows.push(
        `${ok ? 'ok ' : 'XX '} ${c.id.padEnd(26)} chromium: ${t ? `${t.verdict} ${t.corsError ?? '-'}` : '(none)'}`.padEnd(
          80,
        ) +
          ` ours: ${mine ? `${mine.verdict} ${mine.corsError ?? '-'} ${JSON.stringify(mine.worker)}` : '(no record)'}`,
      );
    }
    console.log(rows.join('\n'));
    for (const context of CONTEXTS)
      console.log(`  ${context}: verdict and reason ${byContext.get(context) ?? 0}/${ANSWERS.length}`);
    console.log(`  extension worker stopped before shared-own: ${stopped}`);
    expect(stopped).toBe(true);
    expect(bad).toEqual([]);
  });

  it('with two tabs of the origin open, each tab records the request, saying it is shared by 2', async () => {
    const second = await browser.context.newPage();
    await second.goto(`${pageOrigin()}/app`);
    await second.evaluate(() => (window as unknown as { __ready: Promise<boolean> }).__ready);
    const outcome = await page.evaluate(
      ([context, url, answer]) =>
        (window as unknown as { __run: (c: string, u: string, a: string) => Promise<Outcome> }).__run(
          context,
          url,
          answer,
        ),
      [TWO_TABS.context, apiUrl(TWO_TABS), TWO_TABS.answer] as const,
    );
    expect(outcome.ok).toBe(false);
    const wanted = new Map([[apiUrl(TWO_TABS), 1]]);
    const seen: string[] = [];
    for (const target of [page, second]) {
      const [mine] =
        byUrl(await waitForRecords(ext, await tabIdOf(ext, target), wanted)).get(apiUrl(TWO_TABS)) ?? [];
      seen.push(mine ? `${mine.verdict} ${mine.corsError} ${JSON.stringify(mine.worker)}` : '(no record)');
    }
    console.log(`  two tabs: ${seen.join(' | ')}`);
    const each = 'blocked MissingAllowOriginHeader {"context":"worker (service or shared)","tabs":2}';
    expect(seen).toEqual([each, each]);
  });
});
