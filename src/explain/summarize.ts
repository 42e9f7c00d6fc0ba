import type { CorsErrorCode, Evaluation } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import { contradictionSentence, otherCredentialsClause, unknownReasonSentence } from './imported';
import { localNetworkSentence } from './local-network';
import { SERVICE_WORKER_LABELS, serviceWorkerSentence } from './service-worker';
import { callsForAction, describeWarning } from './warnings';
import { decidingUrl, failingDetail, headerSpelling, hostOf, preflightStatus } from './where';

// One plain sentence per verdict, built from codes and observed values. Every surface (panel,
// popup, Markdown, CLI) calls this, so the wording lives here once.

interface Facts {
  readonly host: string;
  readonly origin: string;
  readonly param: string;
  readonly record: CorsRecord;
}

const ACAO = 'Access-Control-Allow-Origin';

/** `w` is '' for the actual response, or ' in its preflight answer'. */
function originFacts(w: string, f: Facts): Record<string, string> {
  return {
    WildcardOriginNotAllowed: `${f.host} answered with ${ACAO}: *${w}, but the request carried credentials, which needs the exact origin ${f.origin} instead`,
    MissingAllowOriginHeader: `${f.host} answered without ${ACAO}${w}, so the browser hid the response from ${f.origin}`,
    MultipleAllowOriginValues: `${f.host} sent more than one ${ACAO} value${w} (${quoted(f.param)}); the browser accepts exactly one origin`,
    InvalidAllowOriginValue: `${f.host} sent ${ACAO}: ${quoted(f.param)}${w}, which is not an origin, so the browser refused it for ${f.origin}`,
    AllowOriginMismatch: mismatch(w, f),
    InvalidAllowCredentials: `${f.host} allows ${f.origin}${w}, but the request carried credentials and the answer lacks Access-Control-Allow-Credentials: true`,
  };
}

function mismatch(w: string, f: Facts): string {
  const detail = failingDetail(f.record, 'cors.allow-origin.match');
  if (detail === 'trailing-slash') {
    return `${f.host} allows ${quoted(f.param)}${w}, which differs from ${f.origin} by a trailing slash`;
  }
  return `${f.host} allows ${quoted(f.param)}${w}, not ${f.origin}, so the browser hid the response`;
}

function quoted(value: string): string {
  return value === '' ? '(empty)' : value;
}

function sentenceFor(code: CorsErrorCode, f: Facts): string {
  const response = originFacts('', f);
  const preflight = originFacts(' in its preflight answer', f);
  const status = preflightStatus(f.record);
  switch (code) {
    case 'DisallowedByMode':
      return `The page at ${f.origin} asked for ${f.host} with mode "same-origin", so the browser refused to send the cross-origin request`;
    case 'InvalidResponse':
      return `${f.host} sent a response the browser considers invalid, so ${f.origin} got a network error`;
    case 'CorsDisabledScheme':
      return `The request to ${f.host} uses a scheme other than http or https, and CORS works only over http(s)`;
    case 'PreflightInvalidStatus':
      return `${f.host} answered the preflight (OPTIONS) with status ${status ?? 'unknown'} instead of a 2xx status`;
    case 'PreflightDisallowedRedirect':
      return `${f.host} answered the preflight (OPTIONS) with a redirect, and browsers never follow redirects on preflights`;
    case 'InvalidAllowMethodsPreflightResponse':
      return `${f.host} sent an Access-Control-Allow-Methods value the browser cannot parse (${quoted(f.param)}) in its preflight answer`;
    case 'InvalidAllowHeadersPreflightResponse':
      return `${f.host} sent an Access-Control-Allow-Headers value the browser cannot parse (${quoted(f.param)}) in its preflight answer`;
    case 'MethodDisallowedByPreflightResponse':
      return `${f.host} did not allow the method ${f.param} in its preflight answer`;
    case 'HeaderDisallowedByPreflightResponse':
      return `${f.host} did not allow the request header ${headerSpelling(f.record, f.param)} in its preflight answer`;
    case 'RedirectContainsCredentials':
      return `${f.host} redirected to a URL with a user name or password in it, which a CORS request may not follow`;
    case 'NoCorsRedirectModeNotFollow':
      return `The page made a no-cors request to ${f.host} with a redirect mode other than "follow", which the browser refuses`;
    case 'InsecureLocalNetwork':
    case 'InvalidLocalNetworkAccess':
    case 'LocalNetworkAccessPermissionDenied':
      return localNetworkSentence(code, f.record, f.origin, f.host);
    case 'ServiceWorkerResponseTypeOpaque':
    case 'ServiceWorkerResponseTypeOpaqueRedirect':
    case 'ServiceWorkerRedirectedResponseForNotFollowRequest':
    case 'ServiceWorkerNetworkError':
      return serviceWorkerSentence(code, f.record, f.host);
    case 'WildcardOriginNotAllowed':
    case 'MissingAllowOriginHeader':
    case 'MultipleAllowOriginValues':
    case 'InvalidAllowOriginValue':
    case 'AllowOriginMismatch':
    case 'InvalidAllowCredentials':
      return response[code] ?? code;
    case 'PreflightWildcardOriginNotAllowed':
    case 'PreflightMissingAllowOriginHeader':
    case 'PreflightMultipleAllowOriginValues':
    case 'PreflightInvalidAllowOriginValue':
    case 'PreflightAllowOriginMismatch':
    case 'PreflightInvalidAllowCredentials':
      return preflight[code.slice('Preflight'.length)] ?? code;
  }
}

