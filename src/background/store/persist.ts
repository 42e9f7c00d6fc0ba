/**
 * Write-through persistence for a worker the browser may stop at any moment: every change marks
 * a key dirty, and dirty keys are written together at the end of the current task, so what one
 * webRequest event changed is in storage.session before the next event is handled.
 */
import type { KeyValueStore } from '../../platform/extension';

export const KEY = {
  record: (id: string) => `r:${id}`,
  flight: (requestId: string) => `f:${requestId}`,
  tab: (tabId: number) => `t:${tabId}`,
  loose: 'loose-preflights',
} as const;

export class Persister {
  private readonly dirty = new Map<string, unknown>();
  private readonly removed = new Set<string>();
  private scheduled: Promise<void> | null = null;

  constructor(
    private readonly store: KeyValueStore,
    /** Called when the storage quota refuses a write: free space, then the write is retried once. */
    private readonly onQuota: () => void,
  ) {}

  put(key: string, value: unknown): void {
    this.removed.delete(key);
    this.dirty.set(key, value);
    this.schedule();
  }

  drop(key: string): void {
    this.dirty.delete(key);
    this.removed.add(key);
    this.schedule();
  }

  /** Resolves once everything changed so far is written. */
  flushed(): Promise<void> {
    return this.scheduled ?? Promise.resolve();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = Promise.resolve().then(() => this.write());
  }

  private async write(): Promise<void> {
    const items = Object.fromEntries(this.dirty);
    const removed = [...this.removed];
    this.dirty.clear();
    this.removed.clear();
    this.scheduled = null;
    if (removed.length > 0) await this.store.remove(removed).catch(() => undefined);
    if (Object.keys(items).length === 0) return;
    try {
      await this.store.set(items);
    } catch {
      // storage.session holds 10 MB: make room (oldest records go, counted as evicted) and retry.
      this.onQuota();
      const retry = { ...items, ...Object.fromEntries(this.dirty) };
      this.dirty.clear();
      const freed = [...this.removed];
      this.removed.clear();
      for (const key of freed) delete retry[key];
      if (freed.length > 0) await this.store.remove(freed).catch(() => undefined);
      await this.store.set(retry).catch(() => undefined);
    }
  }
}
