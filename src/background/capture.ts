/**
 * The capture: turns webRequest events and page-hook calls into evaluated records, per tab and
 * page load, persisted so that a worker stopped by the browser at any moment loses nothing.
 * Events that arrive before the persisted state is loaded wait in a queue; none is dropped.
 */
import type { BrowserProfile, ObservedPreflight } from '../evaluator/types';
import type { Badge, KeyValueStore } from '../platform/extension';
import type { RequestEvent, WebRequestEventName } from '../platform/webrequest';
import type { Settings } from '../shared/protocol';
import type { CorsRecord, PageCall } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';
import {
  callFields,
  type InFlight,
  inferredHeaders,
  initiatorOf,
  isExtensionOrigin,
  isObservableType,
  isPreflightRequest,
  type LoosePreflight,
  leavesOrigin,
  refusedExchange,
  toExchange,
  toPreflight,
  withoutBrowserNoise,
  withoutFragment,
} from './assembly/exchange';
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

/** How long a preflight and its actual request, or a page call and its exchange, may be apart. */
const PAIRING_WINDOW_MS = 10_000;
const isCancellation = (error: string | undefined) =>
  error === 'net::ERR_ABORTED' || error === 'NS_BINDING_ABORTED';

/** After a wake-up, how long a request from before may stay silent before we finish it. */
const RECOVERY_DELAY_MS = 1_500;
/** A request with no answer and no event for this long is given up. */
const STALE_FLIGHT_MS = 120_000;

