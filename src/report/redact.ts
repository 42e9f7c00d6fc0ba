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
import type { Settings } from '../shared/protocol';
import type { CorsRecord, PageCall } from '../shared/record';

/** What replaces a secret: visible, so a reader knows something was there. */
export const REDACTED = '[REDACTED]';

/** The two lists redaction needs, lowercase. */
export type RedactionLists = Pick<Settings, 'redactHeaders' | 'redactParams'>;

interface Lists {
  readonly headers: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
}

function listsOf(settings: RedactionLists): Lists {
  return {
    headers: new Set(settings.redactHeaders.map((name) => name.toLowerCase())),
    params: new Set(settings.redactParams.map((name) => name.toLowerCase())),
  };
}

export function isSecretHeader(name: string, settings: RedactionLists): boolean {
  return listsOf(settings).headers.has(name.toLowerCase());
}

/** Header list with secret values replaced; names, order and duplicates kept. */
export function redactHeaders(headers: readonly Header[], settings: RedactionLists): Header[] {
  return redactHeaderList(headers, listsOf(settings));
}

function redactHeaderList(headers: readonly Header[], lists: Lists): Header[] {
  return headers.map((h) =>
    lists.headers.has(h.name.toLowerCase()) ? { name: h.name, value: REDACTED } : h,
  );
}

/**
 * A URL with secret query/fragment parameters and any userinfo password replaced. Works on the
 * text (no re-serialisation), so everything else stays byte-for-byte and relative URLs work too.
 */
export function redactUrl(url: string, settings: RedactionLists): string {
  return redactUrlWith(url, listsOf(settings));
}

function redactUrlWith(url: string, lists: Lists): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? null : beforeHash.slice(queryAt + 1);
  let out = redactUserinfo(base);
  if (query !== null) out += `?${redactParams(query, lists)}`;
  if (fragment !== null) out += `#${redactParams(fragment, lists)}`;
  return out;
}

/** `https://user:secret@host/` → `https://user:[REDACTED]@host/`. */
function redactUserinfo(base: string): string {
  return base.replace(
    /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@?#]*)@/,
    (_all, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return colon === -1 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
    },
  );
}

/**
 * `a=1&token=x` → `a=1&token=[REDACTED]`. `?` also separates, for hash routes
 * (`#/cb?token=x`); over-matching inside a value only ever redacts more, never less.
 */
function redactParams(text: string, lists: Lists): string {
  if (!text.includes('=')) return text;
  return text
    .split(/([&?;])/)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      return lists.params.has(decodeName(pair.slice(0, eq)).toLowerCase())
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    })
    .join('');
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

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
  if (subject !== undefined && lists.headers.has(subject.toLowerCase())) return REDACTED;
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || value.includes('?') ? redactUrlWith(value, lists) : value;
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
