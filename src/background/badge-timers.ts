/**
 * When the badge is recounted: at most every `delayMs` per tab, so a burst of records costs one
 * count. The count itself is the caller's (`show`).
 */
export class BadgeTimers {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly show: (tabId: number) => void,
    private readonly delayMs: number,
  ) {}

  schedule(tabId: number): void {
    if (this.timers.has(tabId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(tabId);
      this.show(tabId);
    }, this.delayMs);
    this.timers.set(tabId, timer);
  }

  /** Shows every count still waiting for its timer (queries and tests read it at once). */
  flush(): void {
    for (const [tabId, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(tabId);
      this.show(tabId);
    }
  }
}
