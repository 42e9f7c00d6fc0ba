import type {
  Evaluation,
  FixStep,
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
  TraceStep,
  Warning,
} from '../evaluator/types';
import type { CorsRecord, PageCall } from '../shared/record';
import { isSecretName, type Lists, listsOf, REDACTED, type RedactionLists, redactSecretsIn } from './secrets';
import { redactUrlWith } from './url';

/** Header list with secret values replaced; names, order and duplicates kept. */
export function redactHeaders(headers: readonly Header[], settings: RedactionLists): Header[] {
  return redactHeaderList(headers, listsOf(settings));
}

export function isSecretHeader(name: string, settings: RedactionLists): boolean {
  return isSecretName(name, listsOf(settings));
}

/** A secret-named header loses its whole value; any other keeps all but secret-looking parts. */
export function redactHeaderValue(name: string, value: string, lists: Lists): string {
  if (isSecretName(name, lists)) return REDACTED;
  return isUrlLike(value) ? redactSecretsIn(redactUrlWith(value, lists)) : redactSecretsIn(value);
}

function redactHeaderList(headers: readonly Header[], lists: Lists): Header[] {
  return headers.map((h) => {
    const value = redactHeaderValue(h.name, h.value, lists);
    return value === h.value ? h : { name: h.name, value };
  });
}

const isUrlLike = (value: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || value.includes('?');

/** A copy of the record with every secret header value and token-like parameter replaced. */
export function redactRecord(record: CorsRecord, settings: RedactionLists): CorsRecord {
  const lists = listsOf(settings);
  const url = (u: string): string => redactUrlWith(u, lists);
  const copy: CorsRecord = {
    ...record,
    exchange: redactExchange(record.exchange, lists),
    evaluation: redactEvaluation(record.evaluation, lists),
  };
  const withDoc = record.documentUrl === undefined ? copy : { ...copy, documentUrl: url(record.documentUrl) };
  return record.call === undefined ? withDoc : { ...withDoc, call: redactCall(record.call, lists) };
}

function redactCall(call: PageCall, lists: Lists): PageCall {
  return { ...call, url: redactUrlWith(call.url, lists), headerNames: [...call.headerNames] };
}

function redactResponse(response: ObservedResponse, lists: Lists): ObservedResponse {
  return { status: response.status, headers: redactHeaderList(response.headers, lists) };
}

/** The exchange alone (URLs and headers of every hop), as in `redactRecord`. */
export function redactObservedExchange(
  exchange: ObservedExchange,
  settings: RedactionLists,
): ObservedExchange {
  return redactExchange(exchange, listsOf(settings));
}

function redactExchange(exchange: ObservedExchange, lists: Lists): ObservedExchange {
  const preflights = exchange.preflights.map(
    (p): ObservedPreflight => ({
      ...p,
      url: redactUrlWith(p.url, lists),
      requestHeaders: redactHeaderList(p.requestHeaders, lists),
      ...(p.response === undefined ? {} : { response: redactResponse(p.response, lists) }),
    }),
  );
  const redirects = exchange.redirects.map(
    (r): RedirectHop => ({
      ...r,
      url: redactUrlWith(r.url, lists),
      location: redactUrlWith(r.location, lists),
      response: redactResponse(r.response, lists),
      ...(r.requestHeaders === undefined
        ? {}
        : { requestHeaders: redactHeaderList(r.requestHeaders, lists) }),
    }),
  );
  return {
    ...exchange,
    url: redactUrlWith(exchange.url, lists),
    requestHeaders: redactHeaderList(exchange.requestHeaders, lists),
    preflights,
    redirects,
    ...(exchange.response === undefined ? {} : { response: redactResponse(exchange.response, lists) }),
  };
}

/** Trace values may quote a secret header's value or a URL (a redirect target): redact both. */
function redactValue(value: string, subject: string | undefined, lists: Lists): string {
  if (subject !== undefined) return redactHeaderValue(subject, value, lists);
  return isUrlLike(value) ? redactSecretsIn(redactUrlWith(value, lists)) : redactSecretsIn(value);
}

function redactEvaluation(evaluation: Evaluation, lists: Lists): Evaluation {
  const trace = evaluation.trace.map((step): TraceStep => {
    const out: { -readonly [K in keyof TraceStep]: TraceStep[K] } = { ...step };
    if (step.expected !== undefined) out.expected = redactValue(step.expected, step.subject, lists);
    if (typeof step.actual === 'string') out.actual = redactValue(step.actual, step.subject, lists);
    return out;
  });
  const warnings = evaluation.warnings.map(
    (w): Warning => (w.value === undefined ? w : { ...w, value: redactValue(w.value, w.subject, lists) }),
  );
  const fix = evaluation.fix.map(
    (step): FixStep => ({
      ...step,
      url: redactUrlWith(step.url, lists),
      // A suggested Location (drop-userinfo) carries the redirect target's parameters.
      setHeaders: step.setHeaders.map((h) => ({ name: h.name, value: redactValue(h.value, h.name, lists) })),
    }),
  );
  const failedParameter =
    evaluation.failedParameter === null ? null : redactValue(evaluation.failedParameter, undefined, lists);
  return { ...evaluation, trace, warnings, fix, failedParameter };
}
