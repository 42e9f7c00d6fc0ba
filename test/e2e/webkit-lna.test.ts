import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluator/evaluate';
import type { ObservedExchange, SafariReason, Verdict } from '../../src/evaluator/types';
import { type ScenarioServer, startServer } from './support/server';
import { type ConsoleMessage, runInWebKit } from './support-webkit/minibrowser';

/**
 * Local Network Access in WebKit (WebKitGTK 2.50's MiniBrowser, Safari's WebCore): what it does
 * when a page reaches loopback, from an https page (self-signed, --ignore-tls-errors) and from
 * an http page. WebKit has no address spaces: no override makes a page "public" there, and none
 * is needed, since its verdict does not depend on the page's address. Truth is WebKit's: the
 * page's outcome, what reached the server, and the console line ("[blocked] The page at … requested
 * insecure content from …").
 *
 * Ours: the `safari` profile on the exchange Chromium records for the same call from a public
 * page, (a) granted (the page on a public IP literal; the server's answer is known), and (b)
 * refused for Local Network Access (a page on a public name): there only the calls WebKit never
 * sends are comparable (Chromium did not send the others, so their answer is unknown).
 */
interface Call {
  readonly id: string;
  readonly kind: 'fetch' | 'xhr' | 'img';
  readonly page: 'https' | 'http';
  /** The target's scheme and host. */
  readonly target: 'http-ip' | 'http-localhost' | 'https-localhost';
}

const CALLS: readonly Call[] = (['https', 'http'] as const).flatMap((page) => [
  { id: `${page}-fetch-http-ip`, kind: 'fetch', page, target: 'http-ip' },
  { id: `${page}-fetch-http-localhost`, kind: 'fetch', page, target: 'http-localhost' },
  { id: `${page}-xhr-http-ip`, kind: 'xhr', page, target: 'http-ip' },
  { id: `${page}-img-http-ip`, kind: 'img', page, target: 'http-ip' },
  { id: `${page}-img-http-localhost`, kind: 'img', page, target: 'http-localhost' },
  { id: `${page}-fetch-https-localhost`, kind: 'fetch', page, target: 'https-localhost' },
]);

interface WebKitOutcome {
  readonly verdict: Verdict;
  readonly sent: boolean;
  readonly reason: SafariReason | null;
}

let server: ScenarioServer;
let urls: Map<string, string>;
let pages: Record<Call['page'], string>;
const outcomes = new Map<string, WebKitOutcome>();

function urlFor(call: Call): string {
  const apiPort = new URL(server.api).port;
  const httpsPort = new URL(server.fill('{site-alpha-https}')).port;
  const path = `/open/lna-${call.id}${call.kind === 'img' ? '.png' : ''}`;
  if (call.target === 'http-ip') return `http://127.0.0.1:${apiPort}${path}`;
  if (call.target === 'http-localhost') return `http://localhost:${apiPort}${path}`;
  return `https://localhost:${httpsPort}${path}`;
}

const RUN = `async (calls) => {
  const out = {};
  for (const [id, kind, url] of calls) {
    if (kind === 'img') out[id] = await new Promise((r) => { const i = new Image(); i.onload = () => r('load'); i.onerror = () => r('error'); i.src = url; });
    else if (kind === 'xhr') out[id] = await new Promise((r) => { const x = new XMLHttpRequest(); x.open('GET', url); x.onload = () => r('ok'); x.onerror = () => r('error'); x.send(); });
    else out[id] = await fetch(url).then(() => 'ok', () => 'error');
  }
  console.log('cors-lens:result ' + JSON.stringify(out));
  console.log('cors-lens:done');
}`;

function outcomeOf(call: Call, result: string, messages: readonly ConsoleMessage[]): WebKitOutcome {
  const url = urls.get(call.id) ?? '';
  const blockedLine = messages.some(
    (m) =>
      m.source === 'security' &&
      m.text.startsWith('[blocked]') &&
      m.text.includes(`insecure content from ${url}.`),
  );
  const sent = server.log.some((r) => r.url === new URL(url).pathname);
  const verdict: Verdict = result === 'error' ? 'blocked' : call.kind === 'img' ? 'opaque' : 'allowed';
  return { verdict, sent, reason: blockedLine ? 'MixedContent' : null };
}

