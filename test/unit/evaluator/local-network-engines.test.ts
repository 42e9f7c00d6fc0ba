import { describe, expect, it } from 'vitest';
import { profilesDisagree } from '../../../src/evaluator/by-profile';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { ObservedExchange } from '../../../src/evaluator/types';
import { reasonLabel } from '../../../src/explain';
import { ex, h, res } from './fixtures';

// What Firefox ESR 153 and WebKitGTK 2.50 did on the Local Network Access scenarios
// (test/e2e/firefox-lna.test.ts, test/e2e/webkit-lna.test.ts), as the per-browser profiles replay it.

const PUBLIC_HTTPS = 'https://public.example.test';
const PUBLIC_HTTP = 'http://public.example.test';
const CHROMIUM_LNA = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';
const FIREFOX_LNA = 'NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED';

function refusedBy(error: string, overrides: Partial<ObservedExchange>): ObservedExchange {
  const { response: _r, ...rest } = ex({
    url: 'http://127.0.0.1:8080/api',
    requestHeaders: h({ Origin: overrides.initiatorOrigin ?? PUBLIC_HTTPS }),
    networkError: error,
    ...overrides,
  });
  return rest;
}

describe('Local Network Access in Firefox ESR 153', () => {
  it("webRequest's NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED is the permission, logged as CORSDidNotSucceed", () => {
    const e = evaluate(refusedBy(FIREFOX_LNA, { initiatorOrigin: PUBLIC_HTTPS }), { profile: 'firefox' });
    expect(e).toMatchObject({
      verdict: 'blocked',
      corsError: 'LocalNetworkAccessPermissionDenied',
      firefoxReason: 'CORSDidNotSucceed',
    });
    expect(e.trace.find((s) => s.rule === 'local-network.permission')).toMatchObject({
      subject: 'loopback-network',
      outcome: 'fail',
    });
    // The same refusal replayed for Chrome: the permission too.
    expect(e.byProfile.chrome.corsError).toBe('LocalNetworkAccessPermissionDenied');
  });

  it('a plain-http public page is asked too (no secure-context rule): Chrome would not even ask', () => {
    const e = evaluate(refusedBy(FIREFOX_LNA, { initiatorOrigin: PUBLIC_HTTP }), { profile: 'firefox' });
    expect(e.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(e.trace.some((s) => s.rule === 'local-network.secure-context')).toBe(false);
    expect(e.byProfile.chrome.corsError).toBe('InsecureLocalNetwork');
    // And a refusal seen in Chrome as InsecureLocalNetwork is Firefox's permission question.
    const chrome = evaluate(refusedBy(CHROMIUM_LNA, { initiatorOrigin: PUBLIC_HTTP }), { profile: 'chrome' });
    expect(chrome.corsError).toBe('InsecureLocalNetwork');
    expect(chrome.byProfile.firefox.corsError).toBe('LocalNetworkAccessPermissionDenied');
  });

  it('targetAddressSpace is not read by Firefox: a wrong one is no InvalidLocalNetworkAccess there', () => {
    const e = evaluate(refusedBy(FIREFOX_LNA, { targetAddressSpace: 'local' }), { profile: 'firefox' });
    expect(e.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(e.trace.some((s) => s.rule === 'local-network.target-address-space')).toBe(false);
    expect(e.byProfile.chrome.corsError).toBe('InvalidLocalNetworkAccess');
  });

  it('granted in Firefox: the request went out and CORS decides as usual', () => {
    const e = evaluate(
      ex({
        initiatorOrigin: PUBLIC_HTTPS,
        url: 'https://127.0.0.1:8443/api',
        requestHeaders: h({ Origin: PUBLIC_HTTPS }),
        response: res(200, {}),
      }),
      { profile: 'firefox' },
    );
    expect(e).toMatchObject({
      corsError: 'MissingAllowOriginHeader',
      firefoxReason: 'CORSMissingAllowOrigin',
    });
  });
});

describe('Local Network Access in WebKit (Safari): no such check; mixed content instead', () => {
  it('a public https page to http://localhost: Chrome sends it, Safari blocks it as mixed content', () => {
    const allowed = ex({
      initiatorOrigin: 'https://203.0.113.7',
      url: 'http://localhost:3000/api',
      requestHeaders: h({ Origin: 'https://203.0.113.7' }),
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
    });
    const e = evaluate(allowed, { profile: 'chrome' });
    expect(e.verdict).toBe('allowed');
    expect(e.byProfile.safari).toMatchObject({ verdict: 'blocked', blockedReason: 'mixed-content' });
    expect(e.byProfile.firefox.verdict).toBe('allowed');
    expect(e.safariReason).toBe('MixedContent');
    expect(profilesDisagree(e)).toBe(true);
    expect(reasonLabel(e.byProfile.safari)).toBe('Mixed content: http from an https page');
    expect(e.trace.find((s) => s.rule === 'request.mixed-content')).toMatchObject({
      outcome: 'info',
      detail: 'loopback-trustworthy',
    });
    const safari = evaluate(allowed, { profile: 'safari' });
    expect(safari.trace.find((s) => s.rule === 'request.mixed-content')).toMatchObject({ outcome: 'fail' });
  });

  it.each([
    ['an image (upgradeable, loaded from loopback)', { destination: 'image', mode: 'no-cors' }],
    ['an http page', { initiatorOrigin: 'http://203.0.113.7' }],
    [
      'a page on a name, not known to be public (the probe: --origin https://app.example)',
      { initiatorOrigin: 'https://app.example' },
    ],
    ['an https target', { url: 'https://localhost:3000/api' }],
    [
      'a non-loopback http target (every browser blocks it; webRequest never sees it)',
      { url: 'http://api.example/x' },
    ],
  ] as const)('not mixed content in the model: %s', (_what, overrides) => {
    const e = evaluate(
      ex({
        initiatorOrigin: 'https://203.0.113.7',
        url: 'http://127.0.0.1:3000/api',
        response: res(200, { 'Access-Control-Allow-Origin': '*' }),
        ...overrides,
      }),
      { profile: 'chrome' },
    );
    expect(e.byProfile.safari.blockedReason).toBeNull();
    expect(e.trace.some((s) => s.rule === 'request.mixed-content')).toBe(false);
  });

  it('a refusal Chrome made for Local Network Access over https is unknown to Safari: no code, a note', () => {
    const e = evaluate(refusedBy(CHROMIUM_LNA, { url: 'https://127.0.0.1:8443/api' }), { profile: 'safari' });
    expect(e).toMatchObject({ verdict: 'blocked', corsError: null, blockedReason: null, safariReason: null });
    expect(e.trace.find((s) => s.rule === 'local-network.not-checked')?.detail).toBe('refused-elsewhere');
  });
});
