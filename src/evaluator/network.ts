import type { Failure, Pass } from './context';
import { step } from './context';
import type { ObservedExchange, PreflightSummary, Target } from './types';

export const NO_PREFLIGHT: PreflightSummary = {
  needed: false,
  reasons: [],
  observed: false,
  presumedCached: false,
};

// #concept-network-error that is not a CORS failure: no response was received and webRequest
// reported an error (connection refused, DNS, aborted by navigation or AbortController…). The
// page sees "Failed to fetch" but no CORS rule failed, so the verdict is blocked with no code.
// (A CORS block in Chromium shows as a response *and* net::ERR_FAILED; that one has a response.)
export function networkFailure(
  pass: Pass,
  exchange: ObservedExchange,
  on: Target,
  detail?: string,
): Failure | null {
  if (exchange.response !== undefined || exchange.networkError === undefined) return null;
  step(pass, {
    rule: 'response.network-error',
    anchor: '#concept-network-error',
    on,
    actual: exchange.networkError,
    outcome: 'fail',
    detail,
  });
  return { code: null, on, parameter: null };
}
