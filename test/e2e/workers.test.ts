/**
 * Requests without a tab in a real Chromium: a service worker's own fetch, its pass-through
 * `fetch(event.request)`, and a shared worker's own fetch arrive in webRequest with `tabId: -1`;
 * a service worker's answer the page may not use (an opaque response to a `cors` fetch, an
 * unfollowed redirect, Response.error()) makes the page's fetch reject with no failed request at
 * all. The extension attributes the first to the tab of the page's origin, marked with the kind
 * of worker the page said it has, and reports the second from the page hook. Chromium's own
 * decision is read over CDP on the worker targets (their requests, and the service worker's
 * console, are not on the page's target). Every case runs twice: the second round after the
 * extension's worker was stopped (its state comes back from storage).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/shared/report-schema';
import {
  type Browser,
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  stopWorker,
  tabIdOf,
} from './support/browser';
import { type NetworkWatch, watchNetwork } from './support/cdp';
import { byUrl, waitForRecords } from './support/report';
import { type WorkerTruth, watchWorkerTargets } from './support/worker-truth';
import {
  type Answer,
  type Case,
  type Context,
  PAGE_OF,
  pageOrigin,
  startWorkersSite,
} from './support/workers-site';

const FAMILIES: readonly { context: Context; answers: readonly Answer[]; kind: string }[] = [
  { context: 'sw-own', answers: ['allow', 'none', 'preflight-none'], kind: 'service worker' },
  { context: 'sw-pass', answers: ['allow', 'none', 'preflight-none'], kind: 'service worker' },
  { context: 'sw-opaque', answers: ['allow', 'none'], kind: 'service worker' },
  { context: 'sw-opaque-xhr', answers: ['allow'], kind: 'service worker' },
  { context: 'sw-manual', answers: ['allow'], kind: 'service worker' },
  { context: 'sw-error', answers: ['none'], kind: 'service worker' },
  { context: 'sw-cached', answers: ['allow'], kind: 'service worker' },
  { context: 'shared-own', answers: ['allow', 'none', 'preflight-none'], kind: 'shared worker' },
  { context: 'both-own', answers: ['none'], kind: 'worker (service or shared)' },
];
const CASES: readonly Case[] = FAMILIES.flatMap(({ context, answers }) =>
  answers.map((answer) => ({ id: `${context}-${answer}`, context, answer })),
);
/** Answered by the service worker: the page's fetch fails with no failed request of its own. */
const ANSWERED: ReadonlySet<Context> = new Set([
  'sw-opaque',
  'sw-opaque-xhr',
  'sw-manual',
  'sw-error',
  'sw-cached',
]);
/** Answered with no request of the worker's for the URL itself. */
const NO_WORKER_REQUEST: ReadonlySet<Context> = new Set(['sw-error', 'sw-cached']);
const EXPECTED_ANSWER: Partial<Record<Context, string>> = {
  'sw-opaque': 'ServiceWorkerResponseTypeOpaque',
  'sw-opaque-xhr': 'ServiceWorkerResponseTypeOpaque',
  'sw-manual': 'ServiceWorkerResponseTypeOpaqueRedirect',
  'sw-error': 'ServiceWorkerNetworkError',
  'sw-cached': 'ServiceWorkerResponseTypeOpaque',
};
const KIND = new Map(FAMILIES.map((f) => [f.context, f.kind]));
const ROUNDS = [1, 2] as const;
/** Run last, with a second tab of the service worker's origin open: both tabs get the record. */
const TWO_TABS: Case = { id: 'sw-own-two-tabs', context: 'sw-own', answer: 'none' };
/** Answered once the only tab of the service worker's origin has gone elsewhere. */
const LATE: Case = { id: 'sw-own-late', context: 'sw-own', answer: 'none', delayMs: 2_000 };

let server: Awaited<ReturnType<typeof startWorkersSite>>['server'];
let port = 0;
let seen: Set<string>;
let browser: Browser;
let ext: Page;
const pages = new Map<'sw' | 'shared' | 'both', Page>();
let truth: WorkerTruth;
let pageNet: NetworkWatch;
const url = (c: Case, round: number) => `http://127.0.0.1:${port}/api/${c.id}/r${round}`;
const pageOf = (c: Case): Page => pages.get(PAGE_OF[c.context]) as Page;

