import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { ObservedExchange, WarningCode } from '../../../src/evaluator/types';
import { API, APP, ex, h, pre, res } from './fixtures';

const run = (o: Partial<ObservedExchange>) => evaluate(ex(o), { profile: 'chrome' });
const codes = (o: Partial<ObservedExchange>) => run(o).warnings.map((w) => w.code);

describe('warnings', () => {
  const rows: { rule: string; o: Partial<ObservedExchange>; has: WarningCode[]; lacks: WarningCode[] }[] = [
    {
      rule: 'origin-reflected-with-credentials: ACAO = origin, ACAC true, include, no Vary',
      o: {
        credentials: 'include',
        response: res(200, {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
        }),
      },
      has: ['origin-reflected-with-credentials', 'missing-vary-origin'],
      lacks: [],
    },
    {
      rule: 'no reflection warning when Vary: Origin is present (an allow-list server)',
      o: {
        credentials: 'include',
        response: res(200, {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
          Vary: 'Accept-Encoding, Origin',
        }),
      },
      has: [],
      lacks: ['origin-reflected-with-credentials', 'missing-vary-origin'],
    },
    {
      rule: 'no reflection warning without credentials',
      o: { response: res(200, { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' }) },
      has: [],
      lacks: ['origin-reflected-with-credentials'],
    },
    {
      rule: 'missing-vary-origin: a specific ACAO without Vary',
      o: { response: res(200, { 'Access-Control-Allow-Origin': APP }) },
      has: ['missing-vary-origin'],
      lacks: [],
    },
    {
      rule: 'Vary: * covers Origin',
      o: { response: res(200, { 'Access-Control-Allow-Origin': APP, Vary: '*' }) },
      has: [],
      lacks: ['missing-vary-origin'],
    },
    {
      rule: 'ACAO `*` needs no Vary',
      o: { response: res(200, { 'Access-Control-Allow-Origin': '*' }) },
      has: [],
      lacks: ['missing-vary-origin'],
    },
    {
      rule: 'null-origin-allowed: ACAO null',
      o: { response: res(200, { 'Access-Control-Allow-Origin': 'null' }), networkError: 'net::ERR_FAILED' },
      has: ['null-origin-allowed'],
      lacks: [],
    },
    {
      rule: 'set-cookie-ignored: Set-Cookie without credentials',
      o: { response: res(200, { 'Access-Control-Allow-Origin': '*', 'Set-Cookie': 'sid=1' }) },
      has: ['set-cookie-ignored'],
      lacks: [],
    },
    {
      rule: 'no set-cookie-ignored with credentials',
      o: {
        credentials: 'include',
        response: res(200, {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
          Vary: 'Origin',
          'Set-Cookie': 'sid=1',
        }),
      },
      has: [],
      lacks: ['set-cookie-ignored'],
    },
    {
      rule: 'no set-cookie-ignored same-origin',
      o: { url: `${APP}/x`, response: res(200, { 'Set-Cookie': 'sid=1' }) },
      has: [],
      lacks: ['set-cookie-ignored'],
    },
    {
      rule: 'status-hidden-by-cors-error on a 500 without ACAO',
      o: { response: res(500), networkError: 'net::ERR_FAILED' },
      has: ['status-hidden-by-cors-error'],
      lacks: [],
    },
    {
      rule: 'wildcard-literal-with-credentials on ACAM `*`',
      o: {
        method: 'PUT',
        credentials: 'include',
        preflights: [
          pre(
            res(204, {
              'Access-Control-Allow-Origin': APP,
              'Access-Control-Allow-Credentials': 'true',
              'Access-Control-Allow-Methods': '*, PUT',
            }),
          ),
        ],
        response: res(200, {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
          Vary: 'Origin',
        }),
      },
      has: ['wildcard-literal-with-credentials'],
      lacks: [],
    },
    {
      rule: 'wildcard-literal-with-credentials on ACAH `*`',
      o: {
        credentials: 'include',
        requestHeaders: h({ 'X-A': '1' }),
        preflights: [
          pre(
            res(204, {
              'Access-Control-Allow-Origin': APP,
              'Access-Control-Allow-Credentials': 'true',
              'Access-Control-Allow-Headers': '*',
            }),
          ),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      has: ['wildcard-literal-with-credentials'],
      lacks: [],
    },
    {
      rule: 'a clean exchange has no warnings',
      o: { response: res(200, { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' }) },
      has: [],
      lacks: ['missing-vary-origin', 'malformed-input', 'credentials-inferred'],
    },
  ];
  it.each(rows)('$rule', ({ o, has, lacks }) => {
    const got = codes(o);
    for (const code of has) expect(got).toContain(code);
    for (const code of lacks) expect(got).not.toContain(code);
  });
  it('warnings are not repeated', () => {
    const got = codes({ response: res(200, { 'Access-Control-Allow-Origin': APP }) });
    expect(got.filter((c) => c === 'missing-vary-origin')).toHaveLength(1);
  });
});

describe('fixes with exact header values', () => {
  it('missing ACAO: allow-list the observed origin, with Vary', () => {
    const e = run({ response: res(200), networkError: 'net::ERR_FAILED' });
    expect(e.fix).toEqual([
      {
        on: 'response',
        url: `${API}/data`,
        method: 'GET',
        setHeaders: [
          { name: 'Access-Control-Allow-Origin', value: APP },
          { name: 'Vary', value: 'Origin' },
        ],
        removeHeaders: [],
      },
    ]);
  });
  it('credentials: never `*`, add ACAC true', () => {
    const e = run({
      credentials: 'include',
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.fix[0]?.setHeaders).toEqual([
      { name: 'Access-Control-Allow-Origin', value: APP },
      { name: 'Access-Control-Allow-Credentials', value: 'true' },
      { name: 'Vary', value: 'Origin' },
    ]);
  });
  it('duplicate ACAO lines: remove them and send one', () => {
    const e = run({
      response: res(200, { 'Access-Control-Allow-Origin': [APP, APP] }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.fix[0]?.removeHeaders).toEqual(['access-control-allow-origin']);
    expect(e.fix[0]?.setHeaders[0]).toEqual({ name: 'Access-Control-Allow-Origin', value: APP });
  });
  it('preflight: ACAM lists the method, ACAH the exact unsafe names, then the actual response', () => {
    const e = run({
      method: 'patch',
      requestHeaders: h({ Origin: APP, 'X-Trace-Id': '1', 'Content-Type': 'application/json' }),
      preflights: [pre(res(204, { 'Access-Control-Allow-Origin': APP }))],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(e.fix[0]).toEqual({
      on: 'preflight',
      url: `${API}/data`,
      method: 'OPTIONS',
      setHeaders: [
        { name: 'Access-Control-Allow-Origin', value: APP },
        { name: 'Vary', value: 'Origin' },
        { name: 'Access-Control-Allow-Methods', value: 'patch' },
        { name: 'Access-Control-Allow-Headers', value: 'content-type, x-trace-id' },
      ],
      removeHeaders: [],
      status: undefined,
    });
    expect(e.fix[1]).toMatchObject({ on: 'response', method: 'patch' });
  });
  it('preflight bad status: answer 204', () => {
    const e = run({
      method: 'PUT',
      preflights: [pre(res(405, { 'Access-Control-Allow-Origin': APP }))],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.fix[0]).toMatchObject({ on: 'preflight', status: 204 });
  });
  it('preflight redirect: answer 204 and drop Location', () => {
    const e = run({
      method: 'PUT',
      preflights: [pre(res(301, { Location: '/login' }))],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.fix[0]).toMatchObject({ on: 'preflight', status: 204, removeHeaders: ['location'] });
  });
  it('RedirectContainsCredentials: Location without userinfo, and the page change', () => {
    const e = run({
      redirects: [
        {
          url: `${API}/data`,
          location: 'https://u:p@cdn.example/x?y=1',
          response: res(302, { 'Access-Control-Allow-Origin': '*' }),
        },
      ],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.fix).toEqual([
      {
        on: 'redirect',
        url: `${API}/data`,
        method: 'GET',
        setHeaders: [{ name: 'Location', value: 'https://cdn.example/x?y=1' }],
        removeHeaders: [],
        pageChange: 'drop-userinfo',
      },
    ]);
  });
  it('allowed with missing Vary: a Vary fix', () => {
    expect(run({}).fix).toEqual([
      {
        on: 'response',
        url: `${API}/data`,
        method: 'GET',
        setHeaders: [{ name: 'Vary', value: 'Origin' }],
        removeHeaders: [],
      },
    ]);
  });
  it('allowed and clean: no fix', () => {
    expect(run({ response: res(200, { 'Access-Control-Allow-Origin': '*' }) }).fix).toEqual([]);
  });
  it('fix never reflects: ACAO is the origin that was sent, not another one from the response', () => {
    const e = run({
      response: res(200, { 'Access-Control-Allow-Origin': 'https://other.example' }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.fix[0]?.setHeaders[0]?.value).toBe(APP);
  });
});

describe('credentials inference', () => {
  const unknown = (o: Partial<ObservedExchange>) =>
    evaluate({ ...ex(o), credentials: undefined }, { profile: 'chrome' });
  it('ACAO = origin with ACAC true and delivered: both fit, omit chosen', () => {
    const e = unknown({
      response: res(200, {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        Vary: 'Origin',
      }),
    });
    expect(e.credentials).toEqual({ mode: 'omit', provenance: 'inferred' });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.find((s) => s.rule === 'request.credentials-inferred')?.detail).toBe('both-fit');
    expect(e.warnings.map((w) => w.code)).toContain('credentials-inferred');
  });
  it('ACAO `*` and ERR_FAILED: only include explains the block', () => {
    const e = unknown({
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.credentials.mode).toBe('include');
    expect(e.corsError).toBe('WildcardOriginNotAllowed');
  });
  it('ACAO `*` and delivered: only omit fits', () => {
    const e = unknown({ response: res(200, { 'Access-Control-Allow-Origin': '*' }) });
    expect(e.credentials.mode).toBe('omit');
    expect(e.trace.find((s) => s.rule === 'request.credentials-inferred')?.detail).toBe('outcome-fits');
  });
  it('origin without ACAC and ERR_FAILED: include (InvalidAllowCredentials)', () => {
    const e = unknown({
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.credentials.mode).toBe('include');
    expect(e.corsError).toBe('InvalidAllowCredentials');
  });
  it('origin without ACAC and delivered: omit', () => {
    const e = unknown({ response: res(200, { 'Access-Control-Allow-Origin': APP }) });
    expect(e.credentials.mode).toBe('omit');
    expect(e.verdict).toBe('allowed');
  });
  it('neither fits: omit, with an outcome.consistency fail step', () => {
    const e = unknown({
      response: res(200, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true' }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.credentials.mode).toBe('omit');
    expect(e.trace.find((s) => s.rule === 'request.credentials-inferred')?.detail).toBe('none-fits');
    expect(e.trace.some((s) => s.rule === 'outcome.consistency' && s.outcome === 'fail')).toBe(true);
  });
  it('page outcome rejected counts as failed', () => {
    const e = unknown({
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
      pageOutcome: { kind: 'rejected', message: 'Failed to fetch' },
    });
    expect(e.credentials.mode).toBe('include');
  });
  it('known credentials are reported with page provenance', () => {
    expect(run({}).credentials).toEqual({ mode: 'omit', provenance: 'page' });
  });
});

describe('findings on the right message', () => {
  it('a failing preflight does not get Vary/reflection warnings meant for the actual response', () => {
    const e = run({
      requestHeaders: h({ Origin: APP, 'X-A': '1' }),
      preflights: [pre(res(204, { 'Access-Control-Allow-Origin': APP }))],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.warnings.map((w) => w.code)).not.toContain('missing-vary-origin');
  });
  it('needed preflight not observed and ERR_FAILED without response: network error hints preflight-not-observed', () => {
    const e = run({ method: 'PUT', response: undefined, networkError: 'net::ERR_FAILED' });
    expect(e.corsError).toBeNull();
    expect(e.trace.find((s) => s.rule === 'response.network-error')?.detail).toBe('preflight-not-observed');
  });
});
