import { fetchMetadataOf } from './fetch-metadata';
import { getHeader } from './headers';
import { safelistHeader } from './safelist';
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
  // Sec-Fetch-Mode is the browser's own word for the mode it used: evidence from the wire,
  // ahead of any inference (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-mode-header).
  const wire = fetchMetadataOf(exchange.requestHeaders).mode;
  if (wire !== undefined && wire !== 'websocket') {
    return {
      mode: wire,
      provenance: 'observed',
      step: {
        rule: 'request.mode-observed',
        anchor: '#concept-request-mode',
        on: 'request',
        actual: wire,
        outcome: 'info',
        detail: 'sec-fetch-mode',
      },
    };
  }
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
  } else if (exchange.ping === true) {
    // https://w3c.github.io/beacon/#sec-processing-model: sendBeacon is no-cors when its body's
    // type is CORS-safelisted (text/plain, form data), cors otherwise, which needs a preflight.
    // <a ping> is always no-cors. Either way a preflight on the wire means cors.
    mode = exchange.preflights.length > 0 || !safelistedBody(exchange) ? 'cors' : 'no-cors';
    detail = mode === 'cors' ? 'beacon-cors' : 'beacon-no-cors';
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

function safelistedBody(exchange: ObservedExchange): boolean {
  const type = getHeader(exchange.requestHeaders, 'content-type');
  return type === null || safelistHeader('content-type', type, 'spec') === 'safelisted';
}