type Outcome = { ok: true; status: number } | { ok: false; error: string };
const outcomes = new Map<string, Outcome>();
let stopped = false;

function run(page: Page, c: Case, target: string): Promise<Outcome> {
  return page.evaluate(
    ([context, u, answer]) =>
      (window as unknown as { __run: (c: string, u: string, a: string) => Promise<Outcome> }).__run(
        context,
        u,
        answer,
      ),
    [c.context, target, c.answer] as const,
  );
}

/** What each URL should have in its tab's report: worker records, and page records. */
function wanted(c: Case, round: number): [string, number] {
  return [url(c, round), ANSWERED.has(c.context) && !NO_WORKER_REQUEST.has(c.context) ? 2 : 1];
}

async function recordsOf(
  page: Page,
  cases: readonly Case[],
  round: number,
): Promise<Map<string, ReportRecord[]>> {
  const tabId = await tabIdOf(ext, page);
  return byUrl(await waitForRecords(ext, tabId, new Map(cases.map((c) => wanted(c, round)))));
}

beforeAll(async () => {
  ({ server, port, seen } = await startWorkersSite([...CASES, TWO_TABS, LATE]));
  browser = await launch(true);
  ext = await openExtensionPage(browser);
  // The default scope (development hosts): the pages' workers' requests are delivered because a
  // recorded tab's page reported them (README: what a recorded tab can still miss).
  expect(await sendMessage(ext, { type: 'cors-lens:settings' })).toMatchObject({ recordScope: 'dev-hosts' });
  for (const [name, query] of [
    ['sw', 'sw'],
    ['shared', 'shared'],
    ['both', 'sw&shared'],
  ] as const) {
    const page = await browser.context.newPage();
    await page.goto(`${pageOrigin(name, port)}/app?${query}`);
    await page.evaluate(() => (window as unknown as { __ready: Promise<boolean> }).__ready);
    pages.set(name, page);
  }
  truth = await watchWorkerTargets(browser);
  const origins = (['sw', 'shared', 'both'] as const).map((p) => pageOrigin(p, port));
  // Both workers of each page run once it is controlled and has made its SharedWorker.
  const targets = await pollFor(
    () => truth.attach(origins),
    (t) => t.length >= 4,
    {
      what: 'the service worker and shared worker targets',
    },
  );
  expect(targets.map((t) => t.split(' ')[0])).toEqual([
    'service_worker',
    'service_worker',
    'shared_worker',
    'shared_worker',
  ]);
  pageNet = await watchNetwork(pages.get('sw') as Page);
  for (const round of ROUNDS) {
    if (round === 2) {
      // Only once the first round's records are in: a stop by force may lose a request whose
      // last event the worker had not yet handled (README).
      for (const [name, page] of pages)
        await recordsOf(
          page,
          CASES.filter((c) => PAGE_OF[c.context] === name),
          1,
        );
      stopped = await stopWorker(pages.get('sw') as Page);
    }
    for (const c of CASES) outcomes.set(url(c, round), await run(pageOf(c), c, url(c, round)));
  }
  const expected = ROUNDS.flatMap((round) => CASES.map((c) => ({ c, u: url(c, round) })));
  await pollFor(
    async () =>
      expected.filter(({ c, u }) => !(ANSWERED.has(c.context) ? truth.answers.has(u) : truth.network.has(u))),
    (missing) => missing.length === 0,
    { what: "Chromium's decision on every case" },
  ).catch(() => undefined);
}, 240_000);

