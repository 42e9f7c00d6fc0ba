import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import {
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMethod,
  isForbiddenRequestHeaderName,
  mimeEssence,
  normalizeMethod,
  type SafelistDetail,
  safelistHeader,
} from '../../../src/evaluator/safelist';
import type { BrowserProfile } from '../../../src/evaluator/types';
import { APP, ex, h } from './fixtures';

type Row = { rule: string; name: string; value: string; detail: SafelistDetail; profile?: BrowserProfile };

// #cors-safelisted-request-header, every value rule (WPT cors-preflight-not-cors-safelisted,
// fetch/api/headers/header-values, cors-safelisted-request-header tests).
const ROWS: Row[] = [
  { rule: 'accept: */* is safelisted', name: 'accept', value: '*/*', detail: 'safelisted' },
  {
    rule: 'accept: a typical browser value',
    name: 'accept',
    value: 'text/html,application/xhtml+xml;q=0.9',
    detail: 'safelisted',
  },
  { rule: 'accept: `"` is an unsafe byte', name: 'accept', value: 'text/"html"', detail: 'unsafe-byte' },
  { rule: 'accept: `(` is an unsafe byte', name: 'accept', value: 'text/html (x)', detail: 'unsafe-byte' },
  { rule: 'accept: `:` is an unsafe byte', name: 'accept', value: 'a:b', detail: 'unsafe-byte' },
  { rule: 'accept: `@` is an unsafe byte', name: 'accept', value: 'a@b', detail: 'unsafe-byte' },
  { rule: 'accept: `{` is an unsafe byte', name: 'accept', value: '{x}', detail: 'unsafe-byte' },
  { rule: 'accept: DEL is an unsafe byte', name: 'accept', value: 'a\u007fb', detail: 'unsafe-byte' },
  { rule: 'accept: 0x01 is an unsafe byte', name: 'accept', value: 'a\u0001b', detail: 'unsafe-byte' },
  { rule: 'accept: tab is allowed', name: 'accept', value: 'text/html,\ttext/plain', detail: 'safelisted' },
  { rule: 'accept: 128 bytes is allowed', name: 'accept', value: 'a'.repeat(128), detail: 'safelisted' },
  { rule: 'accept: 129 bytes is too long', name: 'accept', value: 'a'.repeat(129), detail: 'too-long' },
  {
    rule: 'accept: Latin-1 é is one byte (isomorphic encoding)',
    name: 'accept',
    value: 'é'.repeat(65),
    detail: 'safelisted',
  },
  {
    rule: 'accept: 43 three-byte characters are 129 bytes',
    name: 'accept',
    value: '€'.repeat(43),
    detail: 'too-long',
  },
  {
    rule: 'accept-language: en-US,en;q=0.9',
    name: 'accept-language',
    value: 'en-US,en;q=0.9',
    detail: 'safelisted',
  },
  { rule: 'accept-language: `*` allowed', name: 'accept-language', value: '*', detail: 'safelisted' },
  {
    rule: 'accept-language: `_` is not allowed',
    name: 'accept-language',
    value: 'en_US',
    detail: 'language-chars',
  },
  {
    rule: 'accept-language: `/` is not allowed',
    name: 'accept-language',
    value: 'en/US',
    detail: 'language-chars',
  },
  { rule: 'content-language: de-DE', name: 'content-language', value: 'de-DE', detail: 'safelisted' },
  {
    rule: 'content-language: `"` not allowed',
    name: 'content-language',
    value: '"de"',
    detail: 'language-chars',
  },
  {
    rule: 'content-language: non-ASCII not allowed',
    name: 'content-language',
    value: 'dé',
    detail: 'language-chars',
  },
  { rule: 'content-type: text/plain', name: 'content-type', value: 'text/plain', detail: 'safelisted' },
  {
    rule: 'content-type: text/plain;charset=UTF-8',
    name: 'content-type',
    value: 'text/plain;charset=UTF-8',
    detail: 'safelisted',
  },
  {
    rule: 'content-type: essence compared lowercase (TEXT/PLAIN)',
    name: 'content-type',
    value: 'TEXT/PLAIN',
    detail: 'safelisted',
  },
  {
    rule: 'content-type: application/x-www-form-urlencoded',
    name: 'content-type',
    value: 'application/x-www-form-urlencoded',
    detail: 'safelisted',
  },
  {
    rule: 'content-type: multipart/form-data; boundary=x',
    name: 'content-type',
    value: 'multipart/form-data; boundary=x',
    detail: 'safelisted',
  },
  {
    rule: 'content-type: application/json is not safelisted',
    name: 'content-type',
    value: 'application/json',
    detail: 'mime-essence',
  },
  {
    rule: 'content-type: text/html is not safelisted',
    name: 'content-type',
    value: 'text/html',
    detail: 'mime-essence',
  },
  {
    rule: 'content-type: unparsable `text` is not safelisted',
    name: 'content-type',
    value: 'text',
    detail: 'mime-essence',
  },
  {
    rule: 'content-type: quoted parameter has an unsafe byte',
    name: 'content-type',
    value: 'text/plain; charset="utf-8"',
    detail: 'unsafe-byte',
  },
  {
    rule: 'content-type: `text/plain:` has an unsafe byte',
    name: 'content-type',
    value: 'text/plain:',
    detail: 'unsafe-byte',
  },
  { rule: 'range: bytes=0-', name: 'range', value: 'bytes=0-', detail: 'safelisted' },
  { rule: 'range: bytes=0-99', name: 'range', value: 'bytes=0-99', detail: 'safelisted' },
  { rule: 'range: bytes=5-5 (N = M)', name: 'range', value: 'bytes=5-5', detail: 'safelisted' },
  {
    rule: 'range: bytes=10-5 (N > M) is not safelisted',
    name: 'range',
    value: 'bytes=10-5',
    detail: 'range-syntax',
  },
  {
    rule: 'range: suffix bytes=-5 is not safelisted',
    name: 'range',
    value: 'bytes=-5',
    detail: 'range-syntax',
  },
  {
    rule: 'range: two ranges are not safelisted',
    name: 'range',
    value: 'bytes=0-1,3-4',
    detail: 'range-syntax',
  },
  { rule: 'range: whitespace is not allowed', name: 'range', value: 'bytes= 0-1', detail: 'range-syntax' },
  { rule: 'range: other unit is not safelisted', name: 'range', value: 'items=0-1', detail: 'range-syntax' },
  { rule: 'x-custom is never safelisted', name: 'x-custom', value: '1', detail: 'not-safelisted-name' },
  {
    rule: 'authorization is never safelisted',
    name: 'authorization',
    value: 'Bearer x',
    detail: 'not-safelisted-name',
  },
  {
    rule: 'cache-control is not safelisted',
    name: 'cache-control',
    value: 'no-cache',
    detail: 'not-safelisted-name',
  },
  { rule: 'chrome: dpr client hint is safelisted', name: 'dpr', value: '2', detail: 'client-hint' },
  {
    rule: 'chrome: viewport-width client hint',
    name: 'viewport-width',
    value: '1280',
    detail: 'client-hint',
  },
  { rule: 'chrome: width client hint', name: 'width', value: '640', detail: 'client-hint' },
  { rule: 'chrome: device-memory client hint', name: 'device-memory', value: '0.5', detail: 'client-hint' },
  { rule: 'chrome: rtt client hint', name: 'rtt', value: '50', detail: 'client-hint' },
  { rule: 'chrome: downlink client hint', name: 'downlink', value: '1.5', detail: 'client-hint' },
  { rule: 'chrome: ect client hint 4g', name: 'ect', value: '4g', detail: 'client-hint' },
  { rule: 'chrome: save-data on', name: 'save-data', value: 'on', detail: 'client-hint' },
  { rule: 'chrome: save-data ON (case-insensitive)', name: 'save-data', value: 'ON', detail: 'client-hint' },
  {
    rule: 'chrome: save-data off is not safelisted',
    name: 'save-data',
    value: 'off',
    detail: 'not-safelisted-name',
  },
  {
    rule: 'chrome: viewport-width must be an integer',
    name: 'viewport-width',
    value: '12.5',
    detail: 'not-safelisted-name',
  },
  { rule: 'chrome: dpr 1.5 is a decimal', name: 'dpr', value: '1.5', detail: 'client-hint' },
  { rule: 'chrome: dpr `1.` is not', name: 'dpr', value: '1.', detail: 'not-safelisted-name' },
  {
    rule: 'chrome: client hint over 128 bytes is too long',
    name: 'dpr',
    value: '1'.repeat(129),
    detail: 'too-long',
  },
  {
    rule: 'chrome: dpr with a non-number is not safelisted',
    name: 'dpr',
    value: 'high',
    detail: 'not-safelisted-name',
  },
  {
    rule: 'chrome: ect with an unknown value is not safelisted',
    name: 'ect',
    value: '5g',
    detail: 'not-safelisted-name',
  },
  {
    rule: 'firefox: dpr is not safelisted',
    name: 'dpr',
    value: '2',
    detail: 'not-safelisted-name',
    profile: 'firefox',
  },
  {
    rule: 'spec: save-data is not safelisted',
    name: 'save-data',
    value: 'on',
    detail: 'not-safelisted-name',
    profile: 'spec',
  },
];

