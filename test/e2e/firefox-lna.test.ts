import { rmSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import type { ReportRecord } from '../../src/shared/report-schema';
import type { PageResult, Scenario } from './scenarios/types';
import { pollFor } from './support/browser';
import { type ScenarioServer, startServer } from './support/server';
import { buildFirefoxTestExtension } from './support-firefox/build';
import { parseCorsConsoleError } from './support-firefox/firefox-reasons';
import {
  FIREFOX_LNA,
  type FirefoxLnaTruth,
  firefoxLnaScenarios,
  PROMPT_PAGE,
  PROMPT_TIMEOUT_MS,
} from './support-firefox/lna';

/**
 * Local Network Access in Firefox ESR 153, with the extension installed. Firefox is told which
 * loopback ports are public (network.lna.address_space.public.override, its own testing pref,
 * the counterpart of Chromium's --ip-address-space-overrides) and resolves the pages' names to
 * loopback (network.dns.localDomains). Everything else is Firefox's default: network.lna.blocking
 * is on in this build. The permissions are set over WebDriver BiDi (denied for the public pages,
 * granted for `granted.example.test`); on `prompt.example.test` nobody answers the prompt, which
 * holds the request for network.lna.prompt.timeout (5 min by default, 2 s here), then Firefox
 * refuses it the same way.
 *
 * Truth is Firefox's: the page's outcome, whether the server saw the request, the reason Firefox
 * logs, and the permission state the page reads. The claims (support-firefox/lna.ts) must hold,
 * and the extension's record must agree with Firefox on verdict, reason key and (for a refusal)
 * the permission code.
 */
interface Observed {
  readonly id: string;
  readonly page: PageResult;
  readonly sent: number;
  readonly reason: string | null;
  readonly permission: string;
  /** How long the page's call took (the unanswered prompt holds it until its timeout). */
  readonly ms: number;
  /** The extension's record of the call, read from the tab before it closes. */
  readonly record: ReportRecord | undefined;
}

let server: ScenarioServer;
let browser: Browser;
let extensionDir: string;
const observed: Observed[] = [];

const portOf = (origin: string): string => new URL(origin).port;

/** The page's origin: the server's placeholders, and the prompt page on the public https port. */
function pageOrigin(scenario: Scenario): string {
  const page = scenario.page ?? '{page}';
  if (page !== PROMPT_PAGE) return server.fill(page);
  return `https://prompt.example.test:${portOf(server.fill('{page-public}'))}`;
}

async function ask(page: Page, message: Record<string, unknown>): Promise<unknown> {
  const raw = await page.evaluate(
    (m) =>
      new Promise<string>((resolve, reject) => {
        const id = Math.random();
        const onMessage = (
          event: MessageEvent<{ corsLensTest?: string; id?: number; response?: string }>,
        ) => {
          if (event.data?.corsLensTest !== 'answer' || event.data.id !== id) return;
          removeEventListener('message', onMessage);
          resolve(event.data.response ?? 'null');
        };
        addEventListener('message', onMessage);
        postMessage({ corsLensTest: 'ask', id, message: m }, '*');
        setTimeout(() => reject(new Error('the test bridge did not answer in 5 s')), 5000);
      }),
    message,
  );
  return JSON.parse(raw) as unknown;
}

/** The records of the tab `page` is in (the report of the asking tab). */
async function tabRecords(page: Page): Promise<ReportRecord[]> {
  const report = (await ask(page, {
    type: 'cors-lens:report',
    v: PROTOCOL_VERSION,
    format: 'json',
    redact: false,
  })) as { records?: ReportRecord[] } | null;
  if (report?.records) return report.records;
  throw new Error(`cors-lens:report answered ${JSON.stringify(report)}`);
}

function recordOf(records: readonly ReportRecord[], scenario: Scenario): ReportRecord | undefined {
  const url = server.fill(scenario.action.url);
  return records.find((r) => r.exchange?.url === url) ?? records.find((r) => r.url === url);
}

async function runScenario(scenario: Scenario): Promise<Observed> {
  const page = await browser.newPage();
  const reasons: string[] = [];
  const url = server.fill(scenario.action.url);
  page.on('pageerror', (error) => {
    const block = parseCorsConsoleError(String(error));
    if (block !== null && block.url === url) reasons.push(block.reason);
  });
  try {
    await page.goto(`${pageOrigin(scenario)}/page/page.html?run=${scenario.id}`);
    const started = Date.now();
    const result = (await page.evaluate(
      (a) => (window as unknown as { __run: (x: unknown) => Promise<unknown> }).__run(a),
      { ...scenario.action, url },
    )) as PageResult;
    const ms = Date.now() - started;
    const permission = await page.evaluate(async () => {
      try {
        return (await navigator.permissions.query({ name: 'loopback-network' as PermissionName })).state;
      } catch (error) {
        return String(error);
      }
    });
    // A CORS block's console line and a beacon's request may trail the page's promise.
    const expectLine = FIREFOX_LNA[scenario.id]?.reason != null;
    await pollFor(
      async () => ({ lines: reasons.length, sent: server.requestsFor(scenario.id).length }),
      (now) =>
        (expectLine ? now.lines > 0 : true) &&
        (scenario.action.kind !== 'beacon' || now.sent > 0 || !result.ok),
      { timeoutMs: 2_000, what: `Firefox's console line for ${scenario.id}` },
    ).catch(() => undefined);
    const records = await pollFor(
      () => tabRecords(page),
      (all) => recordOf(all, scenario)?.durationMs != null,
      { timeoutMs: 10_000, what: `a settled record for ${scenario.id}` },
    ).catch(() => tabRecords(page));
    return {
      id: scenario.id,
      page: result,
      sent: server.requestsFor(scenario.id).length,
      reason: reasons[0] ?? null,
      permission,
      ms,
      record: recordOf(records, scenario),
    };
  } finally {
    await page.close();
  }
}

/** Firefox's verdict from what it did: the page's outcome, or for a beacon whether it was sent. */
function firefoxVerdict(scenario: Scenario, run: Observed): FirefoxLnaTruth['verdict'] {
  if (scenario.action.kind === 'beacon') return run.sent > 0 ? 'opaque' : 'blocked';
  if (!run.page.ok) return 'blocked';
  return scenario.action.kind === 'fetch' && run.page.type === 'cors' ? 'allowed' : 'opaque';
}

beforeAll(async () => {
  server = await startServer(firefoxLnaScenarios);
  extensionDir = await buildFirefoxTestExtension();
  const publicHttps = server.fill('{page-public}');
  const publicHttp = server.fill('{page-public-http}');
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.lna.address_space.public.override': `127.0.0.1:${portOf(publicHttps)},127.0.0.1:${portOf(publicHttp)}`,
      'network.dns.localDomains': 'public.example.test,granted.example.test,prompt.example.test',
      'network.lna.prompt.timeout': PROMPT_TIMEOUT_MS,
    },
  });
  await browser.installExtension(extensionDir);
  const context = browser.defaultBrowserContext();
  const granted = server.fill('{page-public-granted}');
  for (const [origin, state] of [
    [publicHttps, 'denied'],
    [publicHttp, 'denied'],
    [granted, 'granted'],
  ] as const) {
    for (const name of ['loopback-network', 'local-network'])
      await context.setPermission(origin, { permission: { name: name as PermissionName }, state });
  }
  for (const scenario of firefoxLnaScenarios) observed.push(await runScenario(scenario));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

