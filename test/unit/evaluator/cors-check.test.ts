import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { CorsErrorCode, CredentialsMode } from '../../../src/evaluator/types';
import { APP, ex, res } from './fixtures';

type Row = {
  rule: string;
  acao?: string | string[];
  acac?: string;
  credentials?: CredentialsMode;
  code: CorsErrorCode | null;
  param?: string | null;
};

function run(row: Row) {
  const headers: Record<string, string | string[]> = {};
  if (row.acao !== undefined) headers['Access-Control-Allow-Origin'] = row.acao;
  if (row.acac !== undefined) headers['Access-Control-Allow-Credentials'] = row.acac;
  return evaluate(ex({ credentials: row.credentials ?? 'omit', response: res(200, headers) }), {
    profile: 'chrome',
  });
}

// web-platform-tests fetch/api/cors/cors-origin, cors-basic, and Chromium's CheckAccess order.
const ORIGIN_MATCHING: Row[] = [
  { rule: 'ACAO equal to the origin passes', acao: APP, code: null },
  { rule: '`*` passes without credentials', acao: '*', code: null },
  { rule: 'surrounding whitespace is trimmed: "  *  " passes', acao: '  *  ', code: null },
  { rule: 'surrounding whitespace around the origin is trimmed', acao: ` ${APP}\t`, code: null },
  { rule: 'missing ACAO → MissingAllowOriginHeader', code: 'MissingAllowOriginHeader', param: null },
  {
    rule: 'trailing slash → AllowOriginMismatch',
    acao: `${APP}/`,
    code: 'AllowOriginMismatch',
    param: `${APP}/`,
  },
  {
    rule: 'upper-case host → AllowOriginMismatch (byte equality)',
    acao: 'https://APP.example',
    code: 'AllowOriginMismatch',
  },
  { rule: 'other port → AllowOriginMismatch', acao: 'https://app.example:8443', code: 'AllowOriginMismatch' },
  { rule: 'other scheme → AllowOriginMismatch', acao: 'http://app.example', code: 'AllowOriginMismatch' },
  { rule: 'another origin → AllowOriginMismatch', acao: 'https://evil.example', code: 'AllowOriginMismatch' },
  {
    rule: '`null` from a real origin → AllowOriginMismatch',
    acao: 'null',
    code: 'AllowOriginMismatch',
    param: 'null',
  },
  { rule: 'empty value → InvalidAllowOriginValue', acao: '', code: 'InvalidAllowOriginValue', param: '' },
  { rule: 'bare word → InvalidAllowOriginValue', acao: 'foo', code: 'InvalidAllowOriginValue', param: 'foo' },
  {
    rule: 'host without scheme → InvalidAllowOriginValue',
    acao: 'app.example',
    code: 'InvalidAllowOriginValue',
  },
  {
    rule: 'two values on one line → MultipleAllowOriginValues',
    acao: `${APP}, https://b.example`,
    code: 'MultipleAllowOriginValues',
    param: `${APP}, https://b.example`,
  },
  {
    rule: 'two lines combine → MultipleAllowOriginValues',
    acao: [APP, 'https://b.example'],
    code: 'MultipleAllowOriginValues',
    param: `${APP}, https://b.example`,
  },
  {
    rule: 'the same origin twice on two lines still fails (combined `a, a`)',
    acao: [APP, APP],
    code: 'MultipleAllowOriginValues',
  },
  {
    rule: 'space-separated values → MultipleAllowOriginValues',
    acao: `${APP} https://b.example`,
    code: 'MultipleAllowOriginValues',
  },
  {
    rule: '`*` and origin on two lines → MultipleAllowOriginValues',
    acao: ['*', APP],
    code: 'MultipleAllowOriginValues',
  },
  {
    rule: 'comma inside garbage is reported as multiple before invalid',
    acao: 'foo,bar',
    code: 'MultipleAllowOriginValues',
  },
];

