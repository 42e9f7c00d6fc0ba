import type { BrowserProfile } from '../../../src/evaluator/types';
import { recordsFromHar } from '../../../src/har/records';
import type { CorsRecord } from '../../../src/shared/record';

/**
 * A HAR written by a real tool, judged by the importer, against the browser's own decision for
 * each request it holds. A reason is "right" when it is the browser's, "wrong" when we state a
 * reason the browser did not give (a CORS code, or "not a CORS error" where the browser gave
 * one), "unknown" when the record says it cannot tell and names what would find out.
 */
export interface Truth {
  /** The first URL the page asked for (unique to its scenario). */
  readonly url: string;
  readonly id: string;
  readonly verdict: string;
  /** The browser's reason: a CDP CorsError or CORP reason, a Firefox console key, or null. */
  readonly reason: string | null;
}

export interface Row {
  readonly id: string;
  readonly browser: string;
  readonly ours: string;
  readonly browserReason: string | null;
  readonly ourReason: string | null;
  readonly unknown: boolean;
  /** The verdict depends on the credentials mode, which the HAR does not hold: both stated. */
  readonly verdictUnknown: boolean;
  readonly otherRight: boolean;
  readonly unverified: boolean;
  readonly verdictRight: boolean;
  readonly reasonRight: boolean;
  readonly reasonWrong: boolean;
}

export interface Tally {
  readonly producer: string;
  readonly requests: number;
  readonly held: number;
  readonly verdictsRight: number;
  readonly verdictsUnknown: number;
  /** Verdict not the browser's, but the other credentials mode stated beside it is. */
  readonly otherModeRight: number;
  readonly reasonsUnverified: number;
  readonly reasonsGiven: number;
  readonly reasonsRight: number;
  readonly reasonsWrong: number;
  readonly unknown: number;
}

/** The record's reason as the chosen profile states it (null: none stated). */
function reasonOf(record: CorsRecord, profile: BrowserProfile): string | null {
  const e = record.evaluation;
  if (profile === 'firefox') return e.firefoxReason ?? (e.blockedReason as string | null);
  return e.corsError ?? e.blockedReason;
}

export function judge(har: unknown, truths: readonly Truth[], profile: BrowserProfile): Row[] {
  const { records } = recordsFromHar(har, profile);
  const rows: Row[] = [];
  const used = new Set<CorsRecord>();
  for (const truth of truths) {
    const record = records.find((r) => r.exchange.url === truth.url && !used.has(r));
    if (!record) continue;
    used.add(record);
    const ourReason = reasonOf(record, profile);
    const unknown = record.imported?.reasonUnknown === true;
    const other = record.imported?.otherCredentials;
    const verdictUnknown = other !== undefined;
    const stated = ourReason !== null || (!unknown && record.evaluation.verdict === 'blocked');
    // Firefox's console names a CORP block without saying same-origin or same-site.
    const same =
      ourReason === truth.reason || (truth.reason === 'corp' && (ourReason ?? '').startsWith('corp-'));
    // The other credentials mode, stated beside the verdict, is the browser's decision.
    const otherRight = other !== undefined && other.verdict === truth.verdict;
    // A reason where the browser gave none we could read (Firefox logs no CORP reason over BiDi).
    const unverified = truth.reason === null && truth.verdict === 'blocked' && ourReason !== null;
    rows.push({
      id: truth.id,
      browser: truth.verdict,
      ours: record.evaluation.verdict,
      browserReason: truth.reason,
      ourReason,
      unknown,
      verdictUnknown,
      otherRight,
      unverified,
      verdictRight: record.evaluation.verdict === truth.verdict,
      reasonRight: truth.reason !== null && same,
      reasonWrong: stated && !same && !otherRight && !unverified,
    });
  }
  return rows;
}

export function tally(producer: string, requests: number, rows: readonly Row[]): Tally {
  return {
    producer,
    requests,
    held: rows.length,
    verdictsRight: rows.filter((r) => r.verdictRight).length,
    verdictsUnknown: rows.filter((r) => r.verdictUnknown).length,
    otherModeRight: rows.filter((r) => !r.verdictRight && r.otherRight).length,
    reasonsUnverified: rows.filter((r) => r.unverified).length,
    reasonsGiven: rows.filter((r) => r.browserReason !== null).length,
    reasonsRight: rows.filter((r) => r.reasonRight).length,
    reasonsWrong: rows.filter((r) => r.reasonWrong).length,
    unknown: rows.filter((r) => r.unknown).length,
  };
}
