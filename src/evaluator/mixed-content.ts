import { addressSpaceOf } from './address-space';
import type { Pass } from './context';
import { step } from './context';
import { isLocalNetworkError } from './local-network';
import type { ParsedUrl } from './origin';
import type { ObservedExchange } from './types';

// Mixed content (https://w3c.github.io/webappsec-mixed-content/#should-block-fetch), only where
// the browsers differ on a request webRequest can show: an https page reaching plain-http
// loopback. Chromium and Firefox count `http://localhost` and `http://127.0.0.1` as potentially
// trustworthy, so the request is sent (then Local Network Access may ask). Unlike them, WebKit
// blocks it as mixed content before sending (seen in WebKitGTK 2.50.6,
// test/e2e/webkit-lna.test.ts: "[blocked] The page at … requested insecure content from …");
// an image is loaded ("not upgraded to HTTPS and must be served from the local host").
// Claimed only where Local Network Access is in play (a page known to be public: an IP literal,
// or a refusal the browser reported): a page on a name may itself be local, and `cors-lens
// probe --origin https://…` against a local server asks about the server, not about a page.

/** Upgradeable (passive) content: WebKit loads it, with a warning, from loopback. */
const PASSIVE: ReadonlySet<string> = new Set(['image', 'audio', 'video']);

function hostOf(origin: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(origin)?.[1] ?? '';
}

function isLoopbackHost(origin: string): boolean {
  const name = hostOf(origin)
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '::1'
  );
}

/** An https page asking plain-http loopback for blockable content: browsers differ. */
export function isLoopbackMixedContent(exchange: ObservedExchange, url: ParsedUrl): boolean {
  const client = addressSpaceOf(hostOf(exchange.initiatorOrigin));
  const publicPage = client?.space === 'public' || isLocalNetworkError(exchange.networkError);
  return (
    publicPage &&
    /^https:/i.test(exchange.initiatorOrigin) &&
    url.protocol === 'http:' &&
    isLoopbackHost(url.origin) &&
    !PASSIVE.has(exchange.destination)
  );
}

/**
 * #should-block-fetch for the profile replayed: true when the request is blocked as mixed
 * content (Safari only, see above). Marks the pass profile-sensitive either way.
 */
export function mixedContentBlocks(pass: Pass, exchange: ObservedExchange, url: ParsedUrl): boolean {
  if (!isLoopbackMixedContent(exchange, url)) return false;
  pass.profileSensitive = true;
  const blocks = pass.profile === 'safari';
  step(pass, {
    rule: 'request.mixed-content',
    anchor: 'mix:#should-block-fetch',
    on: 'request',
    expected: 'https',
    actual: url.protocol.replace(':', ''),
    outcome: blocks ? 'fail' : 'info',
    detail: blocks ? 'webkit-blocks-loopback' : 'loopback-trustworthy',
  });
  return blocks;
}
