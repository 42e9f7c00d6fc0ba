/**
 * The page hook's dynamic registration (scripting.registerContentScripts): the sites turned on,
 * or every page under the all-sites option, with its isolated-world relay. Development hosts need
 * none (the manifest's static entries, limited to them by URL globs, wrap and relay there).
 * Calls are applied one after another; the last plan wins.
 */
import { browser } from './browser';

const HOOK_ID = 'cors-lens-hook-sites';
const RELAY_ID = 'cors-lens-relay-sites';

/** Match patterns the hook must be injected on beyond development hosts (none: unregistered). */
export type HookPlan = readonly string[];

/** The built files of the two entries (`?script` imports). */
export interface HookFiles {
  /** The page hook's dynamic entry, in the page's main world. */
  readonly hook: string;
  /** The relay, in the extension's isolated world. */
  readonly relay: string;
}

export function pageHookFollower(files: HookFiles): (matches: HookPlan) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  let applied: string | undefined;
  return (matches) => {
    const key = JSON.stringify(matches);
    chain = chain
      .then(async () => {
        if (key === applied) return;
        const ids = [HOOK_ID, RELAY_ID];
        const existing = await browser.scripting.getRegisteredContentScripts({ ids });
        if (existing.length > 0)
          await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
        if (matches.length > 0) {
          const common = {
            matches: [...matches],
            runAt: 'document_start' as const,
            allFrames: true,
          };
          await browser.scripting.registerContentScripts([
            { id: HOOK_ID, js: [files.hook], world: 'MAIN' as const, ...common },
            { id: RELAY_ID, js: [files.relay], ...common },
          ]);
        }
        applied = key;
      })
      .catch((error: unknown) => {
        applied = undefined;
        console.error('CORS Lens: the page hook could not follow the scope', error);
      });
    return chain;
  };
}
