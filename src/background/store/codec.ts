/**
 * How the worker's state is laid out in storage.session. Chromium charges a stored value by its
 * estimated memory (`EstimateMemoryUsage` of the base::Value), so a record kept as nested
 * objects costs about three times its JSON. Each value is therefore one string: records in a
 * compact form (short keys, defaults and fields derivable from others left out, common header
 * names as numbers), the rest as plain JSON; a tab's list of record ids is not stored at all
 * (rebuilt from the records on load). Decoding is loose on purpose: what comes out still passes
 * the guards in ./stored-guards.ts before the worker uses it.
 */
import type { Header, ObservedExchange, ObservedPreflight, RedirectHop } from '../../evaluator/types';
import type { PageCall } from '../../shared/record';
import { destinationOf, type InFlight } from '../assembly/exchange';
import type { Stored, StoredRecord } from '../state';

const RECORD_FORMAT = 'R1:';
const FLIGHT_FORMAT = 'F1:';

/** Header names seen on most exchanges; each stored as its index, in both usual spellings. */
const COMMON_NAMES = [
  'origin', 'referer', 'accept', 'accept-language', 'content-type', 'content-length', 'date',
  'connection', 'keep-alive', 'cache-control', 'pragma', 'expires', 'etag', 'last-modified',
  'vary', 'server', 'cookie', 'set-cookie', 'authorization', 'location', 'content-encoding',
  'transfer-encoding', 'accept-ranges', 'age', 'alt-svc', 'via', 'strict-transport-security',
  'x-content-type-options', 'x-frame-options', 'content-security-policy', 'referrer-policy',
  'cross-origin-resource-policy', 'cross-origin-embedder-policy', 'cross-origin-opener-policy',
  'timing-allow-origin', 'access-control-allow-origin', 'access-control-allow-credentials',
  'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers',
  'access-control-max-age', 'access-control-request-method', 'access-control-request-headers',
  'access-control-allow-private-network', 'x-requested-with', 'if-none-match',
  'if-modified-since', 'range', 'upgrade-insecure-requests', 'report-to', 'nel',
  // appended, so earlier indices keep their meaning: fetch metadata is kept as evidence
  'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-site',
]; // biome-ignore format: a table

const titleCase = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase());
const NAMES = COMMON_NAMES.flatMap((name) => [name, titleCase(name)]);
const NAME_INDEX = new Map(NAMES.map((name, index) => [name, index]));

type Fields = Record<string, unknown>;
const fields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/**
 * Only the keys whose value is defined, for what is decoded. Encoding needs no such pass:
 * JSON.stringify leaves out undefined values itself (the pass was a tenth of encoding's time).
 */
const defined = (entries: Fields): Fields =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

function packHeaders(headers: readonly Header[] | undefined): unknown[] | undefined {
  if (headers === undefined) return undefined;
  const flat: unknown[] = [];
  for (const { name, value } of headers) flat.push(NAME_INDEX.get(name) ?? name, value);
  return flat;
}

function unpackHeaders(packed: unknown): unknown {
  if (packed === undefined) return undefined;
  const flat = list(packed);
  const headers: unknown[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = flat[i];
    headers.push({ name: typeof name === 'number' ? NAMES[name] : name, value: flat[i + 1] });
  }
  return headers;
}

const packResponse = (r: { status: number; headers: readonly Header[] } | undefined) =>
  r === undefined ? undefined : [r.status, packHeaders(r.headers)];
const unpackResponse = (packed: unknown) => {
  if (packed === undefined) return undefined;
  const [status, headers] = list(packed);
  return { status, headers: unpackHeaders(headers) };
};

function packExchange(x: ObservedExchange, type: string): Fields {
  return {
    o: x.initiatorOrigin,
    u: x.url,
    m: x.method === 'GET' ? undefined : x.method,
    h: packHeaders(x.requestHeaders),
    hs: x.requestHeadersSource === 'observed' ? undefined : (x.requestHeadersSource ?? null),
    d: x.destination === destinationOf(type) ? undefined : x.destination,
    md: x.mode,
    cr: x.credentials,
    rd: x.redirect,
    fp: x.forcePreflight,
    p: x.preflights.length === 0 ? undefined : x.preflights.map((p) => packPreflight(p, x.url)),
    r: x.redirects.length === 0 ? undefined : x.redirects.map(packHop),
    R: packResponse(x.response),
    n: x.networkError,
    rr: x.refusedByRenderer,
    po: x.pageOutcome,
    tl: x.topLevelOrigin,
    ra: x.remoteIp,
    ta: x.targetAddressSpace,
    cv: x.canvasRead,
    sa: x.serviceWorkerAnswer,
  };
}

