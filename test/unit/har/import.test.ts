import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import { harToExchanges } from '../../../src/har/import';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

function byUrl(result: ReturnType<typeof harToExchanges>, url: string) {
  const found = result.exchanges.find((item) => item.exchange.url === url);
  if (!found) throw new Error(`no exchange for ${url}`);
  return found;
}

describe('harToExchanges: Chrome DevTools export', () => {
  const result = harToExchanges(fixture('chrome.har'));

  it('reads every entry without error and stitches preflights and redirect hops', () => {
    expect(result.errors).toEqual([]);
    // 9 entries: 1 preflight paired, 2 redirect hops joined → 7 exchanges.
    expect(result.exchanges.map((item) => item.exchange.url)).toEqual([
      'http://localhost:5173/app',
      'http://127.0.0.1:8080/api/items/1',
      'http://127.0.0.1:8080/api/missing',
      'http://127.0.0.1:8080/api/ok',
      'http://127.0.0.1:8080/api/moved',
      'http://127.0.0.1:8080/fonts/inter.woff2',
      'http://127.0.0.1:8080/logo.png',
    ]);
  });

  it('pairs the preflight with the PUT it asked for and keeps the failure', () => {
    const { exchange, type, pageref } = byUrl(result, 'http://127.0.0.1:8080/api/items/1');
    expect(exchange.method).toBe('PUT');
    expect(exchange.preflights).toHaveLength(1);
    expect(exchange.preflights[0]?.response?.status).toBe(204);
    expect(exchange.response).toBeUndefined();
    expect(exchange.networkError).toBe('net::ERR_FAILED');
    // No Origin header on the failed PUT: the page's origin stands in.
    expect(exchange.initiatorOrigin).toBe('http://localhost:5173');
    expect(type).toBe('xmlhttprequest');
    expect(pageref).toBe('page_1');
    expect(evaluate(exchange, { profile: 'chrome' })).toMatchObject({
      verdict: 'blocked',
      corsError: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'PUT',
    });
  });

  it('follows the redirect chain into one exchange with the hop and the final response', () => {
    const { exchange } = byUrl(result, 'http://127.0.0.1:8080/api/moved');
    expect(exchange.redirects).toHaveLength(1);
    expect(exchange.redirects[0]?.location).toBe('http://127.0.0.2:8080/api/target');
    expect(exchange.redirects[0]?.response.status).toBe(302);
    expect(exchange.response?.status).toBe(200);
    expect(evaluate(exchange, { profile: 'chrome' }).corsError).toBe('MissingAllowOriginHeader');
  });

  it('derives destinations from _resourceType and judges each like the browser', () => {
    const font = byUrl(result, 'http://127.0.0.1:8080/fonts/inter.woff2');
    expect(font.exchange.destination).toBe('font');
    expect(font.type).toBe('font');
    expect(evaluate(font.exchange, { profile: 'chrome' }).corsError).toBe('AllowOriginMismatch');
    const image = byUrl(result, 'http://127.0.0.1:8080/logo.png');
    expect(image.exchange.destination).toBe('image');
    expect(image.exchange.initiatorOrigin).toBe('http://localhost:5173');
    expect(evaluate(image.exchange, { profile: 'chrome' }).verdict).toBe('opaque');
    const missing = byUrl(result, 'http://127.0.0.1:8080/api/missing');
    expect(missing.viaServiceWorker).toBe(true);
    expect(result.exchanges.filter((item) => item.viaServiceWorker)).toHaveLength(1);
    expect(evaluate(missing.exchange, { profile: 'chrome' }).corsError).toBe('MissingAllowOriginHeader');
    const ok = byUrl(result, 'http://127.0.0.1:8080/api/ok');
    expect(ok.exchange.requestHeaders.map((h) => h.name)).toEqual(['Origin']);
    expect(evaluate(ok.exchange, { profile: 'chrome' }).verdict).toBe('allowed');
  });

  it('drops same-origin exchanges when asked for cross-origin only', () => {
    const cross = harToExchanges(fixture('chrome.har'), { crossOriginOnly: true });
    expect(cross.exchanges.map((item) => item.exchange.url)).not.toContain('http://localhost:5173/app');
    expect(cross.exchanges).toHaveLength(6);
  });
});

