import type { Entry, Har, Header as HarHeader, Page, QueryString, Request, Response } from 'har-format';
import { profileDecisions } from '../evaluator/by-profile';
import type { Header, ObservedResponse } from '../evaluator/types';
import { summarize } from '../explain/summarize';
import type { CorsRecord } from '../shared/record';
import type { ReportJson } from '../shared/report-schema';
import { EXTENSION_NAME, fromReportRecord } from './json';

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that Chrome DevTools can import: one
// entry per preflight, per redirect hop and per actual request. Our verdict rides on the actual
// request's entry in the custom field `_corsLens` (custom fields start with `_`).

const HTTP_VERSION = 'HTTP/1.1';

/** The report as a HAR 1.2 log. */
export function buildHar(report: ReportJson): Har {
  const records = report.records.map(fromReportRecord);
  const pages = new Map<string, Page>();
  const entries: Entry[] = [];
  for (const record of records) {
    const pageref = pageFor(record, pages);
    entries.push(...entriesFor(record, pageref));
  }
  return {
    log: {
      version: '1.2',
      creator: { name: EXTENSION_NAME, version: report.extension.version },
      ...(report.browser === undefined ? {} : { browser: browserOf(report.browser) }),
      pages: [...pages.values()],
      entries,
      comment: `${report.schema}; generated ${report.generatedAt}${report.redacted ? '; secrets redacted' : ''}`,
    },
  };
}

function browserOf(text: string): { name: string; version: string } {
  const slash = text.indexOf('/');
  return slash === -1
    ? { name: text, version: '' }
    : { name: text.slice(0, slash), version: text.slice(slash + 1) };
}

function pageFor(record: CorsRecord, pages: Map<string, Page>): string {
  const title = record.documentUrl ?? record.exchange.initiatorOrigin;
  const key = `${record.tabId}\u0000${title}`;
  const existing = pages.get(key);
  if (existing !== undefined) return existing.id;
  const id = `page_${pages.size + 1}`;
  pages.set(key, { id, title, startedDateTime: iso(record.startedAt), pageTimings: {} });
  return id;
}

function iso(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isFinite(date.getTime()) ? date.toISOString() : new Date(0).toISOString();
}

function entriesFor(record: CorsRecord, pageref: string): Entry[] {
  const { exchange, evaluation } = record;
  const time = record.endedAt === undefined ? 0 : Math.max(0, record.endedAt - record.startedAt);
  const started = iso(record.startedAt);
  const entry = (request: Request, response: Response, error?: string): Entry => ({
    pageref,
    startedDateTime: started,
    time,
    request,
    response,
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    ...(error === undefined ? {} : { _error: error }),
  });
  const out: Entry[] = [];
  for (const preflight of exchange.preflights) {
    out.push(
      entry(
        request('OPTIONS', preflight.url, preflight.requestHeaders),
        response(preflight.response),
        preflight.networkError,
      ),
    );
  }
  for (const hop of exchange.redirects) {
    out.push(
      entry(
        request(exchange.method, hop.url, hop.requestHeaders ?? []),
        response(hop.response, hop.location),
      ),
    );
  }
  const finalUrl = exchange.redirects.length === 0 ? exchange.url : resolve(exchange.redirects.at(-1));
  const actual = entry(
    request(exchange.method, finalUrl, exchange.requestHeaders),
    response(exchange.response),
    exchange.networkError,
  );
  out.push({
    ...actual,
    _corsLens: {
      verdict: evaluation.verdict,
      corsError: evaluation.corsError,
      failedParameter: evaluation.failedParameter,
      firefoxReason: evaluation.firefoxReason,
      profiles: Object.fromEntries(
        profileDecisions(evaluation).map(({ profile, ...decision }) => [profile, decision]),
      ),
      ...(record.hypothetical === true ? { hypothetical: true } : {}),
      ...(record.worker === undefined ? {} : { worker: record.worker }),
      summary: summarize(record),
    },
  });
  return out;
}

function resolve(hop: { url: string; location: string } | undefined): string {
  if (hop === undefined) return '';
  try {
    return new URL(hop.location, hop.url).href;
  } catch {
    return hop.location;
  }
}

function harHeaders(headers: readonly Header[]): HarHeader[] {
  return headers.map((h) => ({ name: h.name, value: h.value }));
}

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function request(method: string, url: string, headers: readonly Header[]): Request {
  return {
    method,
    url,
    httpVersion: HTTP_VERSION,
    cookies: [],
    headers: harHeaders(headers),
    queryString: queryString(url),
    headersSize: -1,
    bodySize: -1,
  };
}

/** No response (network error, blocked before sending): status 0, as DevTools exports it. */
function response(observed: ObservedResponse | undefined, location = ''): Response {
  const contentType = observed?.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  return {
    status: observed?.status ?? 0,
    statusText: '',
    httpVersion: observed === undefined ? '' : HTTP_VERSION,
    cookies: [],
    headers: harHeaders(observed?.headers ?? []),
    content: { size: 0, mimeType: contentType === '' ? 'x-unknown' : contentType },
    redirectURL: location,
    headersSize: -1,
    bodySize: -1,
  };
}
