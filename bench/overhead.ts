/**
 * `npm run bench:overhead`: what the extension costs a page. The same page makes 600
 * cross-origin fetches, timed in the page, in a Chromium with and one without the extension,
 * runs alternating so both see the same machine load. Prints medians, the ratio (target ≤ 1.03)
 * and the session-storage bytes per record. A benchmark: it prints figures, it asserts nothing.
 */
import type { Page } from 'playwright-core';
import { type Browser, launch, openExtensionPage, tabIdOf } from '../test/e2e/support/browser';
import { fetchReport } from '../test/e2e/support/report';
import { startServer } from '../test/e2e/support/server';

const FETCHES = 600;
const RUNS = Number(process.env.OVERHEAD_RUNS ?? 5);
const WARMUP = 3;
/** OVERHEAD_CALIBRATE=1: both sides without the extension (an A/A run shows the noise floor). */
const CALIBRATE = process.env.OVERHEAD_CALIBRATE === '1';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Time 600 fetches (all started at once) inside the page; milliseconds. */
function timeFetches(page: Page, urls: readonly string[]): Promise<number> {
  return page.evaluate(
    async (list) => {
      const start = performance.now();
      const statuses = await Promise.all(list.map((u) => fetch(u).then((r) => r.status)));
      const elapsed = performance.now() - start;
      if (statuses.some((s) => s !== 200)) throw new Error('a fetch failed');
      return elapsed;
    },
    [...urls],
  );
}

const server = await startServer();
const browsers: { name: 'without' | 'with'; browser: Browser; page: Page; times: number[] }[] = [];
try {
  for (const name of ['without', 'with'] as const) {
    const browser = await launch(name === 'with' && !CALIBRATE);
    const page = await browser.context.newPage();
    await page.goto(`${server.page}/page/page.html?bench=overhead-${name}`);
    browsers.push({ name, browser, page, times: [] });
  }
  const urlsFor = (name: string, run: number) =>
    Array.from({ length: FETCHES }, (_, i) => `${server.api}/open/overhead?b=${name}&r=${run}&i=${i}`);
  // Warm-up rounds (connections, JIT, browser start-up work settling), then alternate.
  for (let warm = 1; warm <= WARMUP; warm++) {
    for (const b of browsers) await timeFetches(b.page, urlsFor(b.name, -warm));
  }
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 ? [...browsers].reverse() : browsers;
    for (const b of order) b.times.push(await timeFetches(b.page, urlsFor(b.name, run)));
  }
  const [without, withExt] = browsers;
  if (!without || !withExt) throw new Error('browsers missing');
  const mWithout = median(without.times);
  const mWith = median(withExt.times);
  const fmt = (ts: number[]) => ts.map((t) => t.toFixed(0)).join(', ');
  console.log(`${FETCHES} cross-origin fetches per run, ${RUNS} runs each, alternating`);
  console.log(`without extension: median ${mWithout.toFixed(1)} ms  [${fmt(without.times)}]`);
  console.log(`with extension:    median ${mWith.toFixed(1)} ms  [${fmt(withExt.times)}]`);
  console.log(`ratio with/without: ${(mWith / mWithout).toFixed(3)} (target ≤ 1.03)`);

  if (CALIBRATE) {
    console.log('calibration run: both sides without the extension, the ratio is noise');
  }
  const ext = CALIBRATE ? null : await openExtensionPage(withExt.browser);
  const records = ext
    ? await fetchReport(ext, await tabIdOf(ext, withExt.page)).then(
        (r) => r.records.length,
        (error: Error) => {
          console.log(`report unavailable: ${error.message}`);
          return 0;
        },
      )
    : 0;
  const bytes = ext ? await ext.evaluate(() => chrome.storage.session.getBytesInUse(null)) : 0;
  const expected = FETCHES * (RUNS + WARMUP);
  console.log(`records for the tab: ${records} of ${expected} fetches`);
  console.log(`storage.session bytes in use: ${bytes}`);
  console.log(
    records > 0 ? `bytes per record: ${(bytes / records).toFixed(0)}` : 'bytes per record: n/a (no records)',
  );
} finally {
  for (const b of browsers) await b.browser.close();
  await server.close();
}
