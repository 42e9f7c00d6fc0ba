/**
 * webRequest glue: registers observe-only listeners (never 'blocking', never a return value)
 * with `extraHeaders` where the browser supports it. Chrome hides preflights, `Origin` and the
 * Access-Control-* headers without it; Firefox rejects the flag, so it is feature-detected.
 */
import type { Header } from '../evaluator/types';
import { browser, type WebRequest } from './browser';
import {
  extraInfoSpec,
  type ListenerSpec,
  typesFor,
  WEB_REQUEST_FILTER,
  WEB_REQUEST_LISTENERS,
} from './listeners';
import { UnfilteredDrain } from './unfiltered-drain';

/** The fields of a webRequest event the capture uses, the same shape in Chrome and Firefox. */
export interface RequestEvent {
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly type: string;
  readonly timeStamp: number;
  /** Chrome: the initiator's origin. */
  readonly initiator?: string;
  /** Firefox: the URL of the resource that triggered the request. */
  readonly originUrl?: string;
  readonly documentUrl?: string;
  readonly requestHeaders?: readonly Header[];
  readonly responseHeaders?: readonly Header[];
  readonly statusCode?: number;
  readonly redirectUrl?: string;
  readonly error?: string;
  readonly fromCache?: boolean;
  /** The address the browser connected to (Chrome: on responses; absent when served from a cache). */
  readonly ip?: string;
}

export type WebRequestEventName =
  | 'beforeRequest'
  | 'beforeSendHeaders'
  | 'sendHeaders'
  | 'headersReceived'
  | 'beforeRedirect'
  | 'responseStarted'
  | 'completed'
  | 'errorOccurred';

interface ChromeWebRequestEnums {
  webRequest?: { OnBeforeSendHeadersOptions?: { EXTRA_HEADERS?: string } };
}

/** True where `extraHeaders` exists (Chromium); Firefox rejects the value. */
export function supportsExtraHeaders(): boolean {
  const fromBrowser: unknown = Reflect.get(
    Reflect.get(browser.webRequest, 'OnBeforeSendHeadersOptions') ?? {},
    'EXTRA_HEADERS',
  );
  const fromChrome = (globalThis as { chrome?: ChromeWebRequestEnums }).chrome?.webRequest
    ?.OnBeforeSendHeadersOptions?.EXTRA_HEADERS;
  return fromBrowser === 'extraHeaders' || fromChrome === 'extraHeaders';
}

/** A header as the worker keeps it; the browser's own object when it is already that shape. */
function headerOf(h: { name?: unknown; value?: unknown; binaryValue?: unknown }): Header {
  // A fresh copy the browser made for this listener (nobody else holds it): kept, not copied.
  if (typeof h.name === 'string' && typeof h.value === 'string') return h as Header;
  return {
    name: String(h.name ?? ''),
    value:
      typeof h.value === 'string'
        ? h.value
        : Array.isArray(h.binaryValue)
          ? String.fromCharCode(...(h.binaryValue as number[]))
          : '',
  };
}

const headersOf = (value: unknown): Header[] | undefined =>
  Array.isArray(value) ? value.map(headerOf) : undefined;

/** The event's fields the capture uses, checked (built field by field: this runs on every event). */
function normalise(details: unknown): RequestEvent {
  const d = details as Record<string, unknown>;
  const event: { -readonly [K in keyof RequestEvent]: RequestEvent[K] } = {
    requestId: String(d.requestId),
    url: String(d.url),
    method: String(d.method ?? 'GET'),
    tabId: typeof d.tabId === 'number' ? d.tabId : -1,
    frameId: typeof d.frameId === 'number' ? d.frameId : 0,
    type: String(d.type ?? 'other'),
    timeStamp: typeof d.timeStamp === 'number' ? d.timeStamp : Date.now(),
  };
  if (typeof d.initiator === 'string') event.initiator = d.initiator;
  if (typeof d.originUrl === 'string') event.originUrl = d.originUrl;
  if (typeof d.documentUrl === 'string') event.documentUrl = d.documentUrl;
  if (d.requestHeaders) event.requestHeaders = headersOf(d.requestHeaders);
  if (d.responseHeaders) event.responseHeaders = headersOf(d.responseHeaders);
  if (typeof d.statusCode === 'number') event.statusCode = d.statusCode;
  if (typeof d.redirectUrl === 'string') event.redirectUrl = d.redirectUrl;
  if (typeof d.error === 'string') event.error = d.error;
  if (typeof d.fromCache === 'boolean') event.fromCache = d.fromCache;
  if (typeof d.ip === 'string') event.ip = d.ip;
  return event;
}

type Listener = (name: WebRequestEventName, event: RequestEvent) => void;

/** The tabs whose requests are delivered: every tab (`all`), or these only (plain data). */
export interface ListenPlan {
  readonly all: boolean;
  readonly tabs: readonly number[];
  /** Also requests without a tab (workers): only an unfiltered set delivers them. */
  readonly untabbed?: true;
}

