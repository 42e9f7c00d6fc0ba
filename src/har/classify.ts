import { fetchMetadataOf } from '../evaluator/fetch-metadata';
import { getHeader } from '../evaluator/headers';
import { tupleOriginOf } from '../evaluator/origin-of';
import type { Destination } from '../evaluator/types';
import type { HarEntry } from './entries';

/**
 * What a HAR entry was: its Fetch destination, a webRequest-style type for the records, and the
 * origin that made it. Chrome writes `_resourceType`; Firefox writes nothing comparable, so there
 * the Accept header the browser chose for the load and the response's MIME type decide.
 */

// Chrome DevTools resource types (Network.ResourceType, lowercased) → destination and type.
const CHROME_TYPES: Readonly<Record<string, readonly [Destination, string]>> = {
  fetch: ['', 'xmlhttprequest'],
  xhr: ['', 'xmlhttprequest'],
  eventsource: ['', 'xmlhttprequest'],
  document: ['document', 'main_frame'],
  stylesheet: ['style', 'stylesheet'],
  script: ['script', 'script'],
  image: ['image', 'image'],
  font: ['font', 'font'],
  media: ['video', 'media'],
  texttrack: ['track', 'media'],
  manifest: ['manifest', 'other'],
  ping: ['', 'ping'],
  cspviolationreport: ['report', 'csp_report'],
  other: ['', 'other'],
};

export function isPreflightEntry(entry: HarEntry): boolean {
  if (entry.resourceType === 'preflight') return true;
  return (
    entry.method.toUpperCase() === 'OPTIONS' &&
    getHeader(entry.requestHeaders, 'access-control-request-method') !== null
  );
}

function fromMime(entry: HarEntry): readonly [Destination, string] | null {
  const mime = entry.mimeType.toLowerCase();
  if (mime.startsWith('font/') || mime.includes('font-woff')) return ['font', 'font'];
  if (mime.startsWith('audio/')) return ['audio', 'media'];
  if (mime.startsWith('video/')) return ['video', 'media'];
  return null;
}

// Firefox sends a different Accept per load kind; fetch()/XHR default to `*/*`.
function fromAccept(entry: HarEntry): readonly [Destination, string] | null {
  const accept = (getHeader(entry.requestHeaders, 'accept') ?? '').toLowerCase();
  if (accept.startsWith('image/')) return ['image', 'image'];
  if (accept.startsWith('text/css')) return ['style', 'stylesheet'];
  if (accept.startsWith('text/html')) return ['document', 'main_frame'];
  return null;
}

/** Destination and webRequest-style type of the first hop of an exchange. */
export function classify(entry: HarEntry): { destination: Destination; type: string } {
  const known = CHROME_TYPES[entry.resourceType.toLowerCase()];
  let pick = known ?? fromAccept(entry) ?? fromMime(entry);
  if (known && entry.resourceType.toLowerCase() === 'media') pick = fromMime(entry) ?? known;
  if (!pick) {
    // No type recorded (Firefox): an Origin header on a plain load means fetch()/XHR or a
    // crossorigin element; either way the CORS protocol applies, which destination '' gives.
    pick = ['', getHeader(entry.requestHeaders, 'origin') !== null ? 'xmlhttprequest' : 'other'];
  }
  // The browser's own statement (Sec-Fetch-Dest) wins over every guess above.
  return { destination: fetchMetadataOf(entry.requestHeaders).destination ?? pick[0], type: pick[1] };
}

/**
 * The initiator's origin, in order of trust: the Origin header the browser sent (exact,
 * `null` included), the page the entry belongs to, the Referer, Chrome's `_initiator` URL.
 */
export function initiatorOrigin(entry: HarEntry, pages: ReadonlyMap<string, string>): string | null {
  const origin = getHeader(entry.requestHeaders, 'origin');
  if (origin !== null && origin.trim() !== '') return origin.trim();
  const pageUrl = entry.pageref !== undefined ? pages.get(entry.pageref) : undefined;
  const candidates = [pageUrl, getHeader(entry.requestHeaders, 'referer'), entry.initiatorUrl];
  for (const candidate of candidates) {
    const found = tupleOriginOf(candidate ?? undefined);
    if (found) return found;
  }
  return null;
}
