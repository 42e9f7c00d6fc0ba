/**
 * A fetch() that rejected on a page a service worker controls, with no failed request of the
 * page's own (src/content/sw-answers.ts): the worker answered it. When one of the worker's own
 * requests for that URL failed (a pass-through `fetch(event.request)` blocked by CORS), that
 * record already says why, and nothing is added. Otherwise the page's call becomes a record of
 * its own, with what is known of the worker's answer: the type its own request for the URL got
 * (a `no-cors` fetch answers opaque, an unfollowed 3xx opaqueredirect, a followed one
 * redirected), else the type of the copy the page's Cache Storage holds, else unknown. The
 * evaluator judges it (src/evaluator/service-worker.ts).
 */
import { getHeader } from '../../evaluator/headers';
import type { Header, ServiceWorkerAnswer } from '../../evaluator/types';
import type { PageCall } from '../../shared/record';
import { callFields, PAIRING_WINDOW_MS, withoutFragment } from '../assembly/exchange';
import { type Input, KEY, type Step, type StoredRecord } from '../state';
import { takePageCall } from './page-calls';
import { addRecord, saveTab, tabOf, updateRecord } from './records';

type Seen = Pick<ServiceWorkerAnswer, 'type' | 'evidence'> | 'failed';

export const isServiceWorkerRejection = (call: PageCall): boolean =>
  call.serviceWorker !== undefined && call.outcome?.kind === 'rejected';

/** What the worker's own request for `url`, attributed to this tab, says of its answer. */
function fromWorkerRequest(step: Step, tabId: number, url: string): Seen | undefined {
  const tab = step.state.tabs.get(tabId);
  for (let i = (tab?.ids.length ?? 0) - 1; i >= 0; i--) {
    const record = step.state.records.get(tab?.ids[i] ?? '');
    if (!record) continue;
    if (step.now - record.startedAt > PAIRING_WINDOW_MS) break;
    if (!record.worker || withoutFragment(record.exchange.url) !== url) continue;
    return seenIn(record.exchange);
  }
  // Still in flight: its body may still be coming while the page has already failed.
  for (const flight of step.state.flights.values()) {
    if (!flight.workerTabs?.includes(tabId) || flight.isPreflight || withoutFragment(flight.url) !== url)
      continue;
    // Redirected, no answer yet, and the page already failed: the worker stopped at the redirect.
    if (flight.redirects.length > 0 && !flight.response)
      return { type: 'opaqueredirect', evidence: 'worker-request' };
    return typeOf(
      flight.firstHeaders ?? [],
      flight.redirects.length,
      flight.response?.status,
      flight.response?.headers,
    );
  }
  return undefined;
}

/** What a finished request of the worker says of the answer it gave. */
function seenIn(x: StoredRecord['exchange']): Seen | undefined {
  // A fetch with redirect "manual" stops at the 3xx (reducers/web-request.ts): the worker got
  // an opaqueredirect response.
  if (x.redirect === 'manual' && x.redirects.length > 0 && !x.response)
    return { type: 'opaqueredirect', evidence: 'worker-request' };
  if (x.networkError !== undefined) return 'failed';
  return typeOf(x.requestHeaders, x.redirects.length, x.response?.status, x.response?.headers);
}

/**
 * A worker's request finished after the page's rejection was recorded with an unknown answer
 * (their events arrive by different routes, in either order): it explains the rejection. Failed
 * (a pass-through blocked by CORS): the page's record goes, that one says why. Else its type,
 * when it shows one, becomes the answer's.
 */
