import type { CorsRecord } from '../shared/record';

// Words for a request the page's service worker answered with a response the request may not use
// (src/evaluator/service-worker.ts): no request failed on the network, the page's fetch() just
// rejected. Chromium says why only in the service worker's console.

export type ServiceWorkerCode =
  | 'ServiceWorkerResponseTypeOpaque'
  | 'ServiceWorkerResponseTypeOpaqueRedirect'
  | 'ServiceWorkerRedirectedResponseForNotFollowRequest'
  | 'ServiceWorkerNetworkError';

export const SERVICE_WORKER_LABELS: Record<ServiceWorkerCode, string> = {
  ServiceWorkerResponseTypeOpaque: 'Service worker: opaque answer',
  ServiceWorkerResponseTypeOpaqueRedirect: 'Service worker: opaqueredirect answer',
  ServiceWorkerRedirectedResponseForNotFollowRequest: 'Service worker: redirected answer',
  ServiceWorkerNetworkError: 'Service worker: network error answer',
};

function evidence(record: CorsRecord, host: string): string {
  switch (record.exchange.serviceWorkerAnswer?.evidence) {
    case 'worker-request':
      return `: it fetched ${host} with mode "no-cors"`;
    case 'cache':
      return ': a no-cors copy from its cache';
    default:
      return '';
  }
}

/** One sentence: who answered, with what, and why the browser refused it. */
export function serviceWorkerSentence(code: ServiceWorkerCode, record: CorsRecord, host: string): string {
  const script = record.exchange.serviceWorkerAnswer?.script;
  const who = `The page's service worker${script ? ` (${script})` : ''}`;
  const mode = record.evaluation.mode.mode;
  const redirect = record.exchange.redirect ?? 'follow';
  const after = `so the browser turned it into a network error: fetch() rejected, and no request to ${host} failed on the network`;
  switch (code) {
    case 'ServiceWorkerResponseTypeOpaque':
      return `${who} answered this "${mode}" request with an opaque response${evidence(record, host)}; only a no-cors request may use one, ${after}`;
    case 'ServiceWorkerResponseTypeOpaqueRedirect':
      return `${who} answered with an unfollowed redirect (an "opaqueredirect" response, from a fetch with redirect "manual"), which only a request with redirect "manual" may use, ${after}`;
    case 'ServiceWorkerRedirectedResponseForNotFollowRequest':
      return `${who} answered with a response that followed redirects, which a request with redirect "${redirect}" may not use, ${after}`;
    case 'ServiceWorkerNetworkError':
      return `${who} answered with a network error, and no request to ${host} failed on the network: Response.error(), a rejected respondWith() promise, or a response this request may not use (a cached no-cors copy, say); the service worker's console says which`;
  }
}
