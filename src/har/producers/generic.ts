import { asWritten, chromeError, initiatorFrom } from './common';
import type { Producer, ProducerId } from './types';

/**
 * Any other writer that follows HAR 1.2 loosely, and Safari's Web Inspector, whose export could
 * not be driven here: Chrome's underscore fields are read where present, and nothing is assumed
 * about what the file leaves out.
 */
export function generic(creator: string, id: ProducerId = 'other'): Producer {
  return {
    id,
    creator,
    preflightSlackMs: 50,
    capabilities: {
      preflights: 'unknown',
      refusedResponses: 'unknown',
      failedRequests: 'unknown',
      answeredMeansDelivered: false,
    },
    failure: (raw, response) =>
      chromeError(raw, response) || (typeof response._failureText === 'string' ? response._failureText : ''),
    requestHeaders: asWritten,
    initiatorUrl: (raw) => initiatorFrom(raw._initiator),
  };
}
