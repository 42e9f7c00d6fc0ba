import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluator/evaluate';
import type { ObservedExchange } from '../../src/evaluator/types';
import { REPORT_SCHEMA } from '../../src/shared/report-schema';
import { exchange } from '../unit/ui/fixtures';
import { type Browser, launch, openExtensionPage, tabIdOf } from './support/browser';

/**
 * The panel and popup as users see them, in Debian's Chromium with the built extension: real
 * CORS traffic from a page on one loopback origin to an API on another, then the extension pages
 * opened as tabs with ?tabId=N. Writes docs/screenshots/popup-{light,dark}.png (the panel's
 * screenshots come from panel-page.test.ts, the panel fed recorded records without the extension).
 */
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const MARKUP = '<img src=x onerror=alert(1)>';

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}
const portOf = (s: Server): number => (s.address() as AddressInfo).port;

let browser: Browser;
let pageServer: Server;
let apiServer: Server;
let pageOrigin = '';
let apiOrigin = '';

/** The API: one correct endpoint, three broken ones, one the browser profiles disagree on. */
function api(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', apiOrigin).pathname;
  const allow = { 'Access-Control-Allow-Origin': pageOrigin };
  if (path === '/ok') res.writeHead(200, { ...allow, 'Content-Type': 'application/json' }).end('{}');
  else if (path === '/missing') res.writeHead(500, { 'X-Debug': MARKUP }).end('no cors here');
  else if (path === '/put' && req.method === 'OPTIONS') {
    res.writeHead(204, { ...allow, 'Access-Control-Allow-Methods': 'GET, POST' }).end();
  } else if (path === '/put') res.writeHead(200, allow).end('put');
  else if (path === '/wildcard') res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('w');
  else if (path === '/auth' && req.method === 'OPTIONS') {
    // Chromium, Firefox and WebKit let `*` cover Authorization (with a warning); the spec does not.
    res.writeHead(204, { ...allow, 'Access-Control-Allow-Headers': '*' }).end();
  } else if (path === '/auth') res.writeHead(200, allow).end('a');
  else res.writeHead(404).end();
}

const PAGE = `<!doctype html><title>UI e2e</title><script>
const api = new URL(location.href).searchParams.get('api');
const calls = [
  fetch(api + '/ok'),
  fetch(api + '/missing'),
  fetch(api + '/put', { method: 'PUT', headers: { 'X-Trace-Id': 'abc' } }),
  fetch(api + '/wildcard', { credentials: 'include' }),
  fetch(api + '/auth', { headers: { Authorization: 'Bearer t' } }),
];
Promise.allSettled(calls).then((r) => { document.title = 'done ' + r.map((x) => x.status).join(','); });
</script>`;

beforeAll(async () => {
  apiServer = await listen(api);
  pageServer = await listen((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE));
  pageOrigin = `http://127.0.0.1:${portOf(pageServer)}`;
  apiOrigin = `http://127.0.0.1:${portOf(apiServer)}`;
  browser = await launch(true);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => apiServer?.close(ok));
  await new Promise((ok) => pageServer?.close(ok));
});

/** Counts dialogs (alert from injected markup would open one) and marks them as failures. */
function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

async function checkMarkupIsText(panel: Page, dialogs: string[]): Promise<void> {
  await panel.locator('.grid-row', { hasText: '/missing' }).click();
  await expect.poll(() => panel.locator('table.headers td', { hasText: MARKUP }).count()).toBeGreaterThan(0);
  expect(await panel.locator('img').count()).toBe(0);
  expect(dialogs).toEqual([]);
}

describe('panel and popup on live traffic', () => {
  it('lists the requests, explains them, and the popup counts them', async () => {
    const site = await browser.context.newPage();
    await site.goto(`${pageOrigin}/?api=${encodeURIComponent(apiOrigin)}`);
    await expect.poll(() => site.title()).toMatch(/^done /);
    const ext = await openExtensionPage(browser);
    const tabId = await tabIdOf(ext, site);

    for (const theme of ['light', 'dark'] as const) {
      const panel = await browser.context.newPage();
      await panel.setViewportSize({ width: 1000, height: 600 });
      const dialogs = watchDialogs(panel);
      await panel.goto(
        `chrome-extension://${browser.extensionId}/src/panel/panel.html?tabId=${tabId}&theme=${theme}`,
      );
      await expect.poll(() => panel.locator('.grid-row').count(), { timeout: 15_000 }).toBe(5);
      expect(await panel.locator('.grid-row.blocked').count()).toBe(3);
      // Per-profile verdicts come through the worker: the Authorization row is flagged.
      expect(await panel.locator('.grid-row.differs').count()).toBe(1);
      expect(await panel.locator('.grid-row.differs').textContent()).toContain('/auth');
      await checkMarkupIsText(panel, dialogs);
      await panel.locator('.grid-row', { hasText: '/put' }).click();
      const sentence = (await panel.locator('[data-testid="sentence"]').textContent()) ?? '';
      expect(sentence.toLowerCase()).toContain('put');
      expect(await panel.locator('[data-testid="fix"]').textContent()).toContain(
        'Access-Control-Allow-Methods',
      );
      await panel.close();

      const popup = await browser.context.newPage();
      await popup.setViewportSize({ width: 380, height: 250 });
      await popup.goto(
        `chrome-extension://${browser.extensionId}/src/popup/popup.html?tabId=${tabId}&theme=${theme}`,
      );
      await expect.poll(() => popup.locator('[data-count="blocked"] dd').textContent()).toBe('3');
      expect(await popup.locator('[data-count="allowed"] dd').textContent()).toBe('2');
      // "Would fail in another browser" counts browsers, not the spec profile: only the spec
      // blocks the Authorization call (WebKit lets `*` cover it too, docs/engines.md), so no line.
      expect(await popup.locator('[data-testid="fail-elsewhere"]').count()).toBe(0);
      expect(await popup.locator('.failing').textContent()).toContain(apiOrigin);
      // Each reason with its own count (ties in code order), not the most common one alone.
      expect(await popup.locator(`.failing > li[data-origin="${apiOrigin}"] .badge`).textContent()).toBe('3');
      expect(await popup.locator('.failing .reasons li').allTextContents()).toEqual([
        '1 Method not allowed',
        '1 Missing Allow-Origin',
        '1 Wildcard origin with credentials',
      ]);
      await popup.screenshot({ path: join(SHOTS, `popup-${theme}.png`), fullPage: true });
      if (theme === 'light') {
        const [download] = await Promise.all([
          popup.waitForEvent('download'),
          popup.getByRole('button', { name: 'Export Markdown' }).click(),
        ]);
        const markdown = readFileSync((await download.path()) ?? '', 'utf8');
        expect(markdown).toContain('/missing');
        const [jsonDownload] = await Promise.all([
          popup.waitForEvent('download'),
          popup.getByRole('button', { name: 'Export JSON' }).click(),
        ]);
        const report = JSON.parse(readFileSync((await jsonDownload.path()) ?? '', 'utf8'));
        expect(report.schema).toBe(REPORT_SCHEMA);
        expect(report.records).toHaveLength(5);
        const auth = report.records.find((r: { url: string }) => r.url.endsWith('/auth'));
        expect(auth.profiles.chrome.verdict).toBe('allowed');
        expect(auth.profiles.spec.verdict).toBe('blocked');
        const [harDownload] = await Promise.all([
          popup.waitForEvent('download'),
          popup.getByRole('button', { name: 'Export HAR' }).click(),
        ]);
        const har = JSON.parse(readFileSync((await harDownload.path()) ?? '', 'utf8'));
        expect(har.log.version).toBe('1.2');
        expect(JSON.stringify(har.log.entries)).toContain('/put');
      }
      await popup.close();
    }
    await site.close();
    await ext.close();
  });
});

