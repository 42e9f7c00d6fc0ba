/**
 * Write-behind persistence for a worker the browser may stop at any moment. Every change marks a
 * key dirty, and the dirty keys are written together, one storage call per few milliseconds:
 * each call costs the worker a binding conversion and the browser an IPC, and per-event writes
 * were most of the worker's CPU. Two timings differ (`WriteTiming`):
 * - `end-of-task`: a failed request's record goes at the end of the current task;
 * - `if-it-lasts`: a request in flight is written only once it has lasted IN_FLIGHT_DELAY_MS to
 *   twice that (then its changes go with the batches). Most requests finish sooner and cost one
 *   write, their record's; writing each change of each request was three writes a request, and
 *   60 % of the bytes.
 * What a stop can take: an idle stop comes after 30 s without events, so nothing. A forced one
 * (a crash, Target.closeTarget) takes the changes of the last batch window, and what it saw of
 * requests not yet written: those are picked up again from their later events, without their
 * request headers or page call; the events the browser had queued to the worker are gone
 * whatever it writes.
 * A finished request's in-flight key is removed lazily, with others, about a second later: a stop
 * that keeps it costs nothing (the wake-up finishes it into the record id it already has, which is
 * skipped), and one remove call per request was the largest storage cost left.
 */
import type { KeyValueStore } from '../../platform/extension';
import type { WriteTiming } from '../state';

const WRITE_DELAY_MS = 15;
/** A request in flight is written once it has lasted this long (see above). */
export const IN_FLIGHT_DELAY_MS = 1_000;
/** Lazy removals (finished requests' in-flight keys) wait this long, to go in one call. */
const REMOVE_DELAY_MS = 1_000;
/** How often a refused write frees space (a tenth of the largest tab each time) and retries. */
const QUOTA_ROUNDS = 3;

