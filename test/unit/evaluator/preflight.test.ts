import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { BrowserProfile, CorsErrorCode, CredentialsMode } from '../../../src/evaluator/types';
import { API, APP, ex, h, pre, res } from './fixtures';

type Row = {
  rule: string;
  method?: string;
  headers?: Record<string, string>;
  credentials?: CredentialsMode;
  status?: number;
  pf: Record<string, string | string[]>;
  code: CorsErrorCode | null;
  param?: string;
  profile?: BrowserProfile;
};

const ok = (extra: Record<string, string | string[]> = {}) => ({
  'Access-Control-Allow-Origin': APP,
  ...extra,
});

function run(row: Row) {
  const include = row.credentials === 'include';
  const final = res(
    200,
    include
      ? { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true' }
      : { 'Access-Control-Allow-Origin': APP },
  );
  return evaluate(
    ex({
      method: row.method ?? 'PUT',
      credentials: row.credentials ?? 'omit',
      requestHeaders: h({ Origin: APP, ...(row.headers ?? {}) }),
      preflights: [pre(res(row.status ?? 204, row.pf))],
      response: final,
    }),
    { profile: row.profile ?? 'chrome' },
  );
}

// WPT fetch/api/cors/cors-preflight*.any.js families.
const METHOD: Row[] = [
  { rule: 'PUT listed in ACAM passes', pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }), code: null },
  {
    rule: 'PUT missing from ACAM → MethodDisallowedByPreflightResponse',
    pf: ok({ 'Access-Control-Allow-Methods': 'GET, POST' }),
    code: 'MethodDisallowedByPreflightResponse',
    param: 'PUT',
  },
  {
    rule: 'no ACAM at all → MethodDisallowed',
    pf: ok(),
    code: 'MethodDisallowedByPreflightResponse',
    param: 'PUT',
  },
  {
    rule: 'normalized `put` → PUT matches ACAM PUT',
    method: 'put',
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: null,
  },
  {
    rule: 'ACAM `put` does not match normalized PUT (case-sensitive)',
    pf: ok({ 'Access-Control-Allow-Methods': 'put' }),
    code: 'MethodDisallowedByPreflightResponse',
  },
  {
    rule: 'spec: `patch` stays lowercase and needs ACAM `patch`',
    method: 'patch',
    pf: ok({ 'Access-Control-Allow-Methods': 'PATCH' }),
    code: 'MethodDisallowedByPreflightResponse',
    param: 'patch',
    profile: 'spec',
  },
  {
    rule: 'spec: `patch` matches ACAM `patch`',
    method: 'patch',
    pf: ok({ 'Access-Control-Allow-Methods': 'patch' }),
    code: null,
    profile: 'spec',
  },
  {
    rule: 'firefox: `patch` needs ACAM `patch` (exact)',
    method: 'patch',
    pf: ok({ 'Access-Control-Allow-Methods': 'PATCH' }),
    code: 'MethodDisallowedByPreflightResponse',
    profile: 'firefox',
  },
  {
    rule: 'case-sensitive: ACAM `PATCH` does not allow `patch` (as Chromium 156 does, e2e pf-patch-lower)',
    method: 'patch',
    pf: ok({ 'Access-Control-Allow-Methods': 'PATCH' }),
    code: 'MethodDisallowedByPreflightResponse',
    param: 'patch',
  },
  {
    rule: 'case-sensitive: ACAM `patch` allows `patch`',
    method: 'patch',
    pf: ok({ 'Access-Control-Allow-Methods': 'patch' }),
    code: null,
  },
  {
    rule: 'DELETE normalizes from `delete`',
    method: 'delete',
    pf: ok({ 'Access-Control-Allow-Methods': 'DELETE' }),
    code: null,
  },
  { rule: 'two ACAM lines combine', pf: ok({ 'Access-Control-Allow-Methods': ['GET', 'PUT'] }), code: null },
  {
    rule: 'empty ACAM items are ignored',
    pf: ok({ 'Access-Control-Allow-Methods': ',, PUT ,' }),
    code: null,
  },
  {
    rule: 'custom method FOO listed passes',
    method: 'FOO',
    pf: ok({ 'Access-Control-Allow-Methods': 'FOO' }),
    code: null,
  },
  {
    rule: 'safelisted POST with a custom header does not need ACAM',
    method: 'POST',
    headers: { 'X-Test': '1' },
    pf: ok({ 'Access-Control-Allow-Headers': 'x-test' }),
    code: null,
  },
  {
    rule: 'invalid ACAM token → InvalidAllowMethodsPreflightResponse',
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT, (bad)' }),
    code: 'InvalidAllowMethodsPreflightResponse',
  },
  {
    rule: 'ACAM parse failure comes before the method check',
    pf: ok({ 'Access-Control-Allow-Methods': 'P@T' }),
    code: 'InvalidAllowMethodsPreflightResponse',
  },
];

