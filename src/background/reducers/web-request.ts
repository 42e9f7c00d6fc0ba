/**
 * webRequest events: a request in flight per requestId, assembled hop by hop, finished into a
 * record on its last event. A main-frame response is a navigation of the tab.
 */
import { addressSpaceOfIp } from '../../evaluator/address-space';
import { getHeader } from '../../evaluator/headers';
import { originOf } from '../../evaluator/origin-of';
import type { ObservedExchange } from '../../evaluator/types';
import type { RequestEvent } from '../../platform/webrequest';
import {
  type InFlight,
  initiatorOf,
  isExtensionOrigin,
  isObservableType,
  isPreflightRequest,
  leavesOrigin,
  toExchange,
  withoutBrowserNoise,
} from '../assembly/exchange';
import { attributeWorkerRequest, NO_TAB, workerContextOf } from '../assembly/worker-attribution';
import { type Input, KEY, type Step, type StoredRecord } from '../state';
import { adoptNoTabRecords } from './no-tab';
import { takePageCall } from './page-calls';
import { adoptPreflight, preflightDone } from './preflights';
import { addRecord, clearBefore, indexFlight, saveFlight, saveTab, tabOf } from './records';
import { follow, isTabRecorded } from './scope';
import { reconcileAnswers } from './sw-answers';

const isCancellation = (error: string | undefined) =>
  error === 'net::ERR_ABORTED' || error === 'NS_BINDING_ABORTED';

export function reduceWebRequest(step: Step, input: Extract<Input, { type: 'web-request' }>): void {
  const { name } = input;
  const workerTabs = input.event.tabId < 0 ? workerTabsOf(step, input.event) : undefined;
  if (input.event.tabId < 0 && !workerTabs) return;
  // A worker's request is handled as its first tab's; the others get a copy of its record.
  const event = workerTabs ? { ...input.event, tabId: workerTabs[0] ?? -1 } : input.event;
  // Tabs outside the scope: the listeners exclude them, but for the provisional set a restarted
  // worker has until its stored scope is read, and events already queued when a tab left.
  // A worker's request no tab of its origin was open for goes to its own group (NO_TAB).
  const noTab = event.tabId === NO_TAB && workerTabs !== undefined;
  if (!noTab && (event.tabId < 0 || !isTabRecorded(step.state, event.tabId))) return;
  if (event.type === 'main_frame') {
    if (name === 'responseStarted') navigated(step, event.tabId, event.url, event.timeStamp);
    return;
  }
  if (name === 'beforeRequest') {
    startFlight(step, event, workerTabs);
    return;
  }
  const flight = step.state.flights.get(event.requestId) ?? recoverFlight(step, event, workerTabs);
  if (!flight) return;
  flight.touchedAt = step.now; // in memory only: recovery compares it with this worker's wake-up
  let took = false;
  switch (name) {
    case 'beforeSendHeaders':
    case 'sendHeaders':
      // onBeforeSendHeaders is registered without headers (onSendHeaders brings them).
      if (!event.requestHeaders) return;
      flight.hopHeaders = withoutBrowserNoise(event.requestHeaders);
      if (flight.redirects.length === 0) flight.firstHeaders = flight.hopHeaders;
      if (flight.isPreflight === undefined)
        flight.isPreflight = isPreflightRequest(flight.method, flight.hopHeaders);
      break;
    case 'headersReceived':
    case 'responseStarted':
      // onResponseStarted comes without headers: it must not erase what onHeadersReceived gave.
      if (!event.responseHeaders && flight.response) return; // nothing new to store
      flight.response = { status: event.statusCode ?? 0, headers: [...(event.responseHeaders ?? [])] };
      noteAddress(flight, event.ip);
      break;
    case 'beforeRedirect':
      took = redirected(step, flight, event);
      break;
    case 'completed':
      if (event.responseHeaders) {
        flight.response = { status: event.statusCode ?? 0, headers: [...event.responseHeaders] };
      }
      noteAddress(flight, event.ip);
      finishFlight(step, flight);
      return;
    case 'errorOccurred':
      finishFlight(step, flight, event.error ?? 'net::ERR_FAILED');
      return;
    default:
      return;
  }
  saveFlight(step, flight, took ? 'took-stored' : undefined);
}

/**
 * Only a non-public address can make a local network request, so only such an address is kept:
 * a public one would cost storage on every record and decide nothing.
 */
