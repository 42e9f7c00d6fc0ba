/**
 * The shell's half of the recording scope: makes the webRequest listeners and the page hook follow
 * the state (effect `listen`, src/background/reducers/scope.ts). A tab entering the scope is
 * listened to when its navigation's turn comes in the capture's queue: the queue is not where the
 * capacity burst's requests were lost (the worker's thread was, next-task.ts), so nothing jumps it.
 */
import { sitePatterns } from '../shared/scope';
import { type ListenPlan, listenPlan } from './reducers/scope';
import type { CaptureState } from './state';

export class ScopeFollower {
  /** The last page hook registration asked for (settings answer once it is done). */
  hookWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly listen?: (plan: ListenPlan) => void,
    private readonly hook?: (matches: readonly string[]) => Promise<void>,
  ) {}

  /** Effect `listen`: the listeners and the page hook follow the state. */
  follow(state: CaptureState): void {
    this.listen?.(listenPlan(state));
    const { recordScope, recordSites } = state.settings;
    const matches = recordScope === 'all-sites' ? ['<all_urls>'] : sitePatterns(recordSites);
    if (this.hook) this.hookWrite = this.hook(matches);
  }
}
