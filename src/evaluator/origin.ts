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

/**
 * #same-site, approximated: same scheme and the same last two host labels. Without the public
 * suffix list `a.github.io` and `b.github.io` count as same-site; the CORP same-site check is
 * the only user and errs towards "allowed".
 */
export function isSameSite(a: string, b: string): boolean {
  if (a === 'null' || b === 'null') return false;
  const schemeEnd = a.indexOf('://');
  if (schemeEnd === -1 || b.slice(0, schemeEnd + 3) !== a.slice(0, schemeEnd + 3)) return false;
  return siteOf(a.slice(schemeEnd + 3)) === siteOf(b.slice(schemeEnd + 3));
}

function siteOf(hostAndPort: string): string {
  let host = hostAndPort;
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  if (colon !== -1) host = host.slice(0, colon);
  if (/^[0-9.]+$/.test(host)) return host;
  const labels = host.split('.');
  return labels.slice(-2).join('.');
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
