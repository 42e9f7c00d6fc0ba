/**
 * The capture: turns webRequest events and page-hook calls into evaluated records, per tab and
 * page load, persisted so that a worker stopped by the browser at any moment loses nothing.
 * Events that arrive before the persisted state is loaded wait in a queue; none is dropped.
 */
import { getHeader } from '../evaluator/headers';
import type { BrowserProfile } from '../evaluator/types';
import type { Badge, KeyValueStore } from '../platform/extension';
import type { RequestEvent, WebRequestEventName } from '../platform/webrequest';
import type { Settings } from '../shared/protocol';
import type { CorsRecord, PageCall } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';
import {
  type InFlight,
  initiatorOf,
  isExtensionOrigin,
  isObservableType,
  isPreflightRequest,
  type LoosePreflight,
  leavesOrigin,
  toExchange,
  withoutBrowserNoise,
} from './assembly/exchange';
import { PageCalls } from './page-calls';
import { PreflightPairing } from './preflights';
import { KEY, Persister } from './store/persist';
import { RecordStore, type StoredRecord, type StoreEvent, type TabState } from './store/record-store';
import { summarizeTab } from './store/summary';

export type CaptureEvent = StoreEvent;

export interface CaptureDeps {
  readonly session: KeyValueStore;
  readonly local: KeyValueStore;
  readonly badge: Badge;
  readonly profile: BrowserProfile;
  readonly now?: () => number;
}

const isCancellation = (error: string | undefined) =>
  error === 'net::ERR_ABORTED' || error === 'NS_BINDING_ABORTED';

/** After a wake-up, how long a request from before may stay silent before we finish it. */
const RECOVERY_DELAY_MS = 1_500;
/** A request with no answer and no event for this long is given up. */
const STALE_FLIGHT_MS = 120_000;

