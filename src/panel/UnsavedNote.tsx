import type { JSX } from 'preact';

export interface UnsavedNoteProps {
  /** Records of the tab the worker could not store, storage.session being full. */
  readonly unsaved: number;
}

/** The status bar's count of records lost to a full storage (never silent); nothing at 0. */
export function UnsavedNote({ unsaved }: UnsavedNoteProps): JSX.Element | null {
  if (unsaved <= 0) return null;
  return (
    <span
      class="evicted unsaved"
      data-testid="unsaved"
      title="The browser's session storage (10 MB) stayed full after the oldest records were dropped: these were not kept"
    >
      {` · ${unsaved.toLocaleString('en-US')} not kept (storage full)`}
    </span>
  );
}
