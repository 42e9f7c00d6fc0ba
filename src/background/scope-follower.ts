/**
 * The shell's half of the recording scope: makes the webRequest listeners and the page hook follow
 * the state (effect `listen`, src/background/reducers/scope.ts), and listens at once to a tab
 * whose navigation enters the scope, before the capture's queue reaches it.
 */
import { isRecorded, pageScope, sitePatterns } from '../shared/scope';
import { type ListenPlan, listenPlan } from './reducers/scope';
import type { CaptureState } from './state';

export class ScopeFollower {
  /**
   * Tabs whose navigation into the scope is seen but not yet applied: it waits in the queue behind
   * other inputs (a purge of 10,000 records, a settings change waiting for the page hook's
   * registration). Their listeners are added at once and kept by every plan until it is applied:
   * the browser never delivers a request that started before its tab's listeners existed.
   */
  private readonly arriving = new Set<number>();
  /** The last page hook registration asked for (settings answer once it is done). */
  hookWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly listen?: (plan: ListenPlan) => void,
    private readonly hook?: (matches: readonly string[]) => Promise<void>,
  ) {}

  /** A navigation seen, before its turn in the queue: its tab is listened to now if it enters. */
  arrive(state: CaptureState, tabId: number, url: string): void {
    const { recorded, panels } = state.scope;
    // Before the wake-up every tab is listened to (webRequestFollower); 'all': every tab is.
    if (recorded === null || recorded === 'all' || recorded.has(tabId)) return;
    if (!isRecorded(pageScope(url, state.settings, panels.has(tabId)))) return;
    this.arriving.add(tabId);
    this.listenNow(state);
  }

  /** The navigation is applied: the state's own plan decides for its tab from now on. */
  applied(state: CaptureState, tabId: number): void {
    if (this.arriving.delete(tabId)) this.listenNow(state);
  }

  /** Effect `listen`: the listeners and the page hook follow the state. */
  follow(state: CaptureState): void {
    this.listenNow(state);
    const { recordScope, recordSites } = state.settings;
    const matches = recordScope === 'all-sites' ? ['<all_urls>'] : sitePatterns(recordSites);
    if (this.hook) this.hookWrite = this.hook(matches);
  }

  /** The state's plan, and the tabs arriving in the scope. */
  private listenNow(state: CaptureState): void {
    const plan = listenPlan(state);
    if (plan.all || this.arriving.size === 0) this.listen?.(plan);
    else
      this.listen?.({
        ...plan,
        tabs: [...new Set([...plan.tabs, ...this.arriving])].sort((a, b) => a - b),
      });
  }
}
