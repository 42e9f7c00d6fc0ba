import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISTAKES } from '../../demo/mistakes';
import { type DemoServer, startDemoServer } from '../../demo/server';
import { evaluate } from '../../src/evaluator/evaluate';
import type { SafariReason, Verdict } from '../../src/evaluator/types';
import { harToExchanges } from '../../src/har/import';
import { isNoCors, scenarios } from './scenarios';
import type { PageResult, Scenario } from './scenarios/types';
import { type ScenarioServer, startServer } from './support/server';
import { wireToHar } from './support-firefox/wire-har';
import { exchangeOf } from './support-webkit/exchange';
import { webkitOnlyScenarios } from './support-webkit/extra-scenarios';
import { type ConsoleMessage, runInWebKit } from './support-webkit/minibrowser';
import { runWithWebDriver } from './support-webkit/webdriver';
import { reasonsByUrl, splitByScenario, webkitReasonOf } from './support-webkit/webkit-reasons';

/**
 * The Chromium suite's scenarios, run in real WebKit (WebKitGTK's MiniBrowser, observed through
 * WebKit's remote Web Inspector: see support-webkit/minibrowser.ts). Ground truth is WebKit:
 * what the page got and the reason WebKit logged to its console. Each exchange is rebuilt from
 * the scenario server's log (requests and answers) and judged with the `safari` profile: the
 * verdict and the reason key must match WebKit's.
 */

/** Scenarios WebKitGTK cannot decide here, each with the cause. Asserted: never a silent skip. */
const excluded: Readonly<Record<string, string>> = {
  'nc-font-missing': 'the scenario font body is not a font: WebKit rejects it whatever CORS says',
  'nc-font-ok': 'the scenario font body is not a font: WebKit rejects it whatever CORS says',
  'site-single-label':
    'needs a name on loopback: Chromium maps it with --host-resolver-rules, WebKitGTK has no such switch (resolver error)',
  'site-suffix-sibling':
    'needs a name on loopback: Chromium maps it with --host-resolver-rules, WebKitGTK has no such switch (resolver error)',
  'site-suffix-other':
    'needs a name on loopback: Chromium maps it with --host-resolver-rules, WebKitGTK has no such switch (resolver error)',
  'site-private-suffix':
    'needs a name on loopback: Chromium maps it with --host-resolver-rules, WebKitGTK has no such switch (resolver error)',
  'site-https-from-http':
    'needs a name on loopback: Chromium maps it with --host-resolver-rules, WebKitGTK has no such switch (resolver error)',
};

/** Where our safari profile may not match WebKit, each with its reason. */
const expectedMismatches: Readonly<Record<string, string>> = {};

let server: ScenarioServer;
let perScenario: Map<string, { result: unknown; messages: ConsoleMessage[] }>;
const suite = new Set(scenarios.map((s) => s.id));
const runnable = [...scenarios.filter((s) => !(s.id in excluded)), ...webkitOnlyScenarios];

beforeAll(async () => {
  server = await startServer([...scenarios, ...webkitOnlyScenarios]);
  const list = runnable.map((s) => ({ id: s.id, action: { ...s.action, url: server.fill(s.action.url) } }));
  const start = `new Promise((r) => (document.readyState === 'complete' ? r() : addEventListener('load', r)))`;
  const messages = await runInWebKit(
    `${server.page}/page/autorun.html`,
    `${start}.then(() => window.__autorun(${JSON.stringify(list)}))`,
    'cors-lens:done',
    90_000,
  );
  perScenario = splitByScenario(messages);
});

afterAll(async () => {
  await server?.close();
});

function webkitVerdict(s: Scenario, page: PageResult): Verdict {
  if (!page.ok) return 'blocked';
  return isNoCors(s) ? 'opaque' : 'allowed';
}

interface Row {
  id: string;
  webkit: Verdict;
  ours: Verdict;
  webkitReason: SafariReason | 'unknown' | null;
  ourReason: SafariReason | null;
  /** Chromium's verdict as the agreement suite checks it; `n/a` for WebKit-only scenarios. */
  chromium: string;
}

