import { canvasTaint } from './canvas';
import type { Pass } from './context';
import { firefoxDetail, firefoxLinesAmbiguous, firefoxReasonFor } from './firefox';
import { buildFix } from './fix';
import { mainFetch } from './main-fetch';
import { chooseMode } from './mode';
import { newUrlCache, type UrlCache } from './origin';
import type { PassOutcome } from './outcome';
import { safariDetail, safariReasonFor } from './safari';
import { sanitizeExchange } from './sanitize';
import type {
  BrowserProfile,
  CredentialsMode,
  EvaluateOptions,
  Evaluation,
  ObservedExchange,
  ProfileVerdict,
  Provenance,
  RequestMode,
  TraceStep,
  Warning,
} from './types';
import { BROWSER_PROFILES } from './types';
import { dedupeWarnings, responseWarnings } from './warnings';

/**
 * The evaluator's single entry point: replays the Fetch Standard's CORS algorithms, as the
 * selected browser implements them, over one observed exchange. Total: never throws; bad input
 * becomes 'malformed-input' warnings, and an unexpected internal error becomes a verdict with
 * an 'outcome.consistency' step instead of an exception.
 */
export function evaluate(exchange: ObservedExchange, options: EvaluateOptions): Evaluation {
  const profile = profileOf(options);
  try {
    return evaluateSafely(exchange, profile);
  } catch (error) {
    return internalErrorEvaluation(exchange, profile, error);
  }
}

function profileOf(options: unknown): BrowserProfile {
  try {
    const requested = (options as { profile?: unknown } | null | undefined)?.profile;
    return BROWSER_PROFILES.find((profile) => profile === requested) ?? 'chrome';
  } catch {
    return 'chrome';
  }
}

interface Run {
  readonly pass: Pass;
  readonly outcome: PassOutcome;
}

function run(
  exchange: ObservedExchange,
  mode: RequestMode,
  credentials: CredentialsMode,
  profile: BrowserProfile,
  urls: UrlCache,
): Run {
  const pass: Pass = {
    profile,
    credentials,
    urls,
    trace: [],
    warnings: [],
    profileSensitive: false,
  };
  return { pass, outcome: mainFetch(pass, exchange, mode) };
}

function evaluateSafely(input: ObservedExchange, profile: BrowserProfile): Evaluation {
  const { exchange, warnings: malformed } = sanitizeExchange(input);
  const urls = newUrlCache();
  const modeChoice = chooseMode(exchange);
  const mode = modeChoice.mode;
  const lead: TraceStep[] = modeChoice.step === undefined ? [] : [modeChoice.step];
  const observed = observedOutcome(exchange);

  // Credentials: told by the page hook, or chosen as the mode consistent with what happened.
  let chosen: Run;
  let credentialsProvenance: Provenance = 'page';
  const extraWarnings: Warning[] = [...malformed];
  if (exchange.credentials !== undefined) {
    chosen = run(exchange, mode, exchange.credentials, profile, urls);
    const consistency = consistencyStep(chosen.outcome, observed);
    if (consistency !== null) chosen.pass.trace.push(consistency);
  } else {
    credentialsProvenance = 'inferred';
    const omit = run(exchange, mode, 'omit', profile, urls);
    const include = run(exchange, mode, 'include', profile, urls);
    const omitFits = fits(omit.outcome, observed);
    const includeFits = fits(include.outcome, observed);
    chosen = !omitFits && includeFits ? include : omit;
    lead.push({
      rule: 'request.credentials-inferred',
      anchor: '#concept-request-credentials-mode',
      on: 'request',
      actual: chosen.pass.credentials,
      outcome: 'info',
      detail: omitFits && includeFits ? 'both-fit' : omitFits || includeFits ? 'outcome-fits' : 'none-fits',
    });
    extraWarnings.push({ code: 'credentials-inferred', on: 'request', value: chosen.pass.credentials });
    const consistency = consistencyStep(chosen.outcome, observed);
    if (consistency !== null) chosen.pass.trace.push(consistency);
  }
  const { pass, outcome } = chosen;
  canvasTaint(pass, exchange, outcome, mode);

  // Would another browser decide differently? Only re-run when a profile-dependent rule was hit.
  const byProfile = {} as Record<BrowserProfile, ProfileVerdict>;
  let safari = outcome;
  for (const other of BROWSER_PROFILES) {
    const alternative =
      other === profile || !pass.profileSensitive
        ? outcome
        : run(exchange, mode, pass.credentials, other, urls).outcome;
    byProfile[other] = profileVerdict(alternative);
    if (other === 'safari') safari = alternative;
    if (alternative.verdict !== outcome.verdict || alternative.failure?.code !== outcome.failure?.code) {
      extraWarnings.push({
        code: 'browser-difference',
        on: alternative.failure?.on ?? outcome.failure?.on ?? 'response',
        detail: differenceDetail(other, alternative),
      });
    }
  }
  const failure = outcome.failure;
  const hiddenStatus =
    failure !== null && failure.code !== null && failure.status !== undefined ? failure.status : null;
  responseWarnings(pass, outcome, hiddenStatus);
  if (firefoxLinesAmbiguous(failure, profile))
    extraWarnings.push({
      code: 'firefox-lines-merged',
      on: failure?.on ?? 'response',
      subject: 'access-control-allow-origin',
    });
  const warnings = dedupeWarnings([...pass.warnings, ...extraWarnings]);
  return {
    verdict: outcome.verdict,
    corsError: failure?.code ?? null,
    failedParameter: failure?.code != null ? failure.parameter : null,
    firefoxReason: mode === 'cors' && outcome.crossOrigin ? firefoxReasonFor(failure, profile) : null,
    // What WebKit would log for this exchange, whichever profile decided the verdict.
    safariReason: safari.crossOrigin ? safariReasonFor(safari.failure, safari.blockedReason) : null,
    blockedReason: outcome.blockedReason,
    failedOn: failure?.on ?? null,
    failedHop: failure?.hop,
    credentials: { mode: pass.credentials, provenance: credentialsProvenance },
    mode: { mode, provenance: modeChoice.provenance },
    preflight: outcome.preflight,
    hiddenStatus,
    exposedHeaders: outcome.exposed,
    trace: [...lead, ...pass.trace],
    warnings,
    fix: buildFix(pass, outcome, exchange, warnings),
    profile,
    byProfile,
  };
}

