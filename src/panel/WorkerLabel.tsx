import type { JSX } from 'preact';
import type { WorkerContext } from '../shared/record';

const ATTRIBUTED =
  "webRequest gave this request no tab: it was attributed to this tab by its initiator's origin";
const TITLES: Record<string, string> = {
  'service worker': `${ATTRIBUTED}. The page is controlled by (or registered) a service worker of that origin, and made no shared worker of it.`,
  'shared worker': `${ATTRIBUTED}. The page created a shared worker of that origin, and no service worker of it controls the page.`,
  'worker (service or shared)': `${ATTRIBUTED}. A service worker or a shared worker: the page has both, or said nothing of its workers.`,
  'worker (no tab)': ATTRIBUTED,
};

/** The request had no tab: which kind of worker made it, and whether other tabs show it too. */
export function WorkerLabel({ worker }: { worker: WorkerContext | undefined }): JSX.Element | null {
  if (!worker) return null;
  // 0: made while no tab of its origin was open (kept, then handed to this tab).
  const others = Math.max(0, worker.tabs - 1);
  const shared =
    others > 0 ? ` · also shown in ${others} other tab${others === 1 ? '' : 's'} of this origin` : '';
  return (
    <span
      class="worker-label"
      data-testid="worker-label"
      title={TITLES[worker.context] ?? TITLES['worker (no tab)']}
    >
      {worker.context}
      {shared}
    </span>
  );
}
