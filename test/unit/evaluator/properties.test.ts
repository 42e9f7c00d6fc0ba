import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import {
  BROWSER_PROFILES,
  type BrowserProfile,
  type Evaluation,
  type ObservedExchange,
} from '../../../src/evaluator/types';
import { APP, ex } from './fixtures';

// Strings that stress the evaluator: raw bytes incl. NUL/CR/LF, unicode, header-ish text, huge.
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      '\u0000',
      '\r',
      '\n',
      ' ',
      ',',
      '*',
      ':',
      '"',
      'a',
      '\u00e9',
      '\u{1F600}',
      '\ud800',
    ),
  }),
  fc.constantFrom(
    '*',
    'null',
    '',
    APP,
    `${APP}/`,
    'https://api.example',
    'true',
    'GET',
    'PUT, *',
    'bytes=0-1',
  ),
  fc.integer({ min: 0, max: 3 }).map((n) => 'x'.repeat(10 ** (n + 2))),
);
const headerName = fc.oneof(
  nasty,
  fc.constantFrom(
    'Access-Control-Allow-Origin',
    'access-control-allow-credentials',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Expose-Headers',
    'Access-Control-Max-Age',
    'Vary',
    'Set-Cookie',
    'Origin',
    'Authorization',
    'Content-Type',
    'Range',
    'Cross-Origin-Resource-Policy',
    'Location',
  ),
);
const headers = fc.array(fc.record({ name: headerName, value: nasty }), { maxLength: 8 });
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  nasty,
  fc.constantFrom(
    'https://api.example/data',
    `${APP}/x`,
    'ftp://x/y',
    'data:text/plain,hi',
    'javascript:alert(1)',
    'https://u:p@h.example/',
    '//relative',
    '/path',
    'http://[::1]:8080/',
  ),
);
const status = fc.oneof(
  fc.integer({ min: 100, max: 599 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e308),
);
const response = fc.record({ status, headers });
const exchange = fc.record(
  {
    initiatorOrigin: fc.oneof(fc.constantFrom(APP, 'null', 'https://api.example'), nasty),
    url,
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'patch', 'delete', 'OPTIONS'), nasty),
    requestHeaders: headers,
    destination: fc.constantFrom('', 'image', 'script', 'font', 'style', 'document', 'worker'),
    mode: fc.option(fc.constantFrom('cors', 'no-cors', 'same-origin', 'navigate'), { nil: undefined }),
    credentials: fc.option(fc.constantFrom('omit', 'same-origin', 'include'), { nil: undefined }),
    redirect: fc.option(fc.constantFrom('follow', 'error', 'manual'), { nil: undefined }),
    forcePreflight: fc.option(fc.boolean(), { nil: undefined }),
    preflights: fc.array(
      fc.record({ url, requestHeaders: headers, response: fc.option(response, { nil: undefined }) }),
      { maxLength: 3 },
    ),
    redirects: fc.array(fc.record({ url, response, location: url }), { maxLength: 3 }),
    response: fc.option(response, { nil: undefined }),
    networkError: fc.option(
      fc.constantFrom('net::ERR_FAILED', 'net::ERR_ABORTED', 'net::ERR_CONNECTION_REFUSED'),
      { nil: undefined },
    ),
  },
  {
    requiredKeys: [
      'initiatorOrigin',
      'url',
      'method',
      'requestHeaders',
      'destination',
      'preflights',
      'redirects',
    ],
  },
) as fc.Arbitrary<ObservedExchange>;
const profile = fc.constantFrom<BrowserProfile>(...BROWSER_PROFILES);

function wellShaped(e: Evaluation): void {
  expect(['allowed', 'blocked', 'opaque']).toContain(e.verdict);
  expect(Object.keys(e.byProfile).sort()).toEqual([...BROWSER_PROFILES].sort());
  // A Safari reason only when WebKit blocks (it logs nothing for a load it allows).
  if (e.byProfile.safari.verdict !== 'blocked') expect(e.safariReason).toBeNull();
  expect(Array.isArray(e.trace)).toBe(true);
  expect(Array.isArray(e.warnings)).toBe(true);
  expect(Array.isArray(e.fix)).toBe(true);
  if (e.verdict !== 'blocked') expect(e.corsError).toBeNull();
  if (e.corsError !== null) expect(e.verdict).toBe('blocked');
}

