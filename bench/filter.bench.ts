/**
 * Keystroke → committed DOM while filtering 10,000 rows: the real store, filter and Preact table
 * in happy-dom. Types a query character by character (then deletes it) and measures each input
 * event until Preact has committed the new rows. Then the same in Debian's Chromium on the built
 * panel page (dist/, `npm run build` first), rows loaded through its Import button, time taken
 * inside the page from the input event to the DOM mutation. Prints median and p95; asserts nothing.
 */
import { Window } from 'happy-dom';

const window = new Window({ width: 1200, height: 800 });
const g = globalThis as Record<string, unknown>;
for (const name of [
  'window',
  'document',
  'navigator',
  'Event',
  'KeyboardEvent',
  'HTMLElement',
  'Node',
  'localStorage',
]) {
  g[name] ??= (window as unknown as Record<string, unknown>)[name];
}
g.window = window;
g.document = window.document;

const { h, render } = await import('preact');
const { act } = await import('preact/test-utils');
const { App } = await import('../src/panel/App');
const { createStore } = await import('../src/panel/store');
const { manyRecords } = await import('../test/unit/ui/fixtures');

const ROWS = 10_000;
const store = createStore(null, 1);
const root = window.document.createElement('div');
window.document.body.append(root);
act(() => {
  store.setRecords(manyRecords(ROWS, 50));
  render(h(App, { store }), root as unknown as Element);
});
const input = root.querySelector('input[type="search"]') as unknown as HTMLInputElement;

function keystroke(value: string): number {
  const start = performance.now();
  act(() => {
    input.value = value;
    input.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
  });
  return performance.now() - start;
}

const query = 'h17.example/r/';
const samples: number[] = [];
for (let round = 0; round < 5; round++) {
  for (let i = 1; i <= query.length; i++) samples.push(keystroke(query.slice(0, i)));
  for (let i = query.length - 1; i >= 0; i--) samples.push(keystroke(query.slice(0, i)));
}
// Check the work really happened: the final narrowing left the expected rows.
keystroke(query);
const shown = root.querySelectorAll('.grid-row').length;
const visible = store.visibleRows().length;
keystroke('');

samples.sort((a, b) => a - b);
const pick = (q: number): number =>
  samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
console.log(
  `filter ${ROWS} rows (happy-dom, Preact, real store): ${samples.length} keystrokes, ` +
    `median ${pick(0.5).toFixed(2)} ms, p95 ${pick(0.95).toFixed(2)} ms, max ${pick(1).toFixed(2)} ms; ` +
    `"${query}" leaves ${visible} rows, ${shown} in the DOM`,
);
render(null, root as unknown as Element);
await window.happyDOM.close();

// ---------------------------------------------------------------------------------------------
// Real Chromium, built panel page.
const { existsSync, mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join, resolve } = await import('node:path');
const dist = resolve(import.meta.dirname, '../dist');
if (!existsSync(join(dist, 'manifest.json')) || !existsSync('/usr/bin/chromium')) {
  console.log('filter in Chromium: not measured (needs `npm run build` and /usr/bin/chromium)');
} else {
  const { chromium } = await import('playwright-core');
  const { REPORT_SCHEMA } = await import('../src/shared/report-schema');
  const profile = mkdtempSync(join(tmpdir(), 'cors-lens-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-gpu',
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const records = manyRecords(ROWS, 50).map((r) => ({
      id: r.id,
      url: r.exchange.url,
      method: r.exchange.method,
      verdict: r.evaluation.verdict,
      corsError: r.evaluation.corsError,
      failedParameter: r.evaluation.failedParameter,
      firefoxReason: r.evaluation.firefoxReason,
      blockedReason: r.evaluation.blockedReason,
      tabId: 1,
      frameId: 0,
      type: r.type,
      initiator: r.exchange.initiatorOrigin,
      startedAt: new Date(r.startedAt).toISOString(),
      durationMs: 10,
      exchange: r.exchange,
      evaluation: r.evaluation,
    }));
    const report = JSON.stringify({
      schema: REPORT_SCHEMA,
      generatedAt: new Date().toISOString(),
      extension: { name: 'CORS Lens', version: 'bench' },
      redacted: true,
      records,
    });
    const page = await context.newPage();
    page.on('crash', () => console.log('panel page crashed'));
    page.on('console', (m) => process.env.BENCH_DEBUG && console.log('page:', m.text()));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`chrome-extension://${id}/src/panel/panel.html?theme=light`);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'bench.json',
      mimeType: 'application/json',
      buffer: Buffer.from(report),
    });
    await page.waitForFunction(
      (n) => document.querySelector('.statusbar')?.textContent?.includes(`of ${n}`),
      ROWS,
    );
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    const times = (await page.evaluate(`(async (q) => {
      const input = document.querySelector('input[type="search"]');
      // Preact commits in a microtask after the event; the next task runs after that commit.
      const one = (value) => new Promise((done) => {
        const start = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => done(performance.now() - start), 0);
      });
      const out = [];
      for (let round = 0; round < 5; round++) {
        for (let i = 1; i <= q.length; i++) out.push(await one(q.slice(0, i)));
        for (let i = q.length - 1; i >= 0; i--) out.push(await one(q.slice(0, i)));
      }
      return out;
    })(${JSON.stringify(query)})`)) as number[];
    times.sort((a, b) => a - b);
    const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
    console.log(
      `filter ${ROWS} rows (Chromium, built panel): ${times.length} keystrokes, ` +
        `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(2)} ms ` +
        `(report ${(report.length / 1e6).toFixed(1)} MB imported)`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
