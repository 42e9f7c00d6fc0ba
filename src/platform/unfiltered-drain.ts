/** How the unfiltered webRequest set leaves when the scope narrows (./webrequest.ts). */
import type { WebRequestEventName } from './webrequest';

const DRAIN_NEW_MS = 1_000;
const DRAIN_MAX_MS = 30_000;
const IN_FLIGHT_CAP = 10_000;

/**
 * The unfiltered set's way out when the plan narrows to tab sets. Measured in Chromium 156 (the
 * scope suite's "after a worker stop" case): removing it at once lost the remaining events of
 * the requests in flight, which a tab set added now never receives. So it stays until those
 * finish (at most DRAIN_MAX_MS), and for DRAIN_NEW_MS it also takes new requests, while the
 * browser registers the tab sets. Each request is delivered by one set only: the first that
 * delivers it while both exist.
 */
export class UnfilteredDrain {
  /** Requests the unfiltered set has delivered and not finished (kept while it is the only set). */
  private readonly inFlight = new Set<string>();
  /** While draining: which set delivers each request ('finished': its last event is delivered). */
  private owners: Map<string, 'all' | number | 'finished'> | undefined;
  private ownedByAll = 0;
  private newUntil = 0;
  private timers: ReturnType<typeof setTimeout>[] = [];

  constructor(private readonly removeUnfiltered: () => void) {}

  start(): void {
    if (this.owners) return;
    this.owners = new Map([...this.inFlight].map((id) => [id, 'all' as const]));
    this.ownedByAll = this.owners.size;
    this.inFlight.clear();
    this.newUntil = Date.now() + DRAIN_NEW_MS;
    this.timers = [
      setTimeout(() => this.endIfDone(), DRAIN_NEW_MS + 1),
      setTimeout(() => this.end(true), DRAIN_MAX_MS),
    ];
  }

  cancel(): void {
    if (!this.owners) return;
    for (const [id, owner] of this.owners) if (owner === 'all') this.inFlight.add(id);
    this.reset();
  }

  delivers(key: 'all' | number, name: WebRequestEventName, requestId: string): boolean {
    const finished = name === 'completed' || name === 'errorOccurred';
    if (!this.owners) {
      if (key !== 'all') return true;
      if (finished) this.inFlight.delete(requestId);
      else if (this.inFlight.size < IN_FLIGHT_CAP) this.inFlight.add(requestId);
      return true;
    }
    const owner = this.owners.get(requestId);
    if (owner === undefined) {
      if (key === 'all' && Date.now() > this.newUntil) return false;
      this.owners.set(requestId, key);
      if (key === 'all') this.ownedByAll += 1;
    } else if (owner !== key) return false;
    if (finished) {
      // Kept as finished until the drain ends: the other set must not deliver its end again.
      this.owners.set(requestId, 'finished');
      if (key === 'all') this.ownedByAll -= 1;
      this.endIfDone();
    }
    return true;
  }

  /** The unfiltered set is removed now (no tab recorded): nothing is left to finish. */
  stop(): void {
    this.inFlight.clear();
    this.reset();
  }

  private endIfDone(): void {
    if (this.owners && this.ownedByAll <= 0 && Date.now() > this.newUntil) this.end(true);
  }

  private end(removeIt: boolean): void {
    if (!this.owners) return;
    this.reset();
    if (removeIt) this.removeUnfiltered();
  }

  private reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.owners = undefined;
    this.ownedByAll = 0;
  }
}
