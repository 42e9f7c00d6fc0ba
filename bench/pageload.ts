/**
 * `npm run bench:pageload`: what CORS Lens costs an ordinary page load, recorded or not. The page
 * (issue #19's): HTML, 35 same-origin scripts, styles and images, 12 assets from a CDN origin, 40
 * API calls started while it loads, every response 5-20 ms late; every response `no-store`, so
 * each load fetches all of it. Time: from navigation start to the load event and the last API
 * answer, read in the page. Builds, each in its own Chromium, in alternating rounds (the order
 * rotates):
 *   none         no extension
 *   permission   an extension with the webRequest permission and no listener
 *   floor        a no-op extension with our webRequest listeners on every tab (the cost of
 *                the events' delivery alone: what CORS Lens cost every page before the scope)
 *   ours         dist/, the not-recorded page only, no tab recorded at all
 *   ours+tab     dist/, both pages, each in its own tab: while the not-recorded page loads, the
 *                recorded tab is recorded (listeners exist for it)
 *   ours+worker  dist/, the not-recorded page, while a third tab on a recorded page has a
 *                service worker: requests without a tab are listened to, which takes one
 *                unfiltered listener set (src/background/reducers/scope.ts, `untabbed`)
 * on two pages, each kind in its own tab (a tab that moved between them would carry the
 * listeners of its last page into the first requests of the next): `not recorded`
 * (http://www.shop.co.uk:P, a public name on loopback by the host resolver rules) and
 * `recorded` (http://127.0.0.1:P, a development host). Ratios are taken round
 * by round against none on the same page and against the floor on the same page; median and
 * quartiles over the rounds. A benchmark: it prints figures, it asserts nothing.
 *
 * PAGELOAD_RUNS=n   timed rounds (default 7), after one warm-up round
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { type Browser, DIST, launch } from '../test/e2e/support/browser';
import { buildNoopExtension } from './support/noop';

const RUNS = Number(process.env.PAGELOAD_RUNS ?? 7);
const SAME_ORIGIN = { styles: 10, scripts: 10, images: 15 };
const CDN = { styles: 4, scripts: 4, images: 4 };
const API_CALLS = 40;

/** 5-20 ms, fixed per path: every build waits the same. */
function delayOf(path: string): number {
  let hash = 0;
  for (const char of path) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 5 + (hash % 16);
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function pageHtml(port: number): string {
  const cdn = `http://cdn.static.co.uk:${port}`;
  const api = `http://api.shop.co.uk:${port}`;
  const list = (n: number, make: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => make(i)).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>pageload</title>
${list(SAME_ORIGIN.styles, (i) => `<link rel="stylesheet" href="/a/s${i}.css">`)}
${list(CDN.styles, (i) => `<link rel="stylesheet" href="${cdn}/c/s${i}.css">`)}
${list(SAME_ORIGIN.scripts, (i) => `<script src="/a/j${i}.js"></script>`)}
${list(CDN.scripts, (i) => `<script src="${cdn}/c/j${i}.js"></script>`)}
</head><body>
${list(SAME_ORIGIN.images, (i) => `<img src="/a/i${i}.png" alt="">`)}
${list(CDN.images, (i) => `<img src="${cdn}/c/i${i}.png" alt="">`)}
<script>
const calls = Array.from({ length: ${API_CALLS} }, (_, i) =>
  fetch('${api}/api/items/' + i + location.search.replace('?', '&')).then((r) => r.text()));
const loaded = new Promise((ok) => (document.readyState === 'complete' ? ok() : addEventListener('load', ok)));
window.__done = Promise.all([Promise.all(calls), loaded]).then(() => performance.now());
</script></body></html>`;
}

function answer(port: number, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' };
  setTimeout(() => {
    if (path === '/app') res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(pageHtml(port));
    else if (path === '/idle') res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end('idle');
    else if (path === '/with-worker')
      res
        .writeHead(200, { ...headers, 'Content-Type': 'text/html' })
        .end(
          `<script>window.__ready = navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => true);</script>`,
        );
    else if (path === '/sw.js')
      res
        .writeHead(200, { ...headers, 'Content-Type': 'text/javascript' })
        .end("self.addEventListener('fetch', () => {});");
    else if (path.endsWith('.css')) res.writeHead(200, { ...headers, 'Content-Type': 'text/css' }).end('p{}');
    else if (path.endsWith('.js'))
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end('void 0;');
    else if (path.endsWith('.png')) res.writeHead(200, { ...headers, 'Content-Type': 'image/png' }).end(PNG);
    else res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end('{"ok":true}');
  }, delayOf(path));
}

/** One load of the page in a tab; milliseconds from navigation start to done. */
async function timeLoad(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => (window as unknown as { __done: Promise<number> }).__done);
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
};
const ratioText = (ratios: readonly number[]): string =>
  `${quantile(ratios, 0.5).toFixed(2)} (${quantile(ratios, 0.25).toFixed(2)}-${quantile(ratios, 0.75).toFixed(2)})`;

interface Build {
  readonly name: string;
  readonly browser: Browser;
  /** A tab per page kind the build loads. */
  readonly tabs: Partial<Record<Kind, Page>>;
  /** Milliseconds per page kind, one per round. */
  readonly times: Record<Kind, number[]>;
}

type Kind = 'not recorded' | 'recorded';

const server = createServer((req, res) => answer(port, req, res));
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const port = (server.address() as { port: number }).port;
const pages = {
  'not recorded': `http://www.shop.co.uk:${port}/app`,
  recorded: `http://127.0.0.1:${port}/app`,
} as const;
const kinds: readonly Kind[] = ['not recorded', 'recorded'];
const builds: Build[] = [];
try {
  const specs: { name: string; extension: string | false; kinds: readonly Kind[]; worker?: true }[] = [
    { name: 'none', extension: false, kinds },
    { name: 'permission', extension: buildNoopExtension([]), kinds },
    { name: 'floor', extension: buildNoopExtension(), kinds },
    { name: 'ours', extension: DIST, kinds: ['not recorded'] },
    { name: 'ours+tab', extension: DIST, kinds },
    { name: 'ours+worker', extension: DIST, kinds: ['not recorded'], worker: true },
  ];
  for (const spec of specs) {
    const browser = await launch(spec.extension);
    const tabs: Partial<Record<Kind, Page>> = {};
    for (const kind of spec.kinds) tabs[kind] = await browser.context.newPage();
    if (spec.worker) {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/with-worker`);
      await page.evaluate(() => (window as unknown as { __ready: Promise<boolean> }).__ready);
    }
    builds.push({ name: spec.name, browser, tabs, times: { 'not recorded': [], recorded: [] } });
  }
  const loads = (build: Build, run: number) =>
    (run % 2 ? [...kinds].reverse() : kinds).flatMap((kind) => {
      const tab = build.tabs[kind];
      return tab ? [{ kind, tab }] : [];
    });
  for (const build of builds)
    for (const { kind, tab } of loads(build, 0)) await timeLoad(tab, `${pages[kind]}?warm`);
  for (let run = 0; run < RUNS; run++) {
    const shift = run % builds.length;
    const order = [...builds.slice(shift), ...builds.slice(0, shift)];
    for (const build of order)
      for (const { kind, tab } of loads(build, run))
        build.times[kind].push(await timeLoad(tab, `${pages[kind]}?r=${run}`));
  }
  const find = (name: string) => builds.find((b) => b.name === name);
  const none = find('none');
  const floor = find('floor');
  if (!none || !floor) throw new Error('baselines missing');
  const ratios = (build: Build, base: Build, kind: Kind) =>
    build.times[kind].map((t, i) => t / (base.times[kind][i] ?? Number.NaN));
  console.log(
    `page load: ${SAME_ORIGIN.styles + SAME_ORIGIN.scripts + SAME_ORIGIN.images} same-origin assets, ` +
      `${CDN.styles + CDN.scripts + CDN.images} CDN assets, ${API_CALLS} API calls, 5-20 ms per response; ` +
      `${RUNS} alternating rounds (median, quartiles)\n`,
  );
  console.log('| build | page | ms (median) | vs none | vs floor |');
  console.log('|---|---|---|---|---|');
  for (const build of builds)
    for (const kind of kinds.filter((k) => build.tabs[k] !== undefined)) {
      const ms = quantile(build.times[kind], 0.5).toFixed(0);
      const vsNone = build === none ? '1' : ratioText(ratios(build, none, kind));
      const vsFloor = build === floor ? '1' : ratioText(ratios(build, floor, kind));
      console.log(`| ${build.name} | ${kind} | ${ms} | ${vsNone} | ${vsFloor} |`);
    }
} finally {
  for (const build of builds) await build.browser.close().catch(() => undefined);
  server.close();
}
