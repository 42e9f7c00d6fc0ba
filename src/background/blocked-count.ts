/**
 * The badge's number: a tab's blocked records, kept up to date from the records that changed
 * since the last count rather than recounted over the whole tab (10,000 records a tab, a count
 * every 100 ms while a page is busy). Records that left (evicted, cleared) drop out at the next
 * count; a tab that was cleared, or not counted since the worker woke, is counted in full once.
 */
export class BlockedCount<R> {
  /** Per tab: the ids of its records that were blocked when last looked at. */
  private readonly blocked = new Map<number, Set<string>>();
  /** Per tab: the records added or changed since its last count. */
  private readonly changed = new Map<number, Set<string>>();

  constructor(
    private readonly recordOf: (id: string) => R | undefined,
    private readonly isBlocked: (record: R) => boolean,
  ) {}

  noteChanged(tabId: number, id: string): void {
    const ids = this.changed.get(tabId);
    if (ids) ids.add(id);
    else this.changed.set(tabId, new Set([id]));
  }

  /** The tab was cleared or is gone: its next count starts over. */
  forget(tabId: number): void {
    this.blocked.delete(tabId);
    this.changed.delete(tabId);
  }

  /** The tab's blocked records now; `allIds` is read only for a full count. */
  count(tabId: number, allIds: readonly string[]): number {
    const changed = this.changed.get(tabId);
    this.changed.delete(tabId);
    let blocked = this.blocked.get(tabId);
    if (!blocked) {
      blocked = new Set();
      this.blocked.set(tabId, blocked);
      for (const id of allIds) this.look(blocked, id);
      return blocked.size;
    }
    for (const id of blocked) if (this.recordOf(id) === undefined) blocked.delete(id);
    for (const id of changed ?? []) this.look(blocked, id);
    return blocked.size;
  }

  private look(blocked: Set<string>, id: string): void {
    const record = this.recordOf(id);
    if (record !== undefined && this.isBlocked(record)) blocked.add(id);
    else blocked.delete(id);
  }
}