function noteAddress(flight: InFlight, ip: string | undefined): void {
  if (ip === undefined) return;
  const space = addressSpaceOfIp(ip);
  if (space === 'local' || space === 'loopback') flight.remoteIp = ip;
  else delete flight.remoteIp;
}

/**
 * A later event of a request whose start never reached storage (the worker was stopped within
 * the write delay): every event carries URL, method, tab and initiator, so the request is
 * picked up from here; only the headers of the events it missed are unknown.
 */
function recoverFlight(
  step: Step,
  event: RequestEvent,
  workerTabs: readonly number[] | undefined,
): InFlight | undefined {
  startFlight(step, event, workerTabs);
  const flight = step.state.flights.get(event.requestId);
  // An OPTIONS whose headers we missed: in practice a CORS preflight.
  if (flight && flight.isPreflight === undefined && event.type === 'xmlhttprequest')
    flight.isPreflight = true;
  return flight;
}

/**
 * The tabs a request without a tab goes to: those its flight was given when it started (the
 * tabs' pages may change while it is in flight), else the attribution rule's.
 */
function workerTabsOf(step: Step, event: RequestEvent): readonly number[] | undefined {
  const flight = step.state.flights.get(event.requestId);
  if (flight) return flight.workerTabs;
  return attributeWorkerRequest(step.state, event, (tabId) => isTabRecorded(step.state, tabId))?.tabs;
}

function startFlight(step: Step, event: RequestEvent, workerTabs?: readonly number[]): void {
  if (!isObservableType(event.type)) return;
  // Chromium fires onBeforeRequest again, same requestId, for each redirect hop.
  if (step.state.flights.get(event.requestId)?.currentUrl === event.url) return;
  const initiator = initiatorOf(event);
  if (initiator === undefined || isExtensionOrigin(initiator)) return;
  const flight: InFlight = {
    requestId: event.requestId,
    tabId: event.tabId,
    frameId: event.frameId,
    type: event.type,
    ...(event.documentUrl === undefined ? {} : { documentUrl: event.documentUrl }),
    initiator,
    method: event.method,
    url: event.url,
    currentUrl: event.url,
    startedAt: event.timeStamp, // the browser's clock: navigations are compared on it
    redirects: [],
    preflights: [],
    ...(event.method === 'OPTIONS' ? {} : { isPreflight: false }),
    ...(workerTabs ? { workerTabs } : {}),
  };
  const adopted = flight.isPreflight === false && adoptPreflight(step, flight);
  step.state.flights.set(flight.requestId, flight);
  indexFlight(step, flight);
  // Written only once it holds what no later event brings back (a preflight it took, request
  // headers, the answer, the page's call): the rest every later event repeats (recoverFlight).
  if (adopted) saveFlight(step, flight, 'took-stored');
}

/** True when the next hop took a preflight that was waiting (under a key of its own). */
function redirected(step: Step, flight: InFlight, event: RequestEvent): boolean {
  const headers = event.responseHeaders ?? flight.response?.headers ?? [];
  // A preflight is never followed (Fetch, CORS-preflight fetch: a redirect is not an ok status),
  // but Firefox fires onBeforeRedirect for it all the same, then onResponseStarted (status 0)
  // and the error at the Location: its 3xx is the preflight's answer, and it stays at its own
  // URL, where its actual request pairs with it.
  if (flight.isPreflight) {
    flight.response = { status: event.statusCode ?? flight.response?.status ?? 0, headers: [...headers] };
    return false;
  }
  const location = getHeader(headers, 'location') ?? event.redirectUrl ?? '';
  flight.redirects.push({
    url: flight.currentUrl,
    ...(flight.hopHeaders ? { requestHeaders: flight.hopHeaders } : {}),
    response: { status: event.statusCode ?? flight.response?.status ?? 0, headers: [...headers] },
    location,
  });
  flight.currentUrl = event.redirectUrl ?? flight.currentUrl;
  delete flight.response;
  delete flight.hopHeaders;
  return flight.isPreflight === false && adoptPreflight(step, flight);
}

export function dropFlight(step: Step, flight: InFlight): void {
  step.state.flights.delete(flight.requestId);
  step.effects.push({ kind: 'drop', key: KEY.flight(flight.requestId) });
}

/** The request's last event (or recovery): a record, a preflight for pairing, or nothing. */
export function finishFlight(step: Step, flight: InFlight, networkError?: string): void {
  step.state.flights.delete(flight.requestId);
  const recorded = recordFlight(step, flight, networkError);
  // Once its record is written, the request's in-flight key may go later, with other removals:
  // if a stop keeps it, the wake-up finishes it again into the same record id, which is skipped.
  step.effects.push({ kind: 'drop', key: KEY.flight(flight.requestId), ...(recorded ? { lazy: true } : {}) });
}