afterAll(async () => {
  await pageNet?.detach();
  await truth?.detach();
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('requests without a tab (Chromium 156)', () => {
  it('Chromium decides each case as the fetch in the worker or page saw it', () => {
    const wrong: string[] = [];
    for (const round of ROUNDS) {
      for (const c of CASES) {
        const u = url(c, round);
        const o = outcomes.get(u);
        if (ANSWERED.has(c.context)) {
          // The page's fetch rejected; its request failed on the page's target with no CORS
          // error; only the service worker's console says why.
          const onPage = pageNet.forUrl(u)[0];
          const answer = truth.answers.get(u);
          if (
            o?.ok !== false ||
            onPage?.state !== 'failed' ||
            onPage.corsError ||
            answer?.code !== EXPECTED_ANSWER[c.context]
          )
            wrong.push(
              `${c.id} r${round}: page ${JSON.stringify(onPage)}, console ${JSON.stringify(answer)}, fetch ${JSON.stringify(o)}`,
            );
          continue;
        }
        const t = truth.network.get(u);
        const expected = c.answer === 'allow' ? 'allowed' : 'blocked';
        if (t?.verdict !== expected || (o?.ok ?? false) !== (expected === 'allowed'))
          wrong.push(`${c.id} r${round}: cdp ${JSON.stringify(t)}, fetch ${JSON.stringify(o)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the tabs' records agree with Chromium on verdict and reason, marked with the worker's kind", async () => {
    const rows: string[] = [];
    const bad: string[] = [];
    const score = new Map<string, number>();
    for (const round of ROUNDS) {
      const byPage = new Map<string, Map<string, ReportRecord[]>>();
      for (const [name, page] of pages)
        byPage.set(
          name,
          await recordsOf(
            page,
            CASES.filter((c) => PAGE_OF[c.context] === name),
            round,
          ),
        );
      for (const c of CASES) {
        const u = url(c, round);
        const mine = byPage.get(PAGE_OF[c.context])?.get(u) ?? [];
        const workers = mine.filter((r) => r.worker !== undefined);
        const own = mine.filter((r) => r.worker === undefined);
        let ok: boolean;
        let chromium: string;
        if (ANSWERED.has(c.context)) {
          // One record of the page's call with the worker's reason; the worker's own request
          // (none for Response.error() or a cached copy) is a service worker's. Its verdict is not compared: the
          // worker's fetch with redirect "manual" shows in webRequest as a redirect then a
          // cancellation, and no hook tells a worker's redirect mode (README: Known limits).
          const answer = truth.answers.get(u);
          chromium = `blocked ${answer?.code ?? '(none)'}`;
          ok =
            own.length === 1 &&
            own[0]?.verdict === 'blocked' &&
            own[0].corsError === answer?.code &&
            workers.length === (NO_WORKER_REQUEST.has(c.context) ? 0 : 1) &&
            // The cached copy is known from the page's Cache Storage only.
            (c.context !== 'sw-cached' || own[0].exchange.serviceWorkerAnswer?.evidence === 'cache') &&
            workers.every((w) => w.worker?.context === KIND.get(c.context));
        } else {
          const t = truth.network.get(u);
          chromium = t ? `${t.verdict} ${t.corsError ?? '-'}` : '(none)';
          const w = workers[0];
          // A pass-through that failed explains the page's rejection: no record of the call.
          ok =
            t !== undefined &&
            own.length === 0 &&
            workers.length === 1 &&
            w?.verdict === t.verdict &&
            w.corsError === t.corsError &&
            (w.failedParameter ? w.failedParameter : null) === t.failedParameter &&
            w.worker?.context === KIND.get(c.context) &&
            w.worker?.tabs === 1;
        }
        const key = `${c.context} r${round}`;
        if (ok) score.set(key, (score.get(key) ?? 0) + 1);
        else bad.push(`${c.id} r${round}`);
        if (c.context === 'sw-manual') {
          const t = truth.network.get(u);
          chromium += ` (its own fetch: ${t ? `${t.verdict} ${t.corsError ?? '-'}` : '(none)'})`;
        }
        const ours = mine
          .map((r) => `${r.verdict} ${r.corsError ?? '-'} ${r.worker?.context ?? 'page'}`)
          .join(' + ');
        rows.push(
          `${ok ? 'ok ' : 'XX '} r${round} ${c.id.padEnd(24)} chromium: ${chromium}`.padEnd(86) +
            ` ours: ${ours || '(no record)'}`,
        );
      }
    }
    console.log(rows.join('\n'));
    for (const round of ROUNDS)
      for (const f of FAMILIES)
        console.log(
          `  ${f.context} (${f.kind})${round === 2 ? ', after the extension worker was stopped' : ''}: verdict and reason ${score.get(`${f.context} r${round}`) ?? 0}/${f.answers.length}`,
        );
    console.log(`  extension worker stopped between the rounds: ${stopped}`);
    expect(stopped).toBe(true);
    expect(bad).toEqual([]);
  });

  it('with no tab of its origin left, the request is kept apart, then shown in the next tab of that origin', async () => {
    const page = pages.get('sw') as Page;
    const late = url(LATE, 1);
    // The worker's fetch starts, then its only client goes to another origin before the answer.
    await page.evaluate((u) => {
      void (window as unknown as { __run: (c: string, u: string, a: string) => Promise<unknown> }).__run(
        'sw-own',
        u,
        'none',
      );
    }, late);
    await pollFor(async () => seen.has(new URL(late).pathname), Boolean, {
      what: 'the late request at the server',
    });
    await page.goto(`${pageOrigin('shared', port)}/app?shared`);
    await pollFor(
      async () => truth.network.get(late),
      (t) => t !== undefined,
      {
        what: "Chromium's decision on the late request",
        timeoutMs: 20_000,
      },
    );
    const all = await pollFor(
      () =>
        sendMessage<{ records: ReportRecord[] }>(ext, {
          type: 'cors-lens:report',
          format: 'json',
          redact: false,
        }),
      (r) => r.records.some((x) => x.url === late),
      { what: 'the late record in the report of every tab' },
    );
    const kept = all.records.find((x) => x.url === late);
    const summary = await sendMessage<{ noTab?: { origin: string; count: number }[] }>(ext, {
      type: 'cors-lens:summary',
      tabId: await tabIdOf(ext, page),
    });
    await page.goto(`${pageOrigin('sw', port)}/app?sw`);
    await page.evaluate(() => (window as unknown as { __ready: Promise<boolean> }).__ready);
    const [adopted] =
      byUrl(await waitForRecords(ext, await tabIdOf(ext, page), new Map([[late, 1]]))).get(late) ?? [];
    const t = truth.network.get(late);
    const line = (r: ReportRecord | undefined) =>
      r ? `tab ${r.tabId}: ${r.verdict} ${r.corsError} ${JSON.stringify(r.worker)}` : '(no record)';
    console.log(
      `  no tab of its origin: chromium ${t?.verdict} ${t?.corsError}; kept ${line(kept)}; popup ${JSON.stringify(summary.noTab)}; then ${line(adopted)}`,
    );
    expect(t).toEqual({ verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: null });
    expect(kept).toMatchObject({ tabId: -1, verdict: 'blocked', corsError: 'MissingAllowOriginHeader' });
    expect(kept?.worker?.tabs).toBe(0);
    expect(summary.noTab).toEqual([{ origin: pageOrigin('sw', port), count: 1 }]);
    expect(adopted).toMatchObject({ verdict: 'blocked', corsError: 'MissingAllowOriginHeader' });
    expect(adopted?.tabId).toBe(await tabIdOf(ext, page));
    expect(adopted?.worker?.tabs).toBe(1);
  });

  it('with two tabs of the origin open, each tab records the request, saying it is shared by 2', async () => {
    const first = pages.get('sw') as Page;
    const second = await browser.context.newPage();
    await second.goto(`${pageOrigin('sw', port)}/app?sw`);
    await second.evaluate(() => (window as unknown as { __ready: Promise<boolean> }).__ready);
    const outcome = await run(first, TWO_TABS, url(TWO_TABS, 1));
    expect(outcome.ok).toBe(false);
    const seen: string[] = [];
    for (const target of [first, second]) {
      const tabId = await tabIdOf(ext, target);
      const [mine] =
        byUrl(await waitForRecords(ext, tabId, new Map([[url(TWO_TABS, 1), 1]]))).get(url(TWO_TABS, 1)) ?? [];
      seen.push(mine ? `${mine.verdict} ${mine.corsError} ${JSON.stringify(mine.worker)}` : '(no record)');
    }
    console.log(`  two tabs: ${seen.join(' | ')}`);
    const each = 'blocked MissingAllowOriginHeader {"context":"service worker","tabs":2}';
    expect(seen).toEqual([each, each]);
  });
});
