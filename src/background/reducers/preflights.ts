/**
 * Preflights have their own requestId: each is paired with its actual request by tab, URL,
 * initiator and time, in whichever order their events arrive (the actual request may even be
 * recorded before its preflight's last event).
 */
import type { ObservedPreflight } from '../../evaluator/types';
import { type InFlight, inferredHeaders, PAIRING_WINDOW_MS, toPreflight } from '../assembly/exchange';
import { KEY, type Step } from '../state';
import { saveFlight, updateRecord } from './records';

/** A finished preflight: onto its actual request, onto a just-recorded one, or loose. */
export function preflightDone(step: Step, flight: InFlight, networkError?: string): void {
  const preflight = toPreflight(flight, networkError);
  const actual = findActual(step, flight);
  if (actual) {
    actual.preflights.push(preflight);
    saveFlight(step, actual, 'took-stored');
    return;
  }
  if (attachToRecentRecord(step, flight, preflight)) return;
  const at = step.now;
  step.state.loose = [
    ...step.state.loose.filter((p) => at - p.at < PAIRING_WINDOW_MS),
    { tabId: flight.tabId, initiator: flight.initiator, at, preflight },
  ];
  step.effects.push({ kind: 'put', key: KEY.loose, value: { loose: step.state.loose } });
}

function findActual(step: Step, preflight: InFlight): InFlight | undefined {
  let best: InFlight | undefined;
  for (const f of step.state.flights.values()) {
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
function attachToRecentRecord(step: Step, flight: InFlight, preflight: ObservedPreflight): boolean {
  const tab = step.state.tabs.get(flight.tabId);
  if (!tab) return false;
  for (let i = tab.ids.length - 1; i >= 0 && i >= tab.ids.length - 50; i--) {
    const record = step.state.records.get(tab.ids[i] ?? '');
    if (!record || record.exchange.preflights.length > 0 || record.exchange.refusedByRenderer) continue;
    if (record.exchange.url !== flight.currentUrl || record.exchange.initiatorOrigin !== flight.initiator)
      continue;
    if (step.now - (record.endedAt ?? record.startedAt) > PAIRING_WINDOW_MS) continue;
    const exchange = {
      ...record.exchange,
      preflights: [preflight],
      ...(record.exchange.requestHeadersSource === 'inferred'
        ? { requestHeaders: inferredHeaders([preflight]) }
        : {}),
    };
    updateRecord(step, { ...record, exchange });
    return true;
  }
  return false;
}

/** An actual request takes a loose preflight for its current URL, if one waits: true if it did. */
export function adoptPreflight(step: Step, flight: InFlight): boolean {
  const index = step.state.loose.findIndex(
    (p) =>
      p.tabId === flight.tabId &&
      p.initiator === flight.initiator &&
      p.preflight.url === flight.currentUrl &&
      step.now - p.at < PAIRING_WINDOW_MS,
  );
  if (index === -1) return false;
  const [found] = step.state.loose.splice(index, 1);
  if (found && !flight.preflights.some((p) => p.url === found.preflight.url))
    flight.preflights.push(found.preflight);
  step.effects.push({ kind: 'put', key: KEY.loose, value: { loose: step.state.loose } });
  return true;
}
