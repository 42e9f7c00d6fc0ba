import type { Page } from 'playwright-core';
import { isNoCors } from '../scenarios';
import type { PageAction, PageResult, Scenario } from '../scenarios/types';
import type { Browser } from './browser';
import { pollFor } from './browser';
import { type BrowserDecision, decide, type NetworkWatch, refusalFromLogs, watchNetwork } from './cdp';
import type { ScenarioServer } from './server';

/** What one scenario produced in the browser: the page's view and Chromium's decisions. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  /** The first URL the page asked for, placeholders filled. */
  readonly url: string;
  readonly page: PageResult;
  /** One per network request to `url` (several when the action repeats); refusals give one. */
  readonly browser: readonly BrowserDecision[];
}

export interface ScenarioPage {
  readonly page: Page;
  readonly watch: NetworkWatch;
}

/** A tab on the scenario page, served from `origin` (a filled placeholder; default the page's). */
export async function openScenarioPage(
  browser: Browser,
  server: ScenarioServer,
  tag: string,
  origin = server.page,
): Promise<ScenarioPage> {
  const page = await browser.context.newPage();
  const watch = await watchNetwork(page);
  await page.goto(`${origin}/page/page.html?run=${encodeURIComponent(tag)}`);
  return { page, watch };
}

function fillAction(action: PageAction, server: ScenarioServer): PageAction {
  return { ...action, url: server.fill(action.url) };
}

function repeatOf(action: PageAction): number {
  return action.kind === 'fetch' ? (action.repeat ?? 1) : 1;
}

async function runOne(
  target: ScenarioPage,
  server: ScenarioServer,
  scenario: Scenario,
): Promise<ScenarioRun> {
  const action = fillAction(scenario.action, server);
  const page = (await target.page.evaluate((a) => {
    const run = (window as unknown as { __run: (x: unknown) => Promise<unknown> }).__run;
    return run(a);
  }, action)) as PageResult;
  const url = action.url;
  const expectedRequests = repeatOf(action);
  // Wait for Chromium to finish every request to this URL (events may trail the page's promise).
  const settled = await pollFor(
    async () => target.watch.forUrl(url),
    (list) => list.length >= expectedRequests && list.every((r) => r.state !== 'pending'),
    { timeoutMs: 4_000, what: `CDP events for ${scenario.id}` },
  ).catch(() => target.watch.forUrl(url));
  const noCors = isNoCors(scenario);
  let decisions: BrowserDecision[] = settled.map((r) => decide(r, noCors, page.ok));
  if (decisions.length === 0) {
    // Never reached the network: the renderer refused it; Chromium says why in the console.
    const code = await pollFor(
      async () => refusalFromLogs(target.watch.logs, url),
      (c) => c !== null || page.ok,
      { timeoutMs: 2_000, what: `console reason for ${scenario.id}` },
    ).catch(() => null);
    decisions = [
      {
        verdict: page.ok ? (noCors ? 'opaque' : 'allowed') : 'blocked',
        corsError: code,
        failedParameter: null,
        blockedReason: null,
      },
    ];
  }
  return { scenario, url, page, browser: decisions };
}

/** Run scenarios in concurrent batches (each has unique URLs, so they do not interfere). */
export async function runScenarios(
  target: ScenarioPage,
  server: ScenarioServer,
  list: readonly Scenario[],
  batchSize = 12,
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = [];
  for (let i = 0; i < list.length; i += batchSize) {
    const batch = list.slice(i, i + batchSize);
    runs.push(...(await Promise.all(batch.map((s) => runOne(target, server, s)))));
  }
  return runs;
}
