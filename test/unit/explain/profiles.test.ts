import { describe, expect, it } from 'vitest';
import type { Evaluation, ProfileVerdict } from '../../../src/evaluator/types';
import { describeProfiles, profileDifference, profileHeading, profileName } from '../../../src/explain';
import { allowed, authorizationWildcard, missingAcao } from '../ui/fixtures';

const blocked: ProfileVerdict = {
  verdict: 'blocked',
  corsError: 'MissingAllowOriginHeader',
  failedParameter: null,
  blockedReason: null,
};

describe('per-profile words', () => {
  it('names the profiles; an unknown one is capitalised', () => {
    expect(profileName('chrome')).toBe('Chrome');
    expect(profileName('spec')).toBe('the Fetch spec');
    expect(profileHeading('spec')).toBe('Fetch spec');
    expect(profileName('edge' as never)).toBe('Edge');
  });

  it('"works in …, fails in …" when the profiles disagree, null when they agree', () => {
    // A real disagreement: WebKit lets `*` cover Authorization like Chromium and Firefox; the spec does not.
    const real = describeProfiles(authorizationWildcard().evaluation) ?? '';
    expect(real).toMatch(/^Works in Chrome, Firefox and Safari, fails in the Fetch spec\.$/);
    expect(describeProfiles(missingAcao().evaluation)).toBeNull();
    // The wording, on fixed decisions: groups in profile order, "and" before the last name.
    const ev = allowed().evaluation;
    const ok = ev.byProfile.chrome;
    const three = { ...ev, byProfile: { chrome: ok, firefox: blocked, spec: blocked } as never };
    expect(describeProfiles(three)).toBe('Works in Chrome, fails in Firefox and the Fetch spec.');
  });

  it('the table cell names only the profiles that decide otherwise', () => {
    expect(profileDifference(authorizationWildcard().evaluation)).toMatch(/^fails in (Safari, )?Fetch spec$/);
    const ev: Evaluation = allowed().evaluation;
    const firefoxBlocks = { ...ev, byProfile: { ...ev.byProfile, firefox: blocked } };
    expect(profileDifference(firefoxBlocks)).toBe('fails in Firefox');
    expect(describeProfiles(firefoxBlocks)).toMatch(
      /^Works in Chrome.* and the Fetch spec, fails in Firefox\.$/,
    );
    expect(profileDifference(ev)).toBeNull();
  });
});