// Codes whose sentence names the request's origin: after a tainting redirect that origin is null.
const ORIGIN_CODES: ReadonlySet<CorsErrorCode> = new Set<CorsErrorCode>([
  'MissingAllowOriginHeader',
  'AllowOriginMismatch',
  'WildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightMissingAllowOriginHeader',
  'PreflightAllowOriginMismatch',
  'PreflightWildcardOriginNotAllowed',
  'PreflightInvalidAllowCredentials',
]);

/** A cross-origin redirect from a cross-origin URL made the request's origin `null`. */
function taintedByRedirect(record: CorsRecord): boolean {
  return record.evaluation.trace.some((s) => s.rule === 'redirect.taint' && s.expected === 'null');
}

/**
 * After tainting, echoing the page's origin can never match: the browser compares with `null`.
 * Say so, and give the answer that works (`*` without credentials; `null` with them, or no
 * cross-origin redirect at all), so nobody allow-lists the page's origin in vain.
 */
function taintedSentence(code: CorsErrorCode, f: Facts, credentials: boolean): string {
  const w = code.startsWith('Preflight') ? ' in its preflight answer' : '';
  const seen = {
    MissingAllowOriginHeader: `answered without ${ACAO}${w}`,
    AllowOriginMismatch: `allows only ${quoted(f.param)}${w}`,
    WildcardOriginNotAllowed: `answered with ${ACAO}: *${w} to a request with credentials`,
    InvalidAllowCredentials: `lacks Access-Control-Allow-Credentials: true${w}, and the request carried credentials`,
  }[code.startsWith('Preflight') ? code.slice('Preflight'.length) : code];
  const works = credentials
    ? `${ACAO}: null with Access-Control-Allow-Credentials: true (which any sandboxed page could use too), or have the page call the redirect's target directly`
    : `${ACAO}: * (no credentials), or have the page call the redirect's target directly`;
  return `After a cross-origin redirect the request's origin is null, not ${f.origin}, and ${f.host} ${seen ?? code}; allowing ${f.origin} cannot help here: answer with ${works}`;
}

