import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harFromMessages } from 'chrome-har';
import { chromium } from 'playwright-core';
import type { Scenario } from '../scenarios/types';
import { CHROMIUM_ARGS } from '../support/browser';
import { watchNetwork } from '../support/cdp';
import { runScenarios, type ScenarioRun } from '../support/run-scenarios';
import type { ScenarioServer } from '../support/server';

/**
 * One real Chromium run over the scenarios, written down by two real HAR producers at once:
 * Playwright's own `recordHar` (the context records while the page runs) and `chrome-har`, fed
 * with the raw DevTools protocol events of the same page (as sitespeed.io/browsertime do).
 * Chromium's own decisions come from the same run (CDP `loadingFailed.corsErrorStatus`).
 */
// recordHar needs a context of its own, which a persistent context with an extension does not
// give: a plain launch with support/browser.ts's flags.

export interface ChromiumHars {
  readonly runs: ScenarioRun[];
  readonly playwright: unknown;
  readonly chromeHar: unknown;
}

export async function chromiumHars(server: ScenarioServer, list: readonly Scenario[]): Promise<ChromiumHars> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-har-'));
  const harPath = join(dir, 'playwright.har');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const context = await browser.newContext({ recordHar: { path: harPath, content: 'omit' } });
    const page = await context.newPage();
    // chrome-har reads Page and Network events, as a CDP client records them in order.
    const events: { method: string; params: unknown }[] = [];
    const raw = await context.newCDPSession(page);
    for (const method of [
      'Page.frameStartedLoading',
      'Page.frameRequestedNavigation',
      'Page.navigatedWithinDocument',
      'Page.domContentEventFired',
      'Page.loadEventFired',
      'Page.frameAttached',
      'Page.frameNavigated',
      'Network.requestWillBeSent',
      'Network.requestWillBeSentExtraInfo',
      'Network.requestServedFromCache',
      'Network.dataReceived',
      'Network.responseReceived',
      'Network.responseReceivedExtraInfo',
      'Network.resourceChangedPriority',
      'Network.loadingFinished',
      'Network.loadingFailed',
    ]) {
      raw.on(method as 'Network.requestWillBeSent', (params: unknown) => events.push({ method, params }));
    }
    await raw.send('Page.enable');
    await raw.send('Network.enable');
    const watch = await watchNetwork(page);
    await page.goto(`${server.page}/page/page.html?run=har`);
    const runs = await runScenarios({ page, watch }, server, list);
    await watch.detach();
    await raw.detach();
    await context.close(); // writes the HAR
    const playwright = JSON.parse(readFileSync(harPath, 'utf8')) as unknown;
    const chromeHar = harFromMessages(events, { includeResourcesFromDiskCache: true }) as unknown;
    return { runs, playwright, chromeHar };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
