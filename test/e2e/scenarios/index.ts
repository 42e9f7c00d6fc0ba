import { cacheScenarios } from './cache';
import { corsCheckScenarios } from './cors-check';
import { noCorsScenarios } from './no-cors';
import { preflightScenarios } from './preflight';
import { redirectScenarios } from './redirects';
import { safelistScenarios } from './safelist';
import { siteScenarios } from './site';
import type { Scenario } from './types';

export const scenarios: readonly Scenario[] = [
  ...corsCheckScenarios,
  ...preflightScenarios,
  ...safelistScenarios,
  ...redirectScenarios,
  ...noCorsScenarios,
  ...siteScenarios,
  ...cacheScenarios,
];

/** Load kinds with no CORS mode: success means an opaque response. */
export function isNoCors(s: Scenario): boolean {
  const a = s.action;
  if (a.kind === 'fetch') return a.mode === 'no-cors';
  if (a.kind === 'img' || a.kind === 'audio') return !a.crossOrigin;
  if (a.kind === 'script') return !a.module;
  return false;
}
