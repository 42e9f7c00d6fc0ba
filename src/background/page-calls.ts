/**
 * What the page hook reports of fetch()/XHR calls, matched with the webRequest exchange of the
 * same tab, frame, URL and method (either may come first); calls the renderer refused before
 * any network activity become records of their own.
 */
import type { PageCall } from '../shared/record';
import {
  callFields,
  type InFlight,
  PAIRING_WINDOW_MS,
  refusedExchange,
  withoutFragment,
} from './assembly/exchange';
import { KEY, type Persister } from './store/persist';
import type { RecordStore, StoredRecord, TabState } from './store/record-store';

export class PageCalls {
  constructor(
    private readonly flights: Map<string, InFlight>,
    private readonly store: RecordStore,
    private readonly persist: Persister,
    private readonly now: () => number,
  ) {}

  apply(call: PageCall, refused: boolean, tabId: number, frameId: number, origin: string): void {
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

  take(tab: TabState, url: string, method: string, frameId: number, at: number): PageCall | undefined {
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
}
