import { evaluate } from '../evaluator/evaluate';
import type { BrowserProfile } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import { importedRecord } from './evidence';
import { type HarImportOptions, harToExchanges, type ImportedExchange } from './import';
import { type Producer, producerOf } from './producers';

/**
 * Imported exchanges → the same CorsRecord the worker stores, so the CLI, reports and the panel
 * read a HAR exactly like a live tab. No tab: `tabId` is -1 and ids are `har:<n>`. Each record
 * carries what the HAR could not tell (`imported`), for the words to say so.
 */
export function recordsFromExchanges(
  imported: readonly ImportedExchange[],
  profile: BrowserProfile,
  producer: Producer = producerOf(null),
): CorsRecord[] {
  return imported.map((item, n) =>
    importedRecord(
      {
        id: `har:${n}`,
        tabId: -1,
        frameId: 0,
        type: item.type,
        startedAt: item.startedAt,
        exchange: item.exchange,
        evaluation: evaluate(item.exchange, { profile }),
      },
      item,
      producer,
    ),
  );
}

export interface HarRecords {
  readonly records: CorsRecord[];
  readonly errors: string[];
  readonly producer: Producer;
  /** Entries read (before the cross-origin filter). */
  readonly total: number;
}

/** A HAR (text or parsed) → records: the one reader the panel's import and the CLI share. */
export function recordsFromHar(
  har: unknown,
  profile: BrowserProfile,
  opts: HarImportOptions & { readonly adjust?: (item: ImportedExchange) => ImportedExchange | null } = {},
): HarRecords {
  const imported = harToExchanges(har, opts);
  const items = imported.exchanges.flatMap((item) => {
    const adjusted = opts.adjust ? opts.adjust(item) : item;
    return adjusted ? [adjusted] : [];
  });
  return {
    records: recordsFromExchanges(items, profile, imported.producer),
    errors: imported.errors,
    producer: imported.producer,
    total: imported.exchanges.length,
  };
}
