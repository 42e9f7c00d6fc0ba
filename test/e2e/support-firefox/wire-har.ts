import type { WireExchange } from '../../../demo/server';

/**
 * What crossed the wire (the demo server's log) → a HAR 1.2 log, marked the way DevTools marks
 * a request whose response the browser refused (`_error` on the entry, as Chrome writes
 * `net::ERR_FAILED`): `failedUrls` are the URLs whose response the page did not get.
 */
export function wireToHar(log: readonly WireExchange[], failedUrls: ReadonlySet<string>): unknown {
  const entries = log.map((wire) => {
    const location = wire.responseHeaders.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
    const isPreflight = wire.method === 'OPTIONS';
    return {
      startedDateTime: new Date(wire.at).toISOString(),
      request: { method: wire.method, url: wire.url, headers: wire.requestHeaders },
      response: {
        status: wire.status,
        headers: wire.responseHeaders,
        redirectURL: location,
        content: { mimeType: 'text/plain' },
      },
      ...(failedUrls.has(wire.url) && !isPreflight ? { _error: 'NS_ERROR_DOM_BAD_URI' } : {}),
    };
  });
  return { log: { version: '1.2', creator: { name: 'cors-lens demo wire log', version: '1' }, entries } };
}
