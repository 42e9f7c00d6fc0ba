import type {
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
} from '../evaluator/types';
import { classify, initiatorOrigin, isPreflightEntry, originOf } from './classify';
import { type HarEntry, headerValue, parseHarInput, readHarLog } from './entries';

/**
 * HAR 1.2 (Chrome and Firefox DevTools exports) → the evaluator's ObservedExchange, offline.
 * A HAR lists every hop and every preflight as its own entry; this stitches them back together:
 * redirect hops by `redirectURL`, preflights to the hop they were sent for (same URL, the method
 * they asked for, at or after the preflight's start). Pure, and never throws: problems come back
 * as `errors`, and the entries they concern are skipped.
 */

export interface ImportedExchange {
  readonly exchange: ObservedExchange;
  readonly startedAt: number;
  readonly pageref?: string;
  /** webRequest-style resource type (`xmlhttprequest`, `font`, `image`, …). */
  readonly type: string;
  /**
   * A service worker produced the final response (Chrome's `_fetchedViaServiceWorker`): the
   * headers judged are the worker's answer, not the server's, so a fix may belong in the worker.
   */
  readonly viaServiceWorker?: true;
}

export interface HarImport {
  readonly exchanges: ImportedExchange[];
  readonly errors: string[];
}

export interface HarImportOptions {
  /** Keep only exchanges whose initiator origin differs from the request URL's origin. */
  readonly crossOriginOnly?: boolean;
}

// Chrome's preflight entry may be stamped a hair after the request that waited for it.
const PAIRING_SLACK_MS = 50;

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function sameUrl(a: string, b: string): boolean {
  return resolve(a, a) === resolve(b, b);
}

/** Redirect chains: each 3xx with a target continues with the next entry for that URL. */
function buildChains(entries: readonly HarEntry[]): HarEntry[][] {
  const chains: HarEntry[][] = [];
  const waiting: { chain: HarEntry[]; target: string; pageref?: string }[] = [];
  for (const entry of entries) {
    const at = waiting.findIndex((w) => w.pageref === entry.pageref && sameUrl(w.target, entry.url));
    let chain: HarEntry[];
    if (at >= 0) {
      chain = (waiting.splice(at, 1)[0] as (typeof waiting)[number]).chain;
      chain.push(entry);
    } else {
      chain = [entry];
      chains.push(chain);
    }
    if (entry.status >= 300 && entry.status < 400 && entry.redirectUrl !== '') {
      waiting.push({ chain, target: resolve(entry.redirectUrl, entry.url), pageref: entry.pageref });
    }
  }
  return chains;
}

interface Paired {
  readonly preflights: Map<HarEntry, HarEntry>;
  readonly orphans: HarEntry[];
}

/** Each preflight goes to the nearest later hop it was for; the rest were never followed. */
function pairPreflights(preflights: readonly HarEntry[], chains: readonly HarEntry[][]): Paired {
  const paired = new Map<HarEntry, HarEntry>();
  const orphans: HarEntry[] = [];
  for (const preflight of preflights) {
    const asked = (
      headerValue(preflight.requestHeaders, 'access-control-request-method') ?? ''
    ).toUpperCase();
    let best: HarEntry | null = null;
    for (const chain of chains) {
      for (const hop of chain) {
        if (paired.has(hop) || hop.pageref !== preflight.pageref || !sameUrl(hop.url, preflight.url))
          continue;
        if (asked !== '' && hop.method.toUpperCase() !== asked) continue;
        if (hop.startedAt < preflight.startedAt - PAIRING_SLACK_MS) continue;
        if (!best || hop.startedAt < best.startedAt) best = hop;
      }
    }
    if (best) paired.set(best, preflight);
    else orphans.push(preflight);
  }
  return { preflights: paired, orphans };
}

function responseOf(entry: HarEntry): ObservedResponse | undefined {
  return entry.status > 0 ? { status: entry.status, headers: entry.responseHeaders } : undefined;
}

function failureOf(entry: HarEntry): string | undefined {
  if (entry.error !== '') return entry.error;
  return entry.status === 0 ? 'net::ERR_FAILED' : undefined;
}

