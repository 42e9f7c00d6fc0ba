import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import { safelistHeader } from '../../../src/evaluator/safelist';
import type { Header } from '../../../src/evaluator/types';
import { APP, ex, h, pre, res } from './fixtures';

// Expectations re-expressed from web-platform-tests fetch/api/cors/ (learned, not copied):
// the same scenarios, replayed through the evaluator over synthetic exchanges.

type StarRow = {
  succeeds: boolean;
  credentials: boolean;
  allowMethod: string;
  allowHeader: string;
  method: string;
  header: Header | null;
};

// cors-preflight-star: `*` is "any" only without credentials; exact literal `*` matches always.
const STAR: StarRow[] = [
  {
    succeeds: true,
    credentials: false,
    allowMethod: 'get',
    allowHeader: 'x-test',
    method: 'GET',
    header: { name: 'X-Test', value: '1' },
  },
  {
    succeeds: true,
    credentials: false,
    allowMethod: '*',
    allowHeader: 'x-test',
    method: 'SUPER',
    header: { name: 'X-Test', value: '1' },
  },
  {
    succeeds: true,
    credentials: false,
    allowMethod: '*',
    allowHeader: '*',
    method: 'OK',
    header: { name: 'X-Test', value: '1' },
  },
  {
    succeeds: false,
    credentials: true,
    allowMethod: '*',
    allowHeader: '*',
    method: 'OK',
    header: { name: 'X-Test', value: '1' },
  },
  { succeeds: false, credentials: true, allowMethod: '*', allowHeader: '', method: 'PUT', header: null },
  { succeeds: true, credentials: true, allowMethod: 'PUT', allowHeader: '*', method: 'PUT', header: null },
  {
    succeeds: false,
    credentials: true,
    allowMethod: 'get',
    allowHeader: '*',
    method: 'GET',
    header: { name: 'X-Test', value: '1' },
  },
  {
    succeeds: false,
    credentials: true,
    allowMethod: '*',
    allowHeader: '*',
    method: 'GET',
    header: { name: 'X-Test', value: '1' },
  },
  {
    succeeds: true,
    credentials: true,
    allowMethod: '*',
    allowHeader: '*',
    method: '*',
    header: { name: '*', value: '1' },
  },
  { succeeds: false, credentials: true, allowMethod: 'put', allowHeader: '*', method: 'PUT', header: null },
];

describe('WPT cors-preflight-star', () => {
  it.each(STAR)(
    'credentials=$credentials method=$method (ACAM $allowMethod) header=$header.name (ACAH $allowHeader) → succeeds=$succeeds',
    (row) => {
      const cors: Record<string, string> = {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Methods': row.allowMethod,
        'Access-Control-Allow-Headers': row.allowHeader,
      };
      if (row.credentials) cors['Access-Control-Allow-Credentials'] = 'true';
      const e = evaluate(
        ex({
          method: row.method,
          credentials: row.credentials ? 'include' : 'omit',
          requestHeaders: [{ name: 'Origin', value: APP }, ...(row.header === null ? [] : [row.header])],
          preflights: [pre(res(200, cors))],
          response: res(200, {
            'Access-Control-Allow-Origin': APP,
            ...(row.credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
          }),
        }),
        { profile: 'chrome' },
      );
      expect(e.preflight.needed).toBe(true);
      expect(e.verdict).toBe(row.succeeds ? 'allowed' : 'blocked');
      if (!row.succeeds) expect(e.failedOn).toBe('preflight');
    },
  );
});

// resources/not-cors-safelisted.json: each pair must trigger a preflight.
const NOT_SAFELISTED: [string, string][] = [
  ['accept', '"'],
  ['accept', '0'.repeat(129)],
  ['accept-language', '\u0001'],
  ['accept-language', '@'],
  ['authorization', 'basics'],
  ['content-language', '\u0001'],
  ['content-language', '@'],
  ['content-type', 'text/html'],
  ['content-type', `text/plain; long=${'0'.repeat(112)}`],
  ['last-event-id', '"'],
  ['last-event-id', '0'.repeat(129)],
  ['range', 'bytes 0-'],
  ['test', 'hi'],
];

describe('WPT cors-preflight-not-cors-safelisted', () => {
  it.each(NOT_SAFELISTED)('%s: %j needs a preflight', (name, value) => {
    expect(['safelisted', 'client-hint']).not.toContain(safelistHeader(name, value, 'chrome'));
    const e = evaluate(ex({ requestHeaders: h({ Origin: APP, [name]: value }) }), { profile: 'chrome' });
    expect(e.preflight.reasons).toEqual([`header:${name}`]);
  });
});

// cors-preflight-response-validation: a bad ACAH/ACAM item fails the preflight.
describe('WPT cors-preflight-response-validation', () => {
  it('ACAH `x-force-preflight,header name with space` → InvalidAllowHeadersPreflightResponse', () => {
    const e = evaluate(
      ex({
        requestHeaders: h({ Origin: APP, 'x-force-preflight': '' }),
        preflights: [
          pre(
            res(200, {
              'Access-Control-Allow-Origin': APP,
              'Access-Control-Allow-Headers': 'x-force-preflight,header name with space',
            }),
          ),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    expect(e.corsError).toBe('InvalidAllowHeadersPreflightResponse');
  });
  it('ACAM `Bad method name` → InvalidAllowMethodsPreflightResponse', () => {
    const e = evaluate(
      ex({
        requestHeaders: h({ Origin: APP, 'x-force-preflight': '' }),
        preflights: [
          pre(
            res(200, {
              'Access-Control-Allow-Origin': APP,
              'Access-Control-Allow-Headers': 'x-force-preflight',
              'Access-Control-Allow-Methods': 'Bad method name',
            }),
          ),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    expect(e.corsError).toBe('InvalidAllowMethodsPreflightResponse');
  });
});
