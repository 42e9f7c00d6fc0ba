import { corsUnsafeRequestHeaderNames, isCorsSafelistedMethod } from '../evaluator/safelist';
import type { CorsRecord } from '../shared/record';

// Words for records read from a HAR file: what the file cannot tell, said once and plainly,
// with the `cors-lens probe` command that asks the server the question the HAR leaves open.
// The CLI and the panel call these, so an import reads the same in both.

const NAMES: Readonly<Record<string, string>> = {
  playwright: "Playwright's HAR",
  'chrome-har': "chrome-har's HAR",
  firefox: "Firefox's HAR",
  'chrome-devtools': "Chrome DevTools' HAR",
  safari: "Safari Web Inspector's HAR",
};

/** "Playwright's HAR", or "the HAR" for a producer we do not know. */
export function harName(producer: string): string {
  return NAMES[producer] ?? 'the HAR';
}

/** At the start of a sentence: a producer's name stays as it spells itself. */
function capitalized(text: string): string {
  return text === 'the HAR' ? 'The HAR' : text;
}

/** Single quotes for a POSIX shell, so a value with spaces or `$` stays one argument. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The `cors-lens probe …` command that repeats this request against the live server. */
export function probeCommand(
  record: CorsRecord,
  credentials = record.exchange.credentials === 'include',
): string {
  const { exchange } = record;
  const parts = [
    'cors-lens',
    'probe',
    shellQuote(exchange.url),
    '--origin',
    shellQuote(exchange.initiatorOrigin),
  ];
  if (!isCorsSafelistedMethod(exchange.method.toUpperCase()))
    parts.push('--method', shellQuote(exchange.method));
  const unsafe = new Set(corsUnsafeRequestHeaderNames(exchange.requestHeaders, 'chrome').names);
  for (const header of exchange.requestHeaders) {
    if (!unsafe.has(header.name.toLowerCase())) continue;
    // Names known only from a preflight have no value: send a placeholder the server can judge.
    parts.push('--header', shellQuote(`${header.name}: ${header.value === '' ? 'x' : header.value}`));
  }
  if (credentials) parts.push('--credentials');
  return parts.join(' ');
}

/** The sentence for a blocked request whose reason the HAR does not hold; null otherwise. */
export function unknownReasonSentence(record: CorsRecord, host: string): string | null {
  const facts = record.imported;
  if (!facts?.reasonUnknown) return null;
  const har = harName(facts.producer);
  const failed = facts.failure === '' ? 'failed' : `failed (${facts.failure})`;
  const missing = facts.preflightNotRecorded
    ? 'no response and no preflight (it does not record preflights)'
    : 'no response the browser judged';
  return `The request to ${host} ${failed}, and ${har} holds ${missing} for it, so the reason is unknown; \`${probeCommand(record)}\` asks the server`;
}

/** A sentence for an allowed record the HAR proves, where the HAR's headers disagree. */
export function contradictionSentence(record: CorsRecord, host: string): string | null {
  if (!record.imported?.headersContradict) return null;
  return `The browser delivered the response from ${host}, but the headers ${harName(record.imported.producer)} gives for it would not allow it: they are another hop's, not the ones the browser judged`;
}

/** "; with credentials … it would be blocked (…)": the mode the HAR does not record. */
export function otherCredentialsClause(
  record: CorsRecord,
  label: (facts: NonNullable<NonNullable<CorsRecord['imported']>['otherCredentials']>) => string,
): string {
  const other = record.imported?.otherCredentials;
  if (other === undefined) return '';
  const mode = other.credentials === 'include' ? 'with credentials' : 'without credentials';
  const verdict = other.verdict === 'blocked' ? `blocked (${label(other)})` : other.verdict;
  return `; ${mode} it would be ${verdict}, and the HAR does not record the credentials mode: \`${probeCommand(record, other.credentials === 'include')}\` asks the server`;
}

/** What the producer's files cannot hold, said once for the whole import (CLI and panel). */
export function importNotes(
  producer: {
    readonly id: string;
    readonly capabilities: {
      readonly preflights: string;
      readonly failedRequests: string;
      readonly refusedResponses: string;
    };
  },
  records: readonly CorsRecord[],
): string[] {
  const har = harName(producer.id);
  const notes: string[] = [];
  const caps = producer.capabilities;
  const count = (test: (r: CorsRecord) => boolean) => records.filter(test).length;
  if (caps.preflights === 'no') notes.push(`${capitalized(har)} does not record preflights.`);
  if (caps.failedRequests === 'no')
    notes.push(
      `${capitalized(har)} leaves failed requests out: only requests that loaded, and preflights that got an answer, are in it.`,
    );
  if (caps.refusedResponses === 'no' && caps.failedRequests !== 'no')
    notes.push(
      `${capitalized(har)} does not keep a refused response: a blocked request has no status and no headers in it.`,
    );
  const unknown = count((r) => r.imported?.reasonUnknown === true);
  if (unknown > 0)
    notes.push(
      `${unknown} blocked request${unknown === 1 ? '' : 's'}: the HAR does not say why; each names the cors-lens probe command that asks the server.`,
    );
  // Said only where it matters: verdicts the credentials mode would change.
  const open = count((r) => r.imported?.otherCredentials !== undefined);
  if (open > 0)
    notes.push(
      `No HAR records the credentials mode, and it decides ${open} verdict${open === 1 ? '' : 's'} here: each gives both (--credentials include|omit replays one).`,
    );
  return notes;
}

/** The table's badge for a needed preflight the record does not hold. */
export function missingPreflightBadge(record: CorsRecord): { readonly text: string; readonly title: string } {
  const facts = record.imported;
  if (facts === undefined) return { text: 'cached', title: 'Preflight from cache' };
  const title = facts.preflightNotRecorded
    ? `${harName(facts.producer)} does not record preflights`
    : `${harName(facts.producer)} holds no preflight for this request`;
  return { text: 'not in HAR', title };
}
