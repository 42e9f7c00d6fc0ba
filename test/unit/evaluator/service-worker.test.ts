/**
 * #http-fetch step 5: a service worker's answer the request may not use is a network error,
 * with no CORS check at all. Chromium's words for each (seen over CDP on the worker's target,
 * test/e2e/workers.test.ts): "The FetchEvent for … resulted in a network error response: …".
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { ObservedExchange, ServiceWorkerAnswer } from '../../../src/evaluator/types';
import { describeFix } from '../../../src/explain/fix';
import { summarize } from '../../../src/explain/summarize';
import { API, APP, ex } from './fixtures';

const SCRIPT = `${APP}/sw.js`;

/** The page's call, answered by its worker: no response, no network error, fetch() rejected. */
function answered(answer: Partial<ServiceWorkerAnswer>, overrides: Partial<ObservedExchange> = {}) {
  const { response: _none, ...rest } = ex({
    requestHeaders: [],
    requestHeadersSource: 'page',
    pageOutcome: { kind: 'rejected', message: 'TypeError: Failed to fetch' },
    serviceWorkerAnswer: { type: 'unknown', script: SCRIPT, ...answer },
    ...overrides,
  });
  return rest;
}

const chrome = (x: ObservedExchange) => evaluate(x, { profile: 'chrome' });

describe("a service worker's answer", () => {
  it('an opaque answer to a cors request: ServiceWorkerResponseTypeOpaque, in every profile', () => {
    const e = chrome(answered({ type: 'opaque', evidence: 'worker-request' }));
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBe('ServiceWorkerResponseTypeOpaque');
    expect(e.failedParameter).toBeNull();
    expect(Object.values(e.byProfile).map((p) => p.corsError)).toEqual(
      Array(4).fill('ServiceWorkerResponseTypeOpaque'),
    );
    const step = e.trace.find((s) => s.rule === 'service-worker.answer');
    expect(step).toMatchObject({
      anchor: '#http-fetch',
      actual: 'opaque',
      expected: 'basic, cors',
      outcome: 'fail',
    });
    expect(step?.subject).toBe(SCRIPT);
    // No CORS rule ran: the worker's answer is not checked against the server's headers.
    expect(e.trace.some((s) => s.rule.startsWith('cors.'))).toBe(false);
  });

  it('also for a same-origin URL (the worker answers whatever the URL)', () => {
    const e = chrome(answered({ type: 'opaque' }, { url: `${APP}/api/data` }));
    expect(e.corsError).toBe('ServiceWorkerResponseTypeOpaque');
  });

  it('an opaqueredirect answer unless the request asked for redirect "manual"', () => {
    expect(chrome(answered({ type: 'opaqueredirect' })).corsError).toBe(
      'ServiceWorkerResponseTypeOpaqueRedirect',
    );
    expect(chrome(answered({ type: 'opaqueredirect' }, { redirect: 'manual' })).corsError).toBe(
      'ServiceWorkerNetworkError',
    );
  });

  it('a redirected answer to a request whose redirect mode is not "follow"', () => {
    expect(chrome(answered({ type: 'redirected' }, { redirect: 'error' })).corsError).toBe(
      'ServiceWorkerRedirectedResponseForNotFollowRequest',
    );
    expect(chrome(answered({ type: 'redirected' })).corsError).toBe('ServiceWorkerNetworkError');
  });

  it('an answer not seen: ServiceWorkerNetworkError, which says to read the worker’s console', () => {
    const e = chrome(answered({}));
    expect(e.corsError).toBe('ServiceWorkerNetworkError');
    expect(e.fix.map((f) => f.pageChange)).toEqual(['sw-read-console']);
  });

  it('the words name the worker, what it answered with, and the fix in its fetch handler', () => {
    const x = answered({ type: 'opaque', evidence: 'worker-request' });
    const e = chrome(x);
    const record = {
      id: '1:page:0',
      tabId: 1,
      frameId: 0,
      type: 'fetch',
      startedAt: 0,
      exchange: x,
      evaluation: e,
    };
    const sentence = summarize(record);
    expect(sentence).toContain(
      `The page's service worker (${SCRIPT}) answered this "cors" request with an opaque response`,
    );
    expect(sentence).toContain('it fetched api.example with mode "no-cors"');
    expect(sentence).toContain('no request to api.example failed on the network');
    expect(e.fix).toHaveLength(1);
    const fix = describeFix(e.fix[0] as (typeof e.fix)[number]);
    expect(fix).toContain(`In the service worker's fetch handler, for GET ${API}/data`);
    expect(fix).toContain('event.respondWith(fetch(event.request))');
    expect(fix).toContain('mode "cors"');
    expect(fix).toContain('mode: "no-cors" on the page');
  });

  it('a forged answer of an unknown type is read as unknown, never thrown at', () => {
    const x = {
      ...answered({}),
      serviceWorkerAnswer: { type: 'weird', script: 3 },
    } as unknown as ObservedExchange;
    expect(chrome(x).corsError).toBe('ServiceWorkerNetworkError');
  });
});
