import { getHeader } from './headers';
import type { Destination, ObservedExchange, Provenance, RequestMode, TraceStep } from './types';

/** Destinations whose loads are CORS requests without a `crossorigin` attribute. */
const CORS_DESTINATIONS: ReadonlySet<Destination> = new Set(['', 'font', 'json', 'manifest', 'report']);
const NAVIGATION_DESTINATIONS: ReadonlySet<Destination> = new Set(['document', 'iframe', 'frame']);

export interface ModeChoice {
  readonly mode: RequestMode;
  readonly provenance: Provenance;
  readonly step?: TraceStep;
}

// #concept-request-mode. webRequest does not show the mode; the page hook does for fetch/XHR.
// Otherwise: fetch/XHR ('') and fonts are CORS; navigations are navigations; other subresources
// (img, script, style, media…) are no-cors unless an Origin header was sent, which means the
// element had a `crossorigin` attribute (or was a module script) and so was CORS.
export function chooseMode(exchange: ObservedExchange): ModeChoice {
  if (exchange.mode !== undefined) return { mode: exchange.mode, provenance: 'page' };
  const destination = exchange.destination;
  const pageType = exchange.pageOutcome?.kind === 'response' ? exchange.pageOutcome.type : undefined;
  let mode: RequestMode;
  let detail: string;
  if (pageType === 'opaque') {
    // The page received an opaque response: only a no-cors request gives one.
    mode = 'no-cors';
    detail = 'page-got-opaque';
  } else if (pageType === 'cors') {
    mode = 'cors';
    detail = 'page-got-cors';
  } else if (CORS_DESTINATIONS.has(destination)) {
    mode = 'cors';
    detail = `destination:${destination || 'fetch'}`;
  } else if (NAVIGATION_DESTINATIONS.has(destination)) {
    mode = 'navigate';
    detail = `destination:${destination}`;
  } else if (getHeader(exchange.requestHeaders, 'origin') !== null) {
    mode = 'cors';
    detail = 'origin-header-sent';
  } else {
    mode = 'no-cors';
    detail = `destination:${destination}`;
  }
  return {
    mode,
    provenance: 'inferred',
    step: {
      rule: 'request.mode-inferred',
      anchor: '#concept-request-mode',
      on: 'request',
      actual: mode,
      outcome: 'info',
      detail,
    },
  };
}
