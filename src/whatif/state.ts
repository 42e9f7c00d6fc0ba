import { evaluate } from '../evaluator/evaluate';
import type {
  CredentialsMode,
  Header,
  ObservedExchange,
  ObservedPreflight,
  RedirectHop,
  RedirectMode,
  RequestMode,
} from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import { formatHeaderLines, parseHeaderLines } from './lines';

/**
 * The what-if editor's state: the observed exchange and a draft of every response the developer
 * may edit (each preflight, each redirect hop, the actual response), plus the credentials mode.
 * Pure: components hold this in a reducer and render `whatIfRecord`, a re-evaluation with no
 * network.
 */
export type MessageKind = 'preflight' | 'redirect' | 'response';

export interface MessageDraft {
  /** `preflight-0`, `redirect-1`, `response`: stable within one exchange. */
  readonly id: string;
  readonly kind: MessageKind;
  /** Index into `preflights` or `redirects` (0 for the response). */
  readonly index: number;
  readonly url: string;
  readonly method: string;
  readonly status: number;
  /** The header lines as typed (`Name: value` per line). */
  readonly text: string;
  /** A response was observed for this message (otherwise the draft starts empty). */
  readonly observed: boolean;
  /** Edited or filled by the fix: an unobserved message then gets a hypothetical response. */
  readonly touched: boolean;
}

export interface WhatIfState {
  readonly observed: ObservedExchange;
  readonly messages: readonly MessageDraft[];
  readonly credentials: CredentialsMode;
  readonly mode: RequestMode;
  readonly redirect: RedirectMode;
  /** What the drafts started from, to tell an edited state from the observed one. */
  readonly initial: {
    readonly messages: readonly MessageDraft[];
    readonly credentials: CredentialsMode;
    readonly mode: RequestMode;
    readonly redirect: RedirectMode;
  };
}

export type WhatIfAction =
  | { readonly type: 'headers'; readonly id: string; readonly text: string }
  | { readonly type: 'status'; readonly id: string; readonly status: number }
  | { readonly type: 'credentials'; readonly credentials: CredentialsMode }
  | { readonly type: 'replace'; readonly state: WhatIfState }
  | { readonly type: 'reset' };

function draft(
  kind: MessageKind,
  index: number,
  url: string,
  method: string,
  response: { status: number; headers: readonly Header[] } | undefined,
  fallbackStatus: number,
): MessageDraft {
  return {
    id: kind === 'response' ? 'response' : `${kind}-${index}`,
    kind,
    index,
    url,
    method,
    status: response?.status ?? fallbackStatus,
    text: formatHeaderLines(response?.headers ?? []),
    observed: response !== undefined,
    touched: false,
  };
}

/** The drafts of a record as observed; the credentials and mode the evaluation settled on. */
export function startWhatIf(record: CorsRecord): WhatIfState {
  const { exchange, evaluation } = record;
  const messages: MessageDraft[] = [
    ...exchange.preflights.map((p, i) => draft('preflight', i, p.url, 'OPTIONS', p.response, 204)),
    ...exchange.redirects.map((hop, i) => draft('redirect', i, hop.url, exchange.method, hop.response, 302)),
    draft('response', 0, finalUrl(exchange), exchange.method, exchange.response, 200),
  ];
  const initial = {
    messages,
    credentials: evaluation.credentials.mode,
    mode: evaluation.mode.mode,
    redirect: exchange.redirect ?? 'follow',
  };
  return { observed: exchange, ...initial, initial };
}

function finalUrl(exchange: ObservedExchange): string {
  const last = exchange.redirects[exchange.redirects.length - 1];
  if (last === undefined) return exchange.url;
  try {
    return new URL(last.location, last.url).href;
  } catch {
    return last.location;
  }
}

export function whatIfReducer(state: WhatIfState, action: WhatIfAction): WhatIfState {
  switch (action.type) {
    case 'headers':
      return updateMessage(state, action.id, { text: action.text });
    case 'status':
      return Number.isInteger(action.status) && action.status >= 100 && action.status <= 599
        ? updateMessage(state, action.id, { status: action.status })
        : state;
    case 'credentials':
      return { ...state, credentials: action.credentials };
    case 'replace':
      return action.state;
    case 'reset':
      return { ...state, ...state.initial };
  }
}

export function updateMessage(
  state: WhatIfState,
  id: string,
  patch: Partial<Pick<MessageDraft, 'text' | 'status'>>,
): WhatIfState {
  return {
    ...state,
    messages: state.messages.map((m) => (m.id === id ? { ...m, ...patch, touched: true } : m)),
  };
}

/** True when something differs from what was observed (then the panel shows the hypothesis). */
export function isEdited(state: WhatIfState): boolean {
  const { initial } = state;
  if (state.credentials !== initial.credentials) return true;
  if (state.mode !== initial.mode || state.redirect !== initial.redirect) return true;
  return state.messages.some((m, i) => {
    const before = state.initial.messages[i];
    return before === undefined || m.text !== before.text || m.status !== before.status;
  });
}

function response(m: MessageDraft): { status: number; headers: Header[] } {
  return { status: m.status, headers: parseHeaderLines(m.text).headers };
}

/**
 * The exchange as edited. What the page observed of the outcome (its network error, what JS got)
 * is dropped: it described the real responses, not these. A message never observed and never
 * edited stays absent, with its network error.
 */
export function hypotheticalExchange(state: WhatIfState): ObservedExchange {
  const ex = state.observed;
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  const preflights = ex.preflights.map((p, i): ObservedPreflight => {
    const m = byId.get(`preflight-${i}`);
    if (m === undefined || (!m.observed && !m.touched)) return p;
    return { url: p.url, requestHeaders: p.requestHeaders, response: response(m) };
  });
  const redirects = ex.redirects.map((hop, i): RedirectHop => {
    const m = byId.get(`redirect-${i}`);
    if (m === undefined) return hop;
    const r = response(m);
    const location = r.headers.find((h) => h.name.toLowerCase() === 'location')?.value ?? hop.location;
    return { ...hop, response: r, location };
  });
  const final = byId.get('response');
  const { networkError, pageOutcome: _page, refusedByRenderer: _refused, response: _r, ...rest } = ex;
  const finalResponse =
    final !== undefined && (final.observed || final.touched) ? response(final) : undefined;
  return {
    ...rest,
    mode: state.mode,
    credentials: state.credentials,
    redirect: state.redirect,
    preflights,
    redirects,
    ...(finalResponse !== undefined ? { response: finalResponse } : {}),
    ...(finalResponse === undefined && networkError !== undefined ? { networkError } : {}),
  };
}

/** The record the panel shows while editing: same id suffixed, re-evaluated, marked hypothetical. */
export function whatIfRecord(record: CorsRecord, state: WhatIfState): CorsRecord {
  const exchange = hypotheticalExchange(state);
  const { pending: _pending, call, ...rest } = record;
  // The call's outcome is what JS got from the real responses: keep the call site, not that.
  const callSite = call === undefined ? undefined : (({ outcome: _o, ...c }) => c)(call);
  return {
    ...rest,
    ...(callSite === undefined ? {} : { call: callSite }),
    id: `${record.id}:what-if`,
    exchange,
    evaluation: evaluate(exchange, { profile: record.evaluation.profile }),
    hypothetical: true,
  };
}