function unpackExchange(packed: unknown, type: string): Fields {
  const x = fields(packed);
  const url = x.u;
  return defined({
    initiatorOrigin: x.o,
    url,
    method: x.m ?? 'GET',
    requestHeaders: unpackHeaders(x.h),
    requestHeadersSource: x.hs === undefined ? 'observed' : (x.hs ?? undefined),
    destination: x.d ?? destinationOf(type),
    mode: x.md,
    credentials: x.cr,
    redirect: x.rd,
    forcePreflight: x.fp,
    // Derived from the webRequest type, never stored twice.
    ping: type === 'ping' ? true : undefined,
    preflights: list(x.p).map((p) => unpackPreflight(p, url)),
    redirects: list(x.r).map(unpackHop),
    response: unpackResponse(x.R),
    networkError: x.n,
    refusedByRenderer: x.rr,
    pageOutcome: x.po,
    topLevelOrigin: x.tl,
    remoteIp: x.ra,
    targetAddressSpace: x.ta,
    canvasRead: x.cv,
    serviceWorkerAnswer: x.sa,
  });
}

const packPreflight = (p: ObservedPreflight, url: string) => ({
  u: p.url === url ? undefined : p.url,
  h: packHeaders(p.requestHeaders),
  R: packResponse(p.response),
  n: p.networkError,
});
const unpackPreflight = (packed: unknown, url: unknown) => {
  const p = fields(packed);
  return defined({
    url: p.u ?? url,
    requestHeaders: unpackHeaders(p.h),
    response: unpackResponse(p.R),
    networkError: p.n,
  });
};

const packHop = (hop: RedirectHop) => ({
  u: hop.url,
  h: packHeaders(hop.requestHeaders),
  R: packResponse(hop.response),
  l: hop.location,
});
const unpackHop = (packed: unknown) => {
  const hop = fields(packed);
  return defined({
    url: hop.u,
    requestHeaders: unpackHeaders(hop.h),
    response: unpackResponse(hop.R),
    location: hop.l,
  });
};

function packCall(call: PageCall | undefined, x: { url: string; method: string }): Fields | undefined {
  if (!call) return undefined;
  return {
    a: call.api,
    u: call.url === x.url ? undefined : call.url,
    m: call.method === x.method ? undefined : call.method,
    md: call.mode,
    cr: call.credentials,
    rd: call.redirect,
    hn: call.headerNames.length === 0 ? undefined : call.headerNames,
    cs: call.callSite,
    o: call.outcome,
    ta: call.targetAddressSpace,
    sw: call.serviceWorker,
  };
}

function unpackCall(packed: unknown, exchange: Fields): Fields | undefined {
  if (packed === undefined) return undefined;
  const c = fields(packed);
  return defined({
    api: c.a,
    url: c.u ?? exchange.url,
    method: c.m ?? exchange.method,
    mode: c.md,
    credentials: c.cr,
    redirect: c.rd,
    headerNames: c.hn ?? [],
    callSite: c.cs,
    outcome: c.o,
    targetAddressSpace: c.ta,
    serviceWorker: c.sw,
  });
}

/**
 * A record is about 650 bytes; one with a 90 KB URL or header value (or a page's forged call
 * with huge strings) would crowd out a hundred others. Past this size, each string is cut to
 * MAX_STORED_STRING with a visible mark, and each list to MAX_STORED_ITEMS.
 */
const MAX_STORED_VALUE = 16_384;
export const MAX_STORED_STRING = 2_048;
const MAX_STORED_ITEMS = 200;

/** The mark a cut string ends with: what was cut stays visible to whoever reads the record. */
export const cutMark = (cut: number): string => `…[${cut} characters cut: too large to keep]`;

function clip(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length <= MAX_STORED_STRING
      ? value
      : value.slice(0, MAX_STORED_STRING) + cutMark(value.length - MAX_STORED_STRING);
  }
  if (Array.isArray(value)) {
    if (value.length <= MAX_STORED_ITEMS) return value.map(clip);
    // An even count keeps a packed header list in name/value pairs; a list of strings (header
    // lines, header names) ends with a visible pair saying how many went.
    const kept = value.slice(0, MAX_STORED_ITEMS).map(clip);
    const flat = value.every((v) => typeof v !== 'object' || v === null);
    return flat
      ? [...kept, '…', `[${value.length - MAX_STORED_ITEMS} more items cut: too many to keep]`]
      : kept;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Fields = {};
    for (const [key, field] of Object.entries(value)) out[key] = clip(field);
    return out;
  }
  return value;
}

/** JSON of a compact value, clipped when it is oversized (one length check for the others). */
function compactJson(compact: Fields): string {
  const text = JSON.stringify(compact);
  return text.length <= MAX_STORED_VALUE ? text : JSON.stringify(clip(compact));
}

