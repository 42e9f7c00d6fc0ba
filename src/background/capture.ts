/**
 * The worker's shell: feeds every input to the reducer (./reducers/reduce.ts) in order and runs
 * the effects it returns (storage writes, badge counts, pushes to subscribers, the one timer).
 * Inputs that arrive before the stored state is loaded wait in a queue; none is dropped. The
 * evaluation is derived lazily (./evaluations.ts).
 */
import type { BrowserProfile } from '../evaluator/types';
import type { Badge, KeyValueStore } from '../platform/extension';
import type { RequestEvent, WebRequestEventName } from '../platform/webrequest';
import type { CanvasTaint } from '../shared/canvas-taint';
import type { PageWorkers } from '../shared/page-workers';
import type { Settings, TabScope } from '../shared/protocol';
import type { CorsRecord, PageCall } from '../shared/record';
import { hostOf, isRecorded } from '../shared/scope';
import { NO_TAB } from './assembly/worker-attribution';
import { BadgeTimers } from './badge-timers';
import { BlockedCount } from './blocked-count';
import { Evaluations } from './evaluations';
import { noTabOrigins } from './reducers/no-tab';
import { reduce } from './reducers/reduce';
import { isTabRecorded, type ListenPlan, storedScope, tabScope } from './reducers/scope';
import { ScopeFollower } from './scope-follower';
import {
  type CaptureState,
  type Effect,
  emptyState,
  type Input,
  KEY,
  type Stored,
  type StoredRecord,
} from './state';
import { encodeStored } from './store/codec';
import { Persister } from './store/persist';
import { summarizeTab } from './store/summary';

/** What a subscriber (a live port) is told. */
export type CaptureEvent = { type: 'record'; record: CorsRecord } | { type: 'cleared'; tabId: number };

export interface CaptureDeps {
  readonly session: KeyValueStore;
  readonly local: KeyValueStore;
  readonly badge: Badge;
  readonly profile: BrowserProfile;
  readonly now?: () => number;
  /** Makes the webRequest listeners cover exactly these tabs (src/platform/webrequest.ts). */
  readonly listen?: (plan: ListenPlan) => void;
  /**
   * The open tabs and their pages, read with the stored state on wake-up (an install, a browser
   * start, a worker stopped while a tab navigated).
   */
  readonly openTabs?: () => Promise<readonly { readonly tabId: number; readonly url: string }[]>;
  /** Makes the dynamic page hook cover these match patterns (src/platform/page-hook.ts). */
  readonly hook?: (matches: readonly string[]) => Promise<void>;
}

const BADGE_DELAY_MS = 100;

