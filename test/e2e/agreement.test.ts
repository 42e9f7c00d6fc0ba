import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/shared/report-schema';
import { contextScenarios, scenarios as pageScenarios } from './scenarios';
import type { Scenario } from './scenarios/types';
import {
  type Browser,
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  stopWorker,
  tabIdOf,
} from './support/browser';
import type { BrowserDecision } from './support/cdp';
import { byUrl, waitForRecords } from './support/report';
import { openScenarioPage, runScenarios, type ScenarioRun } from './support/run-scenarios';
import { type ScenarioServer, startServer } from './support/server';

/**
 * The proof: every scenario runs in a real Chromium with the extension, and for each one the
 * extension's record must say what Chromium itself decided (CDP), code and parameter included.
 */

/** Scenarios that legitimately cannot match, each with the reason. Asserted: never a silent skip. */
const expectedMismatches: readonly { id: string; reason: string }[] = [];

const scenarios = [...pageScenarios, ...contextScenarios];

let server: ScenarioServer;
let browser: Browser;
let runs: ScenarioRun[];
/** The tab each run's page was in (scenarios with their own page origin get a tab per origin). */
const tabOf = new Map<ScenarioRun, number>();
let extensionPage: Awaited<ReturnType<typeof openExtensionPage>>;
let workerStops = 0;

beforeAll(async () => {
  server = await startServer(scenarios);
  browser = await launch(true, server.browserArgs);
  extensionPage = await openExtensionPage(browser);
  // Some scenario pages are on public names (www.alpha.co.uk): record every site.
  await sendMessage(extensionPage, { type: 'cors-lens:settings', set: { recordScope: 'all-sites' } });
  runs = [];
  const origins = [...new Set(scenarios.map((s) => s.page ?? '{page}'))];
  for (const origin of origins) {
    const grants = new Set(
      scenarios.flatMap((s) => ((s.page ?? '{page}') === origin && s.grant ? [s.grant] : [])),
    );
    for (const name of grants) await grant(browser, name, server.fill(origin));
    const target = await openScenarioPage(browser, server, 'agreement', server.fill(origin));
    const group = await runScenarios(
      target,
      server,
      scenarios.filter((s) => (s.page ?? '{page}') === origin),
    );
    const tabId = await tabIdOf(extensionPage, target.page);
    for (const run of group) tabOf.set(run, tabId);
    runs.push(...group);
    // Stop the extension's worker between groups, once this group's records are in: every
    // later group is recorded by a fresh worker, and these records must survive the stop.
    await recordsFor(group, (r) => r.browser.length);
    workerStops += (await stopWorker(target.page)) ? 1 : 0;
  }
  // Report order: the scenario list's.
  runs.sort((a, b) => scenarios.indexOf(a.scenario) - scenarios.indexOf(b.scenario));
});

/**
 * The user's answer to a permission prompt, given ahead (headless Chromium denies otherwise).
 * The tab holding the session stays open until the browser closes.
 */
async function grant(target: Browser, name: string, origin: string): Promise<void> {
  const page = await target.context.newPage();
  const session = await target.context.newCDPSession(page);
  await session.send('Browser.setPermission', { permission: { name }, setting: 'granted', origin });
  // Chromium drops a session's permission overrides when the session goes: keep it (and its tab).
}