/** Four exchanges like the live ones above, evaluated here, as a cors-lens/report@1 file. */
function reportOf(exchanges: ObservedExchange[]): string {
  const records = exchanges.map((exchange, n) => {
    const evaluation = evaluate(exchange, { profile: 'chrome' });
    return {
      id: `r${n}`,
      url: exchange.url,
      method: exchange.method,
      verdict: evaluation.verdict,
      corsError: evaluation.corsError,
      failedParameter: evaluation.failedParameter,
      firefoxReason: evaluation.firefoxReason,
      blockedReason: evaluation.blockedReason,
      tabId: 1,
      frameId: 0,
      type: 'xmlhttprequest',
      initiator: exchange.initiatorOrigin,
      startedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, n)).toISOString(),
      durationMs: 12 + n,
      exchange,
      evaluation,
    };
  });
  const report = {
    schema: REPORT_SCHEMA,
    generatedAt: new Date().toISOString(),
    extension: { name: 'CORS Lens', version: '0.1.0' },
    redacted: true,
    records,
  };
  return JSON.stringify(report);
}

const APP = 'https://app.example';
const IMPORTED = [
  exchange({
    url: 'https://api.example/ok',
    response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: APP }] },
  }),
  exchange({
    url: 'https://api.example/missing',
    response: { status: 500, headers: [{ name: 'X-Debug', value: MARKUP }] },
    networkError: 'net::ERR_FAILED',
  }),
  exchange({
    url: 'https://api.example/put',
    method: 'PUT',
    requestHeaders: [
      { name: 'Origin', value: APP },
      { name: 'X-Trace-Id', value: 'abc' },
    ],
    requestHeadersSource: 'inferred',
    preflights: [
      {
        url: 'https://api.example/put',
        requestHeaders: [
          { name: 'Origin', value: APP },
          { name: 'Access-Control-Request-Method', value: 'PUT' },
          { name: 'Access-Control-Request-Headers', value: 'x-trace-id' },
        ],
        response: {
          status: 204,
          headers: [
            { name: 'Access-Control-Allow-Origin', value: APP },
            { name: 'Access-Control-Allow-Methods', value: 'GET, POST' },
          ],
        },
      },
    ],
    networkError: 'net::ERR_FAILED',
  }),
  exchange({
    url: 'https://cdn.example/wildcard',
    credentials: 'include',
    response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
    networkError: 'net::ERR_FAILED',
  }),
];

describe('panel with an imported report (no inspected tab)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`loads a cors-lens/report@1 file through the Import button (${theme})`, async () => {
      const panel = await browser.context.newPage();
      await panel.setViewportSize({ width: 1280, height: 760 });
      const dialogs = watchDialogs(panel);
      await panel.goto(`chrome-extension://${browser.extensionId}/src/panel/panel.html?theme=${theme}`);
      await panel.locator('input[type="file"]').setInputFiles({
        name: 'report.json',
        mimeType: 'application/json',
        buffer: Buffer.from(reportOf(IMPORTED)),
      });
      await expect.poll(() => panel.locator('.grid-row').count()).toBe(4);
      expect(await panel.locator('.grid-row.blocked').count()).toBe(3);
      expect(await panel.locator('.statusbar').textContent()).toContain('imported from report.json');
      await checkMarkupIsText(panel, dialogs);
      expect(await panel.locator('[data-testid="sentence"]').textContent()).toContain('api.example');
      await panel.locator('.grid-row', { hasText: '/put' }).click();
      expect(await panel.locator('[data-testid="fix"]').textContent()).toContain(
        'Access-Control-Allow-Methods',
      );
      expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await panel.close();
    });
  }
});
