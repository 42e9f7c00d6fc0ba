import { isBrowser, type ProfileDecision, profileDecisions } from '../evaluator/by-profile';
import type { BrowserProfile, Evaluation, Verdict } from '../evaluator/types';
import { reasonLabel } from './summarize';

// Words for the per-profile verdicts: names, and "works in Chrome, fails in Safari".

const NAMES: Partial<Record<string, string>> = {
  chrome: 'Chrome',
  firefox: 'Firefox',
  safari: 'Safari',
  spec: 'the Fetch spec',
};

/** Display name of a profile (`Chrome`, `Safari`, `the Fetch spec`). */
export function profileName(profile: BrowserProfile): string {
  const name = NAMES[profile];
  return name ?? profile.charAt(0).toUpperCase() + profile.slice(1);
}

/** A table cell's name: `Chrome`, `Safari`, `Spec`. */
export function profileShortName(profile: BrowserProfile): string {
  return profile === 'spec' ? 'Spec' : profileName(profile);
}

/** A column heading: the name without the article (`Fetch spec`). */
export function profileHeading(profile: BrowserProfile): string {
  return profileName(profile).replace(/^the /, '');
}

const VERBS: Record<Verdict, string> = { allowed: 'works in', blocked: 'fails in', opaque: 'is opaque in' };

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function groups(decisions: readonly ProfileDecision[]): [Verdict, string[]][] {
  const by = new Map<Verdict, string[]>();
  for (const d of decisions) by.set(d.verdict, [...(by.get(d.verdict) ?? []), profileName(d.profile)]);
  return [...by];
}

/**
 * "Works in Chrome and Firefox, fails in Safari and the Fetch spec.", or null when every profile
 * decides the same.
 */
export function describeProfiles(evaluation: Evaluation): string | null {
  const parts = groups(profileDecisions(evaluation));
  if (parts.length < 2) return null;
  const text = parts.map(([verdict, names]) => `${VERBS[verdict]} ${list(names)}`).join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The table cell: the profiles that decide otherwise than the evaluated one, with their verdict
 * (`fails in Safari, Fetch spec`); null when all agree.
 */
export function profileDifference(evaluation: Evaluation): string | null {
  const decisions = profileDecisions(evaluation);
  const others = decisions.filter((d) => d.verdict !== evaluation.verdict);
  if (others.length === 0) return null;
  const parts = groups(others).map(
    ([verdict, names]) => `${VERBS[verdict]} ${names.map((n) => n.replace(/^the /, '')).join(', ')}`,
  );
  return parts.join('; ');
}

const SPEC_VERBS: Record<Verdict, string> = {
  allowed: 'would allow it',
  blocked: 'would block it',
  opaque: 'would give an opaque response',
};

/**
 * The per-browser table in one line, when every browser decides the same with the same reason:
 * "Same in Chrome, Firefox and Safari; the Fetch standard would block it: Header not allowed:
 * authorization." (or "… and the Fetch standard." when it agrees too). Null when browsers differ:
 * then the table is worth its rows.
 */
export function browsersLine(evaluation: Evaluation): string | null {
  const decisions = profileDecisions(evaluation);
  const browsers = decisions.filter((d) => isBrowser(d.profile));
  const first = browsers[0];
  if (first === undefined) return null;
  const label = (d: ProfileDecision): string => (d.verdict === 'allowed' ? 'allowed' : reasonLabel(d));
  if (browsers.some((d) => d.verdict !== first.verdict || label(d) !== label(first))) return null;
  const names = browsers.map((d) => profileName(d.profile));
  const spec = decisions.find((d) => !isBrowser(d.profile));
  if (spec === undefined) return `Same in ${list(names)}.`;
  if (spec.verdict === first.verdict && label(spec) === label(first)) {
    return `Same in ${list([...names, 'the Fetch standard'])}.`;
  }
  const why = spec.verdict === 'allowed' ? '' : `: ${reasonLabel(spec)}`;
  return `Same in ${list(names)}; the Fetch standard ${SPEC_VERBS[spec.verdict]}${why}.`;
}