describe('safelisted request header (#cors-safelisted-request-header)', () => {
  it.each(ROWS)('$rule', ({ name, value, detail, profile }) => {
    expect(safelistHeader(name, value, profile ?? 'chrome')).toBe(detail);
  });
});

describe('unsafe request header names (#cors-unsafe-request-header-names)', () => {
  it('sorted, lowercase, unique', () => {
    const r = corsUnsafeRequestHeaderNames(h({ 'X-B': '1', 'x-a': '2', 'X-A': '3' }), 'chrome');
    expect(r.names).toEqual(['x-a', 'x-b']);
  });
  it('1024-byte rule: safelisted values over 1024 bytes in total all become unsafe', () => {
    const r = corsUnsafeRequestHeaderNames(
      h({
        Accept: 'a'.repeat(128),
        'Accept-Language': 'b'.repeat(128),
        'Content-Language': 'c'.repeat(128),
        'Content-Type': 'text/plain',
        Range: 'bytes=0-',
      }),
      'chrome',
    );
    expect(r.overTotal).toBe(false);
    const big = corsUnsafeRequestHeaderNames(
      [...Array.from({ length: 9 }, () => ({ name: 'Accept', value: 'a'.repeat(120) }))],
      'chrome',
    );
    expect(big.totalSafelistedBytes).toBe(1080);
    expect(big.overTotal).toBe(true);
    expect(big.names).toEqual(['accept']);
  });
  it('exactly 1024 bytes is still safe', () => {
    const r = corsUnsafeRequestHeaderNames(
      [...Array.from({ length: 8 }, () => ({ name: 'Accept', value: 'a'.repeat(128) }))],
      'chrome',
    );
    expect(r.totalSafelistedBytes).toBe(1024);
    expect(r.names).toEqual([]);
  });
  it('forbidden headers are skipped', () => {
    const r = corsUnsafeRequestHeaderNames(
      h({ Cookie: 'a', Origin: APP, 'Proxy-Foo': '1', 'Sec-Ch-Ua': 'x', Host: 'x', 'X-A': '1' }),
      'chrome',
    );
    expect(r.names).toEqual(['x-a']);
  });
  it('1024-byte rule through evaluate: preflight reason total-size', () => {
    const headers = Array.from({ length: 9 }, () => ({ name: 'Accept', value: 'a'.repeat(120) }));
    const e = evaluate(ex({ requestHeaders: [{ name: 'Origin', value: APP }, ...headers] }), {
      profile: 'chrome',
    });
    expect(e.preflight.needed).toBe(true);
    expect(e.preflight.reasons).toContain('total-size');
    expect(e.trace.some((s) => s.rule === 'safelist.total-size')).toBe(true);
  });
});

