/**
 * The recording scope as state: each tab's page and whether its CORS panel is open. Which tabs
 * are recorded follows from these and the settings (src/shared/scope.ts); the shell makes the
 * webRequest listeners and the page hook follow (effect `listen`), never the reverse.
 */
import { isRecorded, pageScope, type ScopeReason } from '../../shared/scope';
import type { CaptureState, Input, Step } from '../state';

/** What the listeners must cover: every tab (`all`), or these tabs only. */
export interface ListenPlan {
  readonly all: boolean;
  readonly tabs: readonly number[];
  /**
   * Also the requests without a tab (`tabId: -1`: service and shared workers), while a recorded
   * tab's page said it has such a worker (reducers/page-workers.ts). They cannot be asked for
   * alone (a filter with `tabId: -1` is no tab filter in Chromium 156): one unfiltered set,
   * and the capture keeps the recorded tabs' and the workers' requests only.
   */
  readonly untabbed?: true;
}

export function tabScope(state: CaptureState, tabId: number): ScopeReason {
  return pageScope(state.scope.pages.get(tabId), state.settings, state.scope.panels.has(tabId));
}

/** The listeners the state asks for (tabs in ascending order, so equal plans compare equal). */
export function listenPlan(state: CaptureState): ListenPlan {
  if (state.settings.recordScope === 'all-sites') return { all: true, tabs: [] };
  const tabs = new Set<number>(state.scope.panels);
  for (const tabId of state.scope.pages.keys()) if (isRecorded(tabScope(state, tabId))) tabs.add(tabId);
  const sorted = [...tabs].sort((a, b) => a - b);
  return sorted.some((tabId) => hasWorkers(state, tabId))
    ? { all: false, tabs: sorted, untabbed: true }
    : { all: false, tabs: sorted };
}

/** Whether the tab's page reported a service worker or a shared worker. */
function hasWorkers(state: CaptureState, tabId: number): boolean {
  const kinds = state.tabs.get(tabId)?.workerKinds;
  return kinds !== undefined && Object.values(kinds).some((k) => k.service === true || k.shared === true);
}

/** Recomputes which tabs are recorded and asks the shell to make the listeners follow. */
export function follow(step: Step): void {
  const plan = listenPlan(step.state);
  const before = step.state.scope.recorded;
  const now = plan.all ? 'all' : new Set(plan.tabs);
  step.state.scope.recorded = now;
  step.effects.push({ kind: 'listen' });
  // The badge appears only on recorded tabs: a tab that leaves the scope shows none.
  if (now === 'all' || before === null) return;
  const left = before === 'all' ? [...step.state.tabs.keys()] : [...before];
  for (const tabId of left) if (!now.has(tabId)) step.effects.push({ kind: 'badge', tabId, zero: true });
}

/** Whether a tab's events are kept (before the wake-up, every event waits in the queue anyway). */
export function isTabRecorded(state: CaptureState, tabId: number): boolean {
  const { recorded } = state.scope;
  return recorded === null || recorded === 'all' || recorded.has(tabId);
}

function changed(step: Step): void {
  step.effects.push({ kind: 'save-scope' });
  follow(step);
}

export function reduceTabPage(step: Step, input: Extract<Input, { type: 'tab-page' }>): void {
  if (step.state.scope.pages.get(input.tabId) === input.url) return;
  step.state.scope.pages.set(input.tabId, input.url);
  changed(step);
}

export function reducePanel(step: Step, input: Extract<Input, { type: 'panel' }>): void {
  const { panels } = step.state.scope;
  if (panels.has(input.tabId) === input.open) return;
  if (input.open) panels.add(input.tabId);
  else panels.delete(input.tabId);
  changed(step);
}

export function forgetTabScope(step: Step, tabId: number): void {
  const { pages, panels } = step.state.scope;
  if (!pages.has(tabId) && !panels.has(tabId)) return;
  pages.delete(tabId);
  panels.delete(tabId);
  changed(step);
}

/** The stored form of the scope's facts. */
export interface StoredScope {
  readonly pages: readonly (readonly [number, string])[];
  readonly panels: readonly number[];
}

export const storedScope = (state: CaptureState): StoredScope => ({
  pages: [...state.scope.pages],
  panels: [...state.scope.panels],
});

const isTab = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Restores what a previous worker stored (each entry checked; a bad one is skipped). */
export function restoreScope(state: CaptureState, raw: unknown): void {
  if (typeof raw !== 'object' || raw === null) return;
  const { pages, panels } = raw as Record<string, unknown>;
  if (Array.isArray(pages))
    for (const entry of pages)
      if (Array.isArray(entry) && isTab(entry[0]) && typeof entry[1] === 'string')
        state.scope.pages.set(entry[0], entry[1]);
  if (Array.isArray(panels)) for (const tabId of panels) if (isTab(tabId)) state.scope.panels.add(tabId);
}
