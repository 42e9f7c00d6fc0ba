import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { PROTOCOL_VERSION } from '../src/shared/protocol';
import { MISTAKES } from './mistakes';
import { startDemoServer } from './server';

/**
 * `npm run demo [-- --headless] [-- --no-build]`: builds dist/, starts the demo API, and opens
 * Debian's Chromium with the extension on the demo page. With a display it stays open until the
 * browser is closed. Headless (or with no DISPLAY) it runs the page once, asks the extension for
 * the tab's summary and Markdown report, prints both, writes artifacts/demo-report.md and the
 * tab's HAR (artifacts/demo.har, for `cors-lens explain`) and exits.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const argv = process.argv.slice(2);
const headless = argv.includes('--headless') || !process.env.DISPLAY;

const FLAGS = [
  `--disable-extensions-except=${dist}`,
  `--load-extension=${dist}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function extensionId(context: BrowserContext): Promise<string> {
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // A freshly installed worker registers its webRequest listeners when it first runs: a page
  // loaded before that is not observed. Wait for them, then for a storage round trip issued
  // after them, which the browser answers once it has the registrations.
  await worker.evaluate(async () => {
    for (let i = 0; i < 250 && !chrome.webRequest.onCompleted.hasListeners(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await chrome.storage.session.get(null);
  });
  return new URL(worker.url()).host;
}

type Summary = { allowed: number; blocked: number; opaque: number; error?: string };

async function askExtension(extensionPage: Page, message: Record<string, unknown>): Promise<unknown> {
  const versioned = { v: PROTOCOL_VERSION, ...message };
  return extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), versioned);
}

/** Poll the worker until it has judged every call of the page (signals, not sleeps). */
async function summaryWhenComplete(extensionPage: Page, tabId: number, expected: number): Promise<Summary> {
  const deadline = Date.now() + 20_000;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await askExtension(extensionPage, { type: 'cors-lens:summary', tabId }).catch((e: Error) => ({
      error: e.message,
    }));
    const summary = last as Partial<Summary> | undefined;
    const seen = (summary?.allowed ?? 0) + (summary?.blocked ?? 0) + (summary?.opaque ?? 0);
    if (seen >= expected) return summary as Summary;
    await new Promise((r) => setTimeout(r, 100)); // poll interval
  }
  throw new Error(`the extension did not record the ${expected} calls; last answer: ${JSON.stringify(last)}`);
}

async function runHeadless(context: BrowserContext, page: Page): Promise<void> {
  await page.waitForFunction(() => (window as { demoDone?: boolean }).demoDone === true, null, {
    timeout: 30_000,
  });
  const results = (await page.evaluate(() => (window as { demoResults?: unknown }).demoResults)) as {
    id: string;
    ok: boolean;
    text: string;
  }[];
  console.log('What the page got:');
  for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.id.padEnd(24)} ${r.text}`);

  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${await extensionId(context)}/src/popup/popup.html`);
  const pageUrl = page.url();
  const tabId = await extensionPage.evaluate(
    async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null,
    pageUrl,
  );
  if (tabId === null) throw new Error(`no tab for ${pageUrl}`);
  const summary = await summaryWhenComplete(extensionPage, tabId, MISTAKES.length);
  console.log('\nCORS Lens summary for the tab:');
  console.log(JSON.stringify(summary, null, 2));
  const report = (await askExtension(extensionPage, {
    type: 'cors-lens:report',
    format: 'markdown',
    tabId,
  })) as {
    text?: unknown;
    error?: unknown;
  };
  if (typeof report?.text !== 'string') throw new Error(`no Markdown report: ${JSON.stringify(report)}`);
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  writeFileSync(join(root, 'artifacts/demo-report.md'), report.text);
  console.log(`\nMarkdown report (${report.text.length} chars) written to artifacts/demo-report.md`);
  // The same tab as a HAR (our verdicts in _corsLens), to try the CLI on: cors-lens explain.
  const har = (await askExtension(extensionPage, { type: 'cors-lens:report', format: 'har', tabId })) as {
    har?: unknown;
  };
  if (typeof har?.har !== 'object' || har.har === null) throw new Error(`no HAR: ${JSON.stringify(har)}`);
  writeFileSync(join(root, 'artifacts/demo.har'), `${JSON.stringify(har.har, null, 2)}\n`);
  console.log('HAR written to artifacts/demo.har: try npx cors-lens explain artifacts/demo.har');
}

async function main(): Promise<void> {
  if (!argv.includes('--no-build'))
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  const server = await startDemoServer();
  console.log(`demo page ${server.page}/  API ${server.api}  second origin ${server.other}`);
  const profile = mkdtempSync(join(tmpdir(), 'cors-lens-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless,
    args: FLAGS,
  });
  try {
    await extensionId(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.page}/`);
    if (headless) await runHeadless(context, page);
    else {
      console.log('Open DevTools (F12) → the CORS panel, or the toolbar popup. Close the browser to stop.');
      await new Promise<void>((done) => context.on('close', () => done()));
    }
  } finally {
    await context.close().catch(() => undefined);
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