function toPreflight(entry: HarEntry): ObservedPreflight {
  const response = responseOf(entry);
  const networkError = failureOf(entry);
  return {
    url: entry.url,
    requestHeaders: entry.requestHeaders,
    ...(response ? { response } : {}),
    ...(networkError !== undefined && !response ? { networkError } : {}),
  };
}

function credentialsOf(entry: HarEntry): 'include' | undefined {
  // Cookies on a cross-origin request are only sent in the `include` credentials mode.
  return headerValue(entry.requestHeaders, 'cookie') !== null ? 'include' : undefined;
}

function toExchange(chain: readonly HarEntry[], paired: Paired, pages: ReadonlyMap<string, string>) {
  const first = chain[0] as HarEntry;
  const last = chain[chain.length - 1] as HarEntry;
  // A 3xx that no later entry followed: the redirect itself was refused (CORS check or mode).
  const unfollowed = last.status >= 300 && last.status < 400 && last.redirectUrl !== '';
  const hops = unfollowed ? chain : chain.slice(0, -1);
  const redirects: RedirectHop[] = hops.map((hop) => ({
    url: hop.url,
    requestHeaders: hop.requestHeaders,
    response: { status: hop.status, headers: hop.responseHeaders },
    location: hop.redirectUrl,
  }));
  const preflights = chain.flatMap((hop) => {
    const preflight = paired.preflights.get(hop);
    return preflight ? [toPreflight(preflight)] : [];
  });
  const response = unfollowed ? undefined : responseOf(last);
  const networkError = unfollowed ? last.error || 'net::ERR_FAILED' : failureOf(last);
  const { destination, type } = classify(first);
  const credentials = credentialsOf(first);
  const exchange: ObservedExchange = {
    initiatorOrigin: initiatorOrigin(first, pages) ?? originOf(first.url) ?? 'null',
    url: first.url,
    method: first.method,
    requestHeaders: first.requestHeaders,
    requestHeadersSource: 'observed',
    destination,
    preflights,
    redirects,
    ...(credentials ? { credentials } : {}),
    ...(response ? { response } : {}),
    ...(networkError !== undefined ? { networkError } : {}),
  };
  const item = { exchange, startedAt: first.startedAt, pageref: first.pageref, type };
  return last.viaServiceWorker ? { ...item, viaServiceWorker: true as const } : item;
}

/** A preflight whose actual request never went out: the names it asked for stand in. */
function orphanExchange(preflight: HarEntry, pages: ReadonlyMap<string, string>) {
  const asked = headerValue(preflight.requestHeaders, 'access-control-request-method') ?? 'GET';
  const names = (headerValue(preflight.requestHeaders, 'access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const requestHeaders: Header[] = names.map((name) => ({ name, value: '' }));
  const exchange: ObservedExchange = {
    initiatorOrigin: initiatorOrigin(preflight, pages) ?? 'null',
    url: preflight.url,
    method: asked,
    requestHeaders,
    requestHeadersSource: 'inferred',
    destination: '',
    preflights: [toPreflight(preflight)],
    redirects: [],
    networkError: 'net::ERR_FAILED',
  };
  return { exchange, startedAt: preflight.startedAt, pageref: preflight.pageref, type: 'xmlhttprequest' };
}

function withoutUndefinedPageref(
  item: ImportedExchange & { pageref?: string | undefined },
): ImportedExchange {
  const { pageref, ...rest } = item;
  return pageref === undefined ? rest : { ...rest, pageref };
}

export function harToExchanges(har: unknown, opts: HarImportOptions = {}): HarImport {
  const parsed = parseHarInput(har);
  if (parsed.error !== undefined) return { exchanges: [], errors: [parsed.error] };
  const log = readHarLog(parsed.value);
  const preflightEntries = log.entries.filter(isPreflightEntry);
  const chains = buildChains(log.entries.filter((entry) => !isPreflightEntry(entry)));
  const paired = pairPreflights(preflightEntries, chains);
  const all = [
    ...chains.map((chain) => toExchange(chain, paired, log.pages)),
    ...paired.orphans.map((preflight) => orphanExchange(preflight, log.pages)),
  ]
    .map(withoutUndefinedPageref)
    .sort((a, b) => a.startedAt - b.startedAt);
  const exchanges = opts.crossOriginOnly
    ? all.filter((item) => item.exchange.initiatorOrigin !== originOf(item.exchange.url))
    : all;
  return { exchanges, errors: log.errors };
}
