/**
 * The capture: turns webRequest events and page-hook calls into evaluated records, per tab and
 * page load, persisted so that a worker stopped by the browser at any moment loses nothing.
 * Events that arrive before the persisted state is loaded wait in a queue; none is dropped.
 */
import { evaluate } from '../evaluator/evaluate';
import type { BrowserProfile, Evaluation, ObservedPreflight } from '../evaluator/types';
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
  withoutFragment,
} from './assembly';
import { KEY, Persister } from './persist';
import { summarizeTab } from './summary';

/** A record as persisted: the evaluation is recomputed on load (it is most of the bytes). */
export type StoredRecord = Omit<CorsRecord, 'evaluation'>;

interface TabState {
  readonly tabId: number;
  ids: string[];
  evicted: number;
  pageUrl?: string;
  nextPageCall: number;
  /** Page-hook calls not yet matched with a webRequest exchange. */
  calls: { call: PageCall; frameId: number; at: number }[];
}

export type CaptureEvent = { type: 'record'; record: CorsRecord } | { type: 'cleared'; tabId: number };

export interface CaptureDeps {
  readonly session: KeyValueStore;
  readonly local: KeyValueStore;
  readonly badge: Badge;
  readonly profile: BrowserProfile;
  readonly now?: () => number;
}

/** How long a preflight and its actual request, or a page call and its exchange, may be apart. */
const PAIRING_WINDOW_MS = 10_000;

