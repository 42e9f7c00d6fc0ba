import type { Failure, Pass } from './context';
import { step } from './context';
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
  const anchor = '#http-redirect-fetch';
  // 1. Redirect mode: `error` fails the fetch, `manual` hands an opaque-redirect to the page.
  if (redirectMode === 'error') {
    step(pass, {
      anchor,
      on: 'redirect',
      hop: index,
      rule: 'redirect.mode',
      expected: 'follow',
      actual: 'error',
      outcome: 'fail',
    });
    return {
      kind: 'failure',
      failure: { code: null, on: 'redirect', hop: index, parameter: null, status: hop.response.status },
    };
  }
  if (redirectMode === 'manual') {
    step(pass, {
      anchor,
      on: 'redirect',
      hop: index,
      rule: 'redirect.mode',
      actual: 'manual',
      outcome: 'info',
      detail: 'opaqueredirect',
    });
    return { kind: 'manual' };
  }
  // 2. Parse Location against the hop's URL; an unparsable one is a network error.
  const location = parseUrl(pass.urls, hop.location, state.url.href);
  if (location === null) {
    step(pass, {
      anchor,
      on: 'redirect',
      hop: index,
      rule: 'redirect.mode',
      subject: 'location',
      actual: hop.location,
      outcome: 'fail',
      detail: 'unparsable-location',
    });
    return {
      kind: 'failure',
      failure: { code: null, on: 'redirect', hop: index, parameter: null, status: hop.response.status },
    };
  }
  const locationOrigin = serializeOrigin(location);
  // 3. Userinfo in the Location of a CORS request → network error (RedirectContainsCredentials).
  // Chromium also fails whenever the CORS flag is set (the current URL is cross-origin), so
  // only a same-origin hop to a same-origin userinfo URL gets through.
  const corsFlag = state.tainted || !isSameOrigin(initiatorOrigin, state.url.origin);
  if (hasUserinfo(location) && (corsFlag || !isSameOrigin(state.origin, locationOrigin))) {
    step(pass, {
      anchor,
      on: 'redirect',
      hop: index,
      rule: 'redirect.userinfo',
      subject: 'location',
      actual: hop.location,
      outcome: 'fail',
    });
    return {
      kind: 'failure',
      failure: {
        code: 'RedirectContainsCredentials',
        on: 'redirect',
        hop: index,
        parameter: null,
        status: hop.response.status,
      },
    };
  }
  step(pass, {
    anchor,
    on: 'redirect',
    hop: index,
    rule: 'redirect.userinfo',
    subject: 'location',
    actual: hop.location,
    outcome: 'pass',
  });
  // 4. #concept-request-tainted-origin: a hop to another origin, from a URL that is itself
  // cross-origin to the initiator, makes the origin `null` for the rest of the chain.
  const currentOrigin = serializeOrigin(state.url);
  const crossHop = !isSameOrigin(currentOrigin, locationOrigin);
  let tainted = state.tainted;
  if (crossHop && !isSameOrigin(initiatorOrigin, currentOrigin)) tainted = true;
  let origin = tainted ? 'null' : state.origin;
  const observedOrigin = nextRequestHeaders === undefined ? null : getHeader(nextRequestHeaders, 'origin');
  if (tainted) {
    step(pass, {
      rule: 'redirect.taint',
      anchor: '#concept-request-tainted-origin',
      on: 'redirect',
      hop: index,
      subject: 'origin',
      expected: 'null',
      actual: observedOrigin,
      outcome: 'info',
    });
  }
  // What the browser really sent wins over our derivation (it is the origin its check used).
  if (observedOrigin !== null && observedOrigin !== origin) {
    step(pass, {
      anchor,
      on: 'redirect',
      hop: index,
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
    step(pass, {
      anchor,
      on: 'redirect',
      hop: index,
      rule: 'redirect.authorization-dropped',
      subject: 'authorization',
      outcome: 'info',
    });
  }
  return { kind: 'follow', next: { url: location, origin, tainted, headers } };
}
