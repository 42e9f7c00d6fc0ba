import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import {
  BROWSER_PROFILES,
  type BrowserProfile,
  type CorsErrorCode,
  type FirefoxReason,
  type ObservedExchange,
} from '../../../src/evaluator/types';
import { APP, ex, h, pre, res } from './fixtures';

const run = (o: Partial<ObservedExchange>, profile: BrowserProfile) => evaluate(ex(o), { profile });
const blockedBy = (headers: Record<string, string | string[]>, credentials: 'omit' | 'include' = 'omit') => ({
  credentials,
  response: res(200, headers),
  networkError: 'net::ERR_FAILED',
});

// Firefox reason keys (nsCORSListenerProxy, MDN CORS error pages).
describe('firefox profile: reason keys', () => {
  const rows: {
    rule: string;
    o: Partial<ObservedExchange>;
    code: CorsErrorCode;
    reason: FirefoxReason;
    /** The profiles the row holds for (default both: the lines are known to each). */
    profiles?: readonly BrowserProfile[];
  }[] = [
    {
      rule: 'missing ACAO → CORSMissingAllowOrigin',
      o: blockedBy({}),
      code: 'MissingAllowOriginHeader',
      reason: 'CORSMissingAllowOrigin',
    },
    {
      rule: '`*` with credentials → CORSNotSupportingCredentials',
      o: blockedBy({ 'Access-Control-Allow-Origin': '*' }, 'include'),
      code: 'WildcardOriginNotAllowed',
      reason: 'CORSNotSupportingCredentials',
    },
    {
      rule: 'two ACAO lines → CORSMultipleAllowOriginNotAllowed',
      o: blockedBy({ 'Access-Control-Allow-Origin': [APP, APP] }),
      code: 'MultipleAllowOriginValues',
      reason: 'CORSMultipleAllowOriginNotAllowed',
    },
    {
      rule: 'one `a, b` line (lines known) → CORSAllowOriginNotMatchingOrigin (seen in ESR 153)',
      o: blockedBy({ 'Access-Control-Allow-Origin': `${APP}, https://b.example` }),
      code: 'MultipleAllowOriginValues',
      reason: 'CORSAllowOriginNotMatchingOrigin',
      profiles: ['chrome'],
    },
    {
      rule: 'invalid value → CORSAllowOriginNotMatchingOrigin (no distinction)',
      o: blockedBy({ 'Access-Control-Allow-Origin': 'foo' }),
      code: 'InvalidAllowOriginValue',
      reason: 'CORSAllowOriginNotMatchingOrigin',
    },
    {
      rule: 'mismatch → CORSAllowOriginNotMatchingOrigin',
      o: blockedBy({ 'Access-Control-Allow-Origin': 'https://x.example' }),
      code: 'AllowOriginMismatch',
      reason: 'CORSAllowOriginNotMatchingOrigin',
    },
    {
      rule: 'missing ACAC → CORSMissingAllowCredentials',
      o: blockedBy({ 'Access-Control-Allow-Origin': APP }, 'include'),
      code: 'InvalidAllowCredentials',
      reason: 'CORSMissingAllowCredentials',
    },
    {
      rule: 'preflight 500 → CORSPreflightDidNotSucceed',
      o: {
        method: 'PUT',
        preflights: [pre(res(500, { 'Access-Control-Allow-Origin': APP }))],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      code: 'PreflightInvalidStatus',
      reason: 'CORSPreflightDidNotSucceed',
    },
    {
      rule: 'preflight 302 → CORSExternalRedirectNotAllowed',
      o: {
        method: 'PUT',
        preflights: [pre(res(302, { Location: '/x' }))],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      code: 'PreflightDisallowedRedirect',
      reason: 'CORSExternalRedirectNotAllowed',
    },
    {
      rule: 'bad ACAM → CORSInvalidAllowMethod',
      o: {
        method: 'PUT',
        preflights: [
          pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': '{PUT}' })),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      code: 'InvalidAllowMethodsPreflightResponse',
      reason: 'CORSInvalidAllowMethod',
    },
    {
      rule: 'bad ACAH → CORSInvalidAllowHeader',
      o: {
        requestHeaders: h({ 'X-A': '1' }),
        preflights: [
          pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': 'x a' })),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      code: 'InvalidAllowHeadersPreflightResponse',
      reason: 'CORSInvalidAllowHeader',
    },
    {
      rule: 'method not allowed → CORSMethodNotFound',
      o: {
        method: 'DELETE',
        preflights: [pre(res(204, { 'Access-Control-Allow-Origin': APP }))],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      code: 'MethodDisallowedByPreflightResponse',
      reason: 'CORSMethodNotFound',
    },
    {
      rule: 'header not allowed → CORSMissingAllowHeaderFromPreflight',
      o: {
        requestHeaders: h({ 'X-A': '1' }),
        preflights: [pre(res(204, { 'Access-Control-Allow-Origin': APP }))],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      },
      code: 'HeaderDisallowedByPreflightResponse',
      reason: 'CORSMissingAllowHeaderFromPreflight',
    },
    {
      rule: 'non-HTTP scheme → CORSRequestNotHttp',
      o: { url: 'ftp://x.example/a', response: undefined, networkError: 'net::ERR_FAILED' },
      code: 'CorsDisabledScheme',
      reason: 'CORSRequestNotHttp',
    },
  ];
  it.each(rows)('$rule', ({ o, code, reason, profiles = ['chrome', 'firefox'] }) => {
    for (const profile of profiles) {
      const e = run(o, profile);
      expect(e.corsError).toBe(code);
      expect(e.firefoxReason).toBe(reason);
      expect(e.profile).toBe(profile);
    }
  });
  it('a network failure of a CORS request → CORSDidNotSucceed', () => {
    expect(
      run({ response: undefined, networkError: 'net::ERR_CONNECTION_REFUSED' }, 'firefox').firefoxReason,
    ).toBe('CORSDidNotSucceed');
  });
  it('allowed → no firefox reason', () => {
    expect(run({}, 'firefox').firefoxReason).toBeNull();
  });
});

describe('browser differences', () => {
  const authStar = {
    requestHeaders: h({ Authorization: 'Bearer t' }),
    preflights: [pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': '*' }))],
  };
  it('chrome: `*` covers Authorization → allowed, warns, and says the spec blocks', () => {
    const e = run(authStar, 'chrome');
    expect(e.verdict).toBe('allowed');
    expect(e.warnings).toContainEqual(
      expect.objectContaining({ code: 'authorization-covered-by-wildcard', subject: 'authorization' }),
    );
    expect(e.warnings).toContainEqual(
      expect.objectContaining({ code: 'browser-difference', detail: 'spec:blocked' }),
    );
    expect(e.trace.find((s) => s.rule === 'preflight.authorization')?.deviation).toBe('chrome');
  });
  it('firefox: same as chrome, deviation firefox', () => {
    const e = run(authStar, 'firefox');
    expect(e.verdict).toBe('allowed');
    expect(e.trace.find((s) => s.rule === 'preflight.authorization')?.deviation).toBe('firefox');
  });
  it('spec: blocks and says chrome and firefox allow', () => {
    const e = run(authStar, 'spec');
    expect(e.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(e.failedParameter).toBe('authorization');
    const details = e.warnings.filter((w) => w.code === 'browser-difference').map((w) => w.detail);
    expect(details).toEqual(expect.arrayContaining(['chrome:allowed', 'firefox:allowed']));
  });
  it('seen through Firefox (lines merged), one `a, b` line is ambiguous: no reason claimed, and a warning says why', () => {
    const e = run(blockedBy({ 'Access-Control-Allow-Origin': `${APP}, *` }), 'firefox');
    expect(e.corsError).toBe('MultipleAllowOriginValues');
    expect(e.firefoxReason).toBeNull();
    expect(e.warnings.map((w) => w.code)).toContain('firefox-lines-merged');
    const two = run(blockedBy({ 'Access-Control-Allow-Origin': [APP, '*'] }), 'firefox');
    expect(two.firefoxReason).toBe('CORSMultipleAllowOriginNotAllowed');
    expect(two.warnings.map((w) => w.code)).not.toContain('firefox-lines-merged');
  });
  it('chrome: a one-line `a, b` ACAO is "does not match" in Firefox: no difference warning', () => {
    const e = run(blockedBy({ 'Access-Control-Allow-Origin': `${APP}, https://b.example` }), 'chrome');
    expect(e.firefoxReason).toBe('CORSAllowOriginNotMatchingOrigin');
    expect(e.warnings.some((w) => w.code === 'browser-difference' && w.detail?.startsWith('firefox:'))).toBe(
      false,
    );
  });
  it('chrome: two ACAO lines are "multiple" in both browsers: no difference warning', () => {
    const e = run(blockedBy({ 'Access-Control-Allow-Origin': [APP, APP] }), 'chrome');
    expect(e.warnings.some((w) => w.code === 'browser-difference')).toBe(false);
  });
  it('chrome: a client hint needs no preflight in Chrome, but does in Firefox/spec', () => {
    const e = run({ requestHeaders: h({ Origin: APP, DPR: '2' }) }, 'chrome');
    expect(e.preflight.needed).toBe(false);
    const f = run({ requestHeaders: h({ Origin: APP, DPR: '2' }) }, 'firefox');
    expect(f.preflight.needed).toBe(true);
    expect(f.preflight.reasons).toEqual(['header:dpr']);
  });
  it('an unknown profile falls back to chrome', () => {
    expect(evaluate(ex({}), { profile: 'opera' as unknown as BrowserProfile }).profile).toBe('chrome');
  });
  it('byProfile: every profile decision on one exchange, the evaluated one included', () => {
    const e = run(authStar, 'chrome');
    expect(e.byProfile.chrome).toEqual({
      verdict: 'allowed',
      corsError: null,
      failedParameter: null,
      blockedReason: null,
    });
    expect(e.byProfile.firefox.verdict).toBe('allowed');
    expect(e.byProfile.spec).toEqual({
      verdict: 'blocked',
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'authorization',
      blockedReason: null,
    });
    expect(run(authStar, 'spec').byProfile).toEqual(e.byProfile);
  });
  it('byProfile: the same decision everywhere when no profile rule was hit', () => {
    const e = run(blockedBy({}), 'firefox');
    for (const profile of BROWSER_PROFILES) {
      expect(e.byProfile[profile]).toEqual({
        verdict: 'blocked',
        corsError: 'MissingAllowOriginHeader',
        failedParameter: null,
        blockedReason: null,
      });
    }
  });
  it('no difference warnings on an ordinary exchange', () => {
    expect(run({}, 'chrome').warnings.filter((w) => w.code === 'browser-difference')).toEqual([]);
  });
});
