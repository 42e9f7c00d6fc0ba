import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import type { ReportRecord } from '../../src/shared/report-schema';
import { contextScenarios, scenarios as pageScenarios } from './scenarios';
import { localNetworkScenarios } from './scenarios/local-network';
import type { Scenario } from './scenarios/types';
import { pollFor } from './support/browser';
import { type ScenarioServer, startServer } from './support/server';
import {
  allRecords,
  askExtension,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
} from './support-firefox/extension';
import { firefoxOnlyScenarios } from './support-firefox/extra-scenarios';
import {
  type FirefoxConsole,
  type FirefoxRun,
  firefoxReasonOf,
  firefoxVerdictOf,
  openFirefoxScenarioPage,
  runInFirefox,
  waitForReasons,
} from './support-firefox/run-scenarios';

/**
 * The Chromium agreement suite's scenarios, in Firefox ESR with the extension installed. Ground
 * truth is Firefox: what the page got, and the reason Firefox logged to its console
 * ("Cross-Origin Request Blocked … (Reason: …)", a BiDi log entry; its own warning for a
 * Cross-Origin-Resource-Policy block). The extension's records (judged in Firefox with the firefox
 * profile, from Firefox's own webRequest and the page hook) must give the same verdict and the
 * same reason key. Domain names resolve to 127.0.0.1 (`network.dns.forceResolve`), as Chromium's
 * --host-resolver-rules map them.
 */

/** Families the Firefox run leaves out, each with the cause. Asserted: never a silent skip. */
const excludedFamilies: Readonly<Record<string, string>> = {
  'local-network':
    "Chromium's Local Network Access (--ip-address-space-overrides makes loopback public, CDP grants the permission): Firefox has neither switch",
};

/** Single scenarios left out, each with the cause. */
const excludedScenarios: Readonly<Record<string, string>> = {
  'cv-webgl':
    "headless Firefox ESR here gives no WebGL context (getContext('webgl') is null, webgl.force-enabled too)",
  'cv-cors-webgl-ok':
    "headless Firefox ESR here gives no WebGL context (getContext('webgl') is null, webgl.force-enabled too)",
};

/**
 * Refusals Firefox logs no CORS reason for (the page gets a TypeError, the console says nothing):
 * blocked with no reason key is the truth, and what the record must say.
 */
const silentRefusals: Readonly<Record<string, string>> = {
  'nc-mode-same-origin': "fetch mode 'same-origin' to another origin: refused before any request",
  'nc-redirect-manual': "fetch mode 'no-cors' with redirect 'manual': refused before any request",
};

/**
 * Where Firefox's webRequest leaves the case ambiguous, each with the cause: the record must
 * say so (no reason claimed) rather than guess. The test fails when one of these agrees.
 */
const expectedMismatches: Readonly<Record<string, string>> = {
  'cc-two-lines':
    "two Access-Control-Allow-Origin lines: Firefox's webRequest shows them merged into one 'a, b' line, which Firefox itself calls 'does not match' when it is really one line (warning firefox-lines-merged, no reason claimed)",
  'cc-comma':
    "one 'a, b' Access-Control-Allow-Origin line: Firefox's webRequest shows it as it shows two merged lines, which Firefox calls 'multiple' (warning firefox-lines-merged, no reason claimed)",
};

const all = [...pageScenarios, ...contextScenarios];
const suite = new Set(all.map((s) => s.id));
const runnable = [
  ...all.filter((s) => !(s.family in excludedFamilies) && !(s.id in excludedScenarios)),
  ...firefoxOnlyScenarios,
];
const order = [...all, ...firefoxOnlyScenarios];

let server: ScenarioServer;
let firefox: FirefoxWithExtension;
const seen: FirefoxConsole = { blocks: [], corp: [], fontRejected: [] };
let runs: FirefoxRun[] = [];
let anyPage: Page;