export class Capture {
  private readonly flights = new Map<string, InFlight>();
  private loose: LoosePreflight[] = [];
  private settingsValue: Settings = DEFAULT_SETTINGS;
  private readonly persist: Persister;
  private readonly store: RecordStore;
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
    return this.enqueue(() => this.applyPageCall(call, refused, tabId, frameId, origin));
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
      else if (key === KEY.loose && Array.isArray(value)) this.loose = value as LoosePreflight[];
    }
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
    if (flight.isPreflight === false) this.adoptLoosePreflight(flight);
    this.flights.set(flight.requestId, flight);
    this.persist.put(KEY.flight(flight.requestId), flight);
  }

  private redirected(flight: InFlight, event: RequestEvent): void {
    const headers = event.responseHeaders ?? flight.response?.headers ?? [];
    const location =
      headers.find((h) => h.name.toLowerCase() === 'location')?.value ?? event.redirectUrl ?? '';
    flight.redirects.push({
      url: flight.currentUrl,
      ...(flight.hopHeaders ? { requestHeaders: flight.hopHeaders } : {}),
      response: { status: event.statusCode ?? flight.response?.status ?? 0, headers: [...headers] },
      location,
    });
    flight.currentUrl = event.redirectUrl ?? flight.currentUrl;
    delete flight.response;
    delete flight.hopHeaders;
    if (flight.isPreflight === false) this.adoptLoosePreflight(flight);
  }

  private finish(flight: InFlight, networkError?: string): void {
    this.flights.delete(flight.requestId);
    this.persist.drop(KEY.flight(flight.requestId));
    // Chromium probes the cache before loading a font for real: the probe is not a request.
    if (networkError === 'net::ERR_CACHE_MISS') return;
    if (flight.isPreflight) {
      this.preflightDone(flight, networkError);
      return;
    }
    if (!leavesOrigin(flight)) return;
    // Cancelled by the page or the browser (abort(), EventSource.close(), navigation) before any
    // answer: nothing CORS could judge, and counting it as blocked would mislead the badge.
    if (isCancellation(networkError) && !flight.response && flight.redirects.length === 0) return;
    // Cancelled after the answer arrived (a stream closed mid-body): the answer is what CORS judged.
    if (isCancellation(networkError) && flight.response) networkError = undefined;
    this.adoptLoosePreflight(flight);
    const tab = this.store.tab(flight.tabId);
    if (!flight.call) {
      const call = this.takeCall(tab, flight.url, flight.method, flight.frameId, flight.startedAt);
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

  // ---- preflights: their own requestId; paired with the actual request by tab, URL, initiator

  private preflightDone(flight: InFlight, networkError?: string): void {
    const preflight = toPreflight(flight, networkError);
    const actual = this.findActual(flight);
    if (actual) {
      actual.preflights.push(preflight);
      this.persist.put(KEY.flight(actual.requestId), actual);
      return;
    }
    if (this.attachToRecentRecord(flight, preflight)) return;
    const at = this.now();
    this.loose = [
      ...this.loose.filter((p) => at - p.at < PAIRING_WINDOW_MS),
      { tabId: flight.tabId, initiator: flight.initiator, at, preflight },
    ];
    this.persist.put(KEY.loose, this.loose);
  }

  private findActual(preflight: InFlight): InFlight | undefined {
    let best: InFlight | undefined;
    for (const f of this.flights.values()) {
      if (f.isPreflight !== false || f.tabId !== preflight.tabId || f.initiator !== preflight.initiator)
        continue;
      if (f.currentUrl !== preflight.currentUrl) continue;
      if (f.preflights.some((p) => p.url === f.currentUrl)) continue;
      if (Math.abs(f.startedAt - preflight.startedAt) > PAIRING_WINDOW_MS) continue;
      if (!best || f.startedAt < best.startedAt) best = f;
    }
    return best;
  }

  /** The actual request may have failed (and been recorded) before its preflight's last event. */
  private attachToRecentRecord(flight: InFlight, preflight: ObservedPreflight): boolean {
    const tab = this.store.tabs.get(flight.tabId);
    if (!tab) return false;
    const now = this.now();
    for (let i = tab.ids.length - 1; i >= 0 && i >= tab.ids.length - 50; i--) {
      const id = tab.ids[i] as string;
      const record = this.store.records.get(id);
      if (!record || record.exchange.preflights.length > 0 || record.exchange.refusedByRenderer) continue;
      if (record.exchange.url !== flight.currentUrl || record.exchange.initiatorOrigin !== flight.initiator)
        continue;
      if (now - (record.endedAt ?? record.startedAt) > PAIRING_WINDOW_MS) continue;
      const exchange = {
        ...record.exchange,
        preflights: [preflight],
        ...(record.exchange.requestHeadersSource === 'inferred'
          ? { requestHeaders: inferredHeaders([preflight]) }
          : {}),
      };
      this.store.update({ ...record, exchange });
      return true;
    }
    return false;
  }

  private adoptLoosePreflight(flight: InFlight): void {
    const now = this.now();
    const index = this.loose.findIndex(
      (p) =>
        p.tabId === flight.tabId &&
        p.initiator === flight.initiator &&
        p.preflight.url === flight.currentUrl &&
        now - p.at < PAIRING_WINDOW_MS,
    );
    if (index === -1) return;
    const [found] = this.loose.splice(index, 1);
    if (found && !flight.preflights.some((p) => p.url === found.preflight.url))
      flight.preflights.push(found.preflight);
    this.persist.put(KEY.loose, this.loose);
  }

  // ---- page-hook calls -----------------------------------------------------------------------

  private applyPageCall(
    call: PageCall,
    refused: boolean,
    tabId: number,
    frameId: number,
    origin: string,
  ): void {
    const tab = this.store.tab(tabId);
    if (refused) {
      const record: StoredRecord = {
        id: `${tabId}:page:${tab.nextPageCall++}`,
        tabId,
        frameId,
        type: call.api === 'xhr' ? 'xmlhttprequest' : 'fetch',
        startedAt: this.now(),
        endedAt: this.now(),
        exchange: refusedExchange(call, origin),
        call,
      };
      this.store.add(tab, record);
      return;
    }
    const url = withoutFragment(call.url);
    const method = call.method.toUpperCase();
    for (const flight of this.flights.values()) {
      if (flight.tabId !== tabId || flight.frameId !== frameId || flight.call || flight.isPreflight) continue;
      if (flight.url === url && flight.method.toUpperCase() === method) {
        flight.call = call;
        this.persist.put(KEY.flight(flight.requestId), flight);
        return;
      }
    }
    for (let i = tab.ids.length - 1; i >= 0 && i >= tab.ids.length - 200; i--) {
      const record = this.store.records.get(tab.ids[i] as string);
      if (!record || record.frameId !== frameId || record.exchange.refusedByRenderer) continue;
      const pending = !record.call || (record.call.outcome === undefined && call.outcome !== undefined);
      if (!pending || record.exchange.url !== url || record.exchange.method.toUpperCase() !== method)
        continue;
      if (this.now() - record.startedAt > PAIRING_WINDOW_MS * 3) break;
      this.store.update({ ...record, call, exchange: { ...record.exchange, ...callFields(call) } });
      return;
    }
    tab.calls = [
      ...tab.calls.filter((c) => this.now() - c.at < PAIRING_WINDOW_MS),
      { call, frameId, at: this.now() },
    ];
    this.store.saveTab(tab);
  }

  private takeCall(
    tab: TabState,
    url: string,
    method: string,
    frameId: number,
    at: number,
  ): PageCall | undefined {
    const index = tab.calls.findIndex(
      (c) =>
        c.frameId === frameId &&
        withoutFragment(c.call.url) === url &&
        c.call.method.toUpperCase() === method.toUpperCase() &&
        Math.abs(c.at - at) < PAIRING_WINDOW_MS,
    );
    if (index === -1) return undefined;
    const [found] = tab.calls.splice(index, 1);
    this.store.saveTab(tab);
    return found?.call;
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