type Registered = { readonly spec: ListenerSpec; readonly callback: (details: unknown) => void }[];

/**
 * The capture's listeners, following the recording scope: `follow(plan)` adds and removes
 * listener sets so that exactly the plan's requests are delivered. A RequestFilter takes ONE
 * `tabId`, so each recorded tab has its own set (seven listeners); `all` is one unfiltered set.
 * With no tab recorded, no capture listener exists: the browser delivers nothing.
 *
 * Call at the worker's top level: until the first plan (the stored scope, read asynchronously)
 * an unfiltered set is registered, synchronously. Measured in Chromium 156: a restarted worker
 * that only re-adds its tab listeners once storage answers loses the events the browser hands
 * it meanwhile (a request's headers and completion: the request is never finished); the
 * provisional set receives them, and the capture keeps those of recorded tabs only.
 */
export function webRequestFollower(listener: Listener): (plan: ListenPlan) => void {
  const extra = supportsExtraHeaders();
  const types = browserResourceTypes();
  const sets = new Map<'all' | number, Registered>();
  const drain = new UnfilteredDrain(() => remove('all'));
  const add = (key: 'all' | number): void => {
    const registered: Registered = [];
    for (const spec of WEB_REQUEST_LISTENERS) {
      const name = spec.name;
      const filter: Filter = {
        urls: [...WEB_REQUEST_FILTER.urls],
        ...typesField(typesFor(spec, types)),
        ...(key === 'all' ? {} : { tabId: key }),
      };
      const callback = (details: unknown) => {
        const event = normalise(details);
        if (drain.delivers(key, name, event.requestId)) listener(name, event);
      };
      register(spec, extra, filter, callback);
      registered.push({ spec, callback });
    }
    sets.set(key, registered);
  };
  const remove = (key: 'all' | number): void => {
    for (const { spec, callback } of sets.get(key) ?? [])
      browser.webRequest[spec.event].removeListener(callback);
    sets.delete(key);
  };
  add('all');
  return (plan) => {
    // The unfiltered set covers the tabs too: a tab's own set beside it would deliver twice.
    const wanted = new Set<'all' | number>(plan.all || plan.untabbed ? ['all'] : plan.tabs);
    if (wanted.has('all')) drain.cancel();
    for (const key of wanted) if (!sets.has(key)) add(key);
    for (const key of [...sets.keys()]) {
      if (wanted.has(key)) continue;
      // Narrowing to tab sets: the unfiltered set finishes the requests it has begun (the
      // browser never hands a request that started before a listener existed to that listener).
      if (key === 'all' && wanted.size > 0) drain.start();
      else {
        if (key === 'all') drain.stop();
        remove(key);
      }
    }
  };
}

/**
 * Top-level navigations of every tab, from one onBeforeRequest listener filtered to `main_frame`
 * (the browser matches the type before delivering: one event per navigation and redirect hop,
 * none per subresource). Registered synchronously at the worker's top level: a navigation wakes
 * a stopped worker, which then listens to the tab before the page's own requests start.
 */
export function onNavigation(handler: (tabId: number, url: string) => void): void {
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0) handler(details.tabId, details.url);
    },
    { urls: [...WEB_REQUEST_FILTER.urls], types: ['main_frame'] },
  );
}

/** The browser's webRequest.ResourceType values (Chrome and Firefox expose the enum). */
function browserResourceTypes(): string[] | undefined {
  const values: unknown = Reflect.get(browser.webRequest, 'ResourceType');
  if (typeof values !== 'object' || values === null) return undefined;
  return Object.values(values).filter((value): value is string => typeof value === 'string');
}

/** Values taken from the browser's own enum: what its filter accepts, whatever the typings list. */
function isResourceType(value: string): value is WebRequest.ResourceType {
  return value.length > 0;
}

function typesField(types: string[] | undefined): { types?: WebRequest.ResourceType[] } {
  return types === undefined ? {} : { types: types.filter(isResourceType) };
}

type Filter = { urls: string[]; types?: WebRequest.ResourceType[]; tabId?: number };

/** One listener of the table, with its extraInfoSpec (typed per event family: no cast). */
function register(
  spec: ListenerSpec,
  extra: boolean,
  filter: Filter,
  callback: (details: unknown) => void,
): void {
  const wr = browser.webRequest;
  switch (spec.event) {
    case 'onBeforeRequest':
    case 'onErrorOccurred':
      wr[spec.event].addListener(callback, filter);
      break;
    case 'onBeforeSendHeaders':
    case 'onSendHeaders':
      wr[spec.event].addListener(callback, filter, extraInfoSpec(spec.headers, extra));
      break;
    default:
      wr[spec.event].addListener(callback, filter, extraInfoSpec(spec.headers, extra));
  }
}
