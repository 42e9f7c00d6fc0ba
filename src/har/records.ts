import { evaluate } from '../evaluator/evaluate';
import type { BrowserProfile } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import type { ImportedExchange } from './import';

/**
 * Imported exchanges → the same CorsRecord the worker stores, so the CLI, reports and the panel
 * read a HAR exactly like a live tab. No tab: `tabId` is -1 and ids are `har:<n>`.
 */
export function recordsFromExchanges(
  imported: readonly ImportedExchange[],
  profile: BrowserProfile,
): CorsRecord[] {
  return imported.map((item, n) => ({
    id: `har:${n}`,
    tabId: -1,
    frameId: 0,
    type: item.type,
    startedAt: item.startedAt,
    exchange: item.exchange,
    evaluation: evaluate(item.exchange, { profile }),
  }));
}