const CREDENTIALS: Row[] = [
  {
    rule: '`*` with credentials → WildcardOriginNotAllowed',
    acao: '*',
    acac: 'true',
    credentials: 'include',
    code: 'WildcardOriginNotAllowed',
    param: null,
  },
  {
    rule: '`*` with credentials is reported before missing ACAC',
    acao: '*',
    credentials: 'include',
    code: 'WildcardOriginNotAllowed',
  },
  {
    rule: 'origin + ACAC true with credentials passes',
    acao: APP,
    acac: 'true',
    credentials: 'include',
    code: null,
  },
  {
    rule: 'origin without ACAC with credentials → InvalidAllowCredentials ""',
    acao: APP,
    credentials: 'include',
    code: 'InvalidAllowCredentials',
    param: '',
  },
  {
    rule: 'ACAC `TRUE` is not exactly `true`',
    acao: APP,
    acac: 'TRUE',
    credentials: 'include',
    code: 'InvalidAllowCredentials',
    param: 'TRUE',
  },
  {
    rule: 'ACAC `false` → InvalidAllowCredentials',
    acao: APP,
    acac: 'false',
    credentials: 'include',
    code: 'InvalidAllowCredentials',
    param: 'false',
  },
  {
    rule: 'ACAC `1` → InvalidAllowCredentials',
    acao: APP,
    acac: '1',
    credentials: 'include',
    code: 'InvalidAllowCredentials',
  },
  { rule: 'ACAC is ignored without credentials', acao: APP, acac: 'false', credentials: 'omit', code: null },
  {
    rule: 'same-origin credentials mode is omit for a cross-origin URL',
    acao: '*',
    credentials: 'same-origin',
    code: null,
  },
  {
    rule: 'mismatch is reported before credentials',
    acao: 'https://b.example',
    credentials: 'include',
    code: 'AllowOriginMismatch',
  },
  {
    rule: 'missing ACAO with credentials → MissingAllowOriginHeader',
    credentials: 'include',
    code: 'MissingAllowOriginHeader',
  },
];

describe('cors check: origin matching (#concept-cors-check)', () => {
  it.each(ORIGIN_MATCHING)('$rule', (row) => {
    const e = run(row);
    expect(e.corsError).toBe(row.code);
    expect(e.verdict).toBe(row.code === null ? 'allowed' : 'blocked');
    if (row.param !== undefined) expect(e.failedParameter).toBe(row.param);
    if (row.code !== null) expect(e.failedOn).toBe('response');
  });
});

describe('cors check: credentials', () => {
  it.each(CREDENTIALS)('$rule', (row) => {
    const e = run(row);
    expect(e.corsError).toBe(row.code);
    if (row.param !== undefined) expect(e.failedParameter).toBe(row.param);
  });
});

describe('cors check: trace', () => {
  it('records passing steps in order and the failing one last', () => {
    const e = evaluate(
      ex({
        credentials: 'include',
        response: res(200, { 'Access-Control-Allow-Origin': APP }),
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    const rules = e.trace.map((s) => `${s.rule}:${s.outcome}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'cors.allow-origin.present:pass',
        'cors.allow-origin.match:pass',
        'cors.allow-credentials:fail',
      ]),
    );
    expect(rules.at(-1)).toBe('cors.allow-credentials:fail');
  });
  it('adds an outcome.consistency fail step when the page got a response we would block', () => {
    const e = run({ rule: '', acao: APP, credentials: 'include', code: 'InvalidAllowCredentials' });
    const last = e.trace.at(-1);
    expect(last?.rule).toBe('outcome.consistency');
    expect(last?.detail).toBe('observed-delivered');
  });
  it('no consistency step when the observation agrees', () => {
    const e = evaluate(ex({ response: res(200), networkError: 'net::ERR_FAILED' }), { profile: 'chrome' });
    expect(e.trace.some((s) => s.rule === 'outcome.consistency')).toBe(false);
  });
  it('marks a trailing-slash mismatch with a detail code', () => {
    const e = run({ rule: '', acao: `${APP}/`, code: 'AllowOriginMismatch' });
    expect(e.trace.find((s) => s.rule === 'cors.allow-origin.match')?.detail).toBe('trailing-slash');
  });
  it('hiddenStatus is the status JS could not see', () => {
    const e = evaluate(ex({ response: res(503) }), { profile: 'chrome' });
    expect(e.hiddenStatus).toBe(503);
    expect(e.warnings.map((w) => w.code)).toContain('status-hidden-by-cors-error');
  });
  it('hiddenStatus is null when allowed', () => {
    expect(
      evaluate(ex({ response: res(404, { 'Access-Control-Allow-Origin': '*' }) }), { profile: 'chrome' })
        .hiddenStatus,
    ).toBeNull();
  });
  it('no status-hidden warning for a 2xx blocked response', () => {
    const e = evaluate(ex({ response: res(200) }), { profile: 'chrome' });
    expect(e.hiddenStatus).toBe(200);
    expect(e.warnings.map((w) => w.code)).not.toContain('status-hidden-by-cors-error');
  });
});