const HEADERS: Row[] = [
  {
    rule: 'custom header listed passes',
    method: 'GET',
    headers: { 'X-Trace-Id': 'a' },
    pf: ok({ 'Access-Control-Allow-Headers': 'X-Trace-Id' }),
    code: null,
  },
  {
    rule: 'ACAH matches case-insensitively',
    method: 'GET',
    headers: { 'X-Trace-Id': 'a' },
    pf: ok({ 'Access-Control-Allow-Headers': 'x-TRACE-id' }),
    code: null,
  },
  {
    rule: 'custom header not listed → HeaderDisallowedByPreflightResponse (lowercase name)',
    method: 'GET',
    headers: { 'X-Trace-Id': 'a' },
    pf: ok({ 'Access-Control-Allow-Headers': 'x-other' }),
    code: 'HeaderDisallowedByPreflightResponse',
    param: 'x-trace-id',
  },
  {
    rule: 'first unlisted name in sorted order is reported',
    method: 'GET',
    headers: { 'X-Zed': '1', 'X-Alpha': '2' },
    pf: ok(),
    code: 'HeaderDisallowedByPreflightResponse',
    param: 'x-alpha',
  },
  {
    rule: 'content-type application/json must be listed',
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    pf: ok(),
    code: 'HeaderDisallowedByPreflightResponse',
    param: 'content-type',
  },
  {
    rule: 'content-type application/json listed passes',
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    pf: ok({ 'Access-Control-Allow-Headers': 'Content-Type' }),
    code: null,
  },
  {
    rule: 'invalid ACAH token → InvalidAllowHeadersPreflightResponse',
    method: 'GET',
    headers: { 'X-A': '1' },
    pf: ok({ 'Access-Control-Allow-Headers': 'x-a, x:b' }),
    code: 'InvalidAllowHeadersPreflightResponse',
  },
  {
    rule: 'ACAM is parsed before ACAH',
    headers: { 'X-A': '1' },
    pf: ok({ 'Access-Control-Allow-Methods': '"PUT"', 'Access-Control-Allow-Headers': 'x:a' }),
    code: 'InvalidAllowMethodsPreflightResponse',
  },
  {
    rule: 'method is checked before headers',
    headers: { 'X-A': '1' },
    pf: ok({ 'Access-Control-Allow-Methods': 'GET' }),
    code: 'MethodDisallowedByPreflightResponse',
  },
  {
    rule: 'safelisted headers need no listing',
    method: 'PUT',
    headers: { Accept: 'text/html', 'Content-Language': 'en' },
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: null,
  },
];