/** One plain sentence a developer understands in ten seconds. */
export function summarize(record: CorsRecord): string {
  const { evaluation, exchange } = record;
  const facts: Facts = {
    host: hostOf(decidingUrl(record)),
    origin: exchange.initiatorOrigin === 'null' ? 'a page with a null origin' : exchange.initiatorOrigin,
    param: evaluation.failedParameter ?? '',
    record,
  };
  if (record.pending === true) return `The request to ${facts.host} is still in flight`;
  const taint = evaluation.warnings.find((w) => w.code === 'canvas-tainted');
  if (taint !== undefined && evaluation.corsError === null) {
    return `The page could not read a canvas because this ${exchange.destination === 'video' ? 'video' : 'image'} from ${facts.host} tainted it: ${describeWarning(taint).detail}`;
  }
  if (evaluation.corsError !== null && taintedByRedirect(record) && ORIGIN_CODES.has(evaluation.corsError)) {
    const credentials =
      exchange.credentials === 'include' ||
      evaluation.fix.some((f) => f.setHeaders.some((h) => h.name === 'Access-Control-Allow-Credentials'));
    return taintedSentence(evaluation.corsError, facts, credentials);
  }
  if (evaluation.corsError !== null) return sentenceFor(evaluation.corsError, facts);
  if (evaluation.blockedReason !== null) {
    const scope = evaluation.blockedReason === 'corp-not-same-origin' ? 'same-origin' : 'same-site';
    return `${facts.host} sent Cross-Origin-Resource-Policy: ${scope}, so the browser blocked this no-cors response for ${facts.origin}`;
  }
  if (evaluation.verdict === 'blocked')
    return unknownReasonSentence(record, facts.host) ?? networkSentence(record, facts);
  const contradiction = contradictionSentence(record, facts.host);
  if (contradiction !== null) return contradiction;
  const other = otherCredentialsClause(record, reasonLabel);
  if (evaluation.verdict === 'opaque') {
    return `${facts.host} was fetched in no-cors mode, so ${facts.origin} got an opaque response: no status, headers or body are readable${other}`;
  }
  return allowedSentence(evaluation, facts) + other;
}

function networkSentence(record: CorsRecord, f: Facts): string {
  const error =
    record.exchange.networkError ?? record.exchange.preflights.find((p) => p.networkError)?.networkError;
  const why = error === undefined ? 'a network error' : error;
  if (failingDetail(record, 'response.network-error') === 'preflight-not-observed') {
    return `The request to ${f.host} failed with ${why} and no CORS reason; a needed preflight was not observed`;
  }
  return `The request to ${f.host} failed with ${why}, which is not a CORS error`;
}

function allowedSentence(evaluation: Evaluation, f: Facts): string {
  const sameOrigin = evaluation.trace.some((s) => s.rule === 'request.same-origin' && s.outcome !== 'skip');
  const base = sameOrigin
    ? `The request to ${f.host} is same-origin, so CORS does not apply`
    : `${f.host} allowed this request from ${f.origin}`;
  const actionable = evaluation.warnings.filter(callsForAction);
  const first = actionable[0];
  if (first === undefined) return base;
  const more = actionable.length - 1;
  const extra = more > 0 ? ` (and ${more} more warning${more === 1 ? '' : 's'})` : '';
  return `${base}, with a warning: ${describeWarning(first).title}${extra}`;
}

