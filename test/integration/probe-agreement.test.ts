import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../e2e/scenarios';
import { probeable, probeScenario, showDecision } from '../e2e/support/probe-scenarios';
import { type ScenarioServer, startServer } from '../e2e/support/server';

/**
 * `cors-lens probe` against the agreement suite's own loopback servers: for every scenario the
 * probe can stand in for, its chrome verdict must be the one the scenario records, which the
 * agreement suite checks against Chromium's CDP decision on every run. (The e2e file
 * probe-chromium.test.ts compares with a live Chromium directly.)
 */
let server: ScenarioServer;
beforeAll(async () => {
  server = await startServer(scenarios);
});
afterAll(async () => {
  await server?.close();
});

const list = scenarios.filter(probeable);

describe('probe agreement with the scenarios Chromium decides', () => {
  it('covers every family the probe can send, with enough scenarios in each', () => {
    const families = new Set(list.map((s) => s.family));
    for (const family of ['cors-check', 'preflight', 'safelist', 'redirect'])
      expect(families).toContain(family);
    expect(
      list.filter((s) => s.action.kind === 'fetch' && s.action.credentials === 'include').length,
    ).toBeGreaterThan(4);
    expect(list.length).toBeGreaterThanOrEqual(60);
  });

  it('gives the verdict, code and parameter Chromium gave', async () => {
    const rows: string[] = [];
    let agree = 0;
    for (const s of list) {
      const profiles = await probeScenario(s, server);
      const chrome = profiles.chrome;
      const expected = showDecision({
        verdict: s.expected.verdict,
        corsError: s.expected.corsError ?? null,
        failedParameter:
          s.expected.failedParameter === undefined ? null : server.fill(s.expected.failedParameter),
        blockedReason: s.expected.blockedReason ?? null,
      });
      const got = chrome === undefined ? 'missing' : showDecision(chrome);
      if (got === expected) agree++;
      else rows.push(`${s.id}: probe ${got}, Chromium ${expected}`);
    }
    console.log(
      `probe agreement with Chromium's decisions: ${agree}/${list.length} (of ${scenarios.length} scenarios, ${scenarios.length - list.length} not probe-able: no-cors loads, modes, cache)`,
    );
    expect(rows).toEqual([]);
  }, 60_000);
});
