/**
 * `npm run bench:overhead`: what the extension costs a page, against the floor. The same page
 * makes 600 cross-origin fetches (all started at once), timed in the page, in three Chromiums:
 * no extension; the floor (a no-op extension with exactly our webRequest listeners and
 * extraInfoSpec, built here into a temp folder); ours (dist/). Runs alternate so all see the same
 * machine load; medians are printed. Then one more round each on the floor and ours under the CDP
 * profiler gives each worker's own CPU time per request (ours above the floor is our code and
 * its I/O), and storage.session gives the bytes per record.
 * A benchmark: it prints figures, it asserts nothing.
 *
 * OVERHEAD_RUNS=n       timed rounds per build (default 11: this machine drifts by ±5 % within a run)
 * OVERHEAD_LISTENERS=1  also time a no-op build per single listener (what each one costs)
 * OVERHEAD_FUNCTIONS=n  print the n functions with the most worker self time (default 15);
 *                       OVERHEAD_OURS=<dir> profiles another build (e.g. an unminified one)
 * OVERHEAD_ALSO=<dir>,… also time these builds in the same rounds (a change against main,
 *                       measured side by side rather than in two runs a machine drift apart)
 */
import type { Page } from 'playwright-core';
import { type ListenerSpec, WEB_REQUEST_LISTENERS } from '../src/platform/listeners';
import type { TabSummary } from '../src/shared/record';
import {
  type Browser,
  DIST,
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  tabIdOf,
} from '../test/e2e/support/browser';
import { fetchReport } from '../test/e2e/support/report';
import { startServer } from '../test/e2e/support/server';
import { buildNoopExtension } from './support/noop';
import { profileWorker, summarizeProfile } from './support/worker-cpu';

const FETCHES = 600;
const RUNS = Number(process.env.OVERHEAD_RUNS ?? 11);
const WARMUP = 2;
const PER_LISTENER = process.env.OVERHEAD_LISTENERS === '1';
const TOP_FUNCTIONS = Number(process.env.OVERHEAD_FUNCTIONS ?? 15);
const OURS = process.env.OVERHEAD_OURS ?? DIST;
const ALSO = (process.env.OVERHEAD_ALSO ?? '').split(',').filter((dir) => dir !== '');
/** Per-listener builds: ours, and the ones we dropped (so their cost stays on record). */
const DROPPED: readonly ListenerSpec[] = [{ name: 'beforeSendHeaders', event: 'onBeforeSendHeaders' }];
const PER_LISTENER_SET: readonly ListenerSpec[] = [
  ...WEB_REQUEST_LISTENERS,
  ...DROPPED.filter((dropped) => !WEB_REQUEST_LISTENERS.some((l) => l.name === dropped.name)),
];

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

interface Side {
  readonly name: string;
  readonly browser: Browser;
  readonly page: Page;
  readonly times: number[];
}