type Observed = 'delivered' | 'failed' | 'unknown';

/** What the browser/page reported: a response reached JS, the request failed, or unknown. */
function observedOutcome(exchange: ObservedExchange): Observed {
  const page = exchange.pageOutcome;
  if (page !== undefined) return page.kind === 'rejected' ? 'failed' : 'delivered';
  if (exchange.networkError !== undefined || exchange.refusedByRenderer === true) return 'failed';
  if (exchange.response !== undefined) return 'delivered';
  return 'unknown';
}

function fits(outcome: PassOutcome, observed: Observed): boolean {
  if (observed === 'unknown') return true;
  return observed === 'failed' ? outcome.verdict === 'blocked' : outcome.verdict !== 'blocked';
}

function consistencyStep(outcome: PassOutcome, observed: Observed): TraceStep | null {
  if (fits(outcome, observed)) return null;
  return {
    rule: 'outcome.consistency',
    anchor: '#concept-cors-check',
    on: 'response',
    expected: outcome.verdict,
    actual: observed,
    outcome: 'fail',
    detail: observed === 'delivered' ? 'observed-delivered' : 'observed-failed',
  };
}

function profileVerdict(outcome: PassOutcome): ProfileVerdict {
  const code = outcome.failure?.code ?? null;
  return {
    verdict: outcome.verdict,
    corsError: code,
    failedParameter: code !== null ? (outcome.failure?.parameter ?? null) : null,
    blockedReason: outcome.blockedReason,
  };
}

function differenceDetail(profile: BrowserProfile, outcome: PassOutcome): string {
  if (profile === 'firefox') return firefoxDetail(outcome.failure);
  if (profile === 'safari') return safariDetail(outcome.failure, outcome.blockedReason);
  if (profile === 'chrome') return `chrome:${outcome.failure?.code ?? outcome.verdict}`;
  return `spec:${outcome.verdict}`;
}

/** Last resort: an internal error is reported as data, never thrown at the caller. */
function internalErrorEvaluation(input: unknown, profile: BrowserProfile, error: unknown): Evaluation {
  const failed =
    typeof input === 'object' &&
    input !== null &&
    typeof (input as { networkError?: unknown }).networkError === 'string';
  const name = error instanceof Error ? error.name : typeof error;
  return {
    verdict: failed ? 'blocked' : 'allowed',
    corsError: null,
    failedParameter: null,
    firefoxReason: null,
    safariReason: null,
    blockedReason: null,
    failedOn: null,
    credentials: { mode: 'omit', provenance: 'inferred' },
    mode: { mode: 'cors', provenance: 'inferred' },
    preflight: { needed: false, reasons: [], observed: false, presumedCached: false },
    hiddenStatus: null,
    exposedHeaders: { readable: [], hidden: [] },
    trace: [
      {
        rule: 'outcome.consistency',
        anchor: '#concept-fetch',
        on: 'request',
        outcome: 'fail',
        detail: `evaluator-error:${name}`,
      },
    ],
    warnings: [{ code: 'malformed-input', on: 'request', detail: 'evaluator-error' }],
    fix: [],
    profile,
    byProfile: Object.fromEntries(
      BROWSER_PROFILES.map((each) => [
        each,
        {
          verdict: failed ? 'blocked' : 'allowed',
          corsError: null,
          failedParameter: null,
          blockedReason: null,
        },
      ]),
    ) as Record<BrowserProfile, ProfileVerdict>,
  };
}
