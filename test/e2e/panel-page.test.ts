import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_PROFILES } from '../../src/evaluator/types';
import { APP, MARKUP } from '../ui-page/fixture';
import { type Browser, launch } from './support/browser';
import { type PanelPage, servePanelPage } from './support/panel-page';

/**
 * The panel's components in real Chromium without the extension: a plain page fed recorded
 * records (test/ui-page/), at a real DevTools size (1000×600). Covers the details' order, the
 * one-line browsers verdict, the copy buttons, the table's path column, the per-browser column
 * and the what-if editor, and writes the README's panel screenshots
 * (docs/screenshots/{panel,whatif}-{light,dark}.png).
 */
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

let browser: Browser;
let page: PanelPage;

beforeAll(async () => {
  page = await servePanelPage();
  browser = await launch(false);
});

afterAll(async () => {
  await browser?.close();
  await page?.close();
});

async function open(theme: 'light' | 'dark' = 'light'): Promise<{ panel: Page; dialogs: string[] }> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 1000, height: 600 });
  const dialogs: string[] = [];
  panel.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await panel.goto(`${page.url}?theme=${theme}`);
  await expect.poll(() => panel.locator('.grid-row').count()).toBe(6);
  return { panel, dialogs };
}

const row = (panel: Page, text: string) => panel.locator('.grid-row', { hasText: text });
const verdictOf = (panel: Page, profile: string) =>
  panel.locator(`[data-testid="profiles"] tr[data-profile="${profile}"]`).getAttribute('data-verdict');
const verdicts = (panel: Page) =>
  panel
    .locator('[data-testid="profiles"] tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')));

describe('per-browser column (panel page, no extension)', () => {
  it('flags the row the profiles disagree on, filters on it, and lists each profile in the details', async () => {
    const { panel, dialogs } = await open();
    expect(await panel.locator('.grid-row.differs').count()).toBe(1);
    const flagged = row(panel, '/session');
    expect(await flagged.getAttribute('class')).toContain('differs');
    expect(await flagged.locator('.browsers-differ').textContent()).toContain('✕ Spec');
    expect(await row(panel, '/v1/profile').textContent()).toContain('same');

    await panel.getByLabel('Browsers differ').check();
    await expect.poll(() => panel.locator('.grid-row').count()).toBe(1);
    await panel.getByLabel('Browsers differ').uncheck();
    await expect.poll(() => panel.locator('.grid-row').count()).toBe(6);

    await flagged.click();
    const profiles = panel.locator('[data-testid="profiles"] tr');
    expect(await profiles.count()).toBe(BROWSER_PROFILES.length);
    expect(await verdictOf(panel, 'chrome')).toBe('allowed');
    expect(await verdictOf(panel, 'spec')).toBe('blocked');
    // The browsers agree: one line, the table folded under it.
    const line = panel.locator('[data-testid="profiles-line"]');
    expect(await line.textContent()).toBe(
      'Same in Chrome, Firefox and Safari; the Fetch standard would block it: Header not allowed: authorization.',
    );
    expect(await line.isVisible()).toBe(true);
    expect(await panel.locator('[data-testid="profiles"] table').isVisible()).toBe(false);
    await line.click();
    expect(await panel.locator('[data-testid="profiles"] table').isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    await panel.close();
  });
});

/** Top of each element on the page, to compare the order the user reads them in. */
const topOf = async (panel: Page, selector: string): Promise<number> =>
  (await panel.locator(selector).first().boundingBox())?.y ?? Number.NaN;

describe('the first minute at 1000×600 (panel page, no extension)', () => {
  it('the details read top-down: answer, fix, evidence with each response labelled, browsers, trace', async () => {
    const { panel } = await open();
    await row(panel, '/v1/orders/42').click();
    const order = [
      '[data-testid="sentence"]',
      '[data-testid="fix"]',
      '[data-testid="evidence"]',
      '[data-testid="profiles"]',
      'ol.trace',
    ];
    const tops: number[] = [];
    for (const selector of order) tops.push(await topOf(panel, selector));
    expect(tops.every(Number.isFinite)).toBe(true);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    // The answer and the start of the fix are on the first screen, without scrolling.
    expect(tops[0]).toBeLessThan(600);
    expect(tops[1]).toBeLessThan(600);
    const evidence = panel.locator('[data-testid="evidence"]');
    expect(await evidence.locator('[data-response="preflight"]').textContent()).toMatch(
      /^Preflight \(OPTIONS\): status 204$/,
    );
    expect(await evidence.locator('[data-response="actual"]').textContent()).toContain(
      'the browser did not send the request after the preflight failed',
    );
    expect(await panel.locator('[data-testid="why-preflight"]').textContent()).toContain(
      'The method PUT is not GET, HEAD or POST.',
    );
    expect(await panel.locator('.details').textContent()).not.toMatch(/replayed|engine/);
    await panel.close();
  });

  it('the copy buttons put the snippet and the curl command on the clipboard', async () => {
    const { panel } = await open();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url).origin,
    });
    await row(panel, '/v1/orders/42').click();
    const copies = panel.locator('[data-testid="fix"] button', { hasText: /^Copy/ });
    expect(await copies.count()).toBeGreaterThan(0);
    // The button's own text changes to "Copied": hold the element, not a text locator.
    const first = await copies.first().elementHandle();
    await first?.click();
    await expect.poll(() => first?.textContent(), { timeout: 5000 }).toBe('Copied');
    const snippet = (await panel.locator('[data-testid="fix"] pre').first().textContent()) ?? '';
    expect(snippet.length).toBeGreaterThan(0);
    expect(await panel.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    const curl = await panel.getByRole('button', { name: 'Copy curl' }).elementHandle();
    await curl?.click();
    await expect.poll(() => curl?.textContent(), { timeout: 5000 }).toBe('Copied');
    expect(await panel.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^curl -i -X 'PUT' 'https:\/\/api\.example\/v1\/orders\/42'/,
    );
    await panel.close();
  });

  it('the table keeps path and query whole with the details open, host dimmed, times rounded', async () => {
    const { panel } = await open();
    await row(panel, '/v1/profile').click();
    const cell = row(panel, '/v1/orders?page=2').locator('.url');
    const path = cell.locator('.path');
    expect(await path.textContent()).toBe('/v1/orders?page=2');
    // Not cut: the whole path fits its box, the host gives way first.
    expect(await path.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await cell.locator('.host').textContent()).toBe('api.example');
    const [hostColor, pathColor] = await Promise.all([
      cell.locator('.host').evaluate((el) => getComputedStyle(el).opacity + getComputedStyle(el).color),
      path.evaluate((el) => getComputedStyle(el).opacity + getComputedStyle(el).color),
    ]);
    expect(hostColor).not.toBe(pathColor);
    // The table fits beside the details: no horizontal scrolling.
    expect(await panel.locator('.grid').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const text of await panel.locator('.grid-row > div:last-child').allTextContents()) {
      expect(text).toMatch(/^\d+ ms$|^\d+\.\d s$/);
    }
    // The font row's only note (credentials inferred) calls for no action: no mark.
    expect(await row(panel, 'inter.woff2').locator('[data-testid="warning-mark"]').count()).toBe(0);
    expect(await row(panel, '/session').locator('[data-testid="warning-mark"]').count()).toBe(1);
    await panel.close();
  });
});

