import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import { BROWSER_PROFILES, type BrowserProfile, type ObservedExchange } from '../../../src/evaluator/types';
import { API, APP, ex, h, pre, res } from './fixtures';

const run = (o: Partial<ObservedExchange>, profile: BrowserProfile = 'chrome') =>
  evaluate(ex(o), { profile });

// #cors-safelisted-response-header-name, Access-Control-Expose-Headers (WPT cors-expose-star).
describe('exposed headers', () => {
  const headers = {
    'Access-Control-Allow-Origin': APP,
    'Content-Type': 'text/plain',
    'X-Total': '5',
    'X-Other': '1',
    'Set-Cookie': 'a=b',
  };
  it('only safelisted names without ACEH', () => {
    const e = run({ response: res(200, headers) });
    expect(e.exposedHeaders.readable).toEqual(['content-type']);
    expect(e.exposedHeaders.hidden).toEqual([
      'access-control-allow-origin',
      'x-total',
      'x-other',
      'set-cookie',
    ]);
  });
  it('ACEH lists names case-insensitively', () => {
    const e = run({ response: res(200, { ...headers, 'Access-Control-Expose-Headers': 'X-TOTAL' }) });
    expect(e.exposedHeaders.readable).toEqual(['content-type', 'x-total']);
  });
  it('ACEH `*` exposes all (but Set-Cookie) without credentials', () => {
    const e = run({ response: res(200, { ...headers, 'Access-Control-Expose-Headers': '*' }) });
    expect(e.exposedHeaders.hidden).toEqual(['set-cookie']);
  });
  it('ACEH `*` is a literal with credentials (and warns)', () => {
    const e = run({
      credentials: 'include',
      response: res(200, {
        ...headers,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': '*',
      }),
    });
    expect(e.exposedHeaders.readable).toEqual(['content-type']);
    expect(
      e.warnings.some(
        (w) =>
          w.code === 'wildcard-literal-with-credentials' && w.subject === 'access-control-expose-headers',
      ),
    ).toBe(true);
  });
  it('Set-Cookie is never exposed even when listed', () => {
    const e = run({ response: res(200, { ...headers, 'Access-Control-Expose-Headers': 'Set-Cookie' }) });
    expect(e.exposedHeaders.readable).not.toContain('set-cookie');
  });
  it('a blocked response exposes nothing', () => {
    const e = run({ response: res(200, { 'X-A': '1' }), networkError: 'net::ERR_FAILED' });
    expect(e.exposedHeaders).toEqual({ readable: [], hidden: ['x-a'] });
  });
  it('same-origin responses expose all but Set-Cookie', () => {
    const e = run({ url: `${APP}/x`, response: res(200, { 'X-A': '1', 'Set-Cookie': 'a=b' }) });
    expect(e.exposedHeaders).toEqual({ readable: ['x-a'], hidden: ['set-cookie'] });
  });
});

// #cors-preflight-cache.
describe('preflight cache', () => {
  const withMaxAge = (maxAge: string | undefined, profile: BrowserProfile = 'chrome') =>
    run(
      {
        method: 'PUT',
        preflights: [
          pre(
            res(204, {
              'Access-Control-Allow-Origin': APP,
              'Access-Control-Allow-Methods': 'PUT',
              ...(maxAge === undefined ? {} : { 'Access-Control-Max-Age': maxAge }),
            }),
          ),
        ],
      },
      profile,
    );
  it.each([
    { rule: 'default is 5 s', maxAge: undefined, profile: 'chrome', seconds: 5 },
    { rule: '600 stays 600', maxAge: '600', profile: 'chrome', seconds: 600 },
    { rule: 'chrome caps at 7200', maxAge: '86400', profile: 'chrome', seconds: 7200 },
    { rule: 'firefox caps at 86400', maxAge: '100000', profile: 'firefox', seconds: 86400 },
    { rule: 'firefox keeps 86400', maxAge: '86400', profile: 'firefox', seconds: 86400 },
    { rule: 'negative means no cache', maxAge: '-1', profile: 'chrome', seconds: 0 },
    { rule: 'zero means no cache', maxAge: '0', profile: 'chrome', seconds: 0 },
    { rule: 'firefox: invalid value means no cache', maxAge: 'abc', profile: 'firefox', seconds: 0 },
    { rule: 'chrome: invalid value falls back to 5', maxAge: 'abc', profile: 'chrome', seconds: 5 },
    { rule: 'spec: no cap', maxAge: '86400', profile: 'spec', seconds: 86400 },
  ] as const)('$rule', ({ maxAge, profile, seconds }) => {
    expect(withMaxAge(maxAge, profile).preflight.cacheSeconds).toBe(seconds);
  });
  it('capping warns preflight-max-age-capped', () => {
    const e = withMaxAge('86400');
    expect(e.warnings).toContainEqual(
      expect.objectContaining({ code: 'preflight-max-age-capped', detail: 'chrome:7200', value: '86400' }),
    );
  });
  it('needed but not observed → presumedCached, a preflight.cache step, not a failure', () => {
    const e = run({ method: 'PUT', preflights: [] });
    expect(e.verdict).toBe('allowed');
    expect(e.preflight).toMatchObject({ needed: true, observed: false, presumedCached: true });
    expect(e.trace.some((s) => s.rule === 'preflight.cache' && s.outcome === 'info')).toBe(true);
  });
  it('a preflight to another URL does not count for this one', () => {
    const e = run({ method: 'PUT', preflights: [pre(res(500), `${API}/other`)] });
    expect(e.preflight.observed).toBe(false);
    expect(e.verdict).toBe('allowed');
  });
});

