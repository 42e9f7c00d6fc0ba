/**
 * The page hook's dynamic registration (scripting.registerContentScripts): the sites turned on,
 * or every page under the all-sites option. Development hosts need none (the manifest's static
 * entry wraps there). Calls are applied one after another; the last plan wins.
 */
import { browser } from './browser';

const ID = 'cors-lens-hook-sites';

/** Match patterns the hook must be injected on beyond development hosts (none: unregistered). */
export type HookPlan = readonly string[];

export function pageHookFollower(file: string): (matches: HookPlan) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  let applied: string | undefined;
  return (matches) => {
    const key = JSON.stringify(matches);
    chain = chain
      .then(async () => {
        if (key === applied) return;
        const existing = await browser.scripting.getRegisteredContentScripts({ ids: [ID] });
        if (matches.length === 0) {
          if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [ID] });
        } else {
          const script = {
            id: ID,
            js: [file],
            matches: [...matches],
            runAt: 'document_start' as const,
            allFrames: true,
            world: 'MAIN' as const,
          };
          if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
          else await browser.scripting.registerContentScripts([script]);
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
