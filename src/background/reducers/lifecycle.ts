/**
 * The worker's own life: waking up over what storage kept, time passing (recovering requests
 * whose last events went to a stopped worker), tabs closed or cleared, settings changed.
 */

import { checkSettingsPatch } from '../../shared/guards';
import type { Settings } from '../../shared/protocol';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { type Input, KEY, type Step, type WaitingCall } from '../state';
import { decodeStored } from '../store/codec';
import {
  isInFlight,
  isLoosePreflight,
  isStoredRecord,
  isTabState,
  isWaitingCall,
} from '../store/stored-guards';
import { enforceBound, indexFlight, indexRecord, purgeTab, rebuildIndexes, tabOf } from './records';
import { follow, restoreScope } from './scope';
import { dropFlight, finishFlight } from './web-request';

/** After a wake-up, how long a request from before may stay silent before we finish it. */
export const RECOVERY_DELAY_MS = 1_500;
/** A request with no answer and no event for this long is given up. */
export const STALE_FLIGHT_MS = 120_000;

/** Saved settings, each field checked on its own: one bad field does not lose the others. */
function savedSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  let settings = DEFAULT_SETTINGS;
  for (const [key, value] of Object.entries(raw)) {
    const checked = checkSettingsPatch({ [key]: value });
    if (checked.ok) settings = { ...settings, ...checked.value };
  }
  return settings;
}

export function reduceWake(step: Step, input: Extract<Input, { type: 'wake' }>): void {
  const { state } = step;
  state.settings = savedSettings(input.local.settings);
  restoreScope(state, input.session[KEY.scope]);
  const waiting: (WaitingCall & { tabId: number })[] = [];
  for (const [key, raw] of Object.entries(input.session)) {
    const value = decodeStored(key, raw);
    if (key.startsWith('r:')) {
      if (isStoredRecord(value) && key === KEY.record(value.id)) state.records.set(value.id, value);
    } else if (key.startsWith('f:')) {
      if (isInFlight(value) && key === KEY.flight(value.requestId)) state.flights.set(value.requestId, value);
    } else if (key.startsWith('t:')) {
      if (isTabState(value) && key === KEY.tab(value.tabId)) state.tabs.set(value.tabId, value);
    } else if (key.startsWith('c:')) {
      if (isWaitingCall(value) && key === KEY.call(value.tabId, value.seq)) waiting.push(value);
    } else if (key === KEY.loose && Array.isArray(value)) {
      state.loose = value.filter(isLoosePreflight);
    }
  }
  rebuildIndexes(step);
  for (const { tabId, ...call } of waiting.sort((a, b) => a.at - b.at)) tabOf(step, tabId).calls.push(call);
  for (const flight of state.flights.values()) indexFlight(step, flight);
  for (const tab of state.tabs.values()) {
    for (const id of tab.ids) {
      const record = state.records.get(id);
      if (record) indexRecord(step, record); // oldest first, as they were recorded
    }
  }
  follow(step); // once the tabs are loaded: their pages' workers are part of the plan
  if (state.flights.size > 0) {
    state.wokeAt = input.now;
    step.effects.push({ kind: 'tick-after', ms: RECOVERY_DELAY_MS });
  }
}

/**
 * Events the browser had handed to the previous worker when it was stopped are gone: a request
 * loaded from storage that sees no event after a wake-up will never complete. One that got its
 * answer is finished as it stands (the verdict depends on the headers, which we have).
 */
export function reduceTick(step: Step): void {
  const { wokeAt } = step.state;
  if (wokeAt === undefined) return;
  let waiting = false;
  for (const flight of [...step.state.flights.values()]) {
    if ((flight.touchedAt ?? 0) >= wokeAt) continue;
    if (flight.response || flight.redirects.length > 0) finishFlight(step, flight);
    else if (step.now - flight.startedAt > STALE_FLIGHT_MS) dropFlight(step, flight);
    else waiting = true;
  }
  if (waiting) step.effects.push({ kind: 'tick-after', ms: RECOVERY_DELAY_MS });
  else delete step.state.wokeAt;
}

export function reduceTabRemoved(step: Step, tabId: number): void {
  purgeTab(step, tabId, false);
}

export function reduceClear(step: Step, tabId: number): void {
  purgeTab(step, tabId, true);
}

export function reduceSettings(step: Step, patch: Partial<Settings>): void {
  step.state.settings = { ...step.state.settings, ...patch };
  step.effects.push({ kind: 'save-settings' });
  if (patch.recordScope !== undefined || patch.recordSites !== undefined) follow(step);
  for (const tab of step.state.tabs.values()) enforceBound(step, tab);
}
