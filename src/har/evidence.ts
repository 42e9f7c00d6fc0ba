import { evaluate } from '../evaluator/evaluate';
import type { BlockedReason, Evaluation } from '../evaluator/types';
import type { CorsRecord, ImportFacts, ReasonOnly } from '../shared/record';
import type { ImportedExchange } from './import';
import type { Producer } from './producers';

/**
 * What a HAR proves about one request, beyond the headers the evaluator judged: the failure
 * text its producer wrote, and what the file cannot hold. Read in this one place for the CLI
 * and the panel alike; the words are in src/explain/imported.ts.
 */

// Chromium names a Cross-Origin-Resource-Policy block in its error text (Playwright keeps it).
const CORP_TEXTS: Readonly<Record<string, BlockedReason>> = {
  'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin': 'corp-not-same-origin',
  'net::ERR_BLOCKED_BY_RESPONSE.NotSameSite': 'corp-not-same-site',
};

// Failures the browser names as transport problems: not CORS, whatever the headers say.
const TRANSPORT =
  /^(net::ERR_(ABORTED|CONNECTION|NAME_NOT_RESOLVED|ADDRESS|INTERNET_DISCONNECTED|TIMED_OUT|CERT|SSL|EMPTY_RESPONSE|TUNNEL|PROXY|DNS)|NS_BINDING_ABORTED|NS_ERROR_(CONNECTION|UNKNOWN_HOST|NET_|PROXY))/;

/** The CORP reason a failure text states, or null. */
export function statedCorp(failure: string): BlockedReason | null {
  return CORP_TEXTS[failure.trim()] ?? null;
}

/** True when the browser's failure text names a cause other than CORS. */
export function namesTransportFailure(failure: string): boolean {
  return TRANSPORT.test(failure.trim());
}

function noReason(e: Evaluation): boolean {
  return e.verdict === 'blocked' && e.corsError === null && e.blockedReason === null;
}

/**
 * The producer proves the browser delivered this response (see `answeredMeansDelivered`), yet
 * the headers the HAR holds would block it: the browser's decision stands, the headers are
 * not the ones it judged (chrome-har pairs a redirect's headers with the final hop).
 */
function contradicted(item: ImportedExchange, producer: Producer, e: Evaluation): boolean {
  return (
    producer.capabilities.answeredMeansDelivered &&
    item.exchange.response !== undefined &&
    item.exchange.networkError === undefined &&
    e.verdict === 'blocked'
  );
}

function asDelivered(e: Evaluation, mode: string): Evaluation {
  const verdict = mode === 'no-cors' ? 'opaque' : 'allowed';
  const decision = { verdict, corsError: null, failedParameter: null, blockedReason: null } as const;
  const byProfile = Object.fromEntries(Object.keys(e.byProfile).map((p) => [p, decision]));
  return {
    ...e,
    ...decision,
    firefoxReason: null,
    safariReason: null,
    failedOn: null,
    byProfile: byProfile as Evaluation['byProfile'],
    fix: [],
  };
}

/**
 * Firefox merges repeated ACAO lines in what its own webRequest shows, so for one `a, b` line
 * the evaluator claims no Firefox reason there (warning firefox-lines-merged). A HAR keeps the
 * lines apart: one line with a comma is, for Firefox ESR 153, a value that does not match the
 * origin, and two lines are "multiple".
 */
function firefoxReasonForLines(e: Evaluation, exchange: ImportedExchange['exchange']): Evaluation {
  if (!e.warnings.some((w) => w.code === 'firefox-lines-merged')) return e;
  const judged =
    e.failedOn === 'preflight'
      ? exchange.preflights[exchange.preflights.length - 1]?.response
      : exchange.response;
  const lines = (judged?.headers ?? []).filter((h) => h.name.toLowerCase() === 'access-control-allow-origin');
  return {
    ...e,
    firefoxReason:
      lines.length > 1 ? 'CORSMultipleAllowOriginNotAllowed' : 'CORSAllowOriginNotMatchingOrigin',
    warnings: e.warnings.filter((w) => w.code !== 'firefox-lines-merged'),
  };
}

/** Blocked or not according to the credentials mode the HAR does not record. */
function credentialsDecide(item: ImportedExchange, e: Evaluation, producer: Producer): ReasonOnly | null {
  if (e.credentials.provenance !== 'inferred') return null;
  // Only where what the HAR records fits both modes: a producer that proves delivery decides,
  // and a failure recorded decides; an answer from a producer that also writes the answers
  // the browser refused (Firefox) decides nothing.
  const inferred = e.trace.find((step) => step.rule === 'request.credentials-inferred');
  const answeredOnly = item.exchange.response !== undefined && item.exchange.networkError === undefined;
  const open =
    inferred?.detail === 'both-fit' || (answeredOnly && !producer.capabilities.answeredMeansDelivered);
  if (!open) return null;
  const profile = e.profile;
  const other = e.credentials.mode === 'include' ? 'omit' : 'include';
  const alternative = evaluate({ ...item.exchange, credentials: other }, { profile });
  if (alternative.verdict === e.verdict) return null;
  return {
    credentials: other,
    verdict: alternative.verdict,
    corsError: alternative.corsError,
    failedParameter: alternative.failedParameter,
    blockedReason: alternative.blockedReason,
  };
}

/** The facts an imported record carries, and its evaluation with any reason the HAR states. */
export function importedRecord(record: CorsRecord, item: ImportedExchange, producer: Producer): CorsRecord {
  let evaluation = firefoxReasonForLines(record.evaluation, item.exchange);
  const headersContradict = contradicted(item, producer, evaluation);
  if (headersContradict) evaluation = asDelivered(evaluation, evaluation.mode.mode);
  const corp = statedCorp(item.failure);
  if (noReason(evaluation) && corp !== null) evaluation = { ...evaluation, blockedReason: corp };
  // The credentials mode chosen from the outcome is stated once for the whole import (the
  // producer cannot record it), not as a warning on every row.
  const credentialsUnknown = evaluation.credentials.provenance === 'inferred';
  if (credentialsUnknown)
    evaluation = {
      ...evaluation,
      warnings: evaluation.warnings.filter((w) => w.code !== 'credentials-inferred'),
    };
  const preflight = evaluation.preflight;
  const reasonUnknown = noReason(evaluation) && !namesTransportFailure(item.failure);
  // A failure the HAR cannot explain has no Firefox reason either (not "did not succeed").
  if (reasonUnknown) evaluation = { ...evaluation, firefoxReason: null };
  const otherCredentials = headersContradict ? null : credentialsDecide(item, evaluation, producer);
  const imported: ImportFacts = {
    producer: producer.id,
    creator: producer.creator,
    failure: item.failure,
    reasonUnknown,
    preflightNotRecorded:
      preflight.needed && !preflight.observed && producer.capabilities.preflights !== 'yes',
    credentialsUnknown,
    headersContradict,
    ...(otherCredentials ? { otherCredentials } : {}),
  };
  return { ...record, evaluation, imported };
}