export class Capture {
  private readonly records = new Map<string, StoredRecord>();
  private readonly evaluations = new Map<string, Evaluation>();
  private readonly flights = new Map<string, InFlight>();
  private readonly tabs = new Map<number, TabState>();
  private loose: LoosePreflight[] = [];
  private settingsValue: Settings = DEFAULT_SETTINGS;
  private readonly persist: Persister;
  private readonly listeners = new Set<(event: CaptureEvent) => void>();
  private queue: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly deps: CaptureDeps) {
    this.now = deps.now ?? Date.now;
    this.persist = new Persister(deps.session, () => this.freeSpace());
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
    const tab = this.tabs.get(tabId);
    return { records: (tab?.ids ?? []).flatMap((id) => this.full(id) ?? []), evicted: tab?.evicted ?? 0 };
  }

  async allRecords(): Promise<CorsRecord[]> {
    await this.idle();
    return [...this.tabs.values()].flatMap((tab) => tab.ids.flatMap((id) => this.full(id) ?? []));
  }

  async summary(tabId: number) {
    const { records, evicted } = await this.tabRecords(tabId);
    return summarizeTab(tabId, records, evicted, this.tabs.get(tabId)?.pageUrl);
  }

  async clear(tabId: number): Promise<number> {
    let cleared = 0;
    await this.enqueue(() => {
      cleared = this.tabs.get(tabId)?.ids.length ?? 0;
      this.purgeTab(tabId, true);
    });
    return cleared;
  }

  async settings(patch?: Partial<Settings>): Promise<Settings> {
    await this.enqueue(async () => {
      if (!patch) return;
      this.settingsValue = { ...this.settingsValue, ...patch };
      await this.deps.local.set({ settings: this.settingsValue });
      for (const tab of this.tabs.values()) this.enforceBound(tab);
    });
    return this.settingsValue;
  }

  subscribe(listener: (event: CaptureEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every queued event is applied and written. */
  async idle(): Promise<void> {
    await this.queue;
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
      if (key.startsWith('r:')) this.records.set(key.slice(2), value as StoredRecord);
      else if (key.startsWith('f:')) this.flights.set(key.slice(2), value as InFlight);
      else if (key.startsWith('t:')) this.tabs.set(Number(key.slice(2)), value as TabState);
      else if (key === KEY.loose && Array.isArray(value)) this.loose = value as LoosePreflight[];
    }
  }

  // ---- webRequest ------------------------------------------------------------------------------

  private applyWebRequest(name: WebRequestEventName, event: RequestEvent): void {
    if (event.tabId < 0) return;
    if (event.type === 'main_frame') {
      if (name === 'responseStarted') this.navigated(event.tabId, event.url);
      return;
    }
    if (name === 'beforeRequest') {
      this.startFlight(event);
      return;
    }
    const flight = this.flights.get(event.requestId);
    if (!flight) return;
    switch (name) {
      case 'sendHeaders':
        flight.hopHeaders = [...(event.requestHeaders ?? [])];
        if (flight.redirects.length === 0) flight.firstHeaders = flight.hopHeaders;
        if (flight.isPreflight === undefined)
          flight.isPreflight = isPreflightRequest(flight.method, flight.hopHeaders);
        break;
      case 'headersReceived':
      case 'responseStarted':
        flight.response = { status: event.statusCode ?? 0, headers: [...(event.responseHeaders ?? [])] };
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
      startedAt: this.now(),
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
    this.adoptLoosePreflight(flight);
    const tab = this.tab(flight.tabId);
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
    this.addRecord(tab, record);
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
    const tab = this.tabs.get(flight.tabId);
    if (!tab) return false;
    const now = this.now();
    for (let i = tab.ids.length - 1; i >= 0 && i >= tab.ids.length - 50; i--) {
      const id = tab.ids[i] as string;
      const record = this.records.get(id);
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
      this.updateRecord({ ...record, exchange });
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
    const tab = this.tab(tabId);
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
      this.addRecord(tab, record);
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
      const record = this.records.get(tab.ids[i] as string);
      if (!record || record.frameId !== frameId || record.exchange.refusedByRenderer) continue;
      const pending = !record.call || (record.call.outcome === undefined && call.outcome !== undefined);
      if (!pending || record.exchange.url !== url || record.exchange.method.toUpperCase() !== method)
        continue;
      if (this.now() - record.startedAt > PAIRING_WINDOW_MS * 3) break;
      this.updateRecord({ ...record, call, exchange: { ...record.exchange, ...callFields(call) } });
      return;
    }
    tab.calls = [
      ...tab.calls.filter((c) => this.now() - c.at < PAIRING_WINDOW_MS),
      { call, frameId, at: this.now() },
    ];
    this.saveTab(tab);
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
    this.saveTab(tab);
    return found?.call;
  }

  // ---- records, tabs, bounds -----------------------------------------------------------------

  private tab(tabId: number): TabState {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = { tabId, ids: [], evicted: 0, nextPageCall: 0, calls: [] };
      this.tabs.set(tabId, tab);
    }
    return tab;
  }

  private saveTab(tab: TabState): void {
    this.persist.put(KEY.tab(tab.tabId), tab);
  }

  private full(id: string): CorsRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    let evaluation = this.evaluations.get(id);
    if (!evaluation) {
      evaluation = evaluate(record.exchange, { profile: this.deps.profile });
      this.evaluations.set(id, evaluation);
    }
    return { ...record, evaluation };
  }

  private addRecord(tab: TabState, record: StoredRecord): void {
    this.records.set(record.id, record);
    this.evaluations.delete(record.id);
    tab.ids.push(record.id);
    this.persist.put(KEY.record(record.id), record);
    this.enforceBound(tab);
    this.saveTab(tab);
    this.changed(record.id, tab);
  }

  private updateRecord(record: StoredRecord): void {
    this.records.set(record.id, record);
    this.evaluations.delete(record.id);
    this.persist.put(KEY.record(record.id), record);
    this.changed(record.id, this.tab(record.tabId));
  }

  private changed(id: string, tab: TabState): void {
    const record = this.full(id);
    if (record) for (const listener of this.listeners) listener({ type: 'record', record });
    this.updateBadge(tab);
  }

  private updateBadge(tab: TabState): void {
    let blocked = 0;
    for (const id of tab.ids) if (this.full(id)?.evaluation.verdict === 'blocked') blocked++;
    this.deps.badge.show(tab.tabId, blocked);
  }

  private enforceBound(tab: TabState): void {
    const max = Math.max(1, this.settingsValue.maxRecordsPerTab);
    if (tab.ids.length <= max) return;
    for (const id of tab.ids.splice(0, tab.ids.length - max)) this.forget(id, tab);
    this.saveTab(tab);
  }

  private forget(id: string, tab: TabState): void {
    this.records.delete(id);
    this.evaluations.delete(id);
    this.persist.drop(KEY.record(id));
    tab.evicted++;
  }

  /** Quota reached: drop the oldest tenth of the largest tab's records. */
  private freeSpace(): void {
    const largest = [...this.tabs.values()].sort((a, b) => b.ids.length - a.ids.length)[0];
    if (!largest || largest.ids.length === 0) return;
    const count = Math.max(1, Math.ceil(largest.ids.length / 10));
    for (const id of largest.ids.splice(0, count)) this.forget(id, largest);
    this.saveTab(largest);
  }

  private navigated(tabId: number, url: string): void {
    if (!this.settingsValue.preserveLog) this.purgeTab(tabId, true);
    const tab = this.tab(tabId);
    tab.pageUrl = url;
    this.saveTab(tab);
  }

  /** Clears a tab's log (navigation, user) or forgets the tab entirely (closed). */
  private purgeTab(tabId: number, keepTab: boolean): void {
    const tab = this.tabs.get(tabId);
    for (const id of tab?.ids ?? []) {
      this.records.delete(id);
      this.evaluations.delete(id);
      this.persist.drop(KEY.record(id));
    }
    for (const flight of [...this.flights.values()]) {
      if (flight.tabId !== tabId) continue;
      this.flights.delete(flight.requestId);
      this.persist.drop(KEY.flight(flight.requestId));
    }
    if (keepTab && tab) {
      tab.ids = [];
      tab.evicted = 0;
      tab.calls = [];
      this.saveTab(tab);
      this.deps.badge.show(tabId, 0);
      for (const listener of this.listeners) listener({ type: 'cleared', tabId });
    } else {
      this.tabs.delete(tabId);
      this.persist.drop(KEY.tab(tabId));
    }
  }
}