// no-cors (#concept-request-mode) and CORP (#cross-origin-resource-policy-check).
describe('no-cors and CORP', () => {
  const noCors = (o: Partial<ObservedExchange>) => run({ mode: 'no-cors', requestHeaders: [], ...o });
  it('no-cors delivered → opaque, nothing readable', () => {
    const e = noCors({ response: res(200, { 'Content-Type': 'image/png' }) });
    expect(e.verdict).toBe('opaque');
    expect(e.corsError).toBeNull();
    expect(e.exposedHeaders.readable).toEqual([]);
  });
  it('CORP same-origin on a cross-origin response → blocked corp-not-same-origin', () => {
    const e = noCors({
      response: res(200, { 'Cross-Origin-Resource-Policy': 'same-origin' }),
      networkError: 'net::ERR_BLOCKED_BY_RESPONSE',
    });
    expect(e).toMatchObject({
      verdict: 'blocked',
      corsError: null,
      blockedReason: 'corp-not-same-origin',
      failedOn: 'response',
    });
    expect(e.fix[0]?.setHeaders).toEqual([{ name: 'Cross-Origin-Resource-Policy', value: 'cross-origin' }]);
  });
  it('CORP same-site from another site → corp-not-same-site', () => {
    const e = noCors({
      url: 'https://cdn.other/x.png',
      response: res(200, { 'Cross-Origin-Resource-Policy': 'same-site' }),
    });
    expect(e.blockedReason).toBe('corp-not-same-site');
  });
  it('CORP same-site from a sibling subdomain passes', () => {
    const e = run({
      initiatorOrigin: 'https://www.shop.example',
      url: 'https://img.shop.example/a.png',
      mode: 'no-cors',
      requestHeaders: [],
      response: res(200, { 'Cross-Origin-Resource-Policy': 'same-site' }),
    });
    expect(e.verdict).toBe('opaque');
  });
  it('CORP cross-origin passes', () => {
    expect(noCors({ response: res(200, { 'Cross-Origin-Resource-Policy': 'cross-origin' }) }).verdict).toBe(
      'opaque',
    );
  });
  it('CORP on a redirect hop blocks too', () => {
    const e = noCors({
      redirects: [
        {
          url: `${API}/data`,
          location: `${API}/b`,
          response: res(302, { 'Cross-Origin-Resource-Policy': 'same-origin' }),
        },
      ],
    });
    expect(e.blockedReason).toBe('corp-not-same-origin');
    expect(e.failedOn).toBe('redirect');
  });
  it('no-cors with PUT is refused in the renderer (no CORS code) → page change use-cors-mode', () => {
    const e = noCors({ method: 'PUT', response: undefined, refusedByRenderer: true });
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBeNull();
    expect(e.fix[0]?.pageChange).toBe('use-cors-mode');
  });
  it('no-cors with redirect manual → NoCorsRedirectModeNotFollow', () => {
    const e = noCors({ redirect: 'manual', response: undefined, refusedByRenderer: true });
    expect(e.corsError).toBe('NoCorsRedirectModeNotFollow');
    expect(e.fix[0]?.pageChange).toBe('use-redirect-follow');
  });
  it('no-cors needs no ACAO', () => {
    expect(noCors({ response: res(200) }).verdict).toBe('opaque');
  });
});

