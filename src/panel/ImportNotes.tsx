import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { importNotes } from '../explain/imported';
import { producerById } from '../har/producers';
import type { CorsRecord } from '../shared/record';

export interface ImportNotesProps {
  readonly records: readonly CorsRecord[];
}

/**
 * What an imported HAR cannot tell ("Playwright's HAR does not record preflights"), said once
 * above the table rather than on every row. The same sentences `cors-lens explain` prints.
 */
export function ImportNotes({ records }: ImportNotesProps): JSX.Element | null {
  const notes = useMemo(() => {
    const producer = records.find((r) => r.imported !== undefined)?.imported?.producer;
    return producer === undefined ? [] : importNotes(producerById(producer), records);
  }, [records]);
  if (notes.length === 0) return null;
  return (
    <ul class="import-notes" aria-label="What this HAR cannot tell">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