/** True when a new record was added for the finished request. */
function recordFlight(step: Step, flight: InFlight, networkError: string | undefined): boolean {
  // Chromium probes the cache before loading a font for real: the probe is not a request.
  if (networkError === 'net::ERR_CACHE_MISS') return false;
  if (flight.isPreflight) {
    preflightDone(step, flight, networkError);
    return false;
  }
  if (!leavesOrigin(flight)) return false;
  // Cancelled by the page or the browser (abort(), EventSource.close(), navigation) before any
  // answer: nothing CORS could judge, and counting it as blocked would mislead the badge.
  if (isCancellation(networkError) && !flight.response && flight.redirects.length === 0) return false;
  const id = `${flight.tabId}:${flight.requestId}`;
  // Finished already, before a worker stop that kept its in-flight key: the record is stored.
  if (step.state.records.has(id)) return false;
  // Cancelled after the answer arrived (a stream closed mid-body): the answer is what CORS judged.
  // A worker's fetch with redirect "manual" shows as a redirect, then a cancellation (Chromium
  // 156); no hook tells a worker's redirect mode, so that is read as the mode.
  const manual =
    flight.workerTabs !== undefined &&
    isCancellation(networkError) &&
    !flight.response &&
    flight.redirects.length > 0;
  const error = (isCancellation(networkError) && flight.response) || manual ? undefined : networkError;
  adoptPreflight(step, flight);
  const tab = tabOf(step, flight.tabId);
  if (!flight.call) {
    const call = takePageCall(step, tab, flight.url, flight.method, flight.frameId, flight.startedAt);
    if (call) flight.call = call;
  }
  const record: StoredRecord = {
    id,
    tabId: flight.tabId,
    frameId: flight.frameId,
    ...(flight.documentUrl === undefined ? {} : { documentUrl: flight.documentUrl }),
    type: flight.type,
    startedAt: flight.startedAt,
    endedAt: step.now,
    exchange: withTopLevel(
      manual ? { ...toExchange(flight, error), redirect: 'manual' } : toExchange(flight, error),
      flight.frameId,
      tab.pageUrl,
    ),
    ...(flight.call ? { call: flight.call } : {}),
    ...(flight.workerTabs ? { worker: workerOf(step, flight.workerTabs, flight.initiator) } : {}),
  };
  addRecord(step, tab, record);
  if (flight.workerTabs) reconcileAnswers(step, record);
  // Several tabs of the worker's origin: each shows the request (worker-attribution.ts's rule).
  for (const other of flight.workerTabs?.slice(1) ?? []) {
    const copy = { ...record, id: `${other}:${flight.requestId}`, tabId: other };
    if (!step.state.records.has(copy.id)) addRecord(step, tabOf(step, other), copy);
    reconcileAnswers(step, copy);
  }
  return true;
}

/** A worker's request: its kind, and how many tabs got it (none: the NO_TAB group). */
function workerOf(step: Step, tabs: readonly number[], initiator: string) {
  const shown = tabs.filter((tabId) => tabId !== NO_TAB);
  return { ...workerContextOf(step.state, shown, initiator), tabs: shown.length };
}

/**
 * A frame's request carries the tab's top-level origin: Local Network Access asks a frame's
 * embedder to delegate the permission (`allow="local-network"`), and the words say so.
 */
function withTopLevel(exchange: ObservedExchange, frameId: number, pageUrl: string | undefined) {
  if (frameId === 0 || pageUrl === undefined) return exchange;
  const top = originOf(pageUrl);
  return top === undefined || top === exchange.initiatorOrigin
    ? exchange
    : { ...exchange, topLevelOrigin: top };
}

function navigated(step: Step, tabId: number, url: string, at: number): void {
  if (!step.state.settings.preserveLog) {
    for (const flight of [...step.state.flights.values()]) {
      if (flight.tabId === tabId && flight.startedAt < at) dropFlight(step, flight);
    }
    clearBefore(step, tabId, at);
  }
  const tab = tabOf(step, tabId);
  tab.pageUrl = url;
  const hadWorkers = tab.workerKinds !== undefined;
  delete tab.workerKinds; // the new page reports its own (reducers/page-workers.ts)
  saveTab(step, tab);
  adoptNoTabRecords(step, tab, originOf(url));
  if (hadWorkers) follow(step); // the listeners for requests without a tab may end
}