describe('mode same-origin and other request-level checks', () => {
  it('same-origin mode to another origin → DisallowedByMode, page change', () => {
    const e = run({ mode: 'same-origin', response: undefined, refusedByRenderer: true });
    expect(e).toMatchObject({
      verdict: 'blocked',
      corsError: 'DisallowedByMode',
      failedOn: 'request',
      firefoxReason: null,
    });
    expect(e.fix).toEqual([
      {
        on: 'request',
        url: `${API}/data`,
        method: 'GET',
        setHeaders: [],
        removeHeaders: [],
        pageChange: 'use-cors-mode',
      },
    ]);
  });
  it('same-origin mode to the same origin is fine', () => {
    expect(run({ mode: 'same-origin', url: `${APP}/x`, response: res(200) }).verdict).toBe('allowed');
  });
  it('CORS request to a non-HTTP scheme → CorsDisabledScheme', () => {
    const e = run({ url: 'ftp://files.example/a', response: undefined, networkError: 'net::ERR_FAILED' });
    expect(e.corsError).toBe('CorsDisabledScheme');
    expect(e.firefoxReason).toBe('CORSRequestNotHttp');
  });
  // #main-fetch step 12: data: URLs get basic tainting (WPT fetch/api/basic/scheme-data).
  it('a data: URL is not a CORS request: allowed in every profile, headers readable', () => {
    const o = {
      url: 'data:text/plain,hi',
      requestHeaders: h({ Origin: APP }),
      response: res(200, { 'Content-Type': 'text/plain' }),
    };
    for (const profile of BROWSER_PROFILES) {
      const e = run(o, profile);
      expect(e.verdict, profile).toBe('allowed');
      expect(e.corsError).toBeNull();
      expect(e.trace.find((s) => s.rule === 'request.scheme')?.detail).toBe('data-basic');
    }
  });
  it('a redirect to a data: URL is still refused (#http-redirect-fetch)', () => {
    const e = run({
      redirects: [
        {
          url: `${API}/r`,
          response: res(302, { 'Access-Control-Allow-Origin': '*' }),
          location: 'data:text/plain,hi',
        },
      ],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.verdict).toBe('blocked');
  });
  it('same-origin request: allowed with request.same-origin', () => {
    const e = run({ url: `${APP}/api`, response: res(200) });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.some((s) => s.rule === 'request.same-origin')).toBe(true);
    expect(e.preflight.needed).toBe(false);
  });
  it('connection refused: blocked, no CORS code, response.network-error', () => {
    const e = run({ response: undefined, networkError: 'net::ERR_CONNECTION_REFUSED' });
    expect(e).toMatchObject({ verdict: 'blocked', corsError: null, blockedReason: null, hiddenStatus: null });
    expect(e.trace.some((s) => s.rule === 'response.network-error' && s.outcome === 'fail')).toBe(true);
    expect(e.fix).toEqual([]);
  });
  it('ERR_ABORTED is not a CORS failure either', () => {
    const e = run({ response: undefined, networkError: 'net::ERR_ABORTED' });
    expect(e.corsError).toBeNull();
    expect(e.verdict).toBe('blocked');
  });
  it('same-origin request that failed at the network level is blocked without a code', () => {
    expect(
      run({ url: `${APP}/x`, response: undefined, networkError: 'net::ERR_NAME_NOT_RESOLVED' }),
    ).toMatchObject({ verdict: 'blocked', corsError: null });
  });
});

describe('mode inference (#concept-request-mode)', () => {
  const infer = (o: Partial<ObservedExchange>) =>
    evaluate({ ...ex(o), mode: undefined }, { profile: 'chrome' });
  it.each([
    { rule: 'fetch/xhr destination "" → cors', destination: '', origin: false, mode: 'cors' },
    { rule: 'font → cors', destination: 'font', origin: false, mode: 'cors' },
    { rule: 'image without Origin → no-cors', destination: 'image', origin: false, mode: 'no-cors' },
    { rule: 'script without Origin → no-cors', destination: 'script', origin: false, mode: 'no-cors' },
    { rule: 'style without Origin → no-cors', destination: 'style', origin: false, mode: 'no-cors' },
    { rule: 'video without Origin → no-cors', destination: 'video', origin: false, mode: 'no-cors' },
    {
      rule: 'image with Origin (crossorigin attribute) → cors',
      destination: 'image',
      origin: true,
      mode: 'cors',
    },
    {
      rule: 'script with Origin (module or crossorigin) → cors',
      destination: 'script',
      origin: true,
      mode: 'cors',
    },
  ] as const)('$rule', ({ destination, origin, mode }) => {
    const e = infer({ destination, requestHeaders: origin ? h({ Origin: APP }) : [] });
    expect(e.mode).toEqual({ mode, provenance: 'inferred' });
    expect(e.trace[0]?.rule).toBe('request.mode-inferred');
  });
  it('a given mode is reported with page provenance', () => {
    expect(run({}).mode).toEqual({ mode: 'cors', provenance: 'page' });
  });
  it('an <img> to another origin without CORS headers is opaque, not blocked', () => {
    const e = infer({
      destination: 'image',
      requestHeaders: [],
      response: res(200, { 'Content-Type': 'image/png' }),
    });
    expect(e.verdict).toBe('opaque');
  });
});

describe('robustness on large inputs', () => {
  it('20,000 response header lines are handled (no quadratic scans)', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ name: `X-H${i}`, value: 'v' }));
    const e = evaluate(
      ex({
        response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }, ...many] },
      }),
      { profile: 'chrome' },
    );
    expect(e.verdict).toBe('allowed');
    expect(e.exposedHeaders.hidden).toHaveLength(20_001);
  });
  it('mode inferred from what the page received: opaque → no-cors', () => {
    const e = evaluate(
      {
        ...ex({ pageOutcome: { kind: 'response', status: 0, type: 'opaque' }, response: res(200) }),
        mode: undefined,
      },
      { profile: 'chrome' },
    );
    expect(e.mode).toEqual({ mode: 'no-cors', provenance: 'inferred' });
    expect(e.verdict).toBe('opaque');
  });
});
