/** Reading `Evaluation.byProfile`: which profiles agree and which would block. Codes, no words. */

import { BROWSER_PROFILES, type BrowserProfile } from './input';
import type { Evaluation, ProfileVerdict } from './verdict';

/** `spec` replays the Fetch Standard to the letter: a reference, not a browser users run. */
export function isBrowser(profile: BrowserProfile): boolean {
  return profile !== 'spec';
}

export interface ProfileDecision extends ProfileVerdict {
  readonly profile: BrowserProfile;
}

/**
 * Every profile's decision in `BROWSER_PROFILES` order. A record written before `byProfile`
 * existed (an old report) yields its own profile only.
 */
export function profileDecisions(evaluation: Evaluation): ProfileDecision[] {
  const by: Partial<Record<BrowserProfile, ProfileVerdict>> = evaluation.byProfile ?? {};
  const out: ProfileDecision[] = [];
  for (const profile of BROWSER_PROFILES) {
    const decision =
      by[profile] ??
      (profile === evaluation.profile
        ? {
            verdict: evaluation.verdict,
            corsError: evaluation.corsError,
            failedParameter: evaluation.failedParameter,
            blockedReason: evaluation.blockedReason,
          }
        : undefined);
    if (decision !== undefined) out.push({ profile, ...decision });
  }
  return out;
}

/** True when at least two profiles reach a different verdict on the exchange. */
export function profilesDisagree(evaluation: Evaluation): boolean {
  const verdicts = new Set(profileDecisions(evaluation).map((d) => d.verdict));
  return verdicts.size > 1;
}

/** Not blocked in the evaluated profile, blocked in another browser (the spec profile aside). */
export function failsInAnotherBrowser(evaluation: Evaluation): boolean {
  if (evaluation.verdict === 'blocked') return false;
  return profileDecisions(evaluation).some(
    (d) => d.profile !== evaluation.profile && isBrowser(d.profile) && d.verdict === 'blocked',
  );
}
