import type { Failure } from './context';
import { type ExposedHeaders, noneExposed } from './expose';
import { NO_PREFLIGHT } from './network';
import type { BlockedReason, ObservedResponse, PreflightSummary, Verdict } from './types';

/** The result of one pass of the algorithm under one profile and credentials mode. */
export interface PassOutcome {
  readonly verdict: Verdict;
  readonly failure: Failure | null;
  readonly blockedReason: BlockedReason | null;
  readonly preflight: PreflightSummary;
  readonly exposed: ExposedHeaders;
  /** The request's origin at the end of the chain (`null` once tainted). */
  readonly origin: string;
  /** The response the verdict is about (the last one received). */
  readonly finalResponse?: ObservedResponse;
  /** The URL of the message the outcome is about (the failing hop's, or the last one). */
  readonly finalUrl: string;
  readonly crossOrigin: boolean;
  /** Method after #concept-method-normalize. */
  readonly method: string;
  /** Unsafe header names of the first hop that needed a preflight. */
  readonly unsafeNames: readonly string[];
}

/** The fields every outcome starts from. */
export interface Blank {
  readonly blockedReason: null;
  readonly origin: string;
  readonly finalUrl: string;
  readonly method: string;
  readonly unsafeNames: readonly string[];
}

/** What differs between outcomes; everything else comes from the blank. */
export interface OutcomeFields {
  readonly verdict: Verdict;
  readonly failure: Failure | null;
  readonly exposed: ExposedHeaders;
  readonly crossOrigin: boolean;
  readonly blockedReason?: BlockedReason | null;
  readonly preflight?: PreflightSummary;
  readonly origin?: string;
  readonly finalResponse?: ObservedResponse;
  readonly finalUrl?: string;
  readonly unsafeNames?: readonly string[];
}

// One literal with every field in the same order: V8 keeps one shape for all outcomes (object
// spreads followed by extra fields were the evaluator's hottest spot).
export function makeOutcome(blank: Blank, fields: OutcomeFields): PassOutcome {
  return {
    verdict: fields.verdict,
    failure: fields.failure,
    blockedReason: fields.blockedReason ?? null,
    preflight: fields.preflight ?? NO_PREFLIGHT,
    exposed: fields.exposed,
    origin: fields.origin ?? blank.origin,
    finalResponse: fields.finalResponse,
    finalUrl: fields.finalUrl ?? blank.finalUrl,
    crossOrigin: fields.crossOrigin,
    method: blank.method,
    unsafeNames: fields.unsafeNames ?? blank.unsafeNames,
  };
}

/** A fetch that failed with no response to show: refused before sending, or a network error. */
export function unanswered(blank: Blank, failure: Failure, finalUrl?: string): PassOutcome {
  return makeOutcome(blank, {
    verdict: 'blocked',
    failure,
    exposed: noneExposed(undefined),
    crossOrigin: true,
    finalUrl,
  });
}
