// Words for the evaluator's stable TraceStep.detail codes (src/evaluator/README.md). Unknown or
// parameterised codes (`default:5`, `evaluator-error:TypeError`) fall back to the code itself.

const DETAILS: Record<string, string> = {
  lines: 'sent as several header lines',
  'one-line': 'several values on one line',
  'null-value': 'the value is null',
  'tainted-origin': "a cross-origin redirect made the request's origin null",
  'trailing-slash': 'differs by a trailing slash',
  'case-mismatch': 'differs only in letter case',
  'scheme-mismatch': 'differs in scheme (http vs https)',
  'different-origin': 'a different origin',
  'ip-address': 'Chromium never counts an IP address as same site, not even the same address',
  'different-site': 'another site (registrable domains differ, by the Public Suffix List)',
  'https-from-http': 'an https response embedded by an http page is not same site',
  safelisted: 'safelisted',
  'client-hint': 'a client hint Chromium safelists',
  'not-safelisted-name': 'not a safelisted header name',
  'too-long': 'value longer than 128 bytes',
  'unsafe-byte': 'value contains a byte CORS considers unsafe',
  'language-chars': 'value has characters not allowed in a language tag list',
  'mime-essence': 'content type other than form, multipart or text/plain',
  'range-syntax': 'not a single simple byte range',
  'listed-in-preflight': 'named in the preflight request',
  needed: 'needed',
  'not-needed': 'not needed',
  'presumed-cached': 'none seen, presumably answered from the preflight cache',
  listed: 'listed explicitly',
  wildcard: 'covered by *',
  'not-listed': 'not listed',
  'not-a-token': 'an item is not a valid HTTP token',
  'destination:fetch': 'fetch()/XHR default',
  'origin-header-sent': 'an Origin header was sent',
  'page-got-opaque': 'the page got an opaque response',
  'page-got-cors': 'the page got a CORS response',
  'sec-fetch-mode': 'the browser wrote it in Sec-Fetch-Mode',
  denied: 'not granted to this page',
  'denied-in-frame': 'not granted to this frame (its embedder must delegate it with allow)',
  allowed: 'granted (or not enforced for this page)',
  'refused-elsewhere':
    'WebKit would send it: the browser observed refused it for Local Network Access, so its answer was not seen',
  'webkit-blocks-loopback': 'WebKit (Safari) blocks plain-http loopback from an HTTPS page as mixed content',
  'loopback-trustworthy':
    'Chromium and Firefox treat http://localhost and 127.0.0.1 as secure: not mixed content',
  'beacon-no-cors': 'a beacon or ping with a safelisted body is sent no-cors',
  'beacon-cors': 'a beacon whose body type is not safelisted is sent cors',
  'both-fit': 'both credentials modes fit what was observed',
  'outcome-fits': 'chosen because it matches what the page saw',
  'none-fits': 'neither mode matches what was observed',
  navigate: 'a navigation',
  'unparsable-url': 'the URL cannot be parsed',
  'data-basic': 'a data: URL is read like a same-origin response (no CORS check)',
  opaqueredirect: 'the page gets an opaque redirect',
  'unparsable-location': 'the Location cannot be parsed',
  'too-many-redirects': 'more than 20 redirects',
  'no-response': 'no response arrived',
  'preflight-not-observed': 'a needed preflight was not observed',
  'safelisted-only': 'only safelisted headers are readable',
  'observed-delivered': 'but the browser delivered the response',
  'observed-failed': 'but the browser reported a failure',
  'origin-header-differs': 'the Origin header sent differs from the initiator',
};

const MAX_AGE = /^(default|given|invalid|negative|capped):(-?\d+)$/;

// Where each address space came from (local-network.address-space: `<page's>:<target's>`).
const SPACE_SOURCES: Record<string, string> = {
  'remote-ip': 'the address connected to',
  'ip-literal': 'the IP address in the URL',
  localhost: 'a localhost name',
  'dot-local': 'a .local name',
  inferred: 'the refusal itself (only public pages are checked)',
  unknown: 'unknown (a name, and no connection was made)',
};

export function describeDetail(detail: string): string {
  const known = DETAILS[detail];
  if (known !== undefined) return known;
  const [page, target, extra] = detail.split(':');
  if (extra === undefined && page !== undefined && target !== undefined) {
    const from = SPACE_SOURCES[page];
    const to = SPACE_SOURCES[target];
    if (from !== undefined && to !== undefined)
      return `the page's space from ${from}, the target's from ${to}`;
  }
  const maxAge = MAX_AGE.exec(detail);
  if (maxAge !== null) return `${maxAge[1]} max-age, cached ${maxAge[2]} s`;
  if (detail.startsWith('destination:')) return `destination ${detail.slice('destination:'.length)}`;
  return detail;
}