beforeAll(async () => {
  server = await startServer(runnable);
  firefox = await launchFirefoxWithExtension({
    // Every name (www.alpha.co.uk, intranet, …) on the scenario server's loopback address.
    prefs: { 'network.dns.forceResolve': '127.0.0.1' },
    acceptInsecureCerts: true,
  });
  const origins = [...new Set(runnable.map((s) => s.page ?? '{page}'))];
  const raw: { scenario: Scenario; url: string; page: import('./scenarios/types').PageResult }[] = [];
  for (const origin of origins) {
    const page = await openFirefoxScenarioPage(firefox, server.fill(origin), seen);
    if (!anyPage) {
      anyPage = page;
      // Some scenario pages are on public names (www.alpha.co.uk): record every site.
      await askExtension(page, {
        type: 'cors-lens:settings',
        v: PROTOCOL_VERSION,
        set: { recordScope: 'all-sites' },
      });
    }
    raw.push(
      ...(await runInFirefox(
        page,
        server,
        runnable.filter((s) => (s.page ?? '{page}') === origin),
      )),
    );
  }
  await waitForReasons(raw, seen);
  runs = raw.map((r) => {
    const { reason, text } = firefoxReasonOf(r.scenario, seen);
    return { ...r, verdict: firefoxVerdictOf(r.scenario, r.page, server, seen), reason, text };
  });
  runs.sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario));
}, 180_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Polls until every run's URL has a settled record and two reads agree; the last read at the deadline. */
async function settledRecords(): Promise<Map<string, ReportRecord[]>> {
  let previous = '';
  let last = new Map<string, ReportRecord[]>();
  const read = async () => {
    const map = new Map<string, ReportRecord[]>();
    for (const r of await allRecords(anyPage)) map.set(r.url, [...(map.get(r.url) ?? []), r]);
    return map;
  };
  await pollFor(
    read,
    (found) => {
      last = found;
      const complete = runs.every((run) => found.get(run.url)?.every((r) => r.durationMs !== null));
      const signature = [...found.values()]
        .flat()
        .map((r) => `${r.id}:${r.verdict}:${r.firefoxReason}`)
        .join('|');
      const stable = complete && signature === previous;
      previous = signature;
      return stable;
    },
    { timeoutMs: 20_000, what: 'a settled record for every scenario' },
  ).catch(() => undefined);
  return last;
}

const ourReason = (r: ReportRecord | undefined): string | null =>
  r === undefined ? null : (r.firefoxReason ?? (r.blockedReason !== null ? 'corp' : null));