export class Capture {
  private state: CaptureState = emptyState();
  private readonly persist: Persister<Stored>;
  private readonly now: () => number;
  private queue: Promise<void>;
  private readonly listeners = new Set<(event: CaptureEvent) => void>();
  private readonly evaluations: Evaluations;
  private readonly badgeTimers = new BadgeTimers((tabId) => this.showBadge(tabId), BADGE_DELAY_MS);
  private readonly blockedCount = new BlockedCount<StoredRecord>(
    (id) => this.state.records.get(id),
    (record) => this.evaluations.of(record).verdict === 'blocked',
  );
  private readonly scopeFollower: ScopeFollower;
  private settingsWrite: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CaptureDeps) {
    this.now = deps.now ?? Date.now;
    this.evaluations = new Evaluations(deps.profile);
    this.scopeFollower = new ScopeFollower(deps.listen, deps.hook);
    this.persist = new Persister<Stored>(
      deps.session,
      () => this.dispatch({ type: 'quota' }),
      encodeStored,
      (keys) => this.dispatch({ type: 'unsaved', keys }),
    );
    this.queue = this.load();
  }

  // ---- inputs --------------------------------------------------------------------------------

  onWebRequest(name: WebRequestEventName, event: RequestEvent): void {
    void this.enqueue(() => this.dispatch({ type: 'web-request', name, event, now: this.now() }));
  }

  /** The calls of one page task (one relay message), applied in one step of the queue. */
  onPageCalls(
    calls: readonly { call: PageCall; refused: boolean }[],
    tabId: number,
    frameId: number,
    origin: string,
  ): Promise<void> {
    return this.enqueue(() => {
      const now = this.now();
      for (const { call, refused } of calls)
        this.dispatch({ type: 'page-call', call, refused, tabId, frameId, origin, now });
    });
  }

  /** A tab's top-level navigation starts (or a tab is found open): its page decides its scope. */
  onTabPage(tabId: number, url: string): Promise<void> {
    return this.enqueue(() => this.dispatch({ type: 'tab-page', tabId, url }));
  }

  /** A tab's CORS panel connected (`open`) or went away: the tab is recorded while it is open. */
  onPanel(tabId: number, open: boolean): Promise<void> {
    return this.enqueue(() => this.dispatch({ type: 'panel', tabId, open }));
  }

  /** A canvas read the page was refused, linked to the records of what was drawn into it. */
  onCanvasTaint(taint: CanvasTaint, tabId: number, origin: string): Promise<void> {
    return this.enqueue(() => this.dispatch({ type: 'canvas-taint', taint, tabId, origin, now: this.now() }));
  }

  /** A page's service worker and shared workers, as its hook saw them (kinds of tab-less requests). */
  onPageWorkers(workers: PageWorkers, tabId: number, frameId: number): Promise<void> {
    return this.enqueue(() =>
      this.dispatch({ type: 'page-workers', workers, tabId, frameId, now: this.now() }),
    );
  }

  onTabRemoved(tabId: number): Promise<void> {
    return this.enqueue(() => {
      this.dispatch({ type: 'tab-removed', tabId });
      this.blockedCount.forget(tabId);
    });
  }

  // ---- queries (each waits for the queue, so answers include every event seen so far) -------

  async tabRecords(tabId: number): Promise<{ records: CorsRecord[]; evicted: number; unsaved: number }> {
    await this.idle();
    const records = await this.fullRecords(this.state.tabs.get(tabId)?.ids ?? []);
    const tab = this.state.tabs.get(tabId);
    return { records, evicted: tab?.evicted ?? 0, unsaved: tab?.unsaved ?? 0 };
  }

  async allRecords(): Promise<CorsRecord[]> {
    await this.idle();
    return this.fullRecords([...this.state.tabs.values()].flatMap((tab) => tab.ids));
  }

  async summary(tabId: number) {
    const { records, evicted, unsaved } = await this.tabRecords(tabId);
    const noTab = noTabOrigins(this.state.records, this.state.tabs.get(NO_TAB));
    const summary = summarizeTab(tabId, records, evicted, this.state.tabs.get(tabId)?.pageUrl);
    return { ...summary, unsaved, ...(noTab.length === 0 ? {} : { noTab }) };
  }

  async clear(tabId: number): Promise<number> {
    let cleared = 0;
    await this.enqueue(() => {
      cleared = this.state.tabs.get(tabId)?.ids.length ?? 0;
      this.dispatch({ type: 'clear', tabId });
    });
    return cleared;
  }

  async settings(patch?: Partial<Settings>): Promise<Settings> {
    await this.enqueue(async () => {
      if (!patch) return;
      this.dispatch({ type: 'settings', patch });
      // Answered once the page hook follows too: a page loaded after the answer is hooked.
      await Promise.all([this.settingsWrite, this.scopeFollower.hookWrite]);
    });
    return this.state.settings;
  }

  /** Whether a tab is recorded, and why. */
  async scope(tabId: number): Promise<TabScope> {
    await this.idle();
    const reason = tabScope(this.state, tabId);
    const host = hostOf(this.state.scope.pages.get(tabId));
    return { tabId, recorded: isRecorded(reason), reason, ...(host === undefined ? {} : { host }) };
  }

  subscribe(listener: (event: CaptureEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every queued input is applied and written. */
  async idle(): Promise<void> {
    await this.queue;
    this.badgeTimers.flush();
    await this.persist.flushed();
  }

  // ---- the queue and the effects -------------------------------------------------------------

  private enqueue(step: () => void | Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => {
      console.error('CORS Lens: an event could not be recorded', error);
    });
    this.queue = next;
    return next;
  }

  private async load(): Promise<void> {
    const [session, local, tabs] = await Promise.all([
      this.deps.session.getAll().catch(() => ({})),
      this.deps.local.getAll().catch(() => ({})),
      this.deps.openTabs?.().catch(() => []) ?? [],
    ]);
    this.persist.loaded(Object.keys(session));
    this.dispatch({ type: 'wake', session, local, now: this.now() });
    // The tabs' pages as they are now, before the events that waited for the wake-up: a tab that
    // navigated while the worker was stopped is judged by its new page, not the stored one (its
    // requests, delivered meanwhile by the provisional unfiltered set, were dropped otherwise).
    for (const { tabId, url } of tabs) this.dispatch({ type: 'tab-page', tabId, url });
  }

  private dispatch(input: Input): void {
    const { state, effects } = reduce(this.state, input);
    this.state = state;
    for (const effect of effects) this.run(effect);
  }

  private run(effect: Effect): void {
    switch (effect.kind) {
      case 'put':
        this.persist.put(effect.key, effect.value, effect.when);
        return;
      case 'drop':
        this.persist.drop(effect.key, effect.lazy === true);
        return;
      case 'record': {
        const record = this.listeners.size > 0 ? this.full(effect.id) : undefined;
        if (record) this.emit({ type: 'record', record });
        const tabId = this.state.records.get(effect.id)?.tabId;
        if (tabId === undefined || tabId === NO_TAB) return;
        this.blockedCount.noteChanged(tabId, effect.id);
        this.badgeTimers.schedule(tabId);
        return;
      }
      case 'cleared':
        this.blockedCount.forget(effect.tabId);
        this.emit({ type: 'cleared', tabId: effect.tabId });
        return;
      case 'badge':
        if (effect.zero) this.deps.badge.show(effect.tabId, 0);
        else this.badgeTimers.schedule(effect.tabId);
        return;
      case 'save-settings':
        this.settingsWrite = this.deps.local.set({ settings: this.state.settings });
        return;
      case 'listen':
        this.scopeFollower.follow(this.state);
        return;
      case 'save-scope':
        void this.deps.session.set({ [KEY.scope]: storedScope(this.state) }).catch(() => undefined);
        return;
      case 'tick-after':
        setTimeout(() => {
          void this.enqueue(() => this.dispatch({ type: 'tick', now: this.now() }));
        }, effect.ms);
        return;
    }
  }

  private emit(event: CaptureEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private fullRecords(ids: readonly string[]): Promise<CorsRecord[]> {
    return this.evaluations.fullRecords(ids, (id) => this.state.records.get(id));
  }

  private full(id: string): CorsRecord | undefined {
    return this.evaluations.full(this.state.records.get(id));
  }

  // ---- the badge: the tab's number of blocked records ----------------------------------------

  private showBadge(tabId: number): void {
    const tab = this.state.tabs.get(tabId);
    if (!tab) {
      this.blockedCount.forget(tabId);
      return;
    }
    // A count scheduled before the tab left the scope must not bring its badge back.
    this.deps.badge.show(
      tabId,
      isTabRecorded(this.state, tabId) ? this.blockedCount.count(tabId, tab.ids) : 0,
    );
  }
}
