import type { Header } from '../evaluator/types';
import { deeperThan, MAX_DEPTH, textDepth } from './depth';
import { jsonErrorPosition } from './json-position';
import { type Producer, producerOf } from './producers';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) → a small, checked entry shape.
 * HAR files come from DevTools exports and from hand edits: anything may be missing or of the
 * wrong type. Each problem becomes a message naming the path (`log.entries[3].request.url is
 * missing`) and the entry is skipped; nothing here throws.
 */

/** One HAR entry, reduced to what the CORS pairing needs. */
export interface HarEntry {
  /** Position in `log.entries`, for messages. */
  readonly index: number;
  readonly startedAt: number;
  readonly pageref?: string;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: readonly Header[];
  /** 0 when the HAR holds no response (DevTools and Firefox write 0, Playwright -1). */
  readonly status: number;
  readonly responseHeaders: readonly Header[];
  /** `response.redirectURL`, or the Location header when the export left it empty. */
  readonly redirectUrl: string;
  readonly mimeType: string;
  /** Chrome's `_resourceType` (`fetch`, `xhr`, `preflight`, `font`, …), '' when absent. */
  readonly resourceType: string;
  /** The producer's failure text (`_error`, Playwright's `_failureText`), '' when absent. */
  readonly error: string;
  /** A URL from the initiator the producer recorded (parser URL or first stack frame), or ''. */
  readonly initiatorUrl: string;
  /** Chrome's `response._fetchedViaServiceWorker`: a service worker answered, not the network. */
  readonly viaServiceWorker: boolean;
}

export interface HarLog {
  readonly entries: HarEntry[];
  /** pageref id → page URL (Chrome and Firefox put the page's URL in `title`). */
  readonly pages: ReadonlyMap<string, string>;
  readonly errors: string[];
  /** Who wrote the file (`log.creator`), with its conventions and what it cannot record. */
  readonly producer: Producer;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Parses JSON text with a message that says where it broke; objects pass through. */
export function parseHarInput(input: unknown): { value: unknown; error?: string; shallow?: true } {
  if (typeof input !== 'string') return { value: input };
  try {
    const value = JSON.parse(input) as unknown;
    // Text no deeper than the bound (plus log.entries[i] itself) needs no walk per entry.
    return textDepth(input) <= MAX_DEPTH + 3 ? { value, shallow: true } : { value };
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    const where = jsonErrorPosition(input);
    const at = where ? ` at line ${where.line} column ${where.column} (position ${where.offset})` : '';
    return { value: undefined, error: `invalid JSON${at}: ${message}` };
  }
}

function readHeaders(value: unknown, path: string, errors: string[]): Header[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push(`${path} is not an array`);
    return null;
  }
  const headers: Header[] = [];
  for (const [i, item] of value.entries()) {
    if (!isRecord(item) || typeof item.name !== 'string' || typeof item.value !== 'string') {
      errors.push(`${path}[${i}] is not a {name, value} pair of strings`);
      return null;
    }
    // HTTP/2 pseudo-headers (`:authority`) are not header lines a CORS check reads.
    if (item.name.startsWith(':')) continue;
    headers.push({ name: item.name, value: item.value });
  }
  return headers;
}

/**
 * HAR 1.2 says an integer; writers use 0 (both DevTools) or -1 (Playwright) for "no response",
 * and hand-written files a numeric string. Anything else is not a status.
 */
function statusOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d{1,3}$/.test(value.trim()) ? Number(value) : (value ?? 0);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -1 || n > 999) return null;
  return Math.max(n, 0);
}

/** A short, bounded picture of a bad value for a message (never the whole value). */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function readEntry(
  raw: unknown,
  index: number,
  errors: string[],
  producer: Producer,
  shallow: boolean,
): HarEntry | null {
  const path = `log.entries[${index}]`;
  if (!isRecord(raw)) {
    errors.push(`${path} is not an object`);
    return null;
  }
  const request = raw.request;
  if (!isRecord(request)) {
    errors.push(`${path}.request is missing`);
    return null;
  }
  if (typeof request.url !== 'string' || request.url === '') {
    errors.push(`${path}.request.url is missing`);
    return null;
  }
  if (typeof request.method !== 'string' || request.method === '') {
    errors.push(`${path}.request.method is missing`);
    return null;
  }
  const startedAt = typeof raw.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : Number.NaN;
  if (Number.isNaN(startedAt)) {
    errors.push(`${path}.startedDateTime is missing or not a date`);
    return null;
  }
  const deep = shallow ? null : deeperThan(raw, MAX_DEPTH);
  if (deep !== null) {
    errors.push(`${path}${deep} is nested more than ${MAX_DEPTH} levels deep`);
    return null;
  }
  const response = isRecord(raw.response) ? raw.response : {};
  const status = statusOf(response.status);
  if (status === null) {
    errors.push(`${path}.response.status is not an HTTP status (${describe(response.status)})`);
    return null;
  }
  const written = readHeaders(request.headers, `${path}.request.headers`, errors);
  const requestHeaders = written === null ? null : producer.requestHeaders(written);
  const responseHeaders = readHeaders(response.headers, `${path}.response.headers`, errors);
  if (requestHeaders === null || responseHeaders === null) return null;
  const location = responseHeaders.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
  const content = isRecord(response.content) ? response.content : {};
  const entry: HarEntry = {
    index,
    startedAt,
    method: request.method,
    url: request.url,
    requestHeaders,
    status,
    responseHeaders,
    redirectUrl: str(response.redirectURL) || location,
    mimeType: str(content.mimeType),
    resourceType: str(raw._resourceType),
    error: producer.failure(raw, response),
    initiatorUrl: producer.initiatorUrl(raw),
    viaServiceWorker: response._fetchedViaServiceWorker === true,
  };
  return typeof raw.pageref === 'string' ? { ...entry, pageref: raw.pageref } : entry;
}

function readPages(value: unknown): Map<string, string> {
  const pages = new Map<string, string>();
  if (!Array.isArray(value)) return pages;
  for (const page of value) {
    if (isRecord(page) && typeof page.id === 'string' && typeof page.title === 'string') {
      pages.set(page.id, page.title);
    }
  }
  return pages;
}

/** Reads `log.entries` and `log.pages`; entries come back in start order (stable). */
export function readHarLog(har: unknown, shallow = false): HarLog {
  const errors: string[] = [];
  const log = isRecord(har) ? har.log : undefined;
  const producer = producerOf(isRecord(log) ? log.creator : undefined);
  if (!isRecord(log) || !Array.isArray(log.entries)) {
    return { entries: [], pages: new Map(), errors: ['not a HAR: no log.entries array'], producer };
  }
  const entries: HarEntry[] = [];
  for (const [index, raw] of log.entries.entries()) {
    const entry = readEntry(raw, index, errors, producer, shallow);
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => a.startedAt - b.startedAt || a.index - b.index);
  return { entries, pages: readPages(log.pages), errors, producer };
}