const STAR: Row[] = [
  {
    rule: 'ACAM `*` allows any method without credentials',
    method: 'FOO',
    pf: ok({ 'Access-Control-Allow-Methods': '*' }),
    code: null,
  },
  {
    rule: 'ACAM `*` is a literal with credentials → MethodDisallowed',
    method: 'FOO',
    credentials: 'include',
    pf: ok({ 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Credentials': 'true' }),
    code: 'MethodDisallowedByPreflightResponse',
    param: 'FOO',
  },
  {
    rule: 'ACAH `*` allows any header without credentials',
    method: 'GET',
    headers: { 'X-Any': '1' },
    pf: ok({ 'Access-Control-Allow-Headers': '*' }),
    code: null,
  },
  {
    rule: 'ACAH `*` is a literal with credentials → HeaderDisallowed',
    method: 'GET',
    credentials: 'include',
    headers: { 'X-Any': '1' },
    pf: ok({ 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Credentials': 'true' }),
    code: 'HeaderDisallowedByPreflightResponse',
    param: 'x-any',
  },
  {
    rule: 'chrome: ACAH `*` covers Authorization (browser behaviour)',
    method: 'GET',
    headers: { Authorization: 'Bearer x' },
    pf: ok({ 'Access-Control-Allow-Headers': '*' }),
    code: null,
  },
  {
    rule: 'firefox: ACAH `*` covers Authorization too',
    method: 'GET',
    headers: { Authorization: 'Bearer x' },
    pf: ok({ 'Access-Control-Allow-Headers': '*' }),
    code: null,
    profile: 'firefox',
  },
  {
    rule: 'spec: ACAH `*` does not cover Authorization',
    method: 'GET',
    headers: { Authorization: 'Bearer x' },
    pf: ok({ 'Access-Control-Allow-Headers': '*' }),
    code: 'HeaderDisallowedByPreflightResponse',
    param: 'authorization',
    profile: 'spec',
  },
  {
    rule: 'spec: Authorization listed explicitly with `*` passes',
    method: 'GET',
    headers: { Authorization: 'Bearer x' },
    pf: ok({ 'Access-Control-Allow-Headers': '*, Authorization' }),
    code: null,
    profile: 'spec',
  },
  {
    rule: 'ACAO `*` on the preflight with credentials → PreflightWildcardOriginNotAllowed',
    credentials: 'include',
    pf: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT' },
    code: 'PreflightWildcardOriginNotAllowed',
  },
];

const STATUS: Row[] = [
  {
    rule: 'preflight 200 passes',
    status: 200,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: null,
  },
  {
    rule: 'preflight 204 passes',
    status: 204,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: null,
  },
  {
    rule: 'preflight 299 passes',
    status: 299,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: null,
  },
  {
    rule: 'preflight 400 → PreflightInvalidStatus',
    status: 400,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: 'PreflightInvalidStatus',
  },
  {
    rule: 'preflight 404 → PreflightInvalidStatus',
    status: 404,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: 'PreflightInvalidStatus',
  },
  {
    rule: 'preflight 500 → PreflightInvalidStatus',
    status: 500,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: 'PreflightInvalidStatus',
  },
  {
    rule: 'preflight 100 → PreflightInvalidStatus',
    status: 100,
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: 'PreflightInvalidStatus',
  },
  {
    rule: 'preflight 301 → PreflightDisallowedRedirect',
    status: 301,
    pf: ok({ Location: '/x' }),
    code: 'PreflightDisallowedRedirect',
  },
  {
    rule: 'preflight 307 → PreflightDisallowedRedirect (even without ACAO)',
    status: 307,
    pf: {},
    code: 'PreflightDisallowedRedirect',
  },
  {
    rule: 'CORS failure wins over a bad status: 403 without ACAO → PreflightMissingAllowOriginHeader',
    status: 403,
    pf: {},
    code: 'PreflightMissingAllowOriginHeader',
  },
];

const VALIDATION: Row[] = [
  {
    rule: 'preflight missing ACAO → PreflightMissingAllowOriginHeader',
    pf: { 'Access-Control-Allow-Methods': 'PUT' },
    code: 'PreflightMissingAllowOriginHeader',
  },
  {
    rule: 'preflight ACAO mismatch → PreflightAllowOriginMismatch',
    pf: { 'Access-Control-Allow-Origin': 'https://x.example', 'Access-Control-Allow-Methods': 'PUT' },
    code: 'PreflightAllowOriginMismatch',
  },
  {
    rule: 'preflight ACAO garbage → PreflightInvalidAllowOriginValue',
    pf: { 'Access-Control-Allow-Origin': 'nope', 'Access-Control-Allow-Methods': 'PUT' },
    code: 'PreflightInvalidAllowOriginValue',
  },
  {
    rule: 'preflight two ACAO lines → PreflightMultipleAllowOriginValues',
    pf: { 'Access-Control-Allow-Origin': [APP, APP], 'Access-Control-Allow-Methods': 'PUT' },
    code: 'PreflightMultipleAllowOriginValues',
  },
  {
    rule: 'preflight with credentials needs ACAC → PreflightInvalidAllowCredentials',
    credentials: 'include',
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
    code: 'PreflightInvalidAllowCredentials',
  },
  {
    rule: 'preflight with credentials and ACAC true passes',
    credentials: 'include',
    pf: ok({ 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Credentials': 'true' }),
    code: null,
  },
];

function check(row: Row) {
  const e = run(row);
  expect(e.corsError).toBe(row.code);
  if (row.param !== undefined) expect(e.failedParameter).toBe(row.param);
  if (row.code !== null) expect(e.failedOn).toBe('preflight');
  expect(e.preflight.needed).toBe(true);
  expect(e.preflight.observed).toBe(true);
}

describe('preflight: method', () => it.each(METHOD)('$rule', check));
describe('preflight: headers', () => it.each(HEADERS)('$rule', check));
describe('preflight: star', () => it.each(STAR)('$rule', check));
describe('preflight: status', () => it.each(STATUS)('$rule', check));
describe('preflight: validation', () => it.each(VALIDATION)('$rule', check));

type NeedRow = {
  rule: string;
  method: string;
  headers: Record<string, string>;
  needed: boolean;
  reasons: string[];
};

describe('preflight: needed or not (#cors-preflight-fetch)', () => {
  it.each<NeedRow>([
    { rule: 'simple GET needs none', method: 'GET', headers: {}, needed: false, reasons: [] },
    {
      rule: 'POST text/plain needs none',
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      needed: false,
      reasons: [],
    },
    { rule: 'PUT needs one for the method', method: 'PUT', headers: {}, needed: true, reasons: ['method'] },
    {
      rule: 'custom header needs one',
      method: 'GET',
      headers: { 'X-A': '1' },
      needed: true,
      reasons: ['header:x-a'],
    },
    {
      rule: 'DELETE with custom header gives both reasons',
      method: 'DELETE',
      headers: { 'X-A': '1' },
      needed: true,
      reasons: ['method', 'header:x-a'],
    },
    {
      rule: 'forbidden headers (Cookie, Referer, sec-*) never cause one',
      method: 'GET',
      headers: { Cookie: 'a=b', Referer: `${APP}/`, 'Sec-Fetch-Mode': 'cors', 'User-Agent': 'x' },
      needed: false,
      reasons: [],
    },
  ])('$rule', ({ method, headers, needed, reasons }) => {
    const e = evaluate(ex({ method, requestHeaders: h({ Origin: APP, ...headers }) }), { profile: 'chrome' });
    expect(e.preflight.needed).toBe(needed);
    expect(e.preflight.reasons).toEqual(reasons);
  });
  it('forcePreflight (XHR upload listener) needs one with reason forced', () => {
    const e = evaluate(ex({ forcePreflight: true }), { profile: 'chrome' });
    expect(e.preflight.needed).toBe(true);
    expect(e.preflight.reasons).toEqual(['forced']);
  });
  it('a preflight network error blocks without a CORS code', () => {
    const e = evaluate(
      ex({
        method: 'PUT',
        preflights: [pre(undefined, `${API}/data`, { networkError: 'net::ERR_CONNECTION_RESET' })],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBeNull();
    expect(e.trace.some((s) => s.rule === 'preflight.network-error' && s.outcome === 'fail')).toBe(true);
  });
  it('hiddenStatus carries a failing preflight status', () => {
    const e = run({
      rule: '',
      status: 500,
      pf: ok({ 'Access-Control-Allow-Methods': 'PUT' }),
      code: 'PreflightInvalidStatus',
    });
    expect(e.hiddenStatus).toBe(500);
    expect(e.warnings.some((w) => w.code === 'status-hidden-by-cors-error' && w.on === 'preflight')).toBe(
      true,
    );
  });
  it('a passing preflight is followed by the CORS check on the actual response', () => {
    const e = evaluate(
      ex({
        method: 'PUT',
        preflights: [pre(res(204, ok({ 'Access-Control-Allow-Methods': 'PUT' })))],
        response: res(200),
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    expect(e.corsError).toBe('MissingAllowOriginHeader');
    expect(e.failedOn).toBe('response');
  });
});
