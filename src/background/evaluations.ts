/**
 * The evaluation of each stored record, derived lazily: when a record is first shown, pushed or
 * counted. Keyed by the record object: a changed record is a new object, so nothing is
 * invalidated by hand.
 */
import { evaluate } from '../evaluator/evaluate';
import type { BrowserProfile, Evaluation } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import { inSlices } from './next-task';
import type { StoredRecord } from './state';

/** Records evaluated per task when many are read at once (about 0.1 ms each in Chromium 156). */
const EVALUATE_SLICE = 250;

export class Evaluations {
  private readonly cache = new WeakMap<StoredRecord, Evaluation>();

  constructor(private readonly profile: BrowserProfile) {}

  of(record: StoredRecord): Evaluation {
    let evaluation = this.cache.get(record);
    if (!evaluation) {
      evaluation = evaluate(record.exchange, { profile: this.profile });
      this.cache.set(record, evaluation);
    }
    return evaluation;
  }

  full(record: StoredRecord | undefined): CorsRecord | undefined {
    return record && { ...record, evaluation: this.of(record) };
  }

  /**
   * The records with their evaluations, evaluated a slice at a time (next-task.ts): the first read
   * of 10,000 records after a wake-up evaluates them all, about a second of work in one task.
   * A record gone meanwhile (`recordOf` finds nothing) is left out.
   */
  async fullRecords(
    ids: readonly string[],
    recordOf: (id: string) => StoredRecord | undefined,
  ): Promise<CorsRecord[]> {
    const records: CorsRecord[] = [];
    await inSlices(ids, EVALUATE_SLICE, (slice) => {
      for (const id of slice) {
        const record = this.full(recordOf(id));
        if (record) records.push(record);
      }
    });
    return records;
  }
}