describe('what-if editor (panel page, no extension)', () => {
  it('editing ACAO flips the verdict; Escape resets; keyboard opens the editor', async () => {
    const { panel, dialogs } = await open();
    await row(panel, '/v1/orders?page=2').click();
    expect(await panel.locator('.sentence').getAttribute('class')).toContain('blocked');
    const toggle = panel.getByRole('button', { name: /What if/ });
    await toggle.focus();
    await panel.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    const response = panel.getByLabel('Response headers').last();
    expect(await response.inputValue()).toContain(MARKUP);
    await response.focus();
    await panel.keyboard.press('End');
    await panel.keyboard.press('Control+End');
    await panel.keyboard.type(`\nAccess-Control-Allow-Origin: ${APP}`);
    await expect.poll(() => panel.locator('.sentence').getAttribute('class')).toContain('allowed');
    expect(await verdicts(panel)).toEqual(BROWSER_PROFILES.map(() => 'allowed'));
    expect(await panel.locator('[data-testid="hypothetical"]').count()).toBe(1);
    expect(await panel.locator('ol.trace li.fail').count()).toBe(0);

    // A wrong origin: blocked again, with the reason.
    await response.fill(`Access-Control-Allow-Origin: https://evil.example`);
    await expect.poll(() => panel.locator('.sentence').getAttribute('class')).toContain('blocked');
    expect(await verdictOf(panel, 'chrome')).toBe('blocked');

    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.locator('[data-testid="hypothetical"]').count()).toBe(0);
    expect(await response.inputValue()).toContain('X-Debug');
    expect(await panel.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await panel.close();
  });

  it('Apply the fix: every profile allowed, including the one only the spec blocked; exports hypothetical', async () => {
    const { panel } = await open();
    await row(panel, '/session').click();
    await panel.getByRole('button', { name: /What if/ }).click();
    await panel.getByRole('button', { name: 'Apply the fix' }).click();
    await expect.poll(() => verdicts(panel)).toEqual(BROWSER_PROFILES.map(() => 'allowed'));
    expect(await panel.getByLabel('Response headers').first().inputValue()).toContain(
      'Access-Control-Allow-Headers: authorization',
    );

    await row(panel, '/v1/orders/42').click();
    expect(await panel.locator('[data-testid="hypothetical"]').count()).toBe(0);
    await panel.getByRole('button', { name: 'Apply the fix' }).click();
    await expect.poll(() => verdicts(panel)).toEqual(BROWSER_PROFILES.map(() => 'allowed'));
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export what-if JSON' }).click(),
    ]);
    const report = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
    expect(report.records).toHaveLength(1);
    expect(report.records[0].hypothetical).toBe(true);
    expect(report.records[0].verdict).toBe('allowed');
    const [md] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export what-if Markdown' }).click(),
    ]);
    expect(readFileSync((await md.path()) ?? '', 'utf8')).toContain('## Hypothetical exchanges');
    await panel.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`screenshots (${theme})`, async () => {
      const { panel } = await open(theme);
      await row(panel, '/v1/orders/42').click();
      await panel.screenshot({ path: join(SHOTS, `panel-${theme}.png`) });
      await row(panel, '/v1/orders/42').click();
      await panel.getByRole('button', { name: /What if/ }).click();
      await panel.getByRole('button', { name: 'Apply the fix' }).click();
      await expect.poll(() => verdicts(panel)).toEqual(BROWSER_PROFILES.map(() => 'allowed'));
      // The verdicts of every browser, then the editor with the fix applied.
      await panel.locator('[data-testid="profiles"]').evaluate((el) => el.scrollIntoView());
      await panel.screenshot({ path: join(SHOTS, `whatif-${theme}.png`) });
      expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await panel.close();
    });
  }
});
