import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { isNoCors } from '../scenarios';
import type { PageAction, PageResult, Scenario } from '../scenarios/types';
import { pollFor } from '../support/browser';
import type { ScenarioServer } from '../support/server';
import { type FirefoxBlock, parseCorsConsoleError } from '../support-firefox/firefox-reasons';
import type { Truth } from './compare';

/**
 * Firefox ESR's own automatic HAR export (platform notes: `--devtools` with
 * devtools.netmonitor.har.enableAutoExportToFile), written when the top document finishes
 * loading: the page holds its load open on an image the server answers only once every
 * scenario has run. Firefox's decisions: what the page got, and the reason it logs.
 */
export interface FirefoxHar {
  readonly har: unknown;
  readonly truths: Truth[];
}

export async function firefoxHar(server: ScenarioServer, list: readonly Scenario[]): Promise<FirefoxHar> {
  const logDir = mkdtempSync(join(tmpdir(), 'cors-lens-ff-har-'));
  const gate = `firefox-har-${Date.now()}`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    args: ['--devtools'],
    extraPrefsFirefox: {
      'devtools.netmonitor.har.enableAutoExportToFile': true,
      'devtools.netmonitor.har.defaultLogDir': logDir,
      'devtools.netmonitor.har.defaultFileName': 'export',
      'devtools.toolbox.selectedTool': 'netmonitor',
    },
  });
  try {
    // --devtools opens a toolbox for the first window only: use its tab.
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const blocks: FirefoxBlock[] = [];
    const corp: string[] = [];
    page.on('pageerror', (error) => {
      const block = parseCorsConsoleError(String(error));
      if (block) blocks.push(block);
    });
    // Firefox names a Cross-Origin-Resource-Policy block in a console warning of its own.
    page.on('console', (message) => {
      const text = message.text();
      if (/Cross-Origin-Resource-Policy/i.test(text)) corp.push(text);
    });
    await page.goto(`${server.page}/page/har.html?gate=${gate}`, { waitUntil: 'domcontentloaded' });
    const results: PageResult[] = [];
    for (let i = 0; i < list.length; i += 12) {
      const batch = list
        .slice(i, i + 12)
        .map((s) => ({ ...s.action, url: server.fill(s.action.url) }) as PageAction);
      results.push(
        ...((await page.evaluate(
          (actions) =>
            Promise.all(
              actions.map((a) => (window as unknown as { __run: (x: unknown) => Promise<unknown> }).__run(a)),
            ),
          batch,
        )) as PageResult[]),
      );
    }
    // Console lines may trail the page's promise; then let the document finish loading.
    await pollFor(
      async () => blocks.length,
      (n) => n >= results.filter((r) => !r.ok).length - 4,
      { timeoutMs: 3_000, what: 'Firefox console reasons' },
    ).catch(() => blocks.length);
    server.release(gate);
    const file = await pollFor(
      async () => readdirSync(logDir).find((name) => name.endsWith('.har')) ?? '',
      (name) => name !== '',
      { timeoutMs: 20_000, what: "Firefox's automatic HAR export" },
    );
    // The export is written in one go; wait for it to parse.
    const har = await pollFor(
      async () => JSON.parse(readFileSync(join(logDir, file), 'utf8')) as unknown,
      () => true,
      { timeoutMs: 5_000, what: 'a complete HAR file' },
    );
    const truths = list.map((s, n) => {
      const result = results[n] as PageResult;
      const block = blocks.find((b) => b.url.includes(`/s/${s.id}/`));
      const corpBlock = corp.some((text) => text.includes(`/s/${s.id}/`));
      // A load that failed with no CORS or CORP message from Firefox, where Chromium allows it,
      // failed after CORS let it through: our fake font and audio bodies do not decode.
      const decodeFailure = !result.ok && !block && !corpBlock && s.expected.verdict !== 'blocked';
      const verdict = result.ok || decodeFailure ? (isNoCors(s) ? 'opaque' : 'allowed') : 'blocked';
      const reason = block?.reason ?? (corpBlock ? 'corp' : null);
      return { id: s.id, url: server.fill(s.action.url), verdict, reason };
    });
    return { har, truths };
  } finally {
    await browser.close();
    if (existsSync(logDir)) rmSync(logDir, { recursive: true, force: true });
  }
}
