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
 * records (test/ui-page/). Covers the per-browser column and the what-if editor, and writes the
 * README's panel screenshots (docs/screenshots/{panel,whatif}-{light,dark}.png).
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
  await panel.setViewportSize({ width: 1440, height: 860 });
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
    expect(await panel.locator('[data-testid="profiles-differ"]').textContent()).toMatch(
      /^Works in Chrome, Firefox and Safari, fails in the Fetch spec\./,
    );
    expect(dialogs).toEqual([]);
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
      await row(panel, '/session').click();
      await panel.screenshot({ path: join(SHOTS, `panel-${theme}.png`) });
      await row(panel, '/v1/orders/42').click();
      await panel.getByRole('button', { name: /What if/ }).click();
      await panel.getByRole('button', { name: 'Apply the fix' }).click();
      await expect.poll(() => verdicts(panel)).toEqual(BROWSER_PROFILES.map(() => 'allowed'));
      await panel.locator('.details').evaluate((el) => {
        el.scrollTop = 0;
      });
      await panel.screenshot({ path: join(SHOTS, `whatif-${theme}.png`) });
      expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await panel.close();
    });
  }
});