function rows(): Row[] {
  return runnable.map((s) => {
    const seen = perScenario.get(s.id);
    const page = (seen?.result ?? { ok: false, error: 'no result' }) as PageResult;
    const evaluation = evaluate(exchangeOf(s, server, page), { profile: 'safari' });
    const webkit = webkitVerdict(s, page);
    return {
      id: s.id,
      webkit,
      ours: evaluation.verdict,
      webkitReason: webkit === 'blocked' ? webkitReasonOf(seen?.messages ?? []) : null,
      ourReason: evaluation.verdict === 'blocked' ? evaluation.safariReason : null,
      chromium: suite.has(s.id) ? s.expected.verdict : 'n/a',
    };
  });
}

describe('WebKit (WebKitGTK MiniBrowser) on the Chromium suite scenarios', () => {
  it('runs every scenario but the excluded ones, each with a page result', () => {
    expect(runnable.length + Object.keys(excluded).length).toBe(
      scenarios.length + webkitOnlyScenarios.length,
    );
    expect(Object.keys(excluded).every((id) => scenarios.some((s) => s.id === id))).toBe(true);
    expect(runnable.filter((s) => perScenario.get(s.id)?.result === undefined).map((s) => s.id)).toEqual([]);
  });

  it('ground truth: WebKit logs a known reason for every CORS/CORP load the page saw fail', () => {
    const unexplained = rows().filter(
      (r) => r.webkit === 'blocked' && (r.webkitReason === null || r.webkitReason === 'unknown'),
    );
    expect(unexplained.map((r) => `${r.id}: ${JSON.stringify(perScenario.get(r.id)?.messages)}`)).toEqual([]);
  });

  it("the safari profile matches WebKit's verdicts and reasons", () => {
    const all = rows();
    console.table(all);
    const disagrees = (r: Row) => r.webkit !== r.ours || r.webkitReason !== r.ourReason;
    const tally = (list: Row[], what: string) =>
      console.log(
        `webkit agreement (${what}): verdicts ${list.filter((r) => r.webkit === r.ours).length}/${list.length}, ` +
          `reasons ${list.filter((r) => r.webkitReason === r.ourReason).length}/${list.length}`,
      );
    tally(
      all.filter((r) => r.chromium !== 'n/a'),
      'Chromium suite scenarios',
    );
    tally(
      all.filter((r) => r.chromium === 'n/a'),
      'WebKit-only scenarios',
    );
    const engines = all.filter((r) => r.chromium !== 'n/a' && r.webkit !== r.chromium);
    console.log(
      `webkit vs chromium verdicts differ on: ${engines.map((r) => `${r.id} (webkit ${r.webkit}, chromium ${r.chromium})`).join(', ') || 'none'}`,
    );
    expect(all.filter((r) => disagrees(r) && !(r.id in expectedMismatches))).toEqual([]);
    const closed = all.filter((r) => r.id in expectedMismatches && !disagrees(r)).map((r) => r.id);
    expect(closed, 'these now agree: remove them from expectedMismatches').toEqual([]);
  });

  it('WebKitWebDriver (W3C WebDriver, MiniBrowser --automation) sees the same page outcomes', async () => {
    // A fresh server: every scenario owns its URLs, and the preflight cache must start empty.
    const again = await startServer([...scenarios, ...webkitOnlyScenarios]);
    try {
      const list = runnable.map((s) => ({
        id: s.id,
        action: { ...s.action, url: again.fill(s.action.url) },
      }));
      const script = `const done = arguments[arguments.length - 1];
        (async () => { const out = {}; for (const { id, action } of arguments[0]) out[id] = await window.__run(action); return out; })()
          .then(done, (e) => done({ error: String(e) }));`;
      const outcomes = (await runWithWebDriver(
        `${again.page}/page/page.html`,
        script,
        [list],
        60_000,
      )) as Record<string, PageResult>;
      const differ = runnable
        .filter((s) => {
          const inspector = perScenario.get(s.id)?.result as PageResult | undefined;
          return outcomes[s.id]?.ok !== inspector?.ok || outcomes[s.id]?.type !== inspector?.type;
        })
        .map(
          (s) =>
            `${s.id}: webdriver ${JSON.stringify(outcomes[s.id])}, inspector ${JSON.stringify(perScenario.get(s.id)?.result)}`,
        );
      console.log(
        `webdriver vs inspector page outcomes: ${runnable.length - differ.length}/${runnable.length} equal`,
      );
      expect(differ).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('the server saw the preflights WebKit sent (cache: one OPTIONS within max-age; safelisted: none)', () => {
    const counts = Object.fromEntries(
      [
        'pc-cached',
        'pc-no-cache',
        'wk-max-age-invalid',
        'sl-range-ok',
        'sl-accept-128',
        'sl-lang-ok',
        'sl-text-plain',
      ].map((id) => [id, server.requestsFor(id).filter((r) => r.method === 'OPTIONS').length]),
    );
    console.log(`webkit OPTIONS per scenario: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      'pc-cached': 1,
      'pc-no-cache': 2,
      'wk-max-age-invalid': 1,
      'sl-range-ok': 0,
      'sl-accept-128': 0,
      'sl-lang-ok': 0,
      'sl-text-plain': 0,
    });
  });
});

/**
 * The demo page's 12 calls (the Firefox suite's set), in WebKit: the page's own results, WebKit's
 * console reasons, and the safari profile over the demo server's wire log (as a HAR, as the
 * Firefox suite does), so the three engines can be compared call by call (docs/engines.md).
 */
describe('WebKit on the demo page (the Firefox suite calls)', () => {
  let demo: DemoServer;
  let results: { id: string; ok: boolean }[] = [];
  let byUrl: Map<string, SafariReason | 'unknown'>;

  beforeAll(async () => {
    demo = await startDemoServer();
    const wait = `new Promise((r) => { const t = setInterval(() => { if (window.demoDone) { clearInterval(t); r(); } }, 50); })`;
    const messages = await runInWebKit(
      `${demo.page}/`,
      `${wait}.then(() => { console.log('cors-lens:demo ' + JSON.stringify(window.demoResults)); console.log('cors-lens:done'); })`,
      'cors-lens:done',
      60_000,
    );
    const line = messages.find((m) => m.text.startsWith('cors-lens:demo '))?.text ?? 'cors-lens:demo []';
    results = JSON.parse(line.slice('cors-lens:demo '.length)) as { id: string; ok: boolean }[];
    byUrl = reasonsByUrl(messages);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it("the safari profile over the wire log matches WebKit's verdicts and reasons on every call", () => {
    expect(results.map((r) => r.id)).toEqual(MISTAKES.map((m) => m.id));
    const urlOf = (id: string) => `${demo.api}/demo/${id}`;
    const failed = new Set<string>();
    for (const r of results) {
      if (r.ok) continue;
      failed.add(urlOf(r.id));
      if (MISTAKES.find((m) => m.id === r.id)?.actual.status === 302) failed.add(`${demo.other}/demo/plain`);
    }
    const imported = harToExchanges(wireToHar(demo.log, failed), { crossOriginOnly: true });
    expect(imported.errors).toEqual([]);
    const rows = MISTAKES.map((m) => {
      const item = imported.exchanges.find((x) => x.exchange.url === urlOf(m.id));
      const evaluation = item ? evaluate(item.exchange, { profile: 'safari' }) : null;
      const ok = results.find((r) => r.id === m.id)?.ok;
      return {
        id: m.id,
        webkit: ok ? 'allowed' : 'blocked',
        ours: evaluation?.verdict ?? 'missing',
        webkitReason: ok ? null : (byUrl.get(urlOf(m.id)) ?? byUrl.get(`${demo.other}/demo/plain`) ?? null),
        ourReason: evaluation?.safariReason ?? null,
      };
    });
    console.table(rows);
    const agreed = rows.filter((r) => r.webkit === r.ours && r.webkitReason === r.ourReason).length;
    console.log(`webkit demo agreement: ${agreed}/${rows.length} calls agree on verdict and reason`);
    expect(rows.filter((r) => r.webkit !== r.ours || r.webkitReason !== r.ourReason)).toEqual([]);
  });
});