describe('harToExchanges: Firefox DevTools export', () => {
  const result = harToExchanges(JSON.parse(fixture('firefox.har')));

  it('turns a preflight whose request never went out into an inferred exchange', () => {
    expect(result.errors).toEqual([]);
    const { exchange } = byUrl(result, 'http://127.0.0.1:8080/api/cart');
    expect(exchange.method).toBe('POST');
    expect(exchange.requestHeadersSource).toBe('inferred');
    expect(exchange.requestHeaders).toEqual([{ name: 'x-api-key', value: '' }]);
    const evaluation = evaluate(exchange, { profile: 'firefox' });
    expect(evaluation.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(evaluation.firefoxReason).toBe('CORSMissingAllowHeaderFromPreflight');
  });

  it('marks a request that carried cookies as credentialed', () => {
    const { exchange } = byUrl(result, 'http://127.0.0.1:8080/api/me');
    expect(exchange.credentials).toBe('include');
    expect(evaluate(exchange, { profile: 'firefox' }).firefoxReason).toBe('CORSNotSupportingCredentials');
  });

  it('reads the load kind from Accept and failures from status 0', () => {
    const image = byUrl(result, 'http://127.0.0.1:8080/img/banner.png');
    expect(image.exchange.destination).toBe('image');
    expect(image.exchange.initiatorOrigin).toBe('http://localhost:5173');
    const down = byUrl(result, 'http://127.0.0.1:9999/api/down');
    expect(down.exchange.response).toBeUndefined();
    // Failed, and the HAR wrote no error text: none is made up ('' is "failed, cause not recorded").
    expect(down.exchange.networkError).toBe('');
    expect(evaluate(down.exchange, { profile: 'firefox' })).toMatchObject({
      verdict: 'blocked',
      corsError: null,
    });
  });
});

describe('harToExchanges: pairing', () => {
  const at = (ms: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + ms).toISOString();
  const origin = { name: 'Origin', value: 'https://app.example' };
  const preflight = (ms: number, method: string, url = 'https://api.example/r') => ({
    startedDateTime: at(ms),
    request: {
      method: 'OPTIONS',
      url,
      headers: [origin, { name: 'Access-Control-Request-Method', value: method }],
    },
    response: { status: 204, headers: [{ name: 'X-Seq', value: String(ms) }] },
  });
  const actual = (ms: number, method: string, url = 'https://api.example/r') => ({
    startedDateTime: at(ms),
    request: { method, url, headers: [origin] },
    response: { status: 200, headers: [] },
  });

  it('gives each request of a repeated URL the preflight sent just before it', () => {
    const har = {
      log: { entries: [preflight(0, 'PUT'), actual(5, 'PUT'), preflight(100, 'PUT'), actual(104, 'PUT')] },
    };
    const { exchanges, errors } = harToExchanges(har);
    expect(errors).toEqual([]);
    expect(exchanges.map((x) => x.exchange.preflights[0]?.response?.headers[0]?.value)).toEqual(['0', '100']);
  });

  it('matches on the method asked for and on the same URL with an equivalent spelling', () => {
    const har = {
      log: {
        entries: [
          preflight(0, 'DELETE'),
          preflight(1, 'PUT', 'https://API.example:443/r'),
          actual(2, 'PUT'),
          actual(3, 'PATCH'),
        ],
      },
    };
    const { exchanges } = harToExchanges(har);
    const put = exchanges.find((x) => x.exchange.method === 'PUT');
    expect(put?.exchange.preflights[0]?.response?.headers[0]?.value).toBe('1');
    expect(exchanges.find((x) => x.exchange.method === 'PATCH')?.exchange.preflights).toEqual([]);
    // The DELETE was never sent after its preflight: an exchange inferred from the preflight.
    expect(exchanges.find((x) => x.exchange.method === 'DELETE')?.exchange.requestHeadersSource).toBe(
      'inferred',
    );
    expect(exchanges).toHaveLength(3);
  });

  it('does not give a preflight to a request sent well before it', () => {
    const { exchanges } = harToExchanges({ log: { entries: [actual(0, 'PUT'), preflight(1000, 'PUT')] } });
    expect(exchanges).toHaveLength(2);
    expect(exchanges[0]?.exchange.preflights).toEqual([]);
  });

  it('joins redirect hops across origins and keeps a refused redirect as the last hop', () => {
    const hop = (ms: number, url: string, status: number, location = '') => ({
      startedDateTime: at(ms),
      request: { method: 'GET', url, headers: [origin] },
      response: { status, headers: location ? [{ name: 'Location', value: location }] : [], redirectURL: '' },
    });
    const { exchanges } = harToExchanges({
      log: {
        entries: [
          hop(0, 'https://api.example/a', 301, '/b'),
          hop(1, 'https://api.example/b', 307, 'https://cdn.example/c'),
          hop(2, 'https://cdn.example/c', 200),
          hop(10, 'https://api.example/x', 302, 'https://elsewhere.example/y'),
        ],
      },
    });
    expect(exchanges).toHaveLength(2);
    expect(exchanges[0]?.exchange.redirects.map((r) => r.url)).toEqual([
      'https://api.example/a',
      'https://api.example/b',
    ]);
    expect(exchanges[0]?.exchange.response?.status).toBe(200);
    expect(exchanges[1]?.exchange.redirects.map((r) => r.location)).toEqual(['https://elsewhere.example/y']);
    expect(exchanges[1]?.exchange.response).toBeUndefined();
    expect(exchanges[1]?.exchange.networkError).toBe('');
  });
});

describe('harToExchanges: bad input', () => {
  it('says where JSON text broke', () => {
    const result = harToExchanges('{"log": {"entries": [}');
    expect(result.exchanges).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^invalid JSON at line 1 column 22 \(position 21\): /);
  });

  it('finds the position on later lines and at the end of the text', () => {
    expect(harToExchanges('{\n  "log": {\n    "entries": [1,,2]').errors[0]).toMatch(
      /^invalid JSON at line 3 column 19 \(position 31\)/,
    );
    expect(harToExchanges('{"log": ').errors[0]).toMatch(/position 8\)/);
    expect(harToExchanges('').errors[0]).toMatch(/position 0\)/);
  });

  it.each([null, 42, [], {}, { log: {} }, { log: { entries: 'x' } }])('rejects %j as not a HAR', (input) => {
    expect(harToExchanges(input).errors).toEqual(['not a HAR: no log.entries array']);
  });

  it('names each broken entry and keeps the good ones', () => {
    const good = {
      startedDateTime: '2026-01-01T00:00:00Z',
      request: {
        method: 'GET',
        url: 'https://api.example/x',
        headers: [{ name: 'Origin', value: 'https://app.example' }],
      },
      response: { status: 200, headers: [] },
    };
    const har = {
      log: {
        entries: [
          good,
          7,
          { ...good, request: { method: 'GET' } },
          { ...good, request: { ...good.request, url: '' } },
          { ...good, request: { ...good.request, method: 3 } },
          { ...good, startedDateTime: 'yesterday' },
          { ...good, response: { status: 'OK' } },
          { ...good, request: { ...good.request, headers: {} } },
          { ...good, response: { status: 200, headers: [{ name: 'x' }] } },
          { startedDateTime: good.startedDateTime },
        ],
      },
    };
    const result = harToExchanges(har);
    expect(result.errors).toEqual([
      'log.entries[1] is not an object',
      'log.entries[2].request.url is missing',
      'log.entries[3].request.url is missing',
      'log.entries[4].request.method is missing',
      'log.entries[5].startedDateTime is missing or not a date',
      'log.entries[6].response.status is not an HTTP status ("OK")',
      'log.entries[7].request.headers is not an array',
      'log.entries[8].response.headers[0] is not a {name, value} pair of strings',
      'log.entries[9].request is missing',
    ]);
    expect(result.exchanges).toHaveLength(1);
    expect(result.exchanges[0]?.exchange.initiatorOrigin).toBe('https://app.example');
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = harToExchanges({ log: { entries: [value, { request: value, response: value }] } });
        expect(Array.isArray(result.errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
