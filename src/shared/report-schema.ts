import type {
  BlockedReason,
  BrowserProfile,
  CorsErrorCode,
  Evaluation,
  FirefoxReason,
  ObservedExchange,
  ProfileVerdict,
  Verdict,
} from '../evaluator/types';
import type { PageCall } from './record';

/**
 * The JSON report: a public, versioned contract (docs/report-schema.md). Bump the version on any
 * change that removes or renames a field; adding a field keeps it.
 */
export const REPORT_SCHEMA = 'cors-lens/report@1';

export interface ReportRecord {
  readonly id: string;
  /** As the page requested it (redacted when redaction is on). */
  readonly url: string;
  readonly method: string;
  readonly verdict: Verdict;
  readonly corsError: CorsErrorCode | null;
  readonly failedParameter: string | null;
  readonly firefoxReason: FirefoxReason | null;
  readonly blockedReason: BlockedReason | null;
  readonly tabId: number;
  readonly frameId: number;
  readonly type: string;
  readonly initiator: string;
  readonly documentUrl?: string;
  readonly startedAt: string;
  readonly durationMs: number | null;
  readonly callSite?: string;
  readonly call?: PageCall;
  /**
   * What each browser profile decides (`evaluation.byProfile`, repeated here for readers that
   * skip the evaluation). Added within @1: reports written before it lack it.
   */
  readonly profiles?: Readonly<Partial<Record<BrowserProfile, ProfileVerdict>>>;
  /** Present (true) when the exchange was edited in the what-if editor: not what was observed. */
  readonly hypothetical?: true;
  /** Made by a service or shared worker, attributed to its tab by origin (additive in @1). */
  readonly worker?: import('./record').WorkerContext;
  readonly exchange: ObservedExchange;
  readonly evaluation: Evaluation;
}

export interface ReportJson {
  readonly schema: typeof REPORT_SCHEMA;
  readonly generatedAt: string;
  readonly extension: { readonly name: string; readonly version: string };
  readonly browser?: string;
  readonly redacted: boolean;
  readonly records: readonly ReportRecord[];
}
