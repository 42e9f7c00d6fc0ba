/**
 * Long work in the worker is cut into slices with a task boundary between them. The browser hands
 * the worker its events (a tab's navigation, webRequest events, messages) as tasks: one long task
 * makes them all wait, and a navigation that waits is a tab whose listeners come too late for its
 * first requests (the browser matches each request to the listeners registered when it starts, and
 * never delivers it later). Measured in Chromium 156: one 10,000-record message kept a worker
 * busy 2-8 s and the tab navigating meanwhile lost the first 350-550 of its 1,000 requests.
 */

/** Resolves in a later task (never a microtask: the events waiting for the thread run first). */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `each` over the items, a slice at a time, with a task boundary between slices; `stop`
 * (checked before each slice after the first) ends it early.
 */
export async function inSlices<T>(
  items: readonly T[],
  size: number,
  each: (slice: readonly T[], start: number) => void,
  stop: () => boolean = () => false,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) {
      await nextTask();
      if (stop()) return;
    }
    each(items.slice(i, i + size), i);
  }
}