const LABELS: Record<CorsErrorCode, (param: string) => string> = {
  DisallowedByMode: () => 'Mode same-origin',
  InvalidResponse: () => 'Invalid response',
  WildcardOriginNotAllowed: () => 'Wildcard origin with credentials',
  MissingAllowOriginHeader: () => 'Missing Allow-Origin',
  MultipleAllowOriginValues: () => 'Multiple Allow-Origin values',
  InvalidAllowOriginValue: (p) => `Invalid Allow-Origin: ${p}`,
  AllowOriginMismatch: (p) => `Allow-Origin mismatch: ${p}`,
  InvalidAllowCredentials: () => 'Missing Allow-Credentials: true',
  CorsDisabledScheme: () => 'Scheme without CORS',
  PreflightInvalidStatus: () => 'Preflight status not 2xx',
  PreflightDisallowedRedirect: () => 'Preflight redirected',
  PreflightWildcardOriginNotAllowed: () => 'Preflight: wildcard origin with credentials',
  PreflightMissingAllowOriginHeader: () => 'Preflight: missing Allow-Origin',
  PreflightMultipleAllowOriginValues: () => 'Preflight: multiple Allow-Origin values',
  PreflightInvalidAllowOriginValue: (p) => `Preflight: invalid Allow-Origin: ${p}`,
  PreflightAllowOriginMismatch: (p) => `Preflight: Allow-Origin mismatch: ${p}`,
  PreflightInvalidAllowCredentials: () => 'Preflight: missing Allow-Credentials: true',
  InvalidAllowMethodsPreflightResponse: () => 'Invalid Allow-Methods',
  InvalidAllowHeadersPreflightResponse: () => 'Invalid Allow-Headers',
  MethodDisallowedByPreflightResponse: (p) => `Method not allowed: ${p}`,
  HeaderDisallowedByPreflightResponse: (p) => `Header not allowed: ${p}`,
  RedirectContainsCredentials: () => 'Redirect with credentials in URL',
  NoCorsRedirectModeNotFollow: () => 'no-cors with redirect mode',
  InsecureLocalNetwork: () => 'Local network from insecure page',
  InvalidLocalNetworkAccess: () => 'Local network access refused',
  LocalNetworkAccessPermissionDenied: () => 'Local network permission denied',
  ServiceWorkerResponseTypeOpaque: () => SERVICE_WORKER_LABELS.ServiceWorkerResponseTypeOpaque,
  ServiceWorkerResponseTypeOpaqueRedirect: () =>
    SERVICE_WORKER_LABELS.ServiceWorkerResponseTypeOpaqueRedirect,
  ServiceWorkerRedirectedResponseForNotFollowRequest: () =>
    SERVICE_WORKER_LABELS.ServiceWorkerRedirectedResponseForNotFollowRequest,
  ServiceWorkerNetworkError: () => SERVICE_WORKER_LABELS.ServiceWorkerNetworkError,
};

/** What `reasonLabel` reads: an evaluation, or one profile's decision (no warnings then). */
export type ReasonFacts = Pick<Evaluation, 'verdict' | 'corsError' | 'failedParameter' | 'blockedReason'> & {
  readonly warnings?: Evaluation['warnings'];
  /** A HAR import that cannot tell why (see CorsRecord.imported): not "not CORS". */
  readonly reasonUnknown?: boolean;
};

/** The table label of a record: its evaluation's, knowing what an import cannot tell. */
export function recordLabel(record: CorsRecord): string {
  return reasonLabel({ ...record.evaluation, reasonUnknown: record.imported?.reasonUnknown === true });
}

/** A short label for table rows. */
export function reasonLabel(evaluation: ReasonFacts): string {
  const warnings = (evaluation.warnings ?? []) as readonly { code?: unknown }[];
  if (evaluation.corsError === null && warnings.some((w) => w.code === 'canvas-tainted'))
    return 'Canvas tainted';
  if (evaluation.corsError !== null) return LABELS[evaluation.corsError](evaluation.failedParameter ?? '');
  if (evaluation.blockedReason === 'corp-not-same-origin') return 'CORP: same-origin only';
  if (evaluation.blockedReason === 'corp-not-same-site') return 'CORP: same-site only';
  if (evaluation.blockedReason === 'mixed-content') return 'Mixed content: http from an https page';
  if (evaluation.verdict === 'blocked')
    return evaluation.reasonUnknown ? 'Blocked, reason not in the HAR' : 'Network error (not CORS)';
  if (evaluation.verdict === 'opaque') return 'Opaque (no-cors)';
  // Only warnings that call for action are counted: an informational note is not worth a mark.
  const n = evaluation.warnings?.filter(callsForAction).length ?? 0;
  return n === 0 ? 'OK' : `OK, ${n} warning${n === 1 ? '' : 's'}`;
}

/** A short label for a reason code alone (the popup's failing origins carry only the code). */
export function codeLabel(code: string | null): string {
  if (code === null) return 'Network error (not CORS)';
  if (code === 'corp-not-same-origin') return 'CORP: same-origin only';
  if (code === 'corp-not-same-site') return 'CORP: same-site only';
  if (code === 'mixed-content') return 'Mixed content: http from an https page';
  const label = (LABELS as Record<string, ((parameter: string) => string) | undefined>)[code];
  return label ? label('').replace(/:\s*$/, '') : code;
}
