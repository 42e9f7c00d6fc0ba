import { getHeader } from '../evaluator/headers';
import { tupleOriginOf } from '../evaluator/origin-of';
import type {
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
} from '../evaluator/types';
import { classify, initiatorOrigin, isPreflightEntry } from './classify';
import { type HarEntry, parseHarInput, readHarLog } from './entries';
import { type Producer, producerOf } from './producers';

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
  /** The producer's failure text for the request ('' when it recorded none). */
  readonly failure: string;
}

export interface HarImport {
  readonly exchanges: ImportedExchange[];
  readonly errors: string[];
  /** Who wrote the HAR, and what its files cannot hold. */
  readonly producer: Producer;
}

export interface HarImportOptions {
  /** Keep only exchanges whose initiator origin differs from the request URL's origin. */
  readonly crossOriginOnly?: boolean;
}

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

/** One key per (page, absolute URL): hops and preflights meet on it. */
function keyOf(pageref: string | undefined, url: string): string {
  return `${pageref ?? ''}\u0000${resolve(url, url)}`;
}

/** Redirect chains: each 3xx with a target continues with the next entry for that URL. */
function buildChains(entries: readonly HarEntry[]): HarEntry[][] {
  const chains: HarEntry[][] = [];
  // Chains waiting for their next hop, by the key of the URL they were redirected to (FIFO).
  const waiting = new Map<string, HarEntry[][]>();
  for (const entry of entries) {
    const key = keyOf(entry.pageref, entry.url);
    const queue = waiting.get(key);
    let chain = queue?.shift();
    if (queue?.length === 0) waiting.delete(key);
    if (chain) chain.push(entry);
    else {
      chain = [entry];
      chains.push(chain);
    }
    if (entry.status >= 300 && entry.status < 400 && entry.redirectUrl !== '') {
      const target = keyOf(entry.pageref, resolve(entry.redirectUrl, entry.url));
      waiting.set(target, [...(waiting.get(target) ?? []), chain]);
    }
  }
  return chains;
}

interface Paired {
  readonly preflights: Map<HarEntry, HarEntry>;
  readonly orphans: HarEntry[];
}

/** Each preflight goes to the nearest later hop it was for; the rest were never followed. */
function pairPreflights(
  preflights: readonly HarEntry[],
  chains: readonly HarEntry[][],
  slackMs: number,
): Paired {
  // Hops by key, in start order (entries arrive sorted); a cursor skips hops too early for any
  // later preflight, so pairing stays linear for the usual HAR.
  const hopsByKey = new Map<string, { hops: HarEntry[]; from: number }>();
  for (const hop of chains.flat().sort((a, b) => a.startedAt - b.startedAt || a.index - b.index)) {
    const key = keyOf(hop.pageref, hop.url);
    const slot = hopsByKey.get(key);
    if (slot) slot.hops.push(hop);
    else hopsByKey.set(key, { hops: [hop], from: 0 });
  }
  const paired = new Map<HarEntry, HarEntry>();
  const orphans: HarEntry[] = [];
  for (const preflight of preflights) {
    const asked = (getHeader(preflight.requestHeaders, 'access-control-request-method') ?? '').toUpperCase();
    const slot = hopsByKey.get(keyOf(preflight.pageref, preflight.url));
    const earliest = preflight.startedAt - slackMs;
    let best: HarEntry | null = null;
    if (slot) {
      while (slot.from < slot.hops.length && (slot.hops[slot.from] as HarEntry).startedAt < earliest)
        slot.from++;
      for (let i = slot.from; i < slot.hops.length && !best; i++) {
        const hop = slot.hops[i] as HarEntry;
        if (!paired.has(hop) && (asked === '' || hop.method.toUpperCase() === asked)) best = hop;
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

/**
 * No response in the HAR: the request failed, with the producer's failure text if it wrote one.
 * Never a made-up error string: '' says "failed, the HAR does not say how".
 */
function failureOf(entry: HarEntry): string | undefined {
  // Cancelled after its answer arrived (an EventSource the page closed, a media range it
  // stopped): the page had the response, so it did not fail.
  if (entry.status > 0 && ABORTED.test(entry.error)) return undefined;
  if (entry.error !== '') return entry.error;
  return entry.status === 0 ? '' : undefined;
}

const ABORTED = /^(net::ERR_ABORTED|NS_BINDING_ABORTED)$/;

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
  return getHeader(entry.requestHeaders, 'cookie') !== null ? 'include' : undefined;
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
  const networkError = unfollowed ? last.error : failureOf(last);
  const { destination, type } = classify(first);
  const credentials = credentialsOf(first);
  const exchange: ObservedExchange = {
    initiatorOrigin: initiatorOrigin(first, pages) ?? tupleOriginOf(first.url) ?? 'null',
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
  const item = { exchange, startedAt: first.startedAt, pageref: first.pageref, type, failure: last.error };
  return last.viaServiceWorker ? { ...item, viaServiceWorker: true as const } : item;
}

/** A preflight whose actual request never went out: the names it asked for stand in. */
function orphanExchange(preflight: HarEntry, pages: ReadonlyMap<string, string>) {
  const asked = getHeader(preflight.requestHeaders, 'access-control-request-method') ?? 'GET';
  const names = (getHeader(preflight.requestHeaders, 'access-control-request-headers') ?? '')
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
    // The actual request is not in the HAR: it was never sent, or it failed and the producer
    // left it out (chrome-har). Either way the page saw a failure.
    networkError: '',
  };
  const type = 'xmlhttprequest';
  return { exchange, startedAt: preflight.startedAt, pageref: preflight.pageref, type, failure: '' };
}

function withoutUndefinedPageref(
  item: ImportedExchange & { pageref?: string | undefined },
): ImportedExchange {
  const { pageref, ...rest } = item;
  return pageref === undefined ? rest : { ...rest, pageref };
}

export function harToExchanges(har: unknown, opts: HarImportOptions = {}): HarImport {
  const parsed = parseHarInput(har);
  if (parsed.error !== undefined)
    return { exchanges: [], errors: [parsed.error], producer: producerOf(null) };
  const log = readHarLog(parsed.value, parsed.shallow === true);
  const preflightEntries = log.entries.filter(isPreflightEntry);
  const chains = buildChains(log.entries.filter((entry) => !isPreflightEntry(entry)));
  const paired = pairPreflights(preflightEntries, chains, log.producer.preflightSlackMs);
  const all = [
    ...chains.map((chain) => toExchange(chain, paired, log.pages)),
    ...paired.orphans.map((preflight) => orphanExchange(preflight, log.pages)),
  ]
    .map(withoutUndefinedPageref)
    .sort((a, b) => a.startedAt - b.startedAt);
  const exchanges = opts.crossOriginOnly
    ? all.filter((item) => item.exchange.initiatorOrigin !== tupleOriginOf(item.exchange.url))
    : all;
  return { exchanges, errors: log.errors, producer: log.producer };
}
