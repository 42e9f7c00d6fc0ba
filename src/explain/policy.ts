import type { CorsRecord } from '../shared/record';
import { corsNeeds } from './needs';

/**
 * One CORS policy for one server origin, computed from every CORS-mode request a tab (or a HAR,
 * or a probe config) sent to it: every origin, method, request header and credentials mode that
 * was needed, merged with what the server's answers already granted, so that applying it never
 * takes away something that worked. It grants nothing nobody asked for: no Max-Age the server did
 * not send, no exposed header the server did not already expose or the fix did not ask for.
 */
export interface CorsPolicy {
  /** The API's origin (`https://api.example`). */
  readonly server: string;
  /** Page origins to allow-list by name, sorted. Never `*`, never "reflect any". */
  readonly origins: readonly string[];
  /** Some request came from an opaque (`null`) origin: it gets a placeholder, never `null`. */
  readonly nullOrigin: boolean;
  /** Every method seen or granted, simple ones included (rs/cors and Starlette check those too). */
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly credentials: boolean;
  readonly maxAgeSeconds: number | null;
  /** Request paths covered: the policy applies server-wide, not to one path. */
  readonly paths: readonly string[];
  /** Another layer also sends Access-Control-Allow-Origin: the snippet must remove it. */
  readonly removeDuplicateAllowOrigin: boolean;
  /** The requests this policy was computed from and must keep (or make) allowed. */
  readonly covers: readonly CoveredRequest[];
}

export interface CoveredRequest {
  readonly method: string;
  readonly url: string;
  readonly origin: string;
  readonly credentials: boolean;
  readonly verdict: CorsRecord['evaluation']['verdict'];
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function methodRank(method: string): number {
  const i = METHOD_ORDER.indexOf(method);
  return i === -1 ? METHOD_ORDER.length : i;
}

const sortedMethods = (methods: Iterable<string>): string[] =>
  [...new Set(methods)].sort((a, b) => methodRank(a) - methodRank(b) || (a < b ? -1 : a > b ? 1 : 0));

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** `https://api.example:8443` for a URL, null when it has no tuple origin. */
export function serverOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Only CORS-mode requests are governed by the server's CORS headers. */
function inScope(record: CorsRecord): boolean {
  return record.evaluation.mode.mode === 'cors' && !record.hypothetical;
}

/** The policy for the server of `records[0]`'s kind: every in-scope record sent to `server`. */
export function corsPolicy(server: string, records: readonly CorsRecord[]): CorsPolicy {
  const mine = records.filter((r) => inScope(r) && serverOf(r.exchange.url) === server);
  const origins = new Set<string>();
  const methods = new Set<string>();
  const headers = new Set<string>();
  const expose = new Set<string>();
  const paths = new Set<string>();
  let nullOrigin = false;
  let credentials = false;
  let maxAge: number | null = null;
  let duplicate = false;
  for (const record of mine) {
    const needs = corsNeeds(record);
    if (needs.origin === null) nullOrigin = true;
    else origins.add(needs.origin);
    for (const m of [...needs.methods, ...needs.granted.methods]) methods.add(m);
    for (const h of [...needs.headers, ...needs.granted.headers]) headers.add(h);
    for (const h of [...needs.exposeHeaders, ...needs.granted.exposeHeaders]) expose.add(h);
    credentials ||= needs.credentials || needs.granted.credentials;
    if (needs.granted.maxAgeSeconds !== null) maxAge = Math.max(maxAge ?? 0, needs.granted.maxAgeSeconds);
    duplicate ||= needs.duplicateAllowOrigin;
    paths.add(needs.path);
  }
  return {
    server,
    origins: sorted(origins),
    nullOrigin,
    methods: sortedMethods(methods),
    headers: sorted(headers),
    exposeHeaders: sorted(expose),
    credentials,
    maxAgeSeconds: maxAge,
    paths: sorted(paths),
    removeDuplicateAllowOrigin: duplicate,
    covers: mine.map((r) => ({
      method: r.exchange.method,
      url: r.exchange.url,
      origin: r.exchange.initiatorOrigin,
      credentials: r.evaluation.credentials.mode === 'include',
      verdict: r.evaluation.verdict,
    })),
  };
}

/** One policy per server origin the records went to, in order of first appearance. */
export function corsPolicies(records: readonly CorsRecord[]): CorsPolicy[] {
  const servers: string[] = [];
  for (const record of records) {
    const server = serverOf(record.exchange.url);
    if (server !== null && inScope(record) && !servers.includes(server)) servers.push(server);
  }
  return servers.map((server) => corsPolicy(server, records));
}

/** The policy covering `record`'s server, from it and every other record the surface holds. */
export function policyFor(record: CorsRecord, related: readonly CorsRecord[] = []): CorsPolicy {
  const server = serverOf(record.exchange.url) ?? record.exchange.url;
  const others = related.filter((r) => r.id !== record.id);
  // The selected record counts even when its mode is not cors (a no-cors fix still needs a policy).
  const base = corsPolicy(server, [{ ...record, hypothetical: false }, ...others]);
  if (base.covers.length > 0) return base;
  const needs = corsNeeds(record);
  return {
    ...base,
    origins: needs.origin === null ? [] : [needs.origin],
    nullOrigin: needs.origin === null,
    methods: sortedMethods(needs.methods),
    headers: sorted(needs.headers),
    credentials: needs.credentials,
    paths: [needs.path],
  };
}
