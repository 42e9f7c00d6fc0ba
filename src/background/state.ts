/**
 * The worker's state and what its reducers ask the shell to do. The reducers (./reducers/) are
 * `(state, input) → { state, effects }`: no storage, badge, port, timer or clock of their own
 * (time comes in with each input). For cost they update the state they are handed in place and
 * return it: the shell owns the one state and hands it to nothing else.
 */
import type { RequestEvent, WebRequestEventName } from '../platform/webrequest';
import type { CanvasTaint } from '../shared/canvas-taint';
import type { PageWorkers } from '../shared/page-workers';
import type { Settings } from '../shared/protocol';
import type { CorsRecord, PageCall } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { InFlight, LoosePreflight } from './assembly/exchange';

/** A record as kept and persisted: the evaluation is derived on read (it is most of the bytes). */
export type StoredRecord = Omit<CorsRecord, 'evaluation'>;

/** A page-hook call not yet matched with its webRequest exchange (stored under its own key). */
export interface WaitingCall {
  readonly call: PageCall;
  readonly frameId: number;
  readonly at: number;
  readonly seq: number;
}

export interface TabState {
  readonly tabId: number;
  /** Not stored: rebuilt from the records on load. */
  ids: string[];
  evicted: number;
  /** Records storage refused even after freeing space: dropped, counted (absent: 0). */
  unsaved?: number;
  pageUrl?: string;
  /**
   * Which kinds of worker the tab's page (and frames) said they have, by the worker's origin
   * (reducers/page-workers.ts); forgotten when the tab navigates. Absent: none reported.
   */
  workerKinds?: Record<string, WorkerKinds>;
  nextPageCall: number;
  /** Not stored with the tab: each under its own key (`c:`). */
  calls: WaitingCall[];
}

/** What a tab's pages reported of the workers of one origin. */
export interface WorkerKinds {
  /** A service worker of this origin controls the page, or the page registered one. */
  service?: true;
  /** The page created a shared worker of this origin. */
  shared?: true;
}

/**
 * In memory only, rebuilt on wake: what a page call may pair with, by `callKey`, so a call
 * finds its request without a pass over every request in flight or every record of the tab.
 */
export interface Pairing {
  readonly flights: Map<string, string[]>;
  readonly records: Map<string, string[]>;
}

/** Tab, frame, method and URL (without fragment): what a page call and its exchange share. */
export const callKey = (tabId: number, frameId: number, method: string, url: string): string =>
  `${tabId} ${frameId} ${method.toUpperCase()} ${url}`;

/**
 * The recording scope's per-tab facts (src/shared/scope.ts decides from them and the settings).
 * Stored under one key (`scope`) so a restarted worker listens to the same tabs.
 */
export interface ScopeState {
  /** Each tab's top-level page URL, from its navigations (and the open tabs on wake). */
  readonly pages: Map<number, string>;
  /** Tabs whose CORS panel is connected. */
  readonly panels: Set<number>;
  /** Derived (reducers/scope.ts): the tabs recorded now, or every tab; null until the wake-up. */
  recorded: ReadonlySet<number> | 'all' | null;
}

export interface CaptureState {
  settings: Settings;
  readonly scope: ScopeState;
  readonly flights: Map<string, InFlight>;
  readonly records: Map<string, StoredRecord>;
  readonly tabs: Map<number, TabState>;
  /** Finished preflights waiting for their actual request. */
  loose: LoosePreflight[];
  /** Set by a wake-up that found requests in flight: until then, they may still get events. */
  wokeAt?: number;
  readonly pairing: Pairing;
}

export function emptyState(): CaptureState {
  return {
    settings: DEFAULT_SETTINGS,
    scope: { pages: new Map(), panels: new Set(), recorded: null },
    flights: new Map(),
    records: new Map(),
    tabs: new Map(),
    loose: [],
    pairing: { flights: new Map(), records: new Map() },
  };
}

/** Storage keys (storage.session). */
export const KEY = {
  record: (id: string) => `r:${id}`,
  flight: (requestId: string) => `f:${requestId}`,
  tab: (tabId: number) => `t:${tabId}`,
  call: (tabId: number, seq: number) => `c:${tabId}:${seq}`,
  loose: 'loose-preflights',
  scope: 'scope',
} as const;

