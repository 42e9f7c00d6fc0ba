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

/** Records the extension holds for the page's tab and the session-storage bytes in use. */
async function storageFigures(ext: Page, page: Page): Promise<{ records: number; bytes: number }> {
  const records = await fetchReport(ext, await tabIdOf(ext, page)).then(
    (r) => r.records.length,
    (error: Error) => {
      console.log(`report unavailable: ${error.message}`);
      return 0;
    },
  );
  const bytes = await ext.evaluate(() => chrome.storage.session.getBytesInUse(null));
  return { records, bytes };
}

const perRecord = ({ records, bytes }: { records: number; bytes: number }): string =>
  records > 0
    ? `${(bytes / records).toFixed(0)} bytes per record (${records} records, ${bytes} bytes)`
    : `n/a: no records (${bytes} bytes in use)`;

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
  // Storage per record is read after the first round (600 records, far below the 10 MB quota).
  let firstRound: { records: number; bytes: number } | null = null;
  for (let warm = 1; warm <= WARMUP; warm++) {
    for (const b of browsers) await timeFetches(b.page, urlsFor(b.name, -warm));
    const withSide = browsers[1];
    if (warm === 1 && !CALIBRATE && withSide) {
      const ext = await openExtensionPage(withSide.browser);
      firstRound = await storageFigures(ext, withSide.page);
      await ext.close();
    }
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
  if (firstRound) console.log(`storage after one round of ${FETCHES}: ${perRecord(firstRound)}`);
  if (!CALIBRATE) {
    const ext = await openExtensionPage(withExt.browser);
    const final = await storageFigures(ext, withExt.page);
    console.log(`storage at the end (${FETCHES * (RUNS + WARMUP)} fetches made): ${perRecord(final)}`);
  }
} finally {
  for (const b of browsers) await b.browser.close();
  await server.close();
}
