import { asWritten, initiatorFrom } from './common';
import type { Producer } from './types';

/**
 * Playwright's `recordHar` (Chromium 156, playwright-core 1.65, as the corpus test shows): a
 * request that failed is `response.status: -1` with `response._failureText` (`net::ERR_FAILED`
 * for every CORS block, `net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin` for CORP) and neither the
 * refused response's headers nor the wire request headers (no Origin, no Sec-Fetch-*).
 * Preflights are never entries.
 */
export function playwright(creator: string): Producer {
  return {
    id: 'playwright',
    creator,
    preflightSlackMs: 50,
    capabilities: {
      preflights: 'no',
      refusedResponses: 'no',
      failedRequests: 'yes',
      answeredMeansDelivered: true,
    },
    failure: (raw, response) =>
      typeof response._failureText === 'string' ? response._failureText : String(raw._failureText ?? ''),
    requestHeaders: asWritten,
    initiatorUrl: (raw) => initiatorFrom(raw._initiator),
  };
}