describe('Local Network Access in Firefox ESR', () => {
  it('Firefox does what support-firefox/lna.ts says (the facts the firefox profile models)', () => {
    const rows = firefoxLnaScenarios.map((scenario) => {
      const run = observed.find((o) => o.id === scenario.id);
      const claim = FIREFOX_LNA[scenario.id];
      return {
        id: scenario.id,
        firefox: run ? firefoxVerdict(scenario, run) : 'missing',
        claimed: claim?.verdict,
        sent: (run?.sent ?? 0) > 0,
        claimedSent: claim?.sent,
        reason: run?.reason ?? null,
        claimedReason: claim?.reason,
        permission: run?.permission,
        claimedPermission: claim?.permission,
      };
    });
    console.table(rows);
    expect(rows.filter((r) => r.claimed === undefined).map((r) => r.id)).toEqual([]);
    const wrong = rows.filter(
      (r) =>
        r.firefox !== r.claimed ||
        r.sent !== r.claimedSent ||
        r.reason !== r.claimedReason ||
        r.permission !== r.claimedPermission,
    );
    expect(wrong).toEqual([]);
    // Unanswered, the prompt held the request until network.lna.prompt.timeout ended.
    const unanswered = observed.find((o) => o.id === 'ff-lna-prompt-unanswered');
    console.log(
      `unanswered prompt: the page's fetch failed after ${unanswered?.ms} ms (timeout ${PROMPT_TIMEOUT_MS})`,
    );
    expect(unanswered?.ms ?? 0).toBeGreaterThanOrEqual(PROMPT_TIMEOUT_MS - 100);
  });

  it("the extension's records agree with Firefox: verdict, reason key and the permission code", () => {
    const rows = firefoxLnaScenarios.map((scenario) => {
      const run = observed.find((o) => o.id === scenario.id);
      const record = run?.record;
      const refusedForLna = run !== undefined && run.sent === 0 && run.permission !== 'granted';
      return {
        id: scenario.id,
        firefox: run ? firefoxVerdict(scenario, run) : 'missing',
        ours: record?.verdict ?? 'missing',
        firefoxReason: run?.reason ?? null,
        ourReason: record?.firefoxReason ?? null,
        code: refusedForLna ? 'LocalNetworkAccessPermissionDenied' : null,
        ourCode: record === undefined ? 'missing' : record.corsError === null ? null : record.corsError,
        chrome: record?.profiles?.chrome?.corsError ?? null,
      };
    });
    console.table(rows);
    const agree = (r: (typeof rows)[number]) =>
      r.firefox === r.ours &&
      r.firefoxReason === r.ourReason &&
      (r.code === null ? r.ourCode !== 'LocalNetworkAccessPermissionDenied' : r.ourCode === r.code);
    const verdicts = rows.filter((r) => r.firefox === r.ours).length;
    const reasons = rows.filter(agree).length;
    console.log(
      `firefox local-network agreement: verdicts ${verdicts}/${rows.length}, reasons ${reasons}/${rows.length}`,
    );
    expect(rows.filter((r) => !agree(r))).toEqual([]);
  });
});
