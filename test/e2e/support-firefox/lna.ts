import { acao, at, only, reply } from '../scenarios/build';
import { localNetworkScenarios } from '../scenarios/local-network';
import type { Scenario } from '../scenarios/types';

/**
 * What Firefox ESR 153 did on the Local Network Access scenarios (the Chromium suite's, plus
 * one Firefox-only), as test/e2e/firefox-lna.test.ts observes it every run: the claim the
 * firefox profile models (src/evaluator/local-network.ts). `sent`: whether the request reached
 * the server; `reason`: Firefox's console reason key, null when it logs none (no-cors loads).
 */
export interface FirefoxLnaTruth {
  readonly verdict: 'allowed' | 'blocked' | 'opaque';
  readonly sent: boolean;
  readonly reason: 'CORSDidNotSucceed' | 'CORSMissingAllowOrigin' | null;
  /** navigator.permissions.query({ name: 'loopback-network' }) in the page. */
  readonly permission: 'denied' | 'granted' | 'prompt';
  /** Where Firefox differs from Chromium (the scenario's `expected`), and why. */
  readonly unlikeChromium?: string;
}

const denied: FirefoxLnaTruth = {
  verdict: 'blocked',
  sent: false,
  reason: 'CORSDidNotSucceed',
  permission: 'denied',
};
const deniedNoCors: FirefoxLnaTruth = { ...denied, reason: null };

export const FIREFOX_LNA: Readonly<Record<string, FirefoxLnaTruth>> = {
  'lna-denied': denied,
  'lna-denied-img': deniedNoCors,
  'lna-denied-beacon': deniedNoCors,
  'lna-target-match': denied,
  'lna-target-mismatch': {
    ...denied,
    unlikeChromium:
      'targetAddressSpace is not read: the permission decides (Chromium: InvalidLocalNetworkAccess)',
  },
  'lna-insecure': {
    ...denied,
    unlikeChromium:
      'a plain-http page is asked like an https one: refused because denied (Chromium: InsecureLocalNetwork)',
  },
  'lna-insecure-img': { ...deniedNoCors, unlikeChromium: 'as lna-insecure' },
  'lna-granted': { verdict: 'allowed', sent: true, reason: null, permission: 'granted' },
  'lna-granted-cors': {
    verdict: 'blocked',
    sent: true,
    reason: 'CORSMissingAllowOrigin',
    permission: 'granted',
  },
  'lna-granted-img': { verdict: 'opaque', sent: true, reason: null, permission: 'granted' },
  'lna-granted-mismatch': {
    verdict: 'allowed',
    sent: true,
    reason: null,
    permission: 'granted',
    unlikeChromium: 'targetAddressSpace is not read: allowed (Chromium: InvalidLocalNetworkAccess)',
  },
  'ff-lna-localhost-granted': { verdict: 'allowed', sent: true, reason: null, permission: 'granted' },
  'ff-lna-prompt-unanswered': {
    ...denied,
    permission: 'prompt',
    unlikeChromium:
      'headless Firefox shows the prompt; unanswered, it refuses when network.lna.prompt.timeout ends',
  },
};

/** A public page whose permission nobody sets: Firefox prompts (headless: nobody answers). */
export const PROMPT_PAGE = '{page-public-prompt}';
/** network.lna.prompt.timeout for the run (default 300000 ms), so the unanswered case ends. */
export const PROMPT_TIMEOUT_MS = 2000;

/** Firefox-only: an https page to plain-http `localhost` is no mixed content in Firefox. */
const firefoxOnly: Scenario = {
  id: 'ff-lna-localhost-granted',
  family: 'local-network',
  what: 'https public page, loopback-network granted, fetch http://localhost (not mixed content)',
  page: '{page-public-granted}',
  grant: 'loopback-network',
  action: { kind: 'fetch', url: at('ff-lna-localhost-granted', 'a', '{site-localhost}') },
  steps: only(reply([acao('*')])),
  expected: { verdict: 'allowed' },
};

/** Firefox-only: nobody answers the prompt. */
const unanswered: Scenario = {
  id: 'ff-lna-prompt-unanswered',
  family: 'local-network',
  what: 'https public page, the loopback-network prompt left unanswered until it times out',
  page: PROMPT_PAGE,
  action: { kind: 'fetch', url: at('ff-lna-prompt-unanswered') },
  steps: only(reply([acao('*')])),
  expected: { verdict: 'blocked', corsError: 'LocalNetworkAccessPermissionDenied' },
};

export const firefoxLnaScenarios: readonly Scenario[] = [...localNetworkScenarios, firefoxOnly, unanswered];
