import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './scenarios';
import type { Scenario } from './scenarios/types';
import { type Browser, DIST, launch } from './support/browser';
import { probeable, probeScenario, showDecision } from './support/probe-scenarios';
import { openScenarioPage, runScenarios, type ScenarioRun } from './support/run-scenarios';
import { type LoggedRequest, type ScenarioServer, startServer } from './support/server';

/**
 * The probe against a live Chromium (no extension): the same scenarios on the same loopback
 * servers, first fetched by a real page (Chromium's decision from CDP), then sent by
 * `cors-lens probe`. Both must decide alike, and the server must see the same requests from
 * both: the same preflights with the same Origin and Access-Control-Request-* values.
 */
const list = scenarios.filter(probeable);
let server: ScenarioServer;
let browser: Browser;
let runs: ScenarioRun[];
let browserSaw: Map<string, string[]>;

/** What the server got, in a form both senders must match. */
function wireOf(requests: readonly LoggedRequest[]): string[] {
  const h = (r: LoggedRequest, name: string) => {
    const value = r.headers[name];
    return value === undefined ? '' : ` ${name}=${String(value)}`;
  };
  return requests.map(
    (r) =>
      `${r.method} ${r.host}${r.url}${h(r, 'origin')}${h(r, 'access-control-request-method')}${h(r, 'access-control-request-headers')}`,
  );
}

beforeAll(async () => {
  server = await startServer(scenarios);
  browser = await launch(false);
  const target = await openScenarioPage(browser, server, 'probe');
  runs = await runScenarios(target, server, list);
  browserSaw = new Map(list.map((s) => [s.id, wireOf(server.requestsFor(s.id))]));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('probe and Chromium on the same servers', () => {
  it('the built extension holds none of the probe (no HTTP client, no probe user agent)', () => {
    const js = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? js(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
      );
    const bundled = js(DIST);
    expect(bundled.length).toBeGreaterThan(3);
    for (const file of bundled) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('cors-lens-probe');
      expect(text, file).not.toMatch(/node:https?/);
    }
  });

  it('decide alike, scenario by scenario', async () => {
    const mismatches: string[] = [];
    const wireMismatches: string[] = [];
    let agree = 0;
    let preflights = 0;
    for (const run of runs) {
      const s: Scenario = run.scenario;
      const chromium = run.browser[0];
      const before = server.requestsFor(s.id).length;
      const probe = (await probeScenario(s, server)).chrome;
      const probeSaw = wireOf(server.requestsFor(s.id).slice(before));
      if (chromium === undefined || probe === undefined) {
        mismatches.push(`${s.id}: no decision`);
        continue;
      }
      const c = showDecision({ ...chromium, failedParameter: chromium.failedParameter || null });
      const p = showDecision(probe);
      if (c === p) agree++;
      else mismatches.push(`${s.id}: probe ${p}, Chromium ${c}`);
      const saw = browserSaw.get(s.id) ?? [];
      preflights += probeSaw.filter((line) => line.startsWith('OPTIONS ')).length;
      if (JSON.stringify(saw) !== JSON.stringify(probeSaw)) {
        wireMismatches.push(
          `${s.id}:\n  chromium ${saw.join('\n           ')}\n  probe    ${probeSaw.join('\n           ')}`,
        );
      }
    }
    console.log(
      `probe vs live Chromium: ${agree}/${runs.length} verdicts agree; the server saw the same requests for ${runs.length - wireMismatches.length}/${runs.length} (${preflights} preflights)`,
    );
    expect(runs.length).toBe(list.length);
    expect(preflights).toBeGreaterThan(20);
    expect(mismatches).toEqual([]);
    expect(wireMismatches).toEqual([]);
  }, 120_000);
});
