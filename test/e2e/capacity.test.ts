import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabSummary } from '../../src/shared/record';
import {
  type Browser,
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  stopWorker,
  tabIdOf,
} from './support/browser';
import { byUrl, fetchReport } from './support/report';
import { type ScenarioServer, startServer } from './support/server';

/**
 * How much one tab can hold, in a real Chromium: 10,000 records kept across a worker stop, and a
 * burst of 1,000 parallel requests recorded in full. Prints storage.session bytes per record.
 */
let server: ScenarioServer;
let browser: Browser;
let ext: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launch(true);
  ext = await openExtensionPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(tag: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(`${server.page}/page/page.html?capacity=${tag}`);
  return { page, tabId: await tabIdOf(ext, page) };
}

/** Page-side fetches; resolves with how many answered 200. */
function fetchAll(page: Page, urls: readonly string[]): Promise<number> {
  return page.evaluate(
    async (list) =>
      (
        await Promise.all(
          list.map((u) =>
            fetch(u).then(
              (r) => r.status,
              () => 0,
            ),
          ),
        )
      ).filter((s) => s === 200).length,
    [...urls],
  );
}

const urls = (path: string, from: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${server.api}/${path}-${from + i}`);
const summary = (tabId: number) => sendMessage<TabSummary>(ext, { type: 'cors-lens:summary', tabId });
const total = (s: TabSummary) => s.allowed + s.blocked + s.opaque;

describe('capacity of one tab', () => {
  it('keeps 10,000 records across a worker stop, none lost or evicted', async () => {
    const { page, tabId } = await openPage('many');
    const n = 10_000;
    const started = Date.now();
    for (let from = 0; from < n; from += 1_000) {
      expect(await fetchAll(page, urls('open/many', from, 1_000))).toBe(1_000);
    }
    console.log(`${n} fetches in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const before = await pollFor(
      () => summary(tabId),
      (s) => total(s) === n,
      { timeoutMs: 240_000, what: `${n} records` },
    );
    const bytes = await ext.evaluate(() => chrome.storage.session.getBytesInUse(null));
    console.log(`storage.session: ${(bytes / n).toFixed(0)} bytes per record (${n} records, ${bytes} bytes)`);
    expect(before.evicted).toBe(0);

    expect(await stopWorker(page), 'a running worker to stop').toBe(true);
    const after = await summary(tabId); // wakes a new worker over what storage kept
    console.log(`after a worker stop: ${total(after)}/${n} records, ${after.evicted} evicted`);
    expect(total(after)).toBe(n);
    expect(after.evicted).toBe(0);
    await page.close();
  }, 600_000);

  it('records a burst of 1,000 parallel requests in full', async () => {
    const { page, tabId } = await openPage('burst');
    const burst = urls('open/burst', 0, 1_000);
    expect(await fetchAll(page, burst)).toBe(1_000);
    await pollFor(
      () => summary(tabId),
      (s) => total(s) >= 1_000,
      { timeoutMs: 120_000, what: '1,000 records' },
    );
    const records = byUrl((await fetchReport(ext, tabId)).records);
    const recorded = burst.filter((u) => records.has(u)).length;
    console.log(`burst: ${recorded}/1000 recorded`);
    expect(recorded).toBe(1_000);
  }, 240_000);
});