beforeAll(async () => {
  server = await startServer([]);
  urls = new Map(CALLS.map((c) => [c.id, urlFor(c)]));
  const httpsPort = new URL(server.fill('{site-alpha-https}')).port;
  pages = { https: `https://127.0.0.1:${httpsPort}`, http: server.page.replace('localhost', '127.0.0.1') };
  for (const page of ['https', 'http'] as const) {
    const calls = CALLS.filter((c) => c.page === page).map((c) => [c.id, c.kind, urls.get(c.id)]);
    const messages = await runInWebKit(
      `${pages[page]}/page/page.html`,
      `(${RUN})(${JSON.stringify(calls)})`,
      'cors-lens:done',
      60_000,
      ['--ignore-tls-errors'],
    );
    const line = messages.find((m) => m.text.startsWith('cors-lens:result '))?.text ?? '{}';
    const results = JSON.parse(line.slice('cors-lens:result '.length)) as Record<string, string>;
    for (const call of CALLS.filter((c) => c.page === page))
      outcomes.set(call.id, outcomeOf(call, results[call.id] ?? 'missing', messages));
  }
}, 150_000);

afterAll(async () => {
  await server?.close();
});

/** The exchange Chromium records for `call` from a public page: granted (answered) or refused. */
function chromiumExchange(call: Call, refused: boolean): ObservedExchange {
  const initiatorOrigin = refused ? `${call.page}://public.example.test` : `${call.page}://203.0.113.7`;
  const url = urls.get(call.id) ?? '';
  const cors = call.kind !== 'img';
  const logged = server.log.find((r) => r.url === new URL(url).pathname);
  const base: ObservedExchange = {
    initiatorOrigin,
    url,
    method: 'GET',
    requestHeaders: cors ? [{ name: 'Origin', value: initiatorOrigin }] : [],
    destination: call.kind === 'img' ? 'image' : '',
    mode: cors ? 'cors' : 'no-cors',
    credentials: cors ? 'same-origin' : 'include',
    redirect: 'follow',
    preflights: [],
    redirects: [],
  };
  if (refused) return { ...base, networkError: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' };
  const headers = (logged?.response?.headers ?? [
    ['Access-Control-Allow-Origin', '*'],
    ['Content-Type', call.kind === 'img' ? 'image/png' : 'text/plain'],
  ]) as readonly (readonly [string, string])[];
  return {
    ...base,
    response: {
      status: logged?.response?.status ?? 200,
      headers: headers.map(([name, value]) => ({ name, value })),
    },
  };
}

describe('Local Network Access in WebKit (the safari profile)', () => {
  it('WebKit has no LNA check, and blocks plain-http loopback from https as mixed content', () => {
    const rows = CALLS.map((call) => ({ id: call.id, ...outcomes.get(call.id) }));
    console.table(rows);
    // What docs/engines.md and the README say WebKit does (this build, this run).
    for (const call of CALLS) {
      const o = outcomes.get(call.id);
      const mixed = call.page === 'https' && call.target !== 'https-localhost' && call.kind !== 'img';
      expect(o, call.id).toEqual(
        mixed
          ? { verdict: 'blocked', sent: false, reason: 'MixedContent' }
          : { verdict: call.kind === 'img' ? 'opaque' : 'allowed', sent: true, reason: null },
      );
    }
  });

  it('the safari profile agrees with WebKit on every call (granted in Chromium) and on every mixed-content call (refused)', () => {
    const rows = CALLS.flatMap((call) => {
      const webkit = outcomes.get(call.id);
      const variants = [false, true].filter((refused) => !refused || webkit?.sent === false);
      return variants.map((refused) => {
        const e = evaluate(chromiumExchange(call, refused), { profile: 'safari' });
        const chrome = evaluate(chromiumExchange(call, refused), { profile: 'chrome' });
        return {
          id: call.id,
          chromium: refused ? 'refused (LNA)' : 'granted',
          webkit: webkit?.verdict,
          ours: e.verdict,
          webkitReason: webkit?.reason ?? null,
          ourReason: e.safariReason,
          chromeProfile: chrome.corsError ?? chrome.verdict,
        };
      });
    });
    console.table(rows);
    const agree = rows.filter((r) => r.webkit === r.ours && r.webkitReason === r.ourReason).length;
    console.log(`webkit local-network agreement: verdicts and reasons ${agree}/${rows.length}`);
    expect(rows.filter((r) => r.webkit !== r.ours || r.webkitReason !== r.ourReason)).toEqual([]);
  });
});
