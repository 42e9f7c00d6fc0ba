import type { Failure, Pass } from './context';
import { failureIn, stepsIn } from './context';
import { getHeader, withoutHeader } from './headers';
import { hasUserinfo, isSameOrigin, type ParsedUrl, parseUrl, serializeOrigin } from './origin';
import type { Header, RedirectHop, RedirectMode } from './types';

/** Where the chain stands before following one redirect. */
export interface ChainState {
  readonly url: ParsedUrl;
  /** The request's origin: the initiator's, or `null` once tainted. */
  readonly origin: string;
  readonly tainted: boolean;
  readonly headers: readonly Header[];
}

export type RedirectStepResult =
  | { readonly kind: 'follow'; readonly next: ChainState }
  | { readonly kind: 'failure'; readonly failure: Failure }
  | { readonly kind: 'manual' };

// #http-redirect-fetch, for one 3xx of a CORS-mode request whose response already passed the
// CORS check (HTTP fetch runs the check before redirect handling).
export function followRedirect(
  pass: Pass,
  state: ChainState,
  hop: RedirectHop,
  index: number,
  redirectMode: RedirectMode,
  initiatorOrigin: string,
  nextRequestHeaders: readonly Header[] | undefined,
): RedirectStepResult {
  const scope = { anchor: '#http-redirect-fetch', on: 'redirect', hop: index } as const;
  const at = stepsIn(pass, scope);
  const fail = (code: Failure['code']): RedirectStepResult => ({
    kind: 'failure',
    failure: failureIn(scope, code, null, hop.response.status),
  });
  // 1. Redirect mode: `error` fails the fetch, `manual` hands an opaque-redirect to the page.
  if (redirectMode === 'error') {
    at({ rule: 'redirect.mode', expected: 'follow', actual: 'error', outcome: 'fail' });
    return fail(null);
  }
  if (redirectMode === 'manual') {
    at({ rule: 'redirect.mode', actual: 'manual', outcome: 'info', detail: 'opaqueredirect' });
    return { kind: 'manual' };
  }
  // 2. Parse Location against the hop's URL; an unparsable one is a network error.
  const location = parseUrl(pass.urls, hop.location, state.url.href);
  if (location === null) {
    const detail = 'unparsable-location';
    at({ rule: 'redirect.mode', subject: 'location', actual: hop.location, outcome: 'fail', detail });
    return fail(null);
  }
  const locationOrigin = serializeOrigin(location);
  // 3. Userinfo in the Location of a CORS request → network error (RedirectContainsCredentials).
  // Chromium also fails whenever the CORS flag is set (the current URL is cross-origin), so
  // only a same-origin hop to a same-origin userinfo URL gets through.
  const corsFlag = state.tainted || !isSameOrigin(initiatorOrigin, state.url.origin);
  const refused = hasUserinfo(location) && (corsFlag || !isSameOrigin(state.origin, locationOrigin));
  at({
    rule: 'redirect.userinfo',
    subject: 'location',
    actual: hop.location,
    outcome: refused ? 'fail' : 'pass',
  });
  if (refused) return fail('RedirectContainsCredentials');
  // 4. #concept-request-tainted-origin: a hop to another origin, from a URL that is itself
  // cross-origin to the initiator, makes the origin `null` for the rest of the chain.
  const currentOrigin = serializeOrigin(state.url);
  const crossHop = !isSameOrigin(currentOrigin, locationOrigin);
  let tainted = state.tainted;
  if (crossHop && !isSameOrigin(initiatorOrigin, currentOrigin)) tainted = true;
  let origin = tainted ? 'null' : state.origin;
  const observedOrigin = nextRequestHeaders === undefined ? null : getHeader(nextRequestHeaders, 'origin');
  if (tainted) {
    const anchor = '#concept-request-tainted-origin';
    at({
      rule: 'redirect.taint',
      anchor,
      subject: 'origin',
      expected: 'null',
      actual: observedOrigin,
      outcome: 'info',
    });
  }
  // What the browser really sent wins over our derivation (it is the origin its check used).
  if (observedOrigin !== null && observedOrigin !== origin) {
    at({
      rule: 'outcome.consistency',
      subject: 'origin',
      expected: origin,
      actual: observedOrigin,
      outcome: 'info',
      detail: 'origin-header-differs',
    });
    origin = observedOrigin;
  }
  // 5. A cross-origin hop drops Authorization (#http-redirect-fetch step 13).
  let headers = state.headers;
  if (crossHop && getHeader(headers, 'authorization') !== null) {
    headers = withoutHeader(headers, 'authorization');
    at({ rule: 'redirect.authorization-dropped', subject: 'authorization', outcome: 'info' });
  }
  return { kind: 'follow', next: { url: location, origin, tainted, headers } };
}
