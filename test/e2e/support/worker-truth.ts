/**
 * Chromium's own decisions on worker targets, the truth test/e2e/workers.test.ts compares with:
 * a worker's requests are reported only on its own target (not the page's), and a service
 * worker's answer the page may not use only in its console ("The FetchEvent for "URL" resulted in
 * a network error response: …", FetchRespondWithObserver in Blink). Sessions are not flat: the
 * messages come through Target.receivedMessageFromTarget on one browser session.
 */
import type { CDPSession } from 'playwright-core';
import type { Browser } from './browser';

export interface NetworkTruth {
  verdict: 'allowed' | 'blocked';
  corsError: string | null;
  failedParameter: string | null;
}

/** Chromium's console reasons for a service worker's answer, to the evaluator's codes. */
const ANSWER_REASONS: readonly (readonly [RegExp, string])[] = [
  [
    /an "opaque" response was used for a request whose type is not no-cors/,
    'ServiceWorkerResponseTypeOpaque',
  ],
  [
    /an "opaqueredirect" type response was used for a request whose redirect mode is not "manual"/,
    'ServiceWorkerResponseTypeOpaqueRedirect',
  ],
  [
    /a redirected response was used for a request whose redirect mode is not "follow"/,
    'ServiceWorkerRedirectedResponseForNotFollowRequest',
  ],
];
const FETCH_EVENT = /^The FetchEvent for "([^"]+)" resulted in a network error response: (.*)$/;

export interface WorkerTruth {
  /** The last decision on each worker request URL (not preflights). */
  readonly network: Map<string, NetworkTruth>;
  /** The service worker's console reason for each page URL it answered with a network error. */
  readonly answers: Map<string, { text: string; code: string }>;
  /**
   * Attaches to every worker target of these origins not attached yet (service and shared
   * workers unless `types` says otherwise: `worker` is a dedicated one); returns their types.
   */
  attach(origins: readonly string[], types?: readonly string[]): Promise<string[]>;
  detach(): Promise<void>;
}

export async function watchWorkerTargets(browser: Browser): Promise<WorkerTruth> {
  const owner = browser.context.browser();
  if (!owner) throw new Error('no browser behind the context');
  const cdp: CDPSession = await owner.newBrowserCDPSession();
  const network = new Map<string, NetworkTruth>();
  const answers = new Map<string, { text: string; code: string }>();
  const urls = new Map<string, string>(); // `${sessionId}:${requestId}` -> URL
  const attached = new Set<string>();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    const m = JSON.parse(e.message) as { method?: string; params?: Record<string, unknown> };
    const p = m.params ?? {};
    if (m.method === 'Log.entryAdded') {
      const text = String((p.entry as { text?: unknown } | undefined)?.text ?? '');
      const found = FETCH_EVENT.exec(text);
      if (found?.[1] !== undefined) {
        const reason = found[2] ?? '';
        const code =
          ANSWER_REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'ServiceWorkerNetworkError';
        answers.set(found[1], { text: reason, code });
      }
      return;
    }
    const key = `${e.sessionId}:${String(p.requestId)}`;
    if (m.method === 'Network.requestWillBeSent') {
      const request = p.request as { url: string; method: string };
      if (request.method !== 'OPTIONS' && !urls.has(key)) urls.set(key, request.url);
    }
    const url = urls.get(key);
    if (url === undefined) return;
    if (m.method === 'Network.loadingFinished')
      network.set(url, { verdict: 'allowed', corsError: null, failedParameter: null });
    if (m.method === 'Network.loadingFailed') {
      const status = p.corsErrorStatus as { corsError: string; failedParameter: string } | undefined;
      network.set(url, {
        verdict: 'blocked',
        corsError: status?.corsError ?? null,
        failedParameter: status?.failedParameter ? status.failedParameter : null,
      });
    }
  });
  const send = async (sessionId: string, method: string): Promise<void> => {
    const id = nextId++;
    const answered = new Promise<void>((resolve) => {
      const on = (e: { sessionId: string; message: string }) => {
        if (e.sessionId === sessionId && (JSON.parse(e.message) as { id?: number }).id === id) {
          cdp.off('Target.receivedMessageFromTarget', on);
          resolve();
        }
      };
      cdp.on('Target.receivedMessageFromTarget', on);
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params: {} }),
    });
    await answered;
  };
  return {
    network,
    answers,
    async attach(origins, types = ['service_worker', 'shared_worker']) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
      const workers = targetInfos.filter(
        (t) => types.includes(t.type) && origins.some((origin) => t.url.startsWith(`${origin}/`)),
      );
      for (const target of workers) {
        if (attached.has(target.targetId)) continue;
        attached.add(target.targetId);
        const { sessionId } = (await cdp.send('Target.attachToTarget', {
          targetId: target.targetId,
          flatten: false,
        })) as { sessionId: string };
        await send(sessionId, 'Network.enable');
        await send(sessionId, 'Log.enable');
      }
      return workers.map((t) => `${t.type} ${t.url}`).sort();
    },
    detach: () => cdp.detach().catch(() => undefined),
  };
}