describe('Firefox ESR with the extension on the Chromium suite scenarios', () => {
  it('runs every scenario but the excluded families, each with a page result', () => {
    const families = all.filter((s) => s.family in excludedFamilies);
    expect(families.length).toBe(localNetworkScenarios.length);
    const single = all.filter((s) => s.id in excludedScenarios);
    expect(single.length).toBe(Object.keys(excludedScenarios).length);
    expect(runnable.length + families.length + single.length).toBe(all.length + firefoxOnlyScenarios.length);
    expect(runs.map((r) => r.scenario.id)).toEqual(runnable.map((s) => s.id));
  });

  it('ground truth: Firefox logs a known CORS reason (or its CORP warning) for every CORS/CORP load the page saw fail', () => {
    const unexplained = runs.filter(
      (r) =>
        r.verdict === 'blocked' &&
        (r.reason === null || r.reason === 'unknown') &&
        !(r.scenario.id in silentRefusals),
    );
    expect(unexplained.map((r) => `${r.scenario.id}: ${JSON.stringify(r.page)} ${r.text}`)).toEqual([]);
    const silent = runs.filter((r) => r.scenario.id in silentRefusals);
    expect(silent.map((r) => `${r.scenario.id}: ${r.verdict} ${r.reason}`)).toEqual(
      Object.keys(silentRefusals).map((id) => `${id}: blocked null`),
    );
  });

  it("the extension's records give Firefox's verdict and reason on every scenario", async () => {
    const records = await settledRecords();
    const rows: string[] = [];
    const mismatched = new Set<string>();
    const tally = new Map<string, { n: number; verdicts: number; reasons: number }>();
    for (const run of runs) {
      const mine = records.get(run.url) ?? [];
      // A repeated call (the preflight-cache scenarios) has a record per request: each must agree.
      const verdictOk = mine.length > 0 && mine.every((r) => r.verdict === run.verdict);
      const reasonOk = mine.length > 0 && mine.every((r) => ourReason(r) === run.reason);
      if (!verdictOk || !reasonOk) mismatched.add(run.scenario.id);
      const family = tally.get(run.scenario.family) ?? { n: 0, verdicts: 0, reasons: 0 };
      tally.set(run.scenario.family, {
        n: family.n + 1,
        verdicts: family.verdicts + (verdictOk ? 1 : 0),
        reasons: family.reasons + (reasonOk ? 1 : 0),
      });
      const firefoxText = `${run.verdict} ${run.reason ?? ''}`;
      const oursText =
        mine.length === 0 ? '(no record)' : mine.map((r) => `${r.verdict} ${ourReason(r) ?? ''}`).join(' | ');
      const mark = verdictOk && reasonOk ? 'ok ' : run.scenario.id in expectedMismatches ? '~~ ' : 'XX ';
      rows.push(`${mark} ${run.scenario.id.padEnd(24)} firefox: ${firefoxText.padEnd(48)} ours: ${oursText}`);
    }
    console.log(rows.join('\n'));
    let verdicts = 0;
    let reasons = 0;
    for (const [family, t] of tally) {
      verdicts += t.verdicts;
      reasons += t.reasons;
      console.log(`  ${family}: verdicts ${t.verdicts}/${t.n}, reasons ${t.reasons}/${t.n}`);
    }
    for (const [family, why] of Object.entries(excludedFamilies))
      console.log(`  ${family}: excluded (${why})`);
    for (const [id, why] of Object.entries(excludedScenarios)) console.log(`  ${id}: excluded (${why})`);
    for (const [id, why] of Object.entries(silentRefusals))
      console.log(`  ${id}: Firefox logs no reason (${why})`);
    for (const [id, why] of Object.entries(expectedMismatches)) console.log(`  ambiguous: ${id} (${why})`);
    const suiteRuns = runs.filter((r) => suite.has(r.scenario.id));
    const count = (list: FirefoxRun[]) => {
      const ids = list.map((r) => r.scenario.id);
      return [ids.length, ids.filter((id) => !mismatched.has(id)).length];
    };
    const [n, agreed] = count(suiteRuns);
    const [extra, extraAgreed] = count(runs.filter((r) => !suite.has(r.scenario.id)));
    console.log(
      `firefox agreement: verdicts ${verdicts}/${runs.length}, reasons ${reasons}/${runs.length} ` +
        `(Chromium suite scenarios: ${agreed}/${n} agree on both; Firefox-only: ${extraAgreed}/${extra})`,
    );
    // The scenario's expected verdict is Chromium's (checked against CDP by agreement.test.ts).
    const engines = suiteRuns.filter((r) => r.verdict !== r.scenario.expected.verdict);
    console.log(
      `firefox vs chromium verdicts differ on: ${engines.map((r) => `${r.scenario.id} (firefox ${r.verdict}, chromium ${r.scenario.expected.verdict})`).join(', ') || 'none'}`,
    );
    expect([...mismatched].filter((id) => !(id in expectedMismatches))).toEqual([]);
    const closed = Object.keys(expectedMismatches).filter((id) => !mismatched.has(id));
    expect(closed, 'these now agree: remove them from expectedMismatches').toEqual([]);
    // Ambiguous, not wrong: Firefox's verdict, no reason claimed, and the warning that says why.
    const ambiguous = runs
      .filter((run) => run.scenario.id in expectedMismatches)
      .map((run) => {
        const mine = records.get(run.url) ?? [];
        return {
          id: run.scenario.id,
          verdict: mine.map((r) => r.verdict === run.verdict),
          reason: mine.map((r) => r.firefoxReason),
          warned: mine.map((r) => r.evaluation.warnings.some((w) => w.code === 'firefox-lines-merged')),
        };
      });
    expect(ambiguous).toEqual(
      Object.keys(expectedMismatches).map((id) => ({ id, verdict: [true], reason: [null], warned: [true] })),
    );
  });

  it("canvas reads: Firefox refuses exactly the scenario's tainted reads", () => {
    const canvas = runs.filter((r) => r.scenario.family === 'canvas');
    expect(canvas.length).toBeGreaterThan(0);
    const wrong = canvas.filter((r) => /^SecurityError/.test(r.page.error ?? '') !== r.scenario.tainted);
    expect(wrong.map((r) => `${r.scenario.id}: ${JSON.stringify(r.page)}`)).toEqual([]);
  });
});
