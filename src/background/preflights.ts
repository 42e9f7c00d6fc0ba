/**
 * Preflights have their own requestId: each is paired with its actual request by tab, URL,
 * initiator and time, in whichever order their events arrive (the actual request may even be
 * recorded before its preflight's last event).
 */
import type { ObservedPreflight } from '../evaluator/types';
import {
  type InFlight,
  inferredHeaders,
  type LoosePreflight,
  PAIRING_WINDOW_MS,
  toPreflight,
} from './assembly/exchange';
import { KEY, type Persister } from './store/persist';
import type { RecordStore } from './store/record-store';

export class PreflightPairing {
  /** Finished preflights waiting for their actual request (persisted). */
  loose: LoosePreflight[] = [];

  constructor(
    private readonly flights: Map<string, InFlight>,
    private readonly store: RecordStore,
    private readonly persist: Persister,
    private readonly now: () => number,
  ) {}

  done(flight: InFlight, networkError?: string): void {
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

  adopt(flight: InFlight): void {
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
}
