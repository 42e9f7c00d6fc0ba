/**
 * `npm run bench:writes`: what the worker asks of storage.session for 600 parallel fetches (the
 * overhead bench's round): set and remove calls, and the items and bytes written by kind of key
 * (r: records, f: requests in flight, c: page calls waiting for their request, t: tabs). Each
 * storage call costs the worker a binding call and the browser an IPC, so these counts are what
 * the write policy of src/background/store/persist.ts trades against durability.
 * A benchmark: it prints figures, it asserts nothing.
 *
 * WRITES_ROUNDS=n    rounds after one warm-up (default 3)
 * WRITES_OURS=<dir>  another build (e.g. an older commit's dist/) instead of dist/
 */
import type { TabSummary } from '../src/shared/record';
import { DIST, launch, openExtensionPage, pollFor, sendMessage, tabIdOf } from '../test/e2e/support/browser';
import { startServer } from '../test/e2e/support/server';

const FETCHES = 600;
const ROUNDS = Number(process.env.WRITES_ROUNDS ?? 3);

// Runs in the worker: wraps the storage areas' set and remove (the worker reaches them through
// `browser`, the polyfill or the native namespace) to count what goes through them. A string, so
// the bundler's helpers do not leak into the worker.
const COUNTING = `(() => {
  const counts = {};
  globalThis.__corsLensWrites = counts;
  const bump = (key, n = 1) => { counts[key] = (counts[key] ?? 0) + n; };
  const areas = new Set([chrome.storage.session, globalThis.browser?.storage?.session].filter(Boolean));
  for (const area of areas) {
    const set = area.set.bind(area);
    const remove = area.remove.bind(area);
    area.set = (items) => {
      bump('set calls');
      for (const [key, value] of Object.entries(items)) {
        const kind = key.split(':')[0];
        bump(kind + ' items');
        bump(kind + ' bytes', JSON.stringify(value).length);
      }
      return set(items);
    };
    area.remove = (keys) => {
      bump('remove calls');
      bump('removed keys', keys.length);
      return remove(keys);
    };
  }
})()`;

const server = await startServer();
const browser = await launch(process.env.WRITES_OURS ?? DIST);
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.page}/page/page.html?bench=writes`);
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  await worker.evaluate(COUNTING);
  const ext = await openExtensionPage(browser);
  const tabId = await tabIdOf(ext, page);
  const perRound: Record<string, number>[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    await sendMessage(ext, { type: 'cors-lens:clear', tabId });
    await worker.evaluate(
      'for (const k of Object.keys(globalThis.__corsLensWrites)) delete globalThis.__corsLensWrites[k]',
    );
    const urls = Array.from({ length: FETCHES }, (_, i) => `${server.api}/open/writes?r=${round}&i=${i}`);
    await page.evaluate(async (list) => {
      await Promise.all(list.map((u) => fetch(u).then((r) => r.status)));
    }, urls);
    await pollFor(
      () => sendMessage<TabSummary>(ext, { type: 'cors-lens:summary', tabId }),
      (s) => s.allowed + s.blocked + s.opaque + s.evicted >= FETCHES,
      { what: `${FETCHES} records`, timeoutMs: 60_000 },
    );
    await new Promise((done) => setTimeout(done, 1_500)); // the lazy removals, a second later
    const counts = (await worker.evaluate('({ ...globalThis.__corsLensWrites })')) as Record<string, number>;
    if (round > 0) perRound.push(counts); // round 0 warms up
  }
  const keys = [...new Set(perRound.flatMap((c) => Object.keys(c)))].sort();
  console.log(
    `storage.session per ${FETCHES} parallel fetches, ${ROUNDS} rounds (each: ${keys.length} figures)`,
  );
  for (const key of keys) {
    const values = perRound.map((c) => c[key] ?? 0);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    console.log(
      `  ${key.padEnd(14)} ${mean.toFixed(0).padStart(9)} per round  ${(mean / FETCHES).toFixed(2).padStart(7)} per request  [${values.join(', ')}]`,
    );
  }
  console.log('  (removed keys include the records of the previous round, removed by the clear)');
} finally {
  await browser.close();
  await server.close();
}
