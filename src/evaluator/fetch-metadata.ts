import { getHeader } from './headers';
import type { Destination, Header, RequestMode } from './types';

/**
 * Fetch Metadata (https://w3c.github.io/webappsec-fetch-metadata/): the `Sec-Fetch-*` request
 * headers the browser itself writes, so what they say is how the request was really sent, read
 * from the wire. Chromium and Firefox send them only to potentially trustworthy URLs (https,
 * localhost, 127.0.0.1): absent is not evidence of anything. Pure; the HAR importer uses it too.
 */

export type FetchSite = 'same-origin' | 'same-site' | 'cross-site' | 'none';

export interface FetchMetadata {
  /** `Sec-Fetch-Mode`; `websocket` is a mode of its own, outside CORS. */
  readonly mode?: RequestMode | 'websocket';
  /** `Sec-Fetch-Dest` as a Fetch destination (`empty` → ''), when it is one we model. */
  readonly destination?: Destination;
  /** `Sec-Fetch-Site`. */
  readonly site?: FetchSite;
}

const MODES: ReadonlySet<string> = new Set(['cors', 'no-cors', 'same-origin', 'navigate', 'websocket']);
const SITES: ReadonlySet<string> = new Set(['same-origin', 'same-site', 'cross-site', 'none']);
// #concept-request-destination values, as Sec-Fetch-Dest writes them ('' is written `empty`).
const DESTINATIONS: Readonly<Record<string, Destination>> = {
  empty: '',
  audio: 'audio',
  document: 'document',
  embed: 'embed',
  font: 'font',
  frame: 'frame',
  iframe: 'iframe',
  image: 'image',
  json: 'json',
  manifest: 'manifest',
  object: 'object',
  report: 'report',
  script: 'script',
  style: 'style',
  track: 'track',
  video: 'video',
  worker: 'worker',
  sharedworker: 'sharedworker',
  serviceworker: 'serviceworker',
  xslt: 'xslt',
};

/** One token, as the browser writes it (a structured-header token: lowercase, no quotes). */
function token(headers: readonly Header[], name: string): string | null {
  const value = getHeader(headers, name);
  // Two lines (a proxy or a hand-written HAR repeated one) say nothing certain: ignore them.
  if (value === null || value.includes(',')) return null;
  return value.toLowerCase();
}

export function fetchMetadataOf(headers: readonly Header[]): FetchMetadata {
  const mode = token(headers, 'sec-fetch-mode');
  const dest = token(headers, 'sec-fetch-dest');
  const site = token(headers, 'sec-fetch-site');
  const destination = dest !== null && Object.hasOwn(DESTINATIONS, dest) ? DESTINATIONS[dest] : undefined;
  return {
    ...(mode !== null && MODES.has(mode) ? { mode: mode as RequestMode | 'websocket' } : {}),
    ...(destination !== undefined ? { destination } : {}),
    ...(site !== null && SITES.has(site) ? { site: site as FetchSite } : {}),
  };
}

/**
 * Request headers a reader does not need to see (the browser adds them to every request and
 * they never decide a verdict). For display only: the evaluator is fed every line it got.
 */
export function isBrowserNoise(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'user-agent' ||
    lower === 'accept-encoding' ||
    lower === 'priority' ||
    lower === 'connection' ||
    lower.startsWith('sec-ch-ua') ||
    lower.startsWith('sec-fetch-')
  );
}
