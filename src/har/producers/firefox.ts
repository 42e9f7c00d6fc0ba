import { asWritten, chromeError } from './common';
import type { Producer } from './types';

/**
 * Firefox DevTools' HAR (also its automatic export, `creator.name` "Firefox"): preflights are
 * entries; a request stopped by its preflight is `status: 0` with no headers; a response that
 * failed the CORS check keeps its status and headers, with nothing that says the browser
 * refused it. No resource type, no initiator (Firefox ESR 153, as the corpus test shows).
 */
export function firefox(creator: string): Producer {
  return {
    id: 'firefox',
    creator,
    preflightSlackMs: 10_000,
    capabilities: {
      preflights: 'yes',
      refusedResponses: 'yes',
      failedRequests: 'yes',
      answeredMeansDelivered: false,
    },
    failure: chromeError,
    requestHeaders: asWritten,
    initiatorUrl: () => '',
  };
}