export type WriteTiming = 'end-of-task' | 'if-it-lasts';

/** A value to keep, by kind (the codec lays each out its own way). */
export type Stored =
  | { readonly record: StoredRecord }
  | { readonly tab: TabState }
  | { readonly flight: InFlight }
  | { readonly waiting: WaitingCall & { readonly tabId: number } }
  | { readonly loose: readonly LoosePreflight[] };

export type Effect =
  /**
   * Write a key. The shell gathers writes: one storage call per few milliseconds, unless `when`
   * says `end-of-task` (a failed request's record) or `if-it-lasts` (a request in flight: written
   * only once it has lasted a second or two, which most never do).
   */
  | { readonly kind: 'put'; readonly key: string; readonly value: Stored; readonly when?: WriteTiming }
  /** `lazy`: may wait for the next batch of removals (a finished request's in-flight key). */
  | { readonly kind: 'drop'; readonly key: string; readonly lazy?: true }
  /** A record was added or changed: push it to subscribers, recount the tab's badge. */
  | { readonly kind: 'record'; readonly id: string }
  | { readonly kind: 'cleared'; readonly tabId: number }
  /** Recount the tab's badge (`zero`: show 0 at once, the tab was cleared). */
  | { readonly kind: 'badge'; readonly tabId: number; readonly zero?: true }
  /** Write the settings to storage.local. */
  | { readonly kind: 'save-settings' }
  /** The scope changed: make the webRequest listeners and the page hook follow it. */
  | { readonly kind: 'listen' }
  /** Write the scope's per-tab facts (KEY.scope). */
  | { readonly kind: 'save-scope' }
  /** Deliver a `tick` input after this many milliseconds. */
  | { readonly kind: 'tick-after'; readonly ms: number };

/** Everything the worker reacts to, one family per reducer. */
export type Input =
  | {
      readonly type: 'web-request';
      readonly name: WebRequestEventName;
      readonly event: RequestEvent;
      readonly now: number;
    }
  | {
      readonly type: 'page-call';
      readonly call: PageCall;
      readonly refused: boolean;
      readonly tabId: number;
      readonly frameId: number;
      readonly origin: string;
      readonly now: number;
    }
  | {
      readonly type: 'canvas-taint';
      readonly taint: CanvasTaint;
      readonly tabId: number;
      readonly origin: string;
      readonly now: number;
    }
  | {
      readonly type: 'page-workers';
      readonly workers: PageWorkers;
      readonly tabId: number;
      readonly frameId: number;
      readonly now: number;
    }
  | { readonly type: 'tab-removed'; readonly tabId: number }
  /** A tab's top-level page is (about to be) this URL: a navigation starts, or a tab found on wake. */
  | { readonly type: 'tab-page'; readonly tabId: number; readonly url: string }
  /** A tab's CORS panel connected or went away. */
  | { readonly type: 'panel'; readonly tabId: number; readonly open: boolean }
  | { readonly type: 'clear'; readonly tabId: number }
  | { readonly type: 'settings'; readonly patch: Partial<Settings> }
  /** The worker started: what storage held (unchecked: it passes guards in the reducer). */
  | {
      readonly type: 'wake';
      readonly session: Readonly<Record<string, unknown>>;
      readonly local: Readonly<Record<string, unknown>>;
      readonly now: number;
    }
  /** Time passing (the shell's one timer). */
  | { readonly type: 'tick'; readonly now: number }
  /** storage.session refused a write for its quota. */
  | { readonly type: 'quota' }
  /** These keys were not written, even after freeing space (store/persist.ts). */
  | { readonly type: 'unsaved'; readonly keys: readonly string[] };

export interface Result {
  readonly state: CaptureState;
  readonly effects: readonly Effect[];
}

/** What a reducer step writes into: the state it updates and the effects it asks for. */
export interface Step {
  readonly state: CaptureState;
  readonly effects: Effect[];
  readonly now: number;
}