/** One record as the string storage keeps (typically well under half its JSON). */
export function encodeRecord(record: StoredRecord): string {
  const prefix = `${record.tabId}:`;
  const compact = {
    i: record.id.startsWith(prefix) ? record.id.slice(prefix.length) : undefined,
    I: record.id.startsWith(prefix) ? undefined : record.id,
    t: record.tabId,
    f: record.frameId === 0 ? undefined : record.frameId,
    y: record.type,
    s: record.startedAt,
    e: record.endedAt === undefined ? undefined : record.endedAt - record.startedAt,
    du: record.documentUrl,
    x: packExchange(record.exchange, record.type),
    c: packCall(record.call, record.exchange),
    w: record.worker,
  };
  return RECORD_FORMAT + compactJson(compact);
}

/** The stored string back as a record-shaped value (unchecked: the guards decide). */
export function decodeRecord(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw; // a value stored as an object by an earlier version
  if (!raw.startsWith(RECORD_FORMAT)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.slice(RECORD_FORMAT.length));
  } catch {
    return undefined;
  }
  const r = fields(parsed);
  const type = typeof r.y === 'string' ? r.y : '';
  const exchange = unpackExchange(r.x, type);
  return defined({
    id: r.I ?? `${String(r.t)}:${String(r.i)}`,
    tabId: r.t,
    frameId: r.f ?? 0,
    documentUrl: r.du,
    type: r.y,
    startedAt: r.s,
    endedAt: typeof r.e === 'number' && typeof r.s === 'number' ? r.s + r.e : undefined,
    exchange,
    call: unpackCall(r.c, exchange),
    worker: r.w,
  });
}

/**
 * A request in flight, compact like a record: it is rewritten as its events arrive, so it was
 * most of the bytes written (about 1 KB a write as JSON, with the first hop's headers twice).
 * `touchedAt` is left out: it means "seen by this worker", so a loaded flight has none.
 */
export function encodeFlight(flight: InFlight): string {
  const sameHeaders = flight.hopHeaders !== undefined && flight.hopHeaders === flight.firstHeaders;
  const compact = {
    t: flight.tabId,
    f: flight.frameId === 0 ? undefined : flight.frameId,
    y: flight.type,
    du: flight.documentUrl,
    o: flight.initiator,
    m: flight.method === 'GET' ? undefined : flight.method,
    u: flight.url,
    cu: flight.currentUrl === flight.url ? undefined : flight.currentUrl,
    s: flight.startedAt,
    h: packHeaders(flight.firstHeaders),
    hh: sameHeaders ? 1 : packHeaders(flight.hopHeaders),
    r: flight.redirects.length === 0 ? undefined : flight.redirects.map(packHop),
    R: packResponse(flight.response),
    ip: flight.isPreflight,
    p:
      flight.preflights.length === 0 ? undefined : flight.preflights.map((p) => packPreflight(p, flight.url)),
    c: packCall(flight.call, flight),
    ra: flight.remoteIp,
    wt: flight.workerTabs,
  };
  return FLIGHT_FORMAT + compactJson(compact);
}

/** The stored string back as a flight-shaped value (unchecked: the guards decide). */
export function decodeFlight(requestId: string, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (!raw.startsWith(FLIGHT_FORMAT)) return parsedJson(raw); // as an earlier version wrote it
  const f = fields(parsedJson(raw.slice(FLIGHT_FORMAT.length)));
  const url = f.u;
  const method = f.m ?? 'GET';
  const firstHeaders = unpackHeaders(f.h);
  return defined({
    requestId,
    tabId: f.t,
    frameId: f.f ?? 0,
    type: f.y,
    documentUrl: f.du,
    initiator: f.o,
    method,
    url,
    currentUrl: f.cu ?? url,
    startedAt: f.s,
    firstHeaders,
    hopHeaders: f.hh === 1 ? firstHeaders : unpackHeaders(f.hh),
    redirects: list(f.r).map(unpackHop),
    response: unpackResponse(f.R),
    isPreflight: f.ip,
    preflights: list(f.p).map((p) => unpackPreflight(p, url)),
    call: unpackCall(f.c, { url, method }),
    remoteIp: f.ra,
    workerTabs: f.wt,
  });
}

function parsedJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** What storage keeps of a value of the state. */
export function encodeStored(value: Stored): string {
  if ('record' in value) return encodeRecord(value.record);
  if ('flight' in value) return encodeFlight(value.flight);
  if ('tab' in value) {
    // The tab's ids are rebuilt from the records on load (rewriting a list of thousands of ids
    // with every new record would cost more than the record itself); its waiting calls have
    // keys of their own.
    const { ids: _ids, calls: _calls, ...rest } = value.tab;
    return JSON.stringify(rest);
  }
  if ('waiting' in value) return JSON.stringify(value.waiting);
  return JSON.stringify(value.loose);
}

/** A stored value back as the state's shape (unchecked: the guards decide). */
export function decodeStored(key: string, raw: unknown): unknown {
  if (key.startsWith('r:')) return decodeRecord(raw);
  if (key.startsWith('f:')) return decodeFlight(key.slice(2), raw);
  const value = typeof raw === 'string' ? parsedJson(raw) : raw;
  if (key.startsWith('t:')) return { ...fields(value), ids: [], calls: [] };
  return value;
}
