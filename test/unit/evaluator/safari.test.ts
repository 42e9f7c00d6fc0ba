import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import type {
  BrowserProfile,
  ObservedExchange,
  RedirectHop,
  SafariReason,
} from '../../../src/evaluator/types';
import { API, APP, ex, h, pre, res } from './fixtures';

// WebKit's rules and console message families, as seen in WebKitGTK 2.50.6 (test/e2e/webkit.test.ts)
// and read in WebCore (CrossOriginAccessControl.cpp, CrossOriginPreflightChecker.cpp,
// CrossOriginPreflightResultCache.cpp): see src/evaluator/safari.ts.
const run = (o: Partial<ObservedExchange>, profile: BrowserProfile = 'safari') =>
  evaluate(ex(o), { profile });
const failed = { response: undefined, networkError: 'webkit: load failed' } as const;
const blockedBy = (headers: Record<string, string | string[]>, credentials: 'omit' | 'include' = 'omit') => ({
  credentials,
  response: res(200, headers),
  networkError: 'webkit: load failed',
});
const preflighted = (
  headers: Record<string, string | string[]>,
  status = 204,
  extra: Partial<ObservedExchange> = {},
) => ({
  method: 'PUT',
  preflights: [pre(res(status, headers))],
  ...failed,
  ...extra,
});
const hop = (location: string, headers: Record<string, string> = {}): RedirectHop => ({
  url: `${API}/data`,
  location,
  response: res(302, { Location: location, ...headers }),
});

