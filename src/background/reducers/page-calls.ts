/**
 * What the page hook reports of fetch()/XHR calls, matched with the webRequest exchange of the
 * same tab, frame, URL and method (either may come first); calls the renderer refused before
 * any network activity become records of their own.
 */
import type { PageCall } from '../../shared/record';
import { callFields, PAIRING_WINDOW_MS, refusedExchange, withoutFragment } from '../assembly/exchange';
import { type Input, KEY, type Step, type StoredRecord, type TabState } from '../state';
import { addRecord, saveTab, tabOf, updateRecord } from './records';

export function reducePageCall(step: Step, input: Extract<Input, { type: 'page-call' }>): void {
  const { call, tabId, frameId } = input;
  const tab = tabOf(step, tabId);
  if (input.refused) {
    const record: StoredRecord = {
      id: `${tabId}:page:${tab.nextPageCall++}`,
      tabId,
      frameId,
      type: call.api === 'xhr' ? 'xmlhttprequest' : 'fetch',
      startedAt: step.now,
      endedAt: step.now,
      exchange: refusedExchange(call, input.origin),
      call,
    };
    addRecord(step, tab, record);
    saveTab(step, tab); // its page-call counter moved
    return;
  }
  const url = withoutFragment(call.url);
  const method = call.method.toUpperCase();
  for (const flight of step.state.flights.values()) {
    if (flight.tabId !== tabId || flight.frameId !== frameId || flight.call || flight.isPreflight) continue;
    if (flight.url === url && flight.method.toUpperCase() === method) {
      flight.call = call;
      step.effects.push({ kind: 'put', key: KEY.flight(flight.requestId), value: { flight } });
      return;
    }
  }
  for (let i = tab.ids.length - 1; i >= 0 && i >= tab.ids.length - 200; i--) {
    const record = step.state.records.get(tab.ids[i] ?? '');
    if (!record || record.frameId !== frameId || record.exchange.refusedByRenderer) continue;
    const pending = !record.call || (record.call.outcome === undefined && call.outcome !== undefined);
    if (!pending || record.exchange.url !== url || record.exchange.method.toUpperCase() !== method) continue;
    if (step.now - record.startedAt > PAIRING_WINDOW_MS * 3) break;
    updateRecord(step, { ...record, call, exchange: { ...record.exchange, ...callFields(call) } });
    return;
  }
  tab.calls = [
    ...tab.calls.filter((c) => step.now - c.at < PAIRING_WINDOW_MS),
    { call, frameId, at: step.now },
  ];
  saveTab(step, tab);
}

/** The page call waiting for a finished exchange, taken off the tab's list. */
export function takePageCall(
  step: Step,
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
  saveTab(step, tab);
  return found?.call;
}
