// #origin: URL parsing is the only thing in the evaluator that can throw, so it lives behind
// one guarded helper with a per-evaluation cache (`new URL` is the costliest call we make).

/** What the evaluator needs of a parsed URL, read once from the URL object (getters cost). */
export interface ParsedUrl {
  readonly href: string;
  /** #ascii-serialisation-of-an-origin: `null` for opaque origins. */
  readonly origin: string;
  /** Scheme with its colon, as URL.protocol gives it (`https:`). */
  readonly protocol: string;
  readonly hasUserinfo: boolean;
}

export type UrlCache = Map<string, ParsedUrl | null>;

export function newUrlCache(): UrlCache {
  return new Map();
}

/** Parses `input` (optionally against `base`); null when it is not a URL. Never throws. */
export function parseUrl(cache: UrlCache, input: string, base?: string): ParsedUrl | null {
  const key = base === undefined ? input : `${base}\u0000${input}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let parsed: ParsedUrl | null = null;
  try {
    const url = base === undefined ? new URL(input) : new URL(input, base);
    parsed = {
      href: url.href,
      origin: url.origin,
      protocol: url.protocol,
      hasUserinfo: url.username !== '' || url.password !== '',
    };
  } catch {
    parsed = null;
  }
  cache.set(key, parsed);
  return parsed;
}

/** #ascii-serialisation-of-an-origin; `null` for opaque origins and unparsable URLs. */
export function serializeOrigin(url: ParsedUrl | null): string {
  return url === null ? 'null' : url.origin;
}

/** #is-a-http-scheme (CORS is only defined for HTTP(S)). */
export function isHttpScheme(url: ParsedUrl): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** #same-origin on serialized origins; opaque origins (`null`) are never same-origin. */
export function isSameOrigin(a: string, b: string): boolean {
  return a !== 'null' && a === b;
}

/** True when the URL carries a username or password (#include-credentials). */
export function hasUserinfo(url: ParsedUrl): boolean {
  return url.hasUserinfo;
}

/** The same URL without username and password (for a fixed Location); null if unparsable. */
export function withoutUserinfo(href: string): string | null {
  try {
    const url = new URL(href);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return null;
  }
}