/** Every tab's records for the runs given, by URL (each run's URL is unique to its scenario). */
async function recordsFor(
  list: readonly ScenarioRun[],
  count: (run: ScenarioRun) => number,
): Promise<Map<string, ReportRecord[]>> {
  const merged = new Map<string, ReportRecord[]>();
  for (const tabId of new Set(list.map((run) => tabOf.get(run) ?? -1))) {
    const mine = list.filter((run) => tabOf.get(run) === tabId);
    const wanted = new Map(mine.map((run) => [run.url, count(run)]));
    for (const [url, records] of byUrl(await waitForRecords(extensionPage, tabId, wanted))) {
      if (wanted.has(url)) merged.set(url, records);
    }
  }
  return merged;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const norm = (value: string | null | undefined): string | null => (value ? value : null); // CDP says '' for none

function expectedDecision(s: Scenario): BrowserDecision {
  const e = s.expected;
  return {
    verdict: e.verdict,
    corsError: e.corsError ?? null,
    failedParameter: norm(e.failedParameter === undefined ? null : server.fill(e.failedParameter)),
    blockedReason: e.blockedReason ?? null,
  };
}

const show = (d: {
  verdict: string;
  corsError: string | null;
  failedParameter: string | null;
  blockedReason: string | null;
}) => [d.verdict, d.corsError ?? d.blockedReason ?? '-', norm(d.failedParameter) ?? ''].join(' ').trim();

describe('agreement with Chromium', () => {
  it('has at least 60 scenarios across every family, with unique ids', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    expect(new Set(scenarios.map((s) => s.family))).toEqual(
      new Set([
        'cors-check',
        'preflight',
        'safelist',
        'redirect',
        'no-cors',
        'preflight-cache',
        'local-network',
        'beacon',
        'canvas',
      ]),
    );
  });

  it('docs/scenarios.md lists every scenario', () => {
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    expect(scenarios.filter((s) => !doc.includes(`\`${s.id}\``)).map((s) => s.id)).toEqual([]);
  });

  it('Chromium decides what each scenario documents (CDP and the server log)', () => {
    const wrong: string[] = [];
    for (const run of runs) {
      const expected = expectedDecision(run.scenario);
      for (const got of run.browser) {
        const g = { ...got, failedParameter: norm(got.failedParameter) };
        if (JSON.stringify(g) !== JSON.stringify(expected)) {
          wrong.push(`${run.scenario.id}: chromium ${show(g)}, documented ${show(expected)}`);
        }
      }
      const saw = run.scenario.serverSaw;
      if (saw) {
        const requests = server.requestsFor(run.scenario.id);
        const options = requests.filter((r) => r.method === 'OPTIONS').length;
        const actual = requests.length - options;
        if ((saw.options ?? options) !== options || (saw.actual ?? actual) !== actual) {
          wrong.push(`${run.scenario.id}: server saw ${options} OPTIONS, ${actual} other`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the extension's records agree with Chromium on verdict, corsError and failedParameter", async () => {
    const records = await recordsFor(runs, (r) => r.browser.length);
    const rows: string[] = [];
    const mismatched: string[] = [];
    let verdicts = 0;
    let reasons = 0;
    let compared = 0;
    for (const run of runs) {
      const ours = records.get(run.url) ?? [];
      run.browser.forEach((chromium, i) => {
        const mine: ReportRecord | undefined = ours[i];
        compared++;
        const verdictOk = mine?.verdict === chromium.verdict;
        const reasonOk =
          mine !== undefined &&
          mine.corsError === chromium.corsError &&
          norm(mine.failedParameter) === norm(chromium.failedParameter) &&
          mine.blockedReason === chromium.blockedReason;
        if (verdictOk) verdicts++;
        if (reasonOk) reasons++;
        if (!verdictOk || !reasonOk) mismatched.push(run.scenario.id);
        const oursText = mine ? show(mine) : '(no record)';
        rows.push(
          `${verdictOk && reasonOk ? 'ok ' : 'XX '} ${run.scenario.id.padEnd(22)} chromium: ${show(chromium).padEnd(58)} ours: ${oursText}`,
        );
      });
    }
    console.log(rows.join('\n'));
    for (const family of new Set(runs.map((run) => run.scenario.family))) {
      const mine = runs.filter((run) => run.scenario.family === family);
      const bad = mine.filter((run) => mismatched.includes(run.scenario.id)).length;
      console.log(`  ${family}: verdict and reason ${mine.length - bad}/${mine.length}`);
    }
    console.log(
      `verdicts ${verdicts}/${compared}, reasons ${reasons}/${compared} (worker stopped ${workerStops} times midway)`,
    );
    expect(workerStops).toBeGreaterThan(1);
    expect([...new Set(mismatched)].sort()).toEqual(expectedMismatches.map((m) => m.id).sort());
  });

  it('canvas reads: the extension names the load that tainted the canvas, exactly when Chromium refused the read', async () => {
    const canvas = runs.filter((run) => run.scenario.family === 'canvas');
    expect(canvas.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const run of canvas) {
      const refused = !run.page.ok && (run.page.error ?? '').startsWith('SecurityError');
      if (refused !== run.scenario.tainted)
        wrong.push(`${run.scenario.id}: chromium refused=${refused} (${run.page.error ?? 'ok'})`);
    }
    expect(wrong, 'Chromium decides what each canvas scenario documents').toEqual([]);
    // The taint report comes from the page hook after the read: wait until every tainted load has it.
    const tainted = (records: Map<string, ReportRecord[]>, run: ScenarioRun) =>
      (records.get(run.url) ?? []).some((r) =>
        r.evaluation.warnings.some((w) => w.code === 'canvas-tainted'),
      );
    let records = new Map<string, ReportRecord[]>();
    await pollFor(
      async () => (records = await recordsFor(canvas, () => 1)),
      (found) => canvas.every((run) => tainted(found, run) === run.scenario.tainted),
      { timeoutMs: 10_000, what: 'canvas taint reports' },
    ).catch(() => undefined);
    const agree = canvas.filter((run) => tainted(records, run) === run.scenario.tainted);
    console.log(`  canvas taint named: ${agree.length}/${canvas.length}`);
    expect(canvas.filter((run) => !agree.includes(run)).map((run) => run.scenario.id)).toEqual([]);
  });

  it('warns where Chromium departs from the spec', async () => {
    const flagged = runs.filter((r) => r.scenario.ourWarning);
    expect(flagged.length).toBeGreaterThan(0);
    const records = await recordsFor(flagged, () => 1);
    for (const run of flagged) {
      const codes = (records.get(run.url) ?? []).flatMap((r) => r.evaluation.warnings.map((w) => w.code));
      expect(codes, run.scenario.id).toContain(run.scenario.ourWarning);
    }
  });
});