export class Persister<V> {
  private readonly dirty = new Map<string, V>();
  private readonly removed = new Set<string>();
  /** Removals that may wait for REMOVE_DELAY_MS. */
  private readonly lazyRemoved = new Set<string>();
  private removeTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The keys storage holds (loaded, or written by this worker): only those are removed. A request
   * that starts and finishes within one write window is dropped before it was ever written, and
   * asking storage to remove its key would be a wasted binding call.
   */
  private readonly stored = new Set<string>();
  /** Dirty keys to write at the end of the task; the others wait for the batch. */
  private readonly soonKeys = new Set<string>();
  /**
   * Dirty keys put `if-it-lasts` and not yet due: put since the last tick of the in-flight timer,
   * and before it (due at the next tick). So a request is written after 1 to 2 delays, with the
   * others due then, by one timer for all.
   */
  private young = new Set<string>();
  private old = new Set<string>();
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private soon = false;
  /** The chain of writes started so far. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: KeyValueStore,
    /** Called when the storage quota refuses a write: free space, then the write is retried once. */
    private readonly onQuota: () => void,
    /** What storage gets for a value: run once per write, however often the value changed. */
    private readonly encode: (value: V) => unknown,
    /**
     * Keys whose write storage still refused after freeing space QUOTA_ROUNDS times: they are
     * not stored, and the owner counts what they held (never a silent loss).
     */
    private readonly onUnsaved: (keys: readonly string[]) => void = () => undefined,
  ) {}

  /** The keys found in storage on wake-up. */
  loaded(keys: Iterable<string>): void {
    for (const key of keys) this.stored.add(key);
  }

  put(key: string, value: V, when?: WriteTiming): void {
    this.removed.delete(key);
    this.lazyRemoved.delete(key);
    this.dirty.set(key, value);
    if (when === 'if-it-lasts' && !this.stored.has(key)) {
      if (!this.isWaiting(key)) this.wait(key);
      return;
    }
    this.stopWaiting(key); // in storage already, or wanted sooner: its changes go as they come
    if (when === 'end-of-task') {
      this.soonKeys.add(key);
      this.scheduleSoon();
    } else this.schedule();
  }

  drop(key: string, lazy = false): void {
    this.dirty.delete(key);
    this.soonKeys.delete(key);
    this.stopWaiting(key);
    if (lazy && !this.stored.has(key)) return; // never written: nothing to remove
    if (lazy && !this.removed.has(key)) {
      this.lazyRemoved.add(key);
      this.removeTimer ??= setTimeout(() => this.removeLazily(), REMOVE_DELAY_MS);
      return;
    }
    this.lazyRemoved.delete(key);
    this.removed.add(key);
    this.schedule();
  }

  /**
   * Resolves once every record and removal so far is written (lazy removals included); requests
   * in flight keep waiting to see whether they last, as no query reports them.
   */
  flushed(): Promise<void> {
    if (this.removeTimer !== undefined) this.removeLazily();
    if (this.timer !== undefined) this.startWrite();
    return this.writing;
  }

  private isWaiting(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  private stopWaiting(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  private wait(key: string): void {
    this.young.add(key);
    this.waitTimer ??= setTimeout(() => this.lasted(), IN_FLIGHT_DELAY_MS);
  }

  /** The requests that have lasted a whole delay join the next batch. */
  private lasted(): void {
    this.waitTimer = undefined;
    const due = this.old;
    this.old = this.young;
    this.young = new Set();
    if (due.size > 0) this.schedule();
    if (this.old.size > 0) this.waitTimer = setTimeout(() => this.lasted(), IN_FLIGHT_DELAY_MS);
  }

  /** The lazy removals join the next write. */
  private removeLazily(): void {
    clearTimeout(this.removeTimer);
    this.removeTimer = undefined;
    for (const key of this.lazyRemoved) this.removed.add(key);
    this.lazyRemoved.clear();
    this.startWrite();
  }

  /**
   * Writes are gathered for a few milliseconds: one storage call per burst of events rather
   * than one per event keeps a busy page fast. Every query waits for `flushed()` first, so what
   * it reports is written.
   */
  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.startWrite(), WRITE_DELAY_MS);
  }

  /**
   * Only what was put `soon` goes at the end of the task: the rest of what is dirty waits for its
   * batch (taking it along made every record's write carry the requests in flight, written again
   * and again). The batch timer is left running: rearming it after every record cost more.
   */
  private scheduleSoon(): void {
    if (this.soon) return;
    this.soon = true;
    queueMicrotask(() => {
      this.soon = false;
      // Issued now, not after the writes already started: a worker stopped while a batch is on
      // its way would otherwise lose it. The browser applies one context's calls in the order
      // they are made, and each write takes its values when it is made, so the newest value wins.
      const write = this.writeSoon();
      this.writing = Promise.all([this.writing, write]).then(() => undefined);
    });
  }

  private startWrite(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.write());
  }

  private async writeSoon(): Promise<void> {
    if (this.soonKeys.size === 0) return; // taken by a batch meanwhile
    const items: Record<string, unknown> = {};
    for (const key of this.soonKeys) {
      const value = this.dirty.get(key);
      if (value === undefined) continue;
      items[key] = this.encode(value);
      this.stored.add(key);
      this.dirty.delete(key);
    }
    this.soonKeys.clear();
    await this.set(items);
  }

  /** Everything dirty but the requests still waiting to last, and every removal due. */
  private async write(): Promise<void> {
    const items = this.encoded();
    const removed = this.storedOf(this.removed);
    this.soonKeys.clear();
    this.removed.clear();
    if (removed.length > 0) await this.store.remove(removed).catch(() => undefined);
    await this.set(items);
  }

  private async set(items: Record<string, unknown>): Promise<void> {
    if (Object.keys(items).length === 0) return;
    let pending = items;
    for (let round = 0; round <= QUOTA_ROUNDS; round++) {
      try {
        await this.store.set(pending);
        return;
      } catch {
        if (round === QUOTA_ROUNDS) break;
        // storage.session holds 10 MB: make room (oldest records go, counted as evicted), retry.
        this.onQuota();
        pending = { ...pending, ...this.encoded() };
        this.soonKeys.clear();
        for (const key of this.removed) delete pending[key];
        const freed = this.storedOf(this.removed);
        this.removed.clear();
        if (freed.length > 0) await this.store.remove(freed).catch(() => undefined);
      }
    }
    // Still refused: a set is all or nothing, so none of these is stored (an older value may be:
    // the keys stay "maybe stored", so dropping them removes it). Said, not swallowed.
    this.onUnsaved(Object.keys(pending));
  }

  /** Of these keys, the ones storage may hold, now forgotten as stored. */
  private storedOf(keys: Iterable<string>): string[] {
    const held: string[] = [];
    for (const key of keys) if (this.stored.delete(key)) held.push(key);
    return held;
  }

  private encoded(): Record<string, unknown> {
    const items: Record<string, unknown> = {};
    for (const [key, value] of this.dirty) {
      if (this.isWaiting(key)) continue; // not due yet: it stays dirty
      items[key] = this.encode(value);
      this.stored.add(key); // before the write settles: a failed write's later removal is harmless
      this.dirty.delete(key); // deleting the current entry does not disturb a Map's iteration
    }
    return items;
  }
}