const sides: Side[] = [];
const server = await startServer();
try {
  const builds: { name: string; extension: string | false }[] = [
    { name: 'none', extension: false },
    { name: 'floor', extension: buildNoopExtension() },
    { name: 'ours', extension: OURS },
    ...ALSO.map((dir) => ({ name: `also ${dir}`, extension: dir })),
  ];
  if (PER_LISTENER) {
    for (const listener of PER_LISTENER_SET) {
      builds.push({ name: `only ${listener.name}`, extension: buildNoopExtension([listener]) });
    }
  }
  for (const build of builds) {
    const browser = await launch(build.extension);
    const page = await browser.context.newPage();
    await page.goto(`${server.page}/page/page.html?bench=overhead-${sides.length}`);
    sides.push({ name: build.name, browser, page, times: [] });
  }
  let batch = 0;
  const urlsFor = () => {
    batch += 1;
    return Array.from({ length: FETCHES }, (_, i) => `${server.api}/open/overhead?b=${batch}&i=${i}`);
  };
  // Warm-up rounds (connections, JIT, browser start-up work settling), then alternate, rotating
  // the order so no build always runs first or right after another one.
  for (let warm = 0; warm < WARMUP; warm++) for (const side of sides) await timeFetches(side.page, urlsFor());
  const ours = sides[2];
  const oursId = ours?.browser.extensionId;
  if (!ours || !oursId) throw new Error('ours missing');
  const firstRound = await (async () => {
    const ext = await openExtensionPage(ours.browser);
    const figures = await storageFigures(ext, ours.page);
    await ext.close();
    return figures;
  })();
  for (let run = 0; run < RUNS; run++) {
    const shift = run % sides.length;
    const order = [...sides.slice(shift), ...sides.slice(0, shift)];
    for (const side of order) side.times.push(await timeFetches(side.page, urlsFor()));
  }
  const byName = (name: string) => {
    const side = sides.find((s) => s.name === name);
    if (!side) throw new Error(`no ${name}`);
    return median(side.times);
  };
  const none = byName('none');
  const floor = byName('floor');
  const oursMs = byName('ours');
  const fmt = (ts: number[]) => ts.map((t) => t.toFixed(0)).join(', ');
  console.log(`${FETCHES} parallel cross-origin fetches per round, ${RUNS} rounds per build, alternating`);
  for (const side of sides) {
    console.log(
      `${side.name.padEnd(26)} median ${median(side.times).toFixed(1).padStart(7)} ms  [${fmt(side.times)}]`,
    );
  }
  console.log(`ratio vs none:  ${(oursMs / none).toFixed(3)}  (ours / no extension)`);
  console.log(
    `ratio vs floor: ${(oursMs / floor).toFixed(3)}  (ours / no-op with our listeners; target ≤ 1.10)`,
  );
  console.log(`floor vs none:  ${(floor / none).toFixed(3)}  (what the listeners cost by themselves)`);
  // The same ratio round by round (ours and the floor ran next to each other in each round), so
  // a slow stretch of the machine weighs on both sides of it.
  const floorTimes = sides[1]?.times ?? [];
  const pairedMedian = (times: readonly number[]) => {
    const paired = times.map((t, i) => t / (floorTimes[i] ?? Number.NaN));
    const sorted = [...paired].sort((a, b) => a - b);
    const quartile = (q: number) => (sorted[Math.round(q * (sorted.length - 1))] ?? Number.NaN).toFixed(3);
    return `median ${median(paired).toFixed(3)}, quartiles ${quartile(0.25)}-${quartile(0.75)}  [${paired.map((r) => r.toFixed(2)).join(', ')}]`;
  };
  console.log(`ratio vs floor, round by round: ${pairedMedian(sides[2]?.times ?? [])}`);
  for (const side of sides.filter((s) => s.name.startsWith('also '))) {
    console.log(
      `${side.name}: ratio vs floor ${(median(side.times) / floor).toFixed(3)}, round by round ${pairedMedian(side.times)}`,
    );
  }
  if (PER_LISTENER) {
    for (const listener of PER_LISTENER_SET) {
      const only = byName(`only ${listener.name}`);
      const extra = listener.headers ? ` [${listener.headers}, extraHeaders]` : '';
      console.log(
        `listener ${`${listener.name}${extra}`.padEnd(46)} ${(only - none).toFixed(1).padStart(6)} ms per round over none (${(only / none).toFixed(3)})`,
      );
    }
  }

  // The worker's CPU, in a round of its own (the profiler slows the worker down a little), on a
  // cleared tab. The worker's last events and writes come after the page has its responses:
  // profile until its summary counts every record of the round (a cheap message on 600 records).
  // The floor's worker is profiled the same way (its no-op listeners have no backlog: a second
  // after the responses it is idle): what ours costs above it is our own code and its I/O.
  const floorSide = sides[1];
  const floorId = floorSide?.browser.extensionId;
  if (!floorSide || !floorId) throw new Error('floor missing');
  const floorProfiler = await profileWorker(floorSide.page, floorId);
  await floorProfiler.start();
  await timeFetches(floorSide.page, urlsFor());
  await new Promise((done) => setTimeout(done, 1_000));
  const floorProfile = summarizeProfile(await floorProfiler.stop());
  await floorProfiler.detach();

  const ext = await openExtensionPage(ours.browser);
  const tabId = await tabIdOf(ext, ours.page);
  await sendMessage(ext, { type: 'cors-lens:clear', tabId });
  const profiler = await profileWorker(ours.page, oursId);
  await profiler.start();
  await timeFetches(ours.page, urlsFor());
  await pollFor(
    () => sendMessage<TabSummary>(ext, { type: 'cors-lens:summary', tabId }),
    (s) => s.allowed + s.blocked + s.opaque + s.evicted >= FETCHES,
    { what: `${FETCHES} records of the profiled round`, timeoutMs: 60_000 },
  );
  const profile = summarizeProfile(await profiler.stop());
  await profiler.detach();
  const usPerRequest = (ms: number) => ((ms * 1000) / FETCHES).toFixed(1);
  console.log(
    `worker CPU (ours, CDP profile of one round): ${profile.busyMs.toFixed(1)} ms busy of ${profile.totalMs.toFixed(0)} ms profiled = ${usPerRequest(profile.busyMs)} µs per request`,
  );
  console.log(
    `worker CPU (floor, the same): ${floorProfile.busyMs.toFixed(1)} ms busy = ${usPerRequest(floorProfile.busyMs)} µs per request; ours above the floor: ${usPerRequest(profile.busyMs - floorProfile.busyMs)} µs per request`,
  );
  const table = (
    title: string,
    rows: readonly { name: string; selfMs: number }[],
    busyMs = profile.busyMs,
  ) => {
    console.log(title);
    for (const fn of rows.slice(0, TOP_FUNCTIONS)) {
      const share = ((fn.selfMs / busyMs) * 100).toFixed(1);
      console.log(`  ${share.padStart(5)} %  ${usPerRequest(fn.selfMs).padStart(7)} µs/req  ${fn.name}`);
    }
  };
  table('  self time by function (% of worker busy time, µs per request):', profile.functions);
  table('  the same, natives and bindings charged to our nearest calling function:', profile.ownCallers);
  // What the browser's own delivery costs (names of natives vary between runs: compare µs).
  table('  the floor, self time by function:', floorProfile.functions.slice(0, 8), floorProfile.busyMs);
  console.log(`storage after the warm-up rounds (${WARMUP * FETCHES} fetches): ${perRecord(firstRound)}`);
  console.log(`storage at the end: ${perRecord(await storageFigures(ext, ours.page))}`);
  await ext.close();
} finally {
  for (const side of sides) await side.browser.close();
  await server.close();
}