export function reconcileAnswers(step: Step, done: StoredRecord): void {
  const seen = seenIn(done.exchange);
  if (seen === undefined) return;
  const url = withoutFragment(done.exchange.url);
  const tab = step.state.tabs.get(done.tabId);
  if (!tab) return;
  for (let i = tab.ids.length - 1; i >= 0; i--) {
    const id = tab.ids[i] ?? '';
    const record = step.state.records.get(id);
    if (!record) continue;
    if (step.now - record.startedAt > PAIRING_WINDOW_MS) break;
    const answer = record.exchange.serviceWorkerAnswer;
    if (answer?.type !== 'unknown' || withoutFragment(record.exchange.url) !== url) continue;
    if (seen === 'failed') {
      tab.ids.splice(i, 1);
      step.state.records.delete(id);
      step.effects.push({ kind: 'drop', key: KEY.record(id) }, { kind: 'badge', tabId: tab.tabId });
    } else {
      const exchange = { ...record.exchange, serviceWorkerAnswer: { ...answer, ...seen } };
      updateRecord(step, { ...record, exchange });
    }
  }
}

function typeOf(
  headers: readonly Header[],
  redirects: number,
  status: number | undefined,
  responseHeaders: readonly Header[] | undefined,
): Seen | undefined {
  if (getHeader(headers, 'sec-fetch-mode')?.toLowerCase() === 'no-cors')
    return { type: 'opaque', evidence: 'worker-request' };
  if (status !== undefined && status >= 300 && status < 400 && getHeader(responseHeaders ?? [], 'location'))
    return { type: 'opaqueredirect', evidence: 'worker-request' };
  if (redirects > 0) return { type: 'redirected', evidence: 'worker-request' };
  return undefined;
}

function fromCache(call: PageCall): Seen | undefined {
  const cached = call.serviceWorker?.cached;
  return cached === 'opaque' || cached === 'opaqueredirect' ? { type: cached, evidence: 'cache' } : undefined;
}

/** A request of the page's own for the call is in flight: the worker let it through to the network. */
function ownRequestInFlight(
  step: Step,
  tabId: number,
  frameId: number,
  url: string,
  method: string,
): boolean {
  for (const flight of step.state.flights.values()) {
    if (
      flight.tabId === tabId &&
      flight.workerTabs === undefined &&
      flight.frameId === frameId &&
      flight.method.toUpperCase() === method.toUpperCase() &&
      withoutFragment(flight.url) === url
    )
      return true;
  }
  return false;
}

/**
 * True when the rejection was handled here (a record made, or one that explains it exists);
 * false when a request of the page's own may still explain it (then the call waits for it).
 */
export function reduceServiceWorkerRejection(
  step: Step,
  input: Extract<Input, { type: 'page-call' }>,
): boolean {
  const { call, tabId, frameId } = input;
  const url = withoutFragment(call.url);
  if (ownRequestInFlight(step, tabId, frameId, url, call.method)) return false;
  const seen = fromWorkerRequest(step, tabId, url) ?? fromCache(call);
  const tab = tabOf(step, tabId);
  // The call as first reported (before it settled) waits for a request that will not come.
  takePageCall(step, tab, url, call.method, frameId, step.now);
  if (seen === 'failed') return true;
  const answer: ServiceWorkerAnswer = {
    type: seen?.type ?? 'unknown',
    ...(call.serviceWorker ? { script: call.serviceWorker.script } : {}),
    ...(seen?.evidence === undefined ? {} : { evidence: seen.evidence }),
  };
  const record: StoredRecord = {
    id: `${tabId}:page:${tab.nextPageCall++}`,
    tabId,
    frameId,
    type: call.api === 'xhr' ? 'xmlhttprequest' : 'fetch',
    startedAt: step.now,
    endedAt: step.now,
    exchange: {
      initiatorOrigin: input.origin,
      url: call.url,
      method: call.method,
      requestHeaders: call.headerNames.map((name) => ({ name, value: '' })),
      requestHeadersSource: 'page',
      destination: '',
      preflights: [],
      redirects: [],
      serviceWorkerAnswer: answer,
      ...callFields(call),
    },
    call,
  };
  addRecord(step, tab, record);
  saveTab(step, tab); // its page-call counter moved
  return true;
}
