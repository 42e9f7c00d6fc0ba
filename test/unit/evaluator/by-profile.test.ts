import { describe, expect, it } from 'vitest';
import {
  failsInAnotherBrowser,
  isBrowser,
  profileDecisions,
  profilesDisagree,
} from '../../../src/evaluator/by-profile';
import { BROWSER_PROFILES, type Evaluation, type ProfileVerdict } from '../../../src/evaluator/types';
import { allowed, authorizationWildcard, missingAcao } from '../ui/fixtures';

const blocked: ProfileVerdict = {
  verdict: 'blocked',
  corsError: 'MissingAllowOriginHeader',
  failedParameter: null,
  blockedReason: null,
};

/** The same evaluation with one profile's decision replaced. */
function withProfile(evaluation: Evaluation, profile: string, decision: ProfileVerdict): Evaluation {
  return { ...evaluation, byProfile: { ...evaluation.byProfile, [profile]: decision } };
}

describe('reading byProfile', () => {
  it('lists every profile in BROWSER_PROFILES order', () => {
    const decisions = profileDecisions(authorizationWildcard().evaluation);
    expect(decisions.map((d) => d.profile)).toEqual([...BROWSER_PROFILES]);
    expect(decisions.find((d) => d.profile === 'spec')).toMatchObject({
      verdict: 'blocked',
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'authorization',
    });
  });

  it('an evaluation without byProfile (an old report) gives its own profile only', () => {
    const { byProfile: _, ...old } = missingAcao().evaluation;
    const decisions = profileDecisions(old as Evaluation);
    expect(decisions).toEqual([{ profile: 'chrome', ...blocked }]);
    expect(profilesDisagree(old as Evaluation)).toBe(false);
  });

  it('disagreement is about verdicts: the spec blocking what Chrome allows counts', () => {
    expect(profilesDisagree(authorizationWildcard().evaluation)).toBe(true);
    expect(profilesDisagree(missingAcao().evaluation)).toBe(false);
    expect(profilesDisagree(allowed().evaluation)).toBe(false);
  });

  it('fails in another browser: another browser blocks what this one lets through, the spec aside', () => {
    const ok = allowed().evaluation;
    expect(failsInAnotherBrowser(ok)).toBe(false);
    expect(failsInAnotherBrowser(withProfile(ok, 'firefox', blocked))).toBe(true);
    expect(isBrowser('spec')).toBe(false);
    expect(failsInAnotherBrowser(withProfile(ok, 'spec', blocked))).toBe(false);
    // Blocked here already: not "would fail elsewhere".
    expect(failsInAnotherBrowser(missingAcao().evaluation)).toBe(false);
  });
});
