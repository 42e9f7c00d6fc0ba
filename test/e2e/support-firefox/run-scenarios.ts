import type { Page } from 'puppeteer-core';
import type { Verdict } from '../../../src/evaluator/types';
import { isNoCors } from '../scenarios';
import type { PageAction, PageResult, Scenario } from '../scenarios/types';
import { pollFor } from '../support/browser';
import type { ScenarioServer } from '../support/server';
import type { FirefoxWithExtension } from './extension';
import { type FirefoxBlock, parseCorsConsoleError } from './firefox-reasons';

/** What Firefox decided for one scenario: the page's view, and the reason Firefox logged. */
export interface FirefoxRun {
  readonly scenario: Scenario;
  /** The first URL the page asked for, placeholders filled. */
  readonly url: string;
  readonly page: PageResult;
  readonly verdict: Verdict;
  /** Firefox's console reason key, `corp` for its Cross-Origin-Resource-Policy warning, or null. */
  readonly reason: string | null;
  /** The console text the reason came from (for the table). */
  readonly text: string;
}

/** Console errors of every page, kept in arrival order (BiDi log entries, puppeteer's `pageerror`). */
export interface FirefoxConsole {
  readonly blocks: FirefoxBlock[];
  /** "The resource at … was blocked due to its Cross-Origin-Resource-Policy header". */
  readonly corp: string[];
  /** "downloadable font: rejected by sanitizer … source: URL": the font got past CORS. */
  readonly fontRejected: string[];
}

export function watchConsole(page: Page, into: FirefoxConsole): void {
  page.on('pageerror', (error) => {
    const text = String(error);
    const block = parseCorsConsoleError(text);
    if (block) into.blocks.push(block);
    else if (/Cross-Origin-Resource-Policy/.test(text)) into.corp.push(text);
    else if (/downloadable font: rejected by sanitizer/.test(text)) into.fontRejected.push(text);
  });
}

/** A tab on the scenario page served from `origin`, its console watched. */
export async function openFirefoxScenarioPage(
  firefox: FirefoxWithExtension,
  origin: string,
  into: FirefoxConsole,
): Promise<Page> {
  const page = await firefox.browser.newPage();
  watchConsole(page, into);
  await page.goto(`${origin}/page/page.html?run=firefox`);
  return page;
}

/** Runs scenarios in concurrent batches (each owns its URLs, so they do not interfere). */
export async function runInFirefox(
  page: Page,
  server: ScenarioServer,
  list: readonly Scenario[],
  batchSize = 12,
): Promise<{ scenario: Scenario; url: string; page: PageResult }[]> {
  const out: { scenario: Scenario; url: string; page: PageResult }[] = [];
  for (let i = 0; i < list.length; i += batchSize) {
    const batch = list.slice(i, i + batchSize);
    const actions = batch.map((s) => ({ ...s.action, url: server.fill(s.action.url) }) as PageAction);
    const results = (await page.evaluate(
      (all) =>
        Promise.all(
          all.map((a) => (window as unknown as { __run: (x: unknown) => Promise<unknown> }).__run(a)),
        ),
      actions,
    )) as PageResult[];
    batch.forEach((scenario, n) => {
      out.push({
        scenario,
        url: actions[n]?.url ?? '',
        page: results[n] ?? { ok: false, error: 'no result' },
      });
    });
  }
  return out;
}

/** Console lines may trail the page's promises: wait (bounded) until every failure has one. */
export async function waitForReasons(
  runs: readonly { scenario: Scenario; page: PageResult }[],
  seen: FirefoxConsole,
): Promise<void> {
  const explained = () =>
    runs.every(
      (r) =>
        r.page.ok ||
        seen.blocks.some((b) => b.url.includes(`/s/${r.scenario.id}/`)) ||
        seen.corp.some((t) => t.includes(`/s/${r.scenario.id}/`)),
    );
  await pollFor(
    async () => explained(),
    (done) => done,
    {
      timeoutMs: 3_000,
      what: 'Firefox console reasons',
    },
  ).catch(() => undefined);
}

/**
 * Firefox's verdict: a failed load is blocked; a load that succeeded is opaque for no-cors kinds.
 * A beacon's page learns nothing: its truth is the server's log (a cors beacon whose actual POST
 * never arrived was blocked) and Firefox's console.
 */
export function firefoxVerdictOf(
  scenario: Scenario,
  page: PageResult,
  server: ScenarioServer,
  seen: FirefoxConsole,
): Verdict {
  if (scenario.action.kind === 'beacon') {
    const posted = server.requestsFor(scenario.id).some((r) => r.method !== 'OPTIONS');
    if (!posted) return 'blocked';
    return isNoCors(scenario) ? 'opaque' : 'allowed';
  }
  // A canvas read refused for taint is a load that succeeded (opaque): the read failed. The
  // scenario font body is no font: Firefox's sanitizer rejecting it says CORS let it through.
  const mark = `/s/${scenario.id}/`;
  const loaded =
    page.ok ||
    (scenario.action.kind === 'canvas' && /^SecurityError/.test(page.error ?? '')) ||
    (scenario.action.kind === 'font' && seen.fontRejected.some((t) => t.includes(mark)));
  if (!loaded) return 'blocked';
  return isNoCors(scenario) ? 'opaque' : 'allowed';
}

export function firefoxReasonOf(
  scenario: Scenario,
  seen: FirefoxConsole,
): { reason: string | null; text: string } {
  const mark = `/s/${scenario.id}/`;
  const block = seen.blocks.find((b) => b.url.includes(mark) || b.text.includes(mark));
  if (block) return { reason: block.reason, text: block.text };
  const corp = seen.corp.find((t) => t.includes(mark));
  if (corp) return { reason: 'corp', text: corp };
  return { reason: null, text: '' };
}
