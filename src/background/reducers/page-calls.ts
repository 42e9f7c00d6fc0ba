/**
 * What the page hook reports of fetch()/XHR calls, matched with the webRequest exchange of the
 * same tab, frame, URL and method (either may come first); calls the renderer refused before
 * any network activity become records of their own.
 */
import type { PageCall } from '../../shared/record';
import { callFields, PAIRING_WINDOW_MS, refusedExchange, withoutFragment } from '../assembly/exchange';
import { callKey, type Input, KEY, type Step, type StoredRecord, type TabState } from '../state';
import { addRecord, saveFlight, saveTab, tabOf, updateRecord } from './records';
import { isServiceWorkerRejection, reduceServiceWorkerRejection } from './sw-answers';

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
  const key = callKey(tabId, frameId, call.method, withoutFragment(call.url));
  const { pairing } = step.state;
  // A request in flight for it (the oldest first, as the page made them).
  const flightIds = pairing.flights.get(key) ?? [];
  for (let i = 0; i < flightIds.length; i++) {
    const flight = step.state.flights.get(flightIds[i] ?? '');
    if (!flight || flight.call || flight.isPreflight) continue;
    flight.call = call;
    flightIds.splice(0, i + 1); // those before it are gone or paired
    saveFlight(step, flight);
    return;
  }
  pairing.flights.delete(key);
  // A record still waiting for its call, or for the call's outcome (the newest first).
  const recordIds = pairing.records.get(key) ?? [];
  for (let i = recordIds.length - 1; i >= 0; i--) {
    const record = step.state.records.get(recordIds[i] ?? '');
    if (!record) continue;
    if (step.now - record.startedAt > PAIRING_WINDOW_MS * 3) break;
    const pending = !record.call || (record.call.outcome === undefined && call.outcome !== undefined);
    if (!pending) continue;
    updateRecord(step, { ...record, call, exchange: { ...record.exchange, ...callFields(call) } });
    return;
  }
  // Rejected on a page a service worker controls, and no request of the page's own: the worker
  // answered (./sw-answers.ts).
  if (isServiceWorkerRejection(call) && reduceServiceWorkerRejection(step, input)) return;
  // Neither yet: the call waits for its request, under a key of its own.
  for (const old of tab.calls) {
    if (step.now - old.at >= PAIRING_WINDOW_MS)
      step.effects.push({ kind: 'drop', key: KEY.call(tabId, old.seq) });
  }
  const waiting = { call, frameId, at: step.now, seq: tab.nextPageCall++ };
  tab.calls = [...tab.calls.filter((c) => step.now - c.at < PAIRING_WINDOW_MS), waiting];
  step.effects.push({
    kind: 'put',
    key: KEY.call(tabId, waiting.seq),
    value: { waiting: { ...waiting, tabId } },
  });
  saveTab(step, tab); // its counter moved
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
  if (found) step.effects.push({ kind: 'drop', key: KEY.call(tab.tabId, found.seq) });
  return found?.call;
}
