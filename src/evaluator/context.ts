import type { UrlCache } from './origin';
import type { BrowserProfile, CorsErrorCode, CredentialsMode, Target, TraceStep, Warning } from './types';

/**
 * What one pass of the algorithm accumulates: trace steps and warnings in order, plus the
 * per-call URL cache. One fresh object per pass; nothing survives between evaluate() calls.
 */
export interface Pass {
  readonly profile: BrowserProfile;
  readonly credentials: CredentialsMode;
  readonly urls: UrlCache;
  readonly trace: TraceStep[];
  readonly warnings: Warning[];
  /** Set when a rule whose result depends on the profile was reached (re-run the others). */
  profileSensitive: boolean;
}

/** A CORS (or other) failure: where it happened and the Chromium code, if it is a CORS one. */
export interface Failure {
  readonly code: CorsErrorCode | null;
  readonly on: Target;
  readonly hop?: number;
  readonly parameter: string | null;
  /** The status the server answered with on the failing message, if any. */
  readonly status?: number;
  /** Number of ACAO lines on the failing response (Firefox distinguishes lines). */
  readonly allowOriginLines?: number;
}

export function step(pass: Pass, traceStep: TraceStep): void {
  pass.trace.push(traceStep);
}

/** The fields every step of one algorithm on one message shares. */
export interface StepScope {
  readonly anchor: string;
  readonly on: Target;
  readonly hop?: number;
}

/** A step's own fields; the scope fills in the rest (a step may name another anchor). */
export type ScopedStep = Omit<TraceStep, 'anchor' | 'on' | 'hop'> & { readonly anchor?: string };

/** Records the steps of one algorithm on one message without repeating its anchor, target and hop. */
export function stepsIn(pass: Pass, scope: StepScope): (fields: ScopedStep) => void {
  return (fields) => step(pass, { ...scope, ...fields });
}

/** A failure on the scope's message; `status` is the answer the server gave there, if any. */
export function failureIn(
  scope: Pick<StepScope, 'on' | 'hop'>,
  code: CorsErrorCode | null,
  parameter: string | null = null,
  status?: number,
): Failure {
  const failure: Failure = { code, on: scope.on, hop: scope.hop, parameter };
  return status === undefined ? failure : { ...failure, status };
}

export function warn(pass: Pass, warning: Warning): void {
  pass.warnings.push(warning);
}

/** Credentials are sent cross-origin only in `include` mode (#concept-request-credentials-mode). */
export function includesCredentials(pass: Pass): boolean {
  return pass.credentials === 'include';
}
