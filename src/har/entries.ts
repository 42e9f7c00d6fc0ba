import type { Header } from '../evaluator/types';
import { jsonErrorPosition } from './json-position';

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
  /** 0 when the request failed before a response (both DevTools write 0). */
  readonly status: number;
  readonly responseHeaders: readonly Header[];
  /** `response.redirectURL`, or the Location header when the export left it empty. */
  readonly redirectUrl: string;
  readonly mimeType: string;
  /** Chrome's `_resourceType` (`fetch`, `xhr`, `preflight`, `font`, …), '' when absent. */
  readonly resourceType: string;
  /** Chrome's `_error` / `response._error` (`net::ERR_FAILED`), '' when absent. */
  readonly error: string;
  /** A URL from Chrome's `_initiator` (parser URL or first stack frame), '' when absent. */
  readonly initiatorUrl: string;
  /** Chrome's `response._fetchedViaServiceWorker`: a service worker answered, not the network. */
  readonly viaServiceWorker: boolean;
}

export interface HarLog {
  readonly entries: HarEntry[];
  /** pageref id → page URL (Chrome and Firefox put the page's URL in `title`). */
  readonly pages: ReadonlyMap<string, string>;
  readonly errors: string[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Parses JSON text with a message that says where it broke; objects pass through. */
export function parseHarInput(input: unknown): { value: unknown; error?: string } {
  if (typeof input !== 'string') return { value: input };
  try {
    return { value: JSON.parse(input) as unknown };
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

function initiatorUrl(initiator: unknown): string {
  if (!isRecord(initiator)) return '';
  if (typeof initiator.url === 'string') return initiator.url;
  const stack = initiator.stack;
  if (!isRecord(stack) || !Array.isArray(stack.callFrames)) return '';
  for (const frame of stack.callFrames) {
    if (isRecord(frame) && typeof frame.url === 'string' && frame.url !== '') return frame.url;
  }
  return '';
}

function readEntry(raw: unknown, index: number, errors: string[]): HarEntry | null {
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
  const response = isRecord(raw.response) ? raw.response : {};
  const status = response.status ?? 0;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 999) {
    errors.push(`${path}.response.status is not an HTTP status (${JSON.stringify(status)})`);
    return null;
  }
  const requestHeaders = readHeaders(request.headers, `${path}.request.headers`, errors);
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
    error: str(response._error) || str(raw._error),
    initiatorUrl: initiatorUrl(raw._initiator),
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
export function readHarLog(har: unknown): HarLog {
  const errors: string[] = [];
  const log = isRecord(har) ? har.log : undefined;
  if (!isRecord(log) || !Array.isArray(log.entries)) {
    return { entries: [], pages: new Map(), errors: ['not a HAR: no log.entries array'] };
  }
  const entries: HarEntry[] = [];
  for (const [index, raw] of log.entries.entries()) {
    const entry = readEntry(raw, index, errors);
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => a.startedAt - b.startedAt || a.index - b.index);
  return { entries, pages: readPages(log.pages), errors };
}
