/**
 * The recording scope in a real Chromium: listeners exist only for recorded tabs, the page hook
 * is dormant elsewhere, the popup offers "Record and reload", the settings message switches to
 * every site and back, and a tab that navigates into the scope (also right after a worker stop)
 * loses none of its page's requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CALL_EVENT } from '../../src/shared/page-channel';
import {
  type Browser,
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  stopWorker,
  tabIdOf,
} from './support/browser';
import { byUrl, fetchReport, waitForRecords } from './support/report';

let server: Server;
let port = 0;
let browser: Browser;
let ext: Page;

/** `/app?n=N&tag=T`: a page whose inline script makes N cross-origin fetches while it loads. */
function app(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/app') {
    const n = Number(url.searchParams.get('n') ?? '0');
    const tag = url.searchParams.get('tag') ?? 't';
    const html = `<!doctype html><title>app</title><script>
      document.addEventListener('${PAGE_CALL_EVENT}', () => { window.__hooked = true; });
      window.__done = Promise.all(Array.from({ length: ${n} }, (_, i) =>
        fetch('http://127.0.0.1:${port}/api/${tag}-' + i).then((r) => r.status, () => 0)));
    </script>`;
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    return;
  }
  res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
}

const apiUrls = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => `http://127.0.0.1:${port}/api/${tag}-${i}`);
const devPage = (tag: string, n: number) => `http://localhost:${port}/app?n=${n}&tag=${tag}`;
/** A public name (mapped to 127.0.0.1 by the browser's host rules): not a development host. */
const publicPage = (tag: string, n: number) => `http://www.shop.co.uk:${port}/app?n=${n}&tag=${tag}`;

/** The capture's listeners in the worker (the navigation listener is on onBeforeRequest only). */
async function captureListening(): Promise<boolean> {
  const worker = browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('no worker');
  return worker.evaluate(() => chrome.webRequest.onSendHeaders.hasListeners());
}

/**
 * The extension's content-script worlds created while `url` loads in a new tab (CDP
 * Runtime.executionContextCreated: isolated worlds carry the extension's name).
 */
async function extensionWorlds(url: string): Promise<{ page: Page; worlds: number }> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  let worlds = 0;
  cdp.on(
    'Runtime.executionContextCreated',
    (e: { context: { name: string; auxData?: { type?: string } } }) => {
      if (e.context.auxData?.type === 'isolated' && e.context.name === 'CORS Lens') worlds++;
    },
  );
  await cdp.send('Runtime.enable');
  await load(page, url);
  await cdp.detach();
  return { page, worlds };
}

async function load(page: Page, url: string): Promise<number[]> {
  await page.goto(url);
  return page.evaluate(() => (window as unknown as { __done: Promise<number[]> }).__done);
}

const settings = (set: Record<string, unknown>) => sendMessage(ext, { type: 'cors-lens:settings', set });
const recordCount = async (tabId: number) => (await fetchReport(ext, tabId)).records.length;