describe('methods (#cors-safelisted-method, #concept-method-normalize)', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['POST', true],
    ['PUT', false],
    ['get', false],
    ['PATCH', false],
  ] as const)('safelisted(%s) = %s', (method, expected) =>
    expect(isCorsSafelistedMethod(method)).toBe(expected),
  );
  it.each([
    ['get', 'GET'],
    ['delete', 'DELETE'],
    ['options', 'OPTIONS'],
    ['pUt', 'PUT'],
    ['patch', 'patch'],
    ['Foo', 'Foo'],
  ])('normalize(%s) = %s', (method, expected) => expect(normalizeMethod(method)).toBe(expected));
  it('lowercase `post` normalizes to a safelisted POST: no preflight', () => {
    const e = evaluate(ex({ method: 'post' }), { profile: 'chrome' });
    expect(e.preflight.needed).toBe(false);
    expect(e.trace.some((s) => s.rule === 'method.normalize')).toBe(true);
  });
});

describe('forbidden request header names (#forbidden-request-header)', () => {
  it.each([
    'cookie',
    'origin',
    'referer',
    'host',
    'sec-fetch-mode',
    'proxy-authorization',
    'content-length',
    'user-agent',
  ])('%s is forbidden', (n) => expect(isForbiddenRequestHeaderName(n)).toBe(true));
  it.each(['x-custom', 'authorization', 'accept', 'content-type'])('%s is not forbidden', (n) =>
    expect(isForbiddenRequestHeaderName(n)).toBe(false),
  );
});

describe('mime essence (#parse-a-mime-type, reduced)', () => {
  it.each([
    ['text/plain', 'text/plain'],
    [' Text/Plain ; charset=x', 'text/plain'],
    ['text', null],
    ['/plain', null],
    ['text/', null],
    ['te xt/plain', null],
  ])('%j → %j', (value, expected) => expect(mimeEssence(value)).toBe(expected));
});

describe('header names inferred from the preflight', () => {
  it('names with empty values from Access-Control-Request-Headers stay unsafe', () => {
    const e = evaluate(
      ex({
        requestHeaders: h({ Accept: '', 'Content-Type': '' }),
        requestHeadersSource: 'inferred',
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    expect(e.preflight.reasons).toEqual(['header:accept', 'header:content-type']);
    expect(e.trace.filter((s) => s.rule === 'safelist.header').map((s) => s.detail)).toEqual([
      'listed-in-preflight',
      'listed-in-preflight',
    ]);
  });
  it('same-origin requests get no firefox reason even in cors mode', () => {
    const e = evaluate(
      ex({ url: `${APP}/x`, response: undefined, networkError: 'net::ERR_CONNECTION_REFUSED' }),
      { profile: 'firefox' },
    );
    expect(e.firefoxReason).toBeNull();
  });
});
