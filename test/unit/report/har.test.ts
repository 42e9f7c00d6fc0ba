import { describe, expect, it } from 'vitest';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';
import { buildHar, buildReport } from '../../../src/report';
import type { CorsRecord } from '../../../src/shared/record';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { API, APP, credentialsWithoutAcac, ex, h, headerDisallowed, rec, res } from '../explain/fixtures';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks that `value[key]` exists with the given type; returns it for further checks. */
function field(
  value: unknown,
  key: string,
  type: 'string' | 'number' | 'object' | 'array',
  where: string,
): unknown {
  expect(isObject(value), `${where} is an object`).toBe(true);
  const v = (value as Json)[key];
  if (type === 'array') expect(Array.isArray(v), `${where}.${key} is an array`).toBe(true);
  else if (type === 'object') expect(isObject(v), `${where}.${key} is an object`).toBe(true);
  else expect(typeof v, `${where}.${key}`).toBe(type);
  return v;
}

function checkNameValues(list: unknown, where: string): void {
  expect(Array.isArray(list), where).toBe(true);
  (list as unknown[]).forEach((item, i) => {
    field(item, 'name', 'string', `${where}[${i}]`);
    field(item, 'value', 'string', `${where}[${i}]`);
  });
}

/** The HAR 1.2 required fields, with their types (softwareishard.com/blog/har-12-spec). */
function checkHar12(har: unknown): void {
  const log = field(har, 'log', 'object', 'har');
  expect((log as Json).version).toBe('1.2');
  const creator = field(log, 'creator', 'object', 'log');
  field(creator, 'name', 'string', 'creator');
  field(creator, 'version', 'string', 'creator');
  const pages = field(log, 'pages', 'array', 'log') as unknown[];
  const pageIds = new Set<unknown>();
  pages.forEach((page, i) => {
    const where = `pages[${i}]`;
    field(page, 'startedDateTime', 'string', where);
    pageIds.add(field(page, 'id', 'string', where));
    field(page, 'title', 'string', where);
    field(page, 'pageTimings', 'object', where);
  });
  const entries = field(log, 'entries', 'array', 'log') as unknown[];
  entries.forEach((entry, i) => {
    const where = `entries[${i}]`;
    const started = field(entry, 'startedDateTime', 'string', where) as string;
    expect(Number.isNaN(Date.parse(started)), `${where}.startedDateTime is ISO 8601`).toBe(false);
    const time = field(entry, 'time', 'number', where) as number;
    if ((entry as Json).pageref !== undefined) expect(pageIds.has((entry as Json).pageref)).toBe(true);
    const request = field(entry, 'request', 'object', where);
    for (const key of ['method', 'url', 'httpVersion']) field(request, key, 'string', `${where}.request`);
    for (const key of ['headersSize', 'bodySize']) field(request, key, 'number', `${where}.request`);
    field(request, 'cookies', 'array', `${where}.request`);
    checkNameValues((request as Json).headers, `${where}.request.headers`);
    checkNameValues((request as Json).queryString, `${where}.request.queryString`);
    const response = field(entry, 'response', 'object', where);
    for (const key of ['status', 'headersSize', 'bodySize'])
      field(response, key, 'number', `${where}.response`);
    for (const key of ['statusText', 'httpVersion', 'redirectURL'])
      field(response, key, 'string', `${where}.response`);
    field(response, 'cookies', 'array', `${where}.response`);
    checkNameValues((response as Json).headers, `${where}.response.headers`);
    const content = field(response, 'content', 'object', `${where}.response`);
    field(content, 'size', 'number', `${where}.response.content`);
    field(content, 'mimeType', 'string', `${where}.response.content`);
    field(entry, 'cache', 'object', where);
    const timings = field(entry, 'timings', 'object', where) as Json;
    for (const key of ['send', 'wait', 'receive']) field(timings, key, 'number', `${where}.timings`);
    const sum = [timings.send, timings.wait, timings.receive].reduce<number>((a, b) => a + (b as number), 0);
    expect(sum, `${where}: time is the sum of timings`).toBe(time);
    for (const key of Object.keys(entry as Json)) {
      const standard = [
        'pageref',
        'startedDateTime',
        'time',
        'request',
        'response',
        'cache',
        'timings',
        'serverIPAddress',
        'connection',
        'comment',
      ];
      if (!standard.includes(key))
        expect(key.startsWith('_'), `custom field ${key} starts with _`).toBe(true);
    }
  });
}

function harOf(records: CorsRecord[], redact = false) {
  const report = buildReport(records, {
    redact,
    settings: DEFAULT_SETTINGS,
    extensionVersion: '0.1.0',
    browser: 'Chrome/156.0.0.0',
  });
  return buildHar(report);
}

describe('buildHar', () => {
  it('produces a HAR 1.2 log with one entry per preflight, redirect hop and actual request', () => {
    const first = headerDisallowed(); // created first: records are ordered by start time
    const redirected = rec(
      ex({
        url: `${API}/old?page=2`,
        redirects: [
          {
            url: `${API}/old?page=2`,
            requestHeaders: h({ Origin: APP }),
            response: res(301, { 'Access-Control-Allow-Origin': APP }),
            location: '/new',
          },
        ],
        response: res(200, { 'Access-Control-Allow-Origin': APP, 'Content-Type': 'application/json' }),
      }),
    );
    const har = harOf([redirected, first]);
    checkHar12(JSON.parse(JSON.stringify(har)));
    const entries = har.log.entries;
    expect(entries.map((e) => `${e.request.method} ${e.request.url} ${e.response.status}`)).toEqual([
      `OPTIONS ${API}/items 204`,
      `PUT ${API}/items 0`,
      `GET ${API}/old?page=2 301`,
      `GET ${API}/new 200`,
    ]);
    expect(entries[2]?.response.redirectURL).toBe('/new');
    expect(entries[2]?.request.queryString).toEqual([{ name: 'page', value: '2' }]);
    expect(entries[3]?.response.content.mimeType).toBe('application/json');
    expect(entries[1]?._error).toBe('net::ERR_FAILED');
    expect(har.log.creator).toEqual({ name: 'CORS Lens', version: '0.1.0' });
    expect(har.log.browser).toEqual({ name: 'Chrome', version: '156.0.0.0' });
  });

  it('carries our verdict on each actual request entry only', () => {
    const har = harOf([headerDisallowed()]);
    const [preflight, actual] = har.log.entries;
    expect(preflight?._corsLens).toBeUndefined();
    expect(actual?._corsLens).toEqual({
      verdict: 'blocked',
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-trace-id',
      firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
      // Every profile's decision (the same here: no profile rule is involved).
      profiles: Object.fromEntries(
        BROWSER_PROFILES.map((p) => [
          p,
          {
            verdict: 'blocked',
            corsError: 'HeaderDisallowedByPreflightResponse',
            failedParameter: 'x-trace-id',
            blockedReason: null,
          },
        ]),
      ),
      summary: 'api.example did not allow the request header X-Trace-Id in its preflight answer',
    });
  });

  it('keeps redaction from the report', () => {
    const har = harOf([credentialsWithoutAcac()], true);
    expect(JSON.stringify(har)).not.toContain('s3cr3t');
    checkHar12(har);
  });

  it('is rejected by the shape check when a required field is missing', () => {
    const har = JSON.parse(JSON.stringify(harOf([headerDisallowed()])));
    delete har.log.entries[0].response.content;
    expect(() => checkHar12(har)).toThrow();
  });
});
