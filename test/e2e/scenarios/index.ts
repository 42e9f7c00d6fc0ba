import { beaconScenarios } from './beacon';
import { cacheScenarios } from './cache';
import { canvasScenarios } from './canvas';
import { corsCheckScenarios } from './cors-check';
import { localNetworkScenarios } from './local-network';
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

/**
 * Request contexts only Chromium's agreement suite runs (its browser is started with the flags
 * they need): Local Network Access from public pages, beacons, canvas reads.
 */
export const contextScenarios: readonly Scenario[] = [
  ...localNetworkScenarios,
  ...beaconScenarios,
  ...canvasScenarios,
];

/** Load kinds with no CORS mode: success means an opaque response. */
export function isNoCors(s: Scenario): boolean {
  const a = s.action;
  if (a.kind === 'fetch') return a.mode === 'no-cors';
  if (a.kind === 'img' || a.kind === 'audio' || a.kind === 'canvas') return !a.crossOrigin;
  if (a.kind === 'script') return !a.module;
  // sendBeacon is no-cors unless its body's type is not CORS-safelisted.
  if (a.kind === 'beacon') return a.type === undefined || a.type === 'text/plain';
  return false;
}