describe('safari profile: one reason key per WebKit console message', () => {
  const rows: { rule: string; o: Partial<ObservedExchange>; reason: SafariReason | null }[] = [
    { rule: 'missing ACAO → OriginNotAllowed', o: blockedBy({}), reason: 'OriginNotAllowed' },
    {
      rule: 'empty ACAO → OriginNotAllowed',
      o: blockedBy({ 'Access-Control-Allow-Origin': '' }),
      reason: 'OriginNotAllowed',
    },
    {
      rule: 'unparsable ACAO → OriginNotAllowed',
      o: blockedBy({ 'Access-Control-Allow-Origin': 'foo' }),
      reason: 'OriginNotAllowed',
    },
    {
      rule: 'ACAO null → OriginNotAllowed',
      o: blockedBy({ 'Access-Control-Allow-Origin': 'null' }),
      reason: 'OriginNotAllowed',
    },
    {
      rule: 'another origin → OriginNotAllowed',
      o: blockedBy({ 'Access-Control-Allow-Origin': 'https://x.example' }),
      reason: 'OriginNotAllowed',
    },
    {
      rule: 'two ACAO lines → MultipleAllowOrigin',
      o: blockedBy({ 'Access-Control-Allow-Origin': [APP, APP] }),
      reason: 'MultipleAllowOrigin',
    },
    {
      rule: 'one `a, b` line → MultipleAllowOrigin',
      o: blockedBy({ 'Access-Control-Allow-Origin': `${APP}, https://b.example` }),
      reason: 'MultipleAllowOrigin',
    },
    {
      rule: '`*` with credentials → WildcardWithCredentials',
      o: blockedBy({ 'Access-Control-Allow-Origin': '*' }, 'include'),
      reason: 'WildcardWithCredentials',
    },
    {
      rule: 'no ACAC with credentials → CredentialsNotTrue',
      o: blockedBy({ 'Access-Control-Allow-Origin': APP }, 'include'),
      reason: 'CredentialsNotTrue',
    },
    {
      rule: 'preflight 404 → PreflightNotSuccessful',
      o: preflighted({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' }, 404),
      reason: 'PreflightNotSuccessful',
    },
    {
      rule: 'preflight 302 → PreflightNotSuccessful (a redirect is "not successful")',
      o: preflighted({ 'Access-Control-Allow-Origin': APP, Location: `${API}/x` }, 302),
      reason: 'PreflightNotSuccessful',
    },
    {
      rule: 'preflight without ACAO → OriginNotAllowed',
      o: preflighted({ 'Access-Control-Allow-Methods': 'PUT' }),
      reason: 'OriginNotAllowed',
    },
    {
      rule: 'method not listed → MethodNotAllowed',
      o: preflighted({ 'Access-Control-Allow-Origin': APP }),
      reason: 'MethodNotAllowed',
    },
    {
      rule: 'header not listed → HeaderNotAllowed',
      o: preflighted({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' }, 204, {
        requestHeaders: h({ Origin: APP, 'X-A': '1' }),
      }),
      reason: 'HeaderNotAllowed',
    },
    {
      rule: 'unparsable ACAM → InvalidAllowMethods',
      o: preflighted({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT, P(T' }),
      reason: 'InvalidAllowMethods',
    },
    {
      rule: 'unparsable ACAH → InvalidAllowHeaders',
      o: preflighted({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': 'x a' }, 204, {
        method: 'GET',
        requestHeaders: h({ Origin: APP, 'X-A': '1' }),
      }),
      reason: 'InvalidAllowHeaders',
    },
    {
      rule: 'a redirect hop failing the CORS check → RedirectDenied',
      o: { redirects: [hop(`${API}/v2`)], ...failed },
      reason: 'RedirectDenied',
    },
    {
      rule: 'a Location with userinfo → RedirectHasCredentials',
      o: {
        redirects: [hop('https://user:pw@cdn.example/x', { 'Access-Control-Allow-Origin': '*' })],
        ...failed,
      },
      reason: 'RedirectHasCredentials',
    },
    {
      rule: 'CORP same-origin on a no-cors load → CrossOriginResourcePolicy',
      o: {
        mode: 'no-cors',
        destination: 'image',
        requestHeaders: [],
        response: res(200, { 'Cross-Origin-Resource-Policy': 'same-origin' }),
        networkError: 'webkit: load failed',
      },
      reason: 'CrossOriginResourcePolicy',
    },
    {
      rule: 'no-cors with redirect manual → NoCorsRequiresFollow',
      o: {
        mode: 'no-cors',
        redirect: 'manual',
        requestHeaders: [],
        response: undefined,
        refusedByRenderer: true,
      },
      reason: 'NoCorsRequiresFollow',
    },
    {
      rule: 'same-origin mode, cross-origin URL → SameOriginMode',
      o: { mode: 'same-origin', response: undefined, refusedByRenderer: true },
      reason: 'SameOriginMode',
    },
    {
      rule: 'non-HTTP scheme → OnlyHttp',
      o: { url: 'ftp://x.example/a', ...failed },
      reason: 'OnlyHttp',
    },
    {
      rule: 'a network failure → no reason (WebKit logs no CORS message)',
      o: { response: undefined, networkError: 'connection refused' },
      reason: null,
    },
    { rule: 'allowed → no reason', o: {}, reason: null },
  ];
  it.each(rows)('$rule', ({ o, reason }) => {
    const e = run(o);
    expect(e.profile).toBe('safari');
    expect(e.safariReason).toBe(reason);
    expect(e.verdict).toBe(reason === null && o.networkError === undefined ? 'allowed' : 'blocked');
  });
  it('the other profiles carry the Safari key too (same failure, WebKit words)', () => {
    expect(run(blockedBy({}), 'chrome').safariReason).toBe('OriginNotAllowed');
    expect(run(blockedBy({}), 'firefox').safariReason).toBe('OriginNotAllowed');
  });
});

describe('safari profile: where WebKit departs from Chromium', () => {
  it('preflight: a bad status wins over a failing CORS check (status checked first)', () => {
    const o = preflighted({}, 405);
    const safari = run(o);
    expect(safari.corsError).toBe('PreflightInvalidStatus');
    expect(safari.safariReason).toBe('PreflightNotSuccessful');
    const chrome = run(o, 'chrome');
    expect(chrome.corsError).toBe('PreflightMissingAllowOriginHeader');
    expect(chrome.byProfile.safari.corsError).toBe('PreflightInvalidStatus');
    // The Safari reason is WebKit's own, also on a chrome evaluation.
    expect(chrome.safariReason).toBe('PreflightNotSuccessful');
    expect(chrome.warnings).toContainEqual(
      expect.objectContaining({ code: 'browser-difference', detail: 'safari:PreflightNotSuccessful' }),
    );
  });
  it('preflight: an ok status still runs the CORS check first', () => {
    expect(run(preflighted({}, 200)).corsError).toBe('PreflightMissingAllowOriginHeader');
  });
  it.each([
    ['7200', 'chrome', 7200],
    ['7200', 'safari', 600],
    ['600', 'safari', 600],
    ['86400', 'firefox', 86400],
    ['-1', 'safari', 0],
    ['soon', 'safari', 5],
  ] as const)('Access-Control-Max-Age %s under %s → cached %i s', (maxAge, profile, seconds) => {
    const e = run(
      {
        method: 'PUT',
        preflights: [
          pre(
            res(204, {
              'Access-Control-Allow-Origin': APP,
              'Access-Control-Allow-Methods': 'PUT',
              'Access-Control-Max-Age': maxAge,
            }),
          ),
        ],
      },
      profile,
    );
    expect(e.verdict).toBe('allowed');
    expect(e.preflight.cacheSeconds).toBe(seconds);
    const capped = e.warnings.find((w) => w.code === 'preflight-max-age-capped');
    expect(capped?.detail).toBe(
      profile === 'safari' && seconds === 600 && maxAge !== '600' ? 'safari:600' : undefined,
    );
  });
  it('`*` in ACAH covers Authorization (like Chromium; the spec blocks), deviation safari', () => {
    const e = run({
      requestHeaders: h({ Origin: APP, Authorization: 'Bearer t' }),
      preflights: [
        pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': '*' })),
      ],
    });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.find((s) => s.rule === 'preflight.authorization')?.deviation).toBe('safari');
    expect(e.byProfile.spec.verdict).toBe('blocked');
  });
  it.each([
    ['patch', 'PATCH', 'blocked'],
    ['PATCH', 'patch', 'blocked'],
    ['PATCH', 'PATCH', 'allowed'],
  ] as const)(
    'method %s against ACAM %s → %s (compared as sent, case-sensitive)',
    (method, acam, verdict) => {
      const e = run({
        method,
        preflights: [
          pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': acam })),
        ],
      });
      expect(e.verdict).toBe(verdict);
      if (verdict === 'blocked') expect(e.safariReason).toBe('MethodNotAllowed');
    },
  );
  it.each(['DPR', 'Viewport-Width', 'Save-Data'])(
    'client hint %s is not safelisted: preflight needed',
    (name) => {
      const e = run({ requestHeaders: h({ Origin: APP, [name]: '2' }) });
      expect(e.preflight.needed).toBe(true);
      expect(e.preflight.reasons).toEqual([`header:${name.toLowerCase()}`]);
    },
  );
  it('byProfile carries safari for every exchange', () => {
    expect(run(blockedBy({}), 'chrome').byProfile.safari).toEqual({
      verdict: 'blocked',
      corsError: 'MissingAllowOriginHeader',
      failedParameter: null,
      blockedReason: null,
    });
  });
});
