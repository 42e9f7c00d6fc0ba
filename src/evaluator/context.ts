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

export function warn(pass: Pass, warning: Warning): void {
  pass.warnings.push(warning);
}

/** Credentials are sent cross-origin only in `include` mode (#concept-request-credentials-mode). */
export function includesCredentials(pass: Pass): boolean {
  return pass.credentials === 'include';
}
