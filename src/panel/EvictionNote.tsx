import type { JSX } from 'preact';

export interface EvictionNoteProps {
  /** Records of the tab the worker dropped past its per-tab bound (or for storage space). */
  readonly evicted: number;
}

/** The status bar's count of records dropped from the tab's log, oldest first; nothing at 0. */
export function EvictionNote({ evicted }: EvictionNoteProps): JSX.Element | null {
  if (evicted <= 0) return null;
  return (
    <span class="evicted" title="The oldest records were dropped past the per-tab bound (Options)">
      {` · ${evicted.toLocaleString('en-US')} older dropped`}
    </span>
  );
}
