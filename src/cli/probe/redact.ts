import type { Header } from '../../evaluator/types';
import {
  type RedactionLists,
  redactHeaders,
  redactObservedExchange,
  redactRecord,
  redactSecretsIn,
  redactUrl,
} from '../../redact';
import type { ProbeResult, WireEntry } from './run';

/**
 * The probe's one redaction: everything it prints or writes (text, --json, the --config table,
 * JUnit and --json) is made from what these return, never from the raw request or answers.
 * `null` (--no-redact) keeps every secret.
 */
export type Redaction = RedactionLists | null;

/** The request as asked (URL and page headers), secrets out. */
export function redactRequest<T extends { readonly url: string; readonly headers: readonly Header[] }>(
  request: T,
  lists: Redaction,
): T {
  if (lists === null) return request;
  return { ...request, url: redactUrl(request.url, lists), headers: redactHeaders(request.headers, lists) };
}

function redactEntry(entry: WireEntry, lists: RedactionLists): WireEntry {
  const request = redactRequest(entry.request, lists);
  if (entry.response === undefined) return { ...entry, request };
  const response = { status: entry.response.status, headers: redactHeaders(entry.response.headers, lists) };
  return { ...entry, request, response };
}

/** What was sent and seen, and every profile's record, secrets out (the verdicts are unchanged). */
export function redactResult(result: ProbeResult, lists: Redaction): ProbeResult {
  if (lists === null) return result;
  const wire = result.wire.map((entry) => redactEntry(entry, lists));
  if (result.kind === 'network') return { ...result, reason: redactSecretsIn(result.reason), wire };
  const records = new Map(
    [...result.records].map(([profile, r]) => [profile, redactRecord(r, lists)] as const),
  );
  return { ...result, wire, records, exchange: redactObservedExchange(result.exchange, lists) };
}