beforeAll(async () => {
  server = createServer(app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
  browser = await launch(true);
  ext = await openExtensionPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

describe('recording scope', () => {
  it('a site not recorded: no capture listener, no record, no badge, the page hook dormant', async () => {
    // No content script runs there at all (the manifest's entries are limited to development
    // hosts by URL globs); on a development host, the relay's isolated world is created.
    const dev = await extensionWorlds(devPage('worlds', 0));
    expect(dev.worlds).toBe(1);
    await dev.page.close();
    const { page, worlds } = await extensionWorlds(publicPage('pub', 5));
    expect(worlds).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __done: Promise<number[]> }).__done)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    const tabId = await tabIdOf(ext, page);
    expect(await captureListening()).toBe(false);
    expect(await page.evaluate(() => (window as { __hooked?: boolean }).__hooked === true)).toBe(false);
    expect(await recordCount(tabId)).toBe(0);
    expect(await ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
    // The hook's dynamic entry is not web-accessible: the page cannot fetch it to detect us.
    const hookUrl = `chrome-extension://${browser.extensionId}/src/content/hook-sites.iife.js`;
    expect(
      await page.evaluate(
        (u) =>
          fetch(u).then(
            () => 'fetched',
            () => 'refused',
          ),
        hookUrl,
      ),
    ).toBe('refused');
    expect(await sendMessage(ext, { type: 'cors-lens:scope', tabId })).toEqual({
      tabId,
      recorded: false,
      reason: 'not-recorded',
      host: 'www.shop.co.uk',
    });
    await page.close();
  });

  it('a tab that navigates into the scope loses none of its page requests, also after a worker stop', async () => {
    const page = await browser.context.newPage();
    await load(page, publicPage('before', 2));
    const tabId = await tabIdOf(ext, page);
    expect(await load(page, devPage('nav', 20))).toEqual(apiUrls('nav', 20).map(() => 200));
    const records = byUrl(await waitForRecords(ext, tabId, new Map(apiUrls('nav', 20).map((u) => [u, 1]))));
    expect(apiUrls('nav', 20).filter((u) => !records.has(u))).toEqual([]);
    expect(await page.evaluate(() => (window as { __hooked?: boolean }).__hooked === true)).toBe(true);
    expect(await captureListening()).toBe(true);
    // Back out of the scope, stop the worker, come back: the navigation wakes it.
    await load(page, publicPage('out', 1));
    await pollFor(captureListening, (on) => !on, { what: 'listeners removed once no tab is recorded' });
    expect(await stopWorker(page)).toBe(true);
    expect(await load(page, devPage('wake', 20))).toEqual(apiUrls('wake', 20).map(() => 200));
    const woke = byUrl(await waitForRecords(ext, tabId, new Map(apiUrls('wake', 20).map((u) => [u, 1]))));
    expect(apiUrls('wake', 20).filter((u) => !woke.has(u))).toEqual([]);
    await page.close();
  });

  it('the popup says a tab is not recorded and "Record and reload" records it, page hook included', async () => {
    const page = await browser.context.newPage();
    await load(page, publicPage('popup', 1));
    const tabId = await tabIdOf(ext, page);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/src/popup/popup.html?tabId=${tabId}`);
    const note = popup.getByTestId('not-recorded');
    await note.waitFor();
    expect(await note.textContent()).toContain('www.shop.co.uk is not recorded');
    await popup.getByTestId('record-and-reload').click();
    await pollFor(
      () => page.evaluate(() => (window as { __hooked?: boolean }).__hooked === true).catch(() => false),
      (hooked) => hooked,
      { what: 'the reloaded page to be hooked' },
    );
    await waitForRecords(ext, tabId, new Map(apiUrls('popup', 1).map((u) => [u, 1])));
    // The page hook's view of the call joins the record (it may come just after the request).
    const withCall = await pollFor(
      () => fetchReport(ext, tabId),
      (report) => report.records.some((r) => r.call?.api === 'fetch'),
      { what: "the page hook's call on the record" },
    );
    expect(withCall.records).toHaveLength(1);
    expect(((await settings({})) as { recordSites: string[] }).recordSites).toEqual(['www.shop.co.uk']);
    await popup.reload();
    await popup.getByTestId('not-recorded').waitFor({ state: 'detached' });
    await settings({ recordSites: [] });
    await popup.close();
    await page.close();
  });

  it('cors-lens:settings switches to every site and back', async () => {
    const page = await browser.context.newPage();
    await settings({ recordScope: 'all-sites' });
    expect(await load(page, publicPage('all', 3))).toEqual([200, 200, 200]);
    const tabId = await tabIdOf(ext, page);
    await waitForRecords(ext, tabId, new Map(apiUrls('all', 3).map((u) => [u, 1])));
    await settings({ recordScope: 'dev-hosts' });
    await sendMessage(ext, { type: 'cors-lens:clear', tabId });
    expect(await load(page, publicPage('back', 3))).toEqual([200, 200, 200]);
    expect(await captureListening()).toBe(false);
    expect(await recordCount(tabId)).toBe(0);
    const refused = await sendMessage<{ error?: string }>(ext, {
      type: 'cors-lens:settings',
      v: 1,
      set: { recordScope: 'all-sites' },
    });
    expect(refused.error).toMatch(/got v=1, this worker speaks v=\d+/);
    await page.close();
  });
});