export class Capture {
  private readonly flights = new Map<string, InFlight>();
  private settingsValue: Settings = DEFAULT_SETTINGS;
  private readonly persist: Persister;
  private readonly store: RecordStore;
  private readonly preflights: PreflightPairing;
  private readonly pageCalls: PageCalls;
  private queue: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly deps: CaptureDeps) {
    this.now = deps.now ?? Date.now;
    this.persist = new Persister(deps.session, () => this.store.freeSpace());
    this.store = new RecordStore(
      this.persist,
      deps.badge,
      deps.profile,
      () => this.settingsValue.maxRecordsPerTab,
    );
    this.preflights = new PreflightPairing(this.flights, this.store, this.persist, this.now);
    this.pageCalls = new PageCalls(this.flights, this.store, this.persist, this.now);
    this.queue = this.load();
  }

  // ---- inputs --------------------------------------------------------------------------------

  onWebRequest(name: WebRequestEventName, event: RequestEvent): void {
    this.enqueue(() => this.applyWebRequest(name, event));
  }

  onPageCall(
    call: PageCall,
    refused: boolean,
    tabId: number,
    frameId: number,
    origin: string,
  ): Promise<void> {
    return this.enqueue(() => this.pageCalls.apply(call, refused, tabId, frameId, origin));
  }

  onTabRemoved(tabId: number): Promise<void> {
    return this.enqueue(() => this.purgeTab(tabId, false));
  }

  // ---- queries (each waits for the queue, so answers include every event seen so far) -------

  async tabRecords(tabId: number): Promise<{ records: CorsRecord[]; evicted: number }> {
    await this.idle();
    const tab = this.store.tabs.get(tabId);
    return {
      records: (tab?.ids ?? []).flatMap((id) => this.store.full(id) ?? []),
      evicted: tab?.evicted ?? 0,
    };
  }

  async allRecords(): Promise<CorsRecord[]> {
    await this.idle();
    return [...this.store.tabs.values()].flatMap((tab) => tab.ids.flatMap((id) => this.store.full(id) ?? []));
  }

  async summary(tabId: number) {
    const { records, evicted } = await this.tabRecords(tabId);
    return summarizeTab(tabId, records, evicted, this.store.tabs.get(tabId)?.pageUrl);
  }

  async clear(tabId: number): Promise<number> {
    let cleared = 0;
    await this.enqueue(() => {
      cleared = this.store.tabs.get(tabId)?.ids.length ?? 0;
      this.purgeTab(tabId, true);
    });
    return cleared;
  }

  async settings(patch?: Partial<Settings>): Promise<Settings> {
    await this.enqueue(async () => {
      if (!patch) return;
      this.settingsValue = { ...this.settingsValue, ...patch };
      await this.deps.local.set({ settings: this.settingsValue });
      for (const tab of this.store.tabs.values()) this.store.enforceBound(tab);
    });
    return this.settingsValue;
  }

  subscribe(listener: (event: CaptureEvent) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Resolves when every queued event is applied and written. */
  async idle(): Promise<void> {
    await this.queue;
    this.store.flushBadges();
    await this.persist.flushed();
  }

  // ---- the queue -----------------------------------------------------------------------------

  private enqueue(step: () => void | Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => {
      console.error('CORS Lens: an event could not be recorded', error);
    });
    this.queue = next;
    return next;
  }

  private async load(): Promise<void> {
    const [session, local] = await Promise.all([
      this.deps.session.getAll().catch(() => ({})),
      this.deps.local.getAll().catch(() => ({})),
    ]);
    const saved = (local as { settings?: Partial<Settings> }).settings;
    if (saved && typeof saved === 'object') this.settingsValue = { ...DEFAULT_SETTINGS, ...saved };
    for (const [key, value] of Object.entries(session)) {
      if (key.startsWith('r:')) this.store.records.set(key.slice(2), value as StoredRecord);
      else if (key.startsWith('f:')) this.flights.set(key.slice(2), value as InFlight);
      else if (key.startsWith('t:')) this.store.tabs.set(Number(key.slice(2)), value as TabState);
      else if (key === KEY.loose && Array.isArray(value)) this.preflights.loose = value as LoosePreflight[];
    }
    this.store.rebuildIndexes();
    if (this.flights.size > 0) this.scheduleStaleCheck(this.now());
  }

  /**
   * Events the browser had handed to the previous worker when it was stopped are gone: a request
   * loaded from storage that sees no event after a wake-up will never complete. One that got its
   * answer is finished as it stands (the verdict depends on the headers, which we have).
   */
  private scheduleStaleCheck(wokeAt: number): void {
    setTimeout(() => {
      void this.enqueue(() => {
        let waiting = false;
        for (const flight of [...this.flights.values()]) {
          if ((flight.touchedAt ?? 0) >= wokeAt) continue;
          if (flight.response || flight.redirects.length > 0) this.finish(flight);
          else if (this.now() - flight.startedAt > STALE_FLIGHT_MS) this.drop(flight);
          else waiting = true;
        }
        if (waiting) this.scheduleStaleCheck(wokeAt);
      });
    }, RECOVERY_DELAY_MS);
  }

  private drop(flight: InFlight): void {
    this.flights.delete(flight.requestId);
    this.persist.drop(KEY.flight(flight.requestId));
  }

  // ---- webRequest ------------------------------------------------------------------------------

  private applyWebRequest(name: WebRequestEventName, event: RequestEvent): void {
    if (event.tabId < 0) return;
    if (event.type === 'main_frame') {
      if (name === 'responseStarted') this.navigated(event.tabId, event.url, event.timeStamp);
      return;
    }
    if (name === 'beforeRequest') {
      this.startFlight(event);
      return;
    }
    const flight = this.flights.get(event.requestId) ?? this.recoverFlight(event);
    if (!flight) return;
    flight.touchedAt = this.now();
    switch (name) {
      case 'beforeSendHeaders':
      case 'sendHeaders':
        // onBeforeSendHeaders is registered without headers (onSendHeaders brings them).
        if (!event.requestHeaders) break;
        flight.hopHeaders = withoutBrowserNoise(event.requestHeaders);
        if (flight.redirects.length === 0) flight.firstHeaders = flight.hopHeaders;
        if (flight.isPreflight === undefined)
          flight.isPreflight = isPreflightRequest(flight.method, flight.hopHeaders);
        break;
      case 'headersReceived':
      case 'responseStarted':
        // onResponseStarted comes without headers: it must not erase what onHeadersReceived gave.
        if (event.responseHeaders || !flight.response) {
          flight.response = { status: event.statusCode ?? 0, headers: [...(event.responseHeaders ?? [])] };
        }
        break;
      case 'beforeRedirect':
        this.redirected(flight, event);
        break;
      case 'completed':
        if (event.responseHeaders) {
          flight.response = { status: event.statusCode ?? 0, headers: [...event.responseHeaders] };
        }
        this.finish(flight);
        return;
      case 'errorOccurred':
        this.finish(flight, event.error ?? 'net::ERR_FAILED');
        return;
      default:
        return;
    }
    this.persist.put(KEY.flight(flight.requestId), flight);
  }

  /**
   * A later event of a request whose start never reached storage (the worker was stopped within
   * the write delay): every event carries URL, method, tab and initiator, so the request is
   * picked up from here; only the headers of the events it missed are unknown.
   */
  private recoverFlight(event: RequestEvent): InFlight | undefined {
    this.startFlight(event);
    const flight = this.flights.get(event.requestId);
    // An OPTIONS whose headers we missed: in practice a CORS preflight.
    if (flight && flight.isPreflight === undefined && event.type === 'xmlhttprequest')
      flight.isPreflight = true;
    return flight;
  }

  private startFlight(event: RequestEvent): void {
    if (!isObservableType(event.type)) return;
    // Chromium fires onBeforeRequest again, same requestId, for each redirect hop.
    if (this.flights.get(event.requestId)?.currentUrl === event.url) return;
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
    };
    if (flight.isPreflight === false) this.preflights.adopt(flight);
    this.flights.set(flight.requestId, flight);
    this.persist.put(KEY.flight(flight.requestId), flight);
  }

  private redirected(flight: InFlight, event: RequestEvent): void {
    const headers = event.responseHeaders ?? flight.response?.headers ?? [];
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
    if (flight.isPreflight === false) this.preflights.adopt(flight);
  }

  private finish(flight: InFlight, networkError?: string): void {
    this.flights.delete(flight.requestId);
    this.persist.drop(KEY.flight(flight.requestId));
    // Chromium probes the cache before loading a font for real: the probe is not a request.
    if (networkError === 'net::ERR_CACHE_MISS') return;
    if (flight.isPreflight) {
      this.preflights.done(flight, networkError);
      return;
    }
    if (!leavesOrigin(flight)) return;
    // Cancelled by the page or the browser (abort(), EventSource.close(), navigation) before any
    // answer: nothing CORS could judge, and counting it as blocked would mislead the badge.
    if (isCancellation(networkError) && !flight.response && flight.redirects.length === 0) return;
    // Cancelled after the answer arrived (a stream closed mid-body): the answer is what CORS judged.
    if (isCancellation(networkError) && flight.response) networkError = undefined;
    this.preflights.adopt(flight);
    const tab = this.store.tab(flight.tabId);
    if (!flight.call) {
      const call = this.pageCalls.take(tab, flight.url, flight.method, flight.frameId, flight.startedAt);
      if (call) flight.call = call;
    }
    const record: StoredRecord = {
      id: `${flight.tabId}:${flight.requestId}`,
      tabId: flight.tabId,
      frameId: flight.frameId,
      ...(flight.documentUrl === undefined ? {} : { documentUrl: flight.documentUrl }),
      type: flight.type,
      startedAt: flight.startedAt,
      endedAt: this.now(),
      exchange: toExchange(flight, networkError),
      ...(flight.call ? { call: flight.call } : {}),
    };
    this.store.add(tab, record);
  }

  // ---- navigation ----------------------------------------------------------------------------

  private navigated(tabId: number, url: string, at: number): void {
    if (!this.settingsValue.preserveLog) {
      for (const flight of [...this.flights.values()]) {
        if (flight.tabId === tabId && flight.startedAt < at) this.drop(flight);
      }
      this.store.clearBefore(tabId, at);
    }
    const tab = this.store.tab(tabId);
    tab.pageUrl = url;
    this.store.saveTab(tab);
  }

  private purgeTab(tabId: number, keepTab: boolean): void {
    for (const flight of [...this.flights.values()]) {
      if (flight.tabId !== tabId) continue;
      this.flights.delete(flight.requestId);
      this.persist.drop(KEY.flight(flight.requestId));
    }
    this.store.purgeTab(tabId, keepTab);
  }
}
