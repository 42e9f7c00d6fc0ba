import { stepsIn } from './context';
import { type Blank, type PassOutcome, unanswered } from './outcome';
import type {
  CorsErrorCode,
  ObservedExchange,
  RedirectMode,
  RequestMode,
  ServiceWorkerAnswer,
} from './types';

// #http-fetch, step 5 ("handle fetch" by the service worker): the worker's response is returned
// as it is, no CORS check runs on it, but it becomes a network error when the request may not use
// it: an "opaque" response for a request whose mode is not "no-cors"; an "opaqueredirect" for
// a redirect mode other than "manual"; a redirected response for a redirect mode other than
// "follow"; an "error" response. Chromium logs which in the service worker's console only
// (FetchRespondWithObserver, seen over CDP on the worker's target: test/e2e/workers.test.ts); the
// page's request fails with net::ERR_FAILED and no CorsError, and fetch() rejects.

const RULE = { anchor: '#http-fetch', on: 'response' } as const;

/** What the request may accept from a service worker, for the trace's "expected". */
function accepted(mode: RequestMode, redirect: RedirectMode): string {
  const types = mode === 'no-cors' ? ['basic', 'cors', 'opaque'] : ['basic', 'cors'];
  if (redirect === 'manual') types.push('opaqueredirect');
  return types.join(', ') + (redirect === 'follow' ? '' : ', not redirected');
}

function codeFor(answer: ServiceWorkerAnswer, mode: RequestMode, redirect: RedirectMode): CorsErrorCode {
  if (answer.type === 'opaque' && mode !== 'no-cors') return 'ServiceWorkerResponseTypeOpaque';
  if (answer.type === 'opaqueredirect' && redirect !== 'manual')
    return 'ServiceWorkerResponseTypeOpaqueRedirect';
  if (answer.type === 'redirected' && redirect !== 'follow')
    return 'ServiceWorkerRedirectedResponseForNotFollowRequest';
  // An answer the request could use, or one not seen: Response.error(), a rejected promise,
  // something that is not a Response… the worker's console says which.
  return 'ServiceWorkerNetworkError';
}

/** The service worker's answer replaces the network: null when no worker answered. */
export function serviceWorkerFetch(
  pass: Parameters<typeof stepsIn>[0],
  exchange: ObservedExchange,
  blank: Blank,
  mode: RequestMode,
): PassOutcome | null {
  const answer = exchange.serviceWorkerAnswer;
  if (answer === undefined) return null;
  const redirect = exchange.redirect ?? 'follow';
  const code = codeFor(answer, mode, redirect);
  stepsIn(
    pass,
    RULE,
  )({
    rule: 'service-worker.answer',
    subject: answer.script,
    expected: accepted(mode, redirect),
    actual: answer.type,
    outcome: 'fail',
    ...(answer.evidence === undefined ? {} : { detail: answer.evidence }),
  });
  return unanswered(blank, { code, on: 'response', parameter: null });
}
