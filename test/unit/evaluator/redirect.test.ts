import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { ObservedExchange, RedirectHop } from '../../../src/evaluator/types';
import { API, APP, ex, h, pre, res } from './fixtures';

const CDN = 'https://cdn.example';

function hop(
  url: string,
  location: string,
  headers: Record<string, string | string[]> = { 'Access-Control-Allow-Origin': '*' },
  status = 302,
  requestHeaders?: Record<string, string>,
): RedirectHop {
  return {
    url,
    location,
    response: res(status, { Location: location, ...headers }),
    requestHeaders: requestHeaders === undefined ? undefined : h(requestHeaders),
  };
}

const run = (o: Partial<ObservedExchange>) => evaluate(ex(o), { profile: 'chrome' });

// #http-redirect-fetch; WPT fetch/api/cors/cors-redirect*.any.js.
describe('redirects', () => {
  it('same-origin → cross-origin: first 3xx needs no CORS check, final needs ACAO', () => {
    const e = run({
      url: `${APP}/go`,
      redirects: [hop(`${APP}/go`, `${API}/data`, {})],
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.some((s) => s.rule === 'redirect.taint')).toBe(false);
  });
  it('cross-origin 3xx without ACAO → MissingAllowOriginHeader on the redirect', () => {
    const e = run({
      redirects: [hop(`${API}/data`, `${API}/v2`, {})],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('MissingAllowOriginHeader');
    expect(e.failedOn).toBe('redirect');
    expect(e.failedHop).toBe(0);
    expect(e.hiddenStatus).toBe(302);
  });
  it('cross-origin → same cross origin keeps the origin (no taint)', () => {
    const e = run({
      redirects: [hop(`${API}/data`, `${API}/v2`, { 'Access-Control-Allow-Origin': APP })],
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.some((s) => s.rule === 'redirect.taint')).toBe(false);
  });
  it('cross-origin → another origin taints: final ACAO must be `*` or `null`', () => {
    const e = run({
      redirects: [hop(`${API}/data`, `${CDN}/x`)],
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('AllowOriginMismatch');
    expect(e.failedParameter).toBe(APP);
    expect(e.trace.find((s) => s.rule === 'cors.allow-origin.match' && s.outcome === 'fail')?.detail).toBe(
      'tainted-origin',
    );
  });
  it('tainted origin: ACAO `*` passes', () => {
    const e = run({
      redirects: [hop(`${API}/data`, `${CDN}/x`)],
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
    });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.some((s) => s.rule === 'redirect.taint')).toBe(true);
  });
  it('tainted origin: ACAO `null` passes (and warns)', () => {
    const e = run({
      redirects: [hop(`${API}/data`, `${CDN}/x`)],
      response: res(200, { 'Access-Control-Allow-Origin': 'null' }),
    });
    expect(e.verdict).toBe('allowed');
    expect(e.warnings.map((w) => w.code)).toContain('null-origin-allowed');
  });
  it('Location with userinfo → RedirectContainsCredentials', () => {
    const e = run({
      redirects: [hop(`${API}/data`, 'https://user:pw@cdn.example/x')],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('RedirectContainsCredentials');
    expect(e.failedOn).toBe('redirect');
    // Firefox ESR 153 logs "CORS request did not succeed" for it (test/e2e/har-producers.test.ts).
    expect(e.firefoxReason).toBe('CORSDidNotSucceed');
  });
  it('userinfo back to the initiator origin still fails (Chromium: CORS flag set)', () => {
    const e = run({
      redirects: [hop(`${API}/data`, 'https://u:p@app.example/x')],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('RedirectContainsCredentials');
  });
  it('same-origin hop to a same-origin userinfo URL is not a CORS matter', () => {
    const e = run({
      url: `${APP}/a`,
      redirects: [hop(`${APP}/a`, 'https://u:p@app.example/b', {})],
      response: res(200),
    });
    expect(e.corsError).toBeNull();
    expect(e.verdict).toBe('allowed');
  });
  it('relative Location resolves against the hop URL', () => {
    const e = run({
      redirects: [hop(`${API}/data`, '/v2', { 'Access-Control-Allow-Origin': APP })],
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(e.verdict).toBe('allowed');
  });
  it('unparsable Location is a network error, not a CORS code', () => {
    const e = run({
      redirects: [hop(`${API}/data`, 'http://[bad')],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBeNull();
  });
  it('redirect mode error fails without a CORS code', () => {
    const e = run({
      redirect: 'error',
      redirects: [hop(`${API}/data`, `${API}/v2`)],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBeNull();
    expect(e.trace.some((s) => s.rule === 'redirect.mode' && s.outcome === 'fail')).toBe(true);
  });
  it('redirect mode manual gives an opaque-redirect', () => {
    const e = run({ redirect: 'manual', redirects: [hop(`${API}/data`, `${API}/v2`)], response: undefined });
    expect(e.verdict).toBe('opaque');
  });
  it('redirect to a non-HTTP scheme in CORS mode → CorsDisabledScheme', () => {
    const e = run({
      redirects: [hop(`${API}/data`, 'ftp://files.example/x')],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('CorsDisabledScheme');
    expect(e.fix[0]?.pageChange).toBe('use-http-scheme');
  });
  it('a new preflight is needed at the new URL; none observed → presumed cached', () => {
    const e = run({
      method: 'PUT',
      preflights: [
        pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' })),
      ],
      redirects: [hop(`${API}/data`, `${API}/v2`, { 'Access-Control-Allow-Origin': APP }, 307)],
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(e.verdict).toBe('allowed');
    expect(e.preflight.observed).toBe(true);
    expect(e.preflight.presumedCached).toBe(true);
    expect(e.trace.filter((s) => s.rule === 'preflight.needed' && s.detail === 'needed')).toHaveLength(2);
  });
  it('the second-hop preflight is validated with origin `null` after tainting', () => {
    const e = run({
      method: 'PUT',
      preflights: [
        pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' })),
        pre(
          res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' }),
          `${CDN}/x`,
        ),
      ],
      redirects: [hop(`${API}/data`, `${CDN}/x`, { 'Access-Control-Allow-Origin': APP }, 307)],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    });
    expect(e.corsError).toBe('PreflightAllowOriginMismatch');
    expect(e.failedOn).toBe('preflight');
    expect(e.fix[0]?.url).toBe(`${CDN}/x`);
    expect(e.fix[0]?.setHeaders).toContainEqual({ name: 'Access-Control-Allow-Origin', value: '*' });
  });
  it('Authorization is dropped on a cross-origin hop: the new preflight does not need it', () => {
    const e = run({
      requestHeaders: h({ Origin: APP, Authorization: 'Bearer t' }),
      preflights: [
        pre(
          res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': 'authorization' }),
        ),
      ],
      redirects: [hop(`${API}/data`, `${CDN}/x`, { 'Access-Control-Allow-Origin': APP })],
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
    });
    expect(e.verdict).toBe('allowed');
    expect(e.trace.some((s) => s.rule === 'redirect.authorization-dropped')).toBe(true);
    const secondHop = e.trace.filter((s) => s.rule === 'preflight.needed');
    expect(secondHop.at(-1)?.detail).toBe('not-needed');
  });
  it('the observed Origin header on a hop wins over our derivation', () => {
    const e = run({
      redirects: [
        hop(`${API}/a`, `${CDN}/b`),
        hop(`${CDN}/b`, `${CDN}/c`, { 'Access-Control-Allow-Origin': APP }, 302, { Origin: APP }),
      ],
      url: `${API}/a`,
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(
      e.trace.some((s) => s.rule === 'outcome.consistency' && s.detail === 'origin-header-differs'),
    ).toBe(true);
  });
  it('first hop: an observed Origin header different from the initiator is the origin checked', () => {
    const e = run({
      requestHeaders: h({ Origin: 'https://frame.example' }),
      response: res(200, { 'Access-Control-Allow-Origin': 'https://frame.example' }),
    });
    expect(e.verdict).toBe('allowed');
    expect(
      e.trace.some(
        (s) => s.rule === 'outcome.consistency' && s.detail === 'origin-header-differs' && s.on === 'request',
      ),
    ).toBe(true);
  });
  it('two-hop chain where every hop allows `*` is allowed', () => {
    const e = run({
      url: `${API}/a`,
      redirects: [hop(`${API}/a`, `${CDN}/b`), hop(`${CDN}/b`, `${CDN}/c`)],
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
    });
    expect(e.verdict).toBe('allowed');
  });
  it('the 21st redirect is a network error (redirect count limit 20)', () => {
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        hop(`${API}/r${i}`, `${API}/r${i + 1}`, { 'Access-Control-Allow-Origin': APP }),
      );
    const ok = run({
      url: `${API}/r0`,
      redirects: chain(20),
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(ok.verdict).toBe('allowed');
    const tooMany = run({
      url: `${API}/r0`,
      redirects: chain(21),
      response: res(200, { 'Access-Control-Allow-Origin': APP }),
    });
    expect(tooMany.verdict).toBe('blocked');
    expect(tooMany.corsError).toBeNull();
    expect(
      tooMany.trace.some(
        (s) => s.rule === 'redirect.mode' && s.outcome === 'fail' && s.detail === 'too-many-redirects',
      ),
    ).toBe(true);
    expect(tooMany.failedHop).toBe(20);
  });
  it('same-origin chain (all hops on the initiator) is same-origin', () => {
    const e = run({ url: `${APP}/a`, redirects: [hop(`${APP}/a`, '/b', {})], response: res(200) });
    expect(e.verdict).toBe('allowed');
    expect(e.trace[0]?.rule).toBe('request.same-origin');
  });
});
