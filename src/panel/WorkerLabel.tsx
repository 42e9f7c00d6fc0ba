import type { JSX } from 'preact';
import type { WorkerContext } from '../shared/record';

/** The request had no tab: which kind of worker made it, and whether other tabs show it too. */
export function WorkerLabel({ worker }: { worker: WorkerContext | undefined }): JSX.Element | null {
  if (!worker) return null;
  const others = worker.tabs - 1;
  const shared =
    others > 0 ? ` · also shown in ${others} other tab${others === 1 ? '' : 's'} of this origin` : '';
  return (
    <span
      class="worker-label"
      data-testid="worker-label"
      title="webRequest gave this request no tab: it was attributed to this tab by its initiator's origin"
    >
      {worker.context}
      {shared}
    </span>
  );
}