describe('properties', () => {
  it('never throws and always returns a well-shaped evaluation', () => {
    fc.assert(
      fc.property(exchange, profile, (x, p) => {
        const e = evaluate(x, { profile: p });
        wellShaped(e);
        // The entry point's catch-all is a last resort: the algorithms themselves must not throw.
        expect(e.trace.some((s) => s.detail?.startsWith('evaluator-error'))).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });
  it('is deterministic: same input, deep-equal output', () => {
    fc.assert(
      fc.property(exchange, profile, (x, p) => {
        expect(evaluate(x, { profile: p })).toEqual(evaluate(structuredClone(x), { profile: p }));
      }),
      { numRuns: 500 },
    );
  });
  it('never throws on arbitrary JSON-ish values in place of an exchange', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (x, o) => {
        const e = evaluate(x as ObservedExchange, o as { profile: BrowserProfile });
        wellShaped(e);
        expect(e.trace.some((s) => s.detail?.startsWith('evaluator-error'))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
  it('never throws when fields of a valid exchange are replaced with anything', () => {
    const keys = Object.keys(ex()) as (keyof ObservedExchange)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
        wellShaped(evaluate({ ...ex(), [key]: value } as ObservedExchange, { profile: 'chrome' }));
      }),
      { numRuns: 1000 },
    );
  });
  it('does not mutate its input', () => {
    fc.assert(
      fc.property(exchange, (x) => {
        const copy = structuredClone(x);
        evaluate(x, { profile: 'chrome' });
        expect(x).toEqual(copy);
      }),
      { numRuns: 200 },
    );
  });
  it('a blocked verdict with a CORS code always names the failing message', () => {
    fc.assert(
      fc.property(exchange, profile, (x, p) => {
        const e = evaluate(x, { profile: p });
        if (e.corsError !== null) expect(e.failedOn).not.toBeNull();
        if (e.verdict === 'allowed') expect(e.failedOn).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('malformed input', () => {
  const malformed = (x: unknown) => evaluate(x as ObservedExchange, { profile: 'chrome' });
  it.each([
    { rule: 'null exchange', x: null, detail: 'not-an-object' },
    { rule: 'a string', x: 'https://api.example', detail: 'not-an-object' },
    { rule: 'missing url', x: { ...ex(), url: undefined }, detail: 'missing' },
    { rule: 'headers not a list', x: { ...ex(), requestHeaders: 'Origin: x' }, detail: 'not-a-list' },
    {
      rule: 'header value with CR LF',
      x: {
        ...ex(),
        response: {
          status: 200,
          headers: [{ name: 'Access-Control-Allow-Origin', value: `${APP}\r\nX: y` }],
        },
      },
      detail: 'nul-cr-lf',
    },
    {
      rule: 'header value with NUL',
      x: { ...ex(), requestHeaders: [{ name: 'X-A', value: 'a\u0000b' }] },
      detail: 'nul-cr-lf',
    },
    {
      rule: 'status out of range',
      x: { ...ex(), response: { status: 1e9, headers: [] } },
      detail: 'out-of-range',
    },
    { rule: 'header entry not an object', x: { ...ex(), requestHeaders: [42] }, detail: 'bad-header' },
  ])('$rule → malformed-input ($detail)', ({ x, detail }) => {
    const e = malformed(x);
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: 'malformed-input', detail }));
  });
  it('unparsable URL: blocked with request.scheme detail unparsable-url, no CORS code', () => {
    const e = malformed({ ...ex(), url: 'not a url' });
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBeNull();
    expect(e.trace.some((s) => s.detail === 'unparsable-url')).toBe(true);
  });
  it('a 1 MB header value is handled (truncated) without throwing', () => {
    const e = malformed({
      ...ex(),
      response: {
        status: 200,
        headers: [{ name: 'Access-Control-Allow-Origin', value: 'x'.repeat(1 << 20) }],
      },
    });
    expect(e.verdict).toBe('blocked');
  });
  it('header values are returned as given text, never interpreted', () => {
    const value = '<img src=x onerror=alert(1)>';
    const e = malformed({
      ...ex(),
      response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value }] },
      networkError: 'net::ERR_FAILED',
    });
    expect(e.failedParameter).toBe(value);
    expect(e.corsError).toBe('MultipleAllowOriginValues'); // the value has spaces
  });
});

describe('last-resort guard', () => {
  it('an input whose getters throw becomes an evaluation, not an exception', () => {
    const hostile = Object.defineProperty({ ...ex() }, 'url', {
      get() {
        throw new RangeError('boom');
      },
    });
    const e = evaluate(hostile, { profile: 'chrome' });
    expect(e.trace).toEqual([
      expect.objectContaining({
        rule: 'outcome.consistency',
        outcome: 'fail',
        detail: 'evaluator-error:RangeError',
      }),
    ]);
    expect(e.warnings).toContainEqual(
      expect.objectContaining({ code: 'malformed-input', detail: 'evaluator-error' }),
    );
  });
  it('options whose getter throws fall back to chrome', () => {
    const options = Object.defineProperty({}, 'profile', {
      get() {
        throw new Error('no');
      },
    });
    expect(evaluate(ex(), options as { profile: 'chrome' }).profile).toBe('chrome');
  });
});
