import { canvasFix } from './canvas';
import type { Pass } from './context';
import { localNetworkPageChanges } from './local-network';
import { parseUrl, withoutUserinfo } from './origin';
import type { PassOutcome } from './outcome';
import { isCorsSafelistedMethod } from './safelist';
import type { CorsErrorCode, FixStep, Header, ObservedExchange, Warning } from './types';

// The smallest change that makes this exchange pass, with values computed from it: allow-list the
// origin that was sent (never `*` with credentials, never "reflect any origin"), credentials only
// when the request includes them, methods and header names exactly as the request needs them.

const PAGE_CHANGES: Partial<Record<CorsErrorCode, string>> = {
  DisallowedByMode: 'use-cors-mode',
  NoCorsRedirectModeNotFollow: 'use-redirect-follow',
  CorsDisabledScheme: 'use-http-scheme',
  RedirectContainsCredentials: 'drop-userinfo',
  // A service worker's answer: the change is in its fetch handler (src/evaluator/service-worker.ts).
  ServiceWorkerResponseTypeOpaque: 'sw-respond-cors',
  ServiceWorkerResponseTypeOpaqueRedirect: 'sw-respond-followed',
  ServiceWorkerRedirectedResponseForNotFollowRequest: 'sw-respond-unredirected',
  ServiceWorkerNetworkError: 'sw-read-console',
};

export function buildFix(
  pass: Pass,
  outcome: PassOutcome,
  exchange: ObservedExchange,
  warnings: readonly Warning[],
): FixStep[] {
  const fix: FixStep[] = [];
  const failure = outcome.failure;
  if (failure !== null) {
    const localNetwork = failure.code === null ? [] : localNetworkPageChanges(failure.code, pass, exchange);
    if (localNetwork.length > 0) {
      for (const pageChange of localNetwork)
        fix.push(pageStep(pass, outcome, exchange, pageChange, undefined));
    } else if (failure.code !== null) {
      const pageChange = PAGE_CHANGES[failure.code];
      if (pageChange !== undefined) fix.push(pageStep(pass, outcome, exchange, pageChange, failure.hop));
      else if (failure.on === 'preflight') {
        fix.push(preflightStep(pass, outcome, failure.code));
        fix.push(responseStep(pass, outcome, outcome.finalUrl, outcome.method, 1));
      } else {
        const url =
          failure.on === 'redirect'
            ? (exchange.redirects[failure.hop ?? 0]?.url ?? outcome.finalUrl)
            : outcome.finalUrl;
        // A redirect hop's own response is the one to change (the what-if editor targets it too).
        const on = failure.on === 'redirect' ? 'redirect' : 'response';
        fix.push(responseStep(pass, outcome, url, outcome.method, failure.allowOriginLines ?? 0, on));
      }
    } else if (outcome.blockedReason !== null) {
      fix.push({
        on: failure.on,
        url:
          failure.on === 'redirect'
            ? (exchange.redirects[failure.hop ?? 0]?.url ?? outcome.finalUrl)
            : outcome.finalUrl,
        method: outcome.method,
        setHeaders: [{ name: 'Cross-Origin-Resource-Policy', value: 'cross-origin' }],
        removeHeaders: [],
      });
    } else if (failure.on === 'request' && failure.parameter !== null) {
      // no-cors with a non-safelisted method: only CORS mode can send it.
      fix.push({
        on: 'request',
        url: exchange.url,
        method: outcome.method,
        setHeaders: [],
        removeHeaders: [],
        pageChange: 'use-cors-mode',
      });
    }
  }
  for (const warning of warnings) {
    if (warning.code === 'canvas-tainted' && failure === null)
      fix.push(...canvasFix(exchange, warning.detail ?? '', outcome.origin));
    if (warning.code === 'missing-vary-origin' && outcome.failure === null) {
      fix.push({
        on: 'response',
        url: outcome.finalUrl,
        method: outcome.method,
        setHeaders: [{ name: 'Vary', value: 'Origin' }],
        removeHeaders: [],
      });
    }
  }
  return fix;
}

/** ACAO (and ACAC) for the request's origin. A tainted (`null`) origin can only be met by `*`. */
function allowOriginHeaders(pass: Pass, outcome: PassOutcome): Header[] {
  const include = pass.credentials === 'include';
  const origin = outcome.origin;
  const headers: Header[] = [];
  if (origin === 'null' && !include) headers.push({ name: 'Access-Control-Allow-Origin', value: '*' });
  else headers.push({ name: 'Access-Control-Allow-Origin', value: origin });
  if (include) headers.push({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  if (origin !== 'null' || include) headers.push({ name: 'Vary', value: 'Origin' });
  return headers;
}

function responseStep(
  pass: Pass,
  outcome: PassOutcome,
  url: string,
  method: string,
  allowOriginLines: number,
  on: 'response' | 'redirect' = 'response',
): FixStep {
  return {
    on,
    url,
    method,
    setHeaders: allowOriginHeaders(pass, outcome),
    // Two ACAO lines combine into `a, b`: send exactly one.
    removeHeaders: allowOriginLines > 1 ? ['access-control-allow-origin'] : [],
  };
}

function preflightStep(pass: Pass, outcome: PassOutcome, code: CorsErrorCode): FixStep {
  const setHeaders = allowOriginHeaders(pass, outcome);
  if (!isCorsSafelistedMethod(outcome.method))
    setHeaders.push({ name: 'Access-Control-Allow-Methods', value: outcome.method });
  if (outcome.unsafeNames.length > 0)
    setHeaders.push({ name: 'Access-Control-Allow-Headers', value: outcome.unsafeNames.join(', ') });
  const badStatus = code === 'PreflightInvalidStatus' || code === 'PreflightDisallowedRedirect';
  return {
    on: 'preflight',
    url: outcome.finalUrl,
    method: 'OPTIONS',
    setHeaders,
    removeHeaders: code === 'PreflightDisallowedRedirect' ? ['location'] : [],
    status: badStatus ? 204 : undefined,
  };
}

function pageStep(
  pass: Pass,
  outcome: PassOutcome,
  exchange: ObservedExchange,
  pageChange: string,
  hop: number | undefined,
): FixStep {
  if (pageChange === 'drop-userinfo' && hop !== undefined) {
    // The server can also fix this one: a Location without userinfo.
    const redirect = exchange.redirects[hop];
    const location = redirect === undefined ? null : parseUrl(pass.urls, redirect.location, redirect.url);
    if (redirect !== undefined && location !== null) {
      const clean = withoutUserinfo(location.href) ?? location.href;
      return {
        on: 'redirect',
        url: redirect.url,
        method: outcome.method,
        setHeaders: [{ name: 'Location', value: clean }],
        removeHeaders: [],
        pageChange,
      };
    }
  }
  return {
    on: 'request',
    url: exchange.url,
    method: outcome.method,
    setHeaders: [],
    removeHeaders: [],
    pageChange,
  };
}
