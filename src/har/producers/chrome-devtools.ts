import { asWritten, chromeError, initiatorFrom } from './common';
import type { Producer } from './types';

/**
 * Chrome DevTools' "Save all as HAR" (`creator.name` "WebInspector"): `_resourceType`
 * (`preflight` for preflights), `_initiator`, `_error` on failed entries. Not driven for real
 * here (DevTools' export needs its UI), so what it records of refused responses is unverified.
 */
export function chromeDevtools(creator: string): Producer {
  return {
    id: 'chrome-devtools',
    creator,
    preflightSlackMs: 50,
    capabilities: {
      preflights: 'yes',
      refusedResponses: 'unknown',
      failedRequests: 'yes',
      answeredMeansDelivered: false,
    },
    failure: chromeError,
    requestHeaders: asWritten,
    initiatorUrl: (raw) => initiatorFrom(raw._initiator),
  };
}
