import { describe, expect, it } from 'vitest';
import { addressSpaceOf, addressSpaceOfIp, isLessPublic } from '../../../src/evaluator/address-space';
import { evaluate } from '../../../src/evaluator/evaluate';
import { isPotentiallyTrustworthy } from '../../../src/evaluator/local-network';
import type { ObservedExchange } from '../../../src/evaluator/types';
import { describeFix, describeStep, summarize } from '../../../src/explain';
import type { CorsRecord } from '../../../src/shared/record';
import { ex, h, res } from './fixtures';

describe('address spaces, as Chromium 156 classifies them (ip_address_space_util.cc)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['0.1.2.3', 'local'],
    ['10.1.2.3', 'local'],
    ['172.16.0.1', 'local'],
    ['172.31.255.255', 'local'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'local'],
    ['169.254.1.1', 'local'], // IPv4 link-local
    ['100.64.0.1', 'local'], // carrier-grade NAT
    ['100.128.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'loopback'],
    ['fe80::1', 'local'], // IPv6 link-local
    ['fd12:3456::1', 'local'], // unique local
    ['fec0::1', 'local'], // deprecated site-local
    ['2001:db8::1', 'local'], // documentation
    ['2606:4700::1111', 'public'],
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped: judged as the IPv4 address
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:192.168.0.1', 'local'],
    ['::ffff:8.8.8.8', 'public'],
    ['1:2:3:4:5:6:7:8', 'public'],
  ])('%s is %s', (ip, space) => {
    expect(addressSpaceOfIp(ip)).toBe(space);
  });

  it.each(['example.com', '1::2::3', '1:2:3:4:5:6:7:8:9', '256.1.1.1', '', '[::1'])('%j is no IP', (text) => {
    expect(addressSpaceOfIp(text)).toBeNull();
  });

  it('names: localhost and *.localhost are loopback, *.local is local, others unknown until connected', () => {
    expect(addressSpaceOf('localhost')).toEqual({ space: 'loopback', source: 'localhost' });
    expect(addressSpaceOf('api.localhost')).toEqual({ space: 'loopback', source: 'localhost' });
    expect(addressSpaceOf('printer.local')).toEqual({ space: 'local', source: 'dot-local' });
    expect(addressSpaceOf('router.example')).toBeNull();
    expect(addressSpaceOf('router.example', '192.168.0.1')).toEqual({ space: 'local', source: 'remote-ip' });
  });

  it('Chromium collapses local and loopback: only a public client makes a local network request', () => {
    expect(isLessPublic('loopback', 'public')).toBe(true);
    expect(isLessPublic('local', 'public')).toBe(true);
    expect(isLessPublic('loopback', 'local')).toBe(false);
    expect(isLessPublic('public', 'local')).toBe(false);
  });

  it('potentially trustworthy origins: https, localhost, loopback literals; not http names or .local', () => {
    expect(
      ['https://a.example', 'http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080'].map(
        isPotentiallyTrustworthy,
      ),
    ).toEqual([true, true, true, true]);
    expect(
      ['http://a.example', 'http://printer.local', 'http://192.168.0.2', 'null'].map(
        isPotentiallyTrustworthy,
      ),
    ).toEqual([false, false, false, false]);
  });
});

const LNA_ERROR = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/** What webRequest shows of a request Chromium refused for Local Network Access. */
function refused(overrides: Partial<ObservedExchange>): ObservedExchange {
  const { response: _r, ...rest } = ex({
    url: 'http://127.0.0.1:8080/api',
    networkError: LNA_ERROR,
    ...overrides,
  });
  return rest;
}

function record(exchange: ObservedExchange): CorsRecord {
  return { exchange, evaluation: evaluate(exchange, { profile: 'chrome' }) } as unknown as CorsRecord;
}

describe('Local Network Access: which rule refused the request', () => {
  it('a secure public page to loopback: the loopback-network permission was not granted', () => {
    const r = record(refused({ initiatorOrigin: 'https://app.example' }));
    expect(r.evaluation).toMatchObject({
      verdict: 'blocked',
      corsError: 'LocalNetworkAccessPermissionDenied',
      failedParameter: null,
      failedOn: 'request',
    });
    const permission = r.evaluation.trace.find((s) => s.rule === 'local-network.permission');
    expect(permission).toMatchObject({ subject: 'loopback-network', outcome: 'fail', detail: 'denied' });
    expect(summarize(r)).toContain('loopback-network permission');
    expect(summarize(r)).toContain('this device (loopback)');
    const fixes = r.evaluation.fix.map(describeFix).join(' ');
    expect(fixes).toContain('allow the loopback-network permission');
    expect(r.evaluation.fix.map((f) => f.pageChange)).toEqual(['lna-grant:loopback-network', 'lna-move-api']);
  });

  it('Firefox asks the same permission; WebKit has no such check, so its answer is unknown', () => {
    const e = evaluate(refused({ initiatorOrigin: 'https://app.example' }), { profile: 'chrome' });
    expect(e.byProfile.chrome.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(e.byProfile.firefox).toMatchObject({
      verdict: 'blocked',
      corsError: 'LocalNetworkAccessPermissionDenied',
    });
    // An https page to plain-http loopback: WebKit blocks it before any LNA question.
    expect(e.byProfile.safari).toMatchObject({
      verdict: 'blocked',
      corsError: null,
      blockedReason: 'mixed-content',
    });
    expect(e.firefoxReason).toBe('CORSDidNotSucceed');
    expect(e.safariReason).toBe('MixedContent');
    // Over https, Safari would send it; Chromium did not, so no answer exists: a network failure.
    const overTls = refused({ initiatorOrigin: 'https://app.example', url: 'https://127.0.0.1:8443/api' });
    expect(evaluate(overTls, { profile: 'chrome' }).byProfile.safari).toMatchObject({
      verdict: 'blocked',
      corsError: null,
      blockedReason: null,
    });
    const safari = evaluate(overTls, { profile: 'safari' });
    expect(safari.trace.find((s) => s.rule === 'local-network.not-checked')).toMatchObject({
      outcome: 'info',
      detail: 'refused-elsewhere',
    });
    expect(safari.trace.some((s) => s.rule === 'local-network.permission')).toBe(false);
  });

  it('to a private address the permission is local-network (the 145 split)', () => {
    const r = record(refused({ initiatorOrigin: 'https://app.example', url: 'http://192.168.1.20/status' }));
    expect(r.evaluation.trace.find((s) => s.rule === 'local-network.permission')?.subject).toBe(
      'local-network',
    );
  });

  it('from a frame, the fix asks the embedder to delegate the permission', () => {
    const r = record(
      refused({ initiatorOrigin: 'https://widget.example', topLevelOrigin: 'https://shop.example' }),
    );
    expect(r.evaluation.fix.map((f) => f.pageChange)).toEqual([
      'lna-delegate:loopback-network',
      'lna-grant:loopback-network',
      'lna-move-api',
    ]);
    const first = r.evaluation.fix[0];
    expect(first && describeFix(first)).toContain('<iframe allow="loopback-network">');
  });

  it('a non-secure public page: InsecureLocalNetwork, the user was never asked', () => {
    const r = record(refused({ initiatorOrigin: 'http://app.example' }));
    expect(r.evaluation.corsError).toBe('InsecureLocalNetwork');
    expect(r.evaluation.trace.find((s) => s.rule === 'local-network.secure-context')?.outcome).toBe('fail');
    expect(summarize(r)).toContain('without asking the user');
    expect(r.evaluation.fix.map((f) => f.pageChange)).toEqual(['lna-serve-https', 'lna-move-api']);
  });

  it('targetAddressSpace that is not the real space: InvalidLocalNetworkAccess, even when granted', () => {
    const r = record(refused({ initiatorOrigin: 'https://app.example', targetAddressSpace: 'local' }));
    expect(r.evaluation.corsError).toBe('InvalidLocalNetworkAccess');
    expect(r.evaluation.fix.map((f) => f.pageChange)).toEqual(['lna-target-address-space:loopback']);
    expect(summarize(r)).toContain('targetAddressSpace "local"');
  });

  it('granted, a wrong targetAddressSpace fails once connected: webRequest says only net::ERR_FAILED', () => {
    const r = record(
      refused({
        initiatorOrigin: 'https://app.example',
        targetAddressSpace: 'public',
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(r.evaluation.corsError).toBe('InvalidLocalNetworkAccess');
    const plain = record(
      refused({ initiatorOrigin: 'https://app.example', networkError: 'net::ERR_FAILED' }),
    );
    expect(plain.evaluation.corsError).toBeNull();
  });

  it('a matching targetAddressSpace still needs the permission', () => {
    const r = record(refused({ initiatorOrigin: 'https://app.example', targetAddressSpace: 'loopback' }));
    expect(r.evaluation.corsError).toBe('LocalNetworkAccessPermissionDenied');
  });

  it('a beacon or image refused the same way gets the same code (the check is before any mode)', () => {
    const beacon = record(
      refused({ initiatorOrigin: 'https://app.example', mode: undefined, ping: true, method: 'POST' }),
    );
    const image = record(
      refused({ initiatorOrigin: 'https://app.example', mode: 'no-cors', destination: 'image' }),
    );
    expect([beacon.evaluation.corsError, image.evaluation.corsError]).toEqual([
      'LocalNetworkAccessPermissionDenied',
      'LocalNetworkAccessPermissionDenied',
    ]);
  });

  it('granted: allowed, and the trace says which spaces and that the permission held', () => {
    const e = evaluate(
      ex({
        url: 'http://10.0.0.5/api',
        initiatorOrigin: 'https://8.8.8.8',
        response: res(200, { 'Access-Control-Allow-Origin': '*' }),
      }),
      { profile: 'chrome' },
    );
    expect(e.verdict).toBe('allowed');
    expect(e.trace.find((s) => s.rule === 'local-network.address-space')).toMatchObject({
      expected: 'public',
      actual: 'local',
    });
    expect(e.trace.find((s) => s.rule === 'local-network.permission')).toMatchObject({
      outcome: 'pass',
      subject: 'local-network',
    });
  });

  it('the connected address (webRequest ip) decides for a domain name', () => {
    const e = evaluate(
      ex({
        url: 'http://nas.example/api',
        initiatorOrigin: 'https://1.1.1.1',
        remoteIp: '192.168.0.9',
        response: res(200, { 'Access-Control-Allow-Origin': '*' }),
      }),
      { profile: 'chrome' },
    );
    expect(e.trace.find((s) => s.rule === 'local-network.address-space')).toMatchObject({
      actual: 'local',
      detail: 'ip-literal:remote-ip',
    });
  });

  it('an ordinary network error stays a network error; nothing local is claimed', () => {
    const { response: _r, ...plain } = ex({ networkError: 'net::ERR_CONNECTION_REFUSED' });
    const e = evaluate(plain, { profile: 'chrome' });
    expect(e.corsError).toBeNull();
    expect(e.trace.some((s) => s.rule.startsWith('local-network.'))).toBe(false);
  });

  it('trace steps link to the WICG draft', () => {
    const e = evaluate(refused({ initiatorOrigin: 'https://app.example' }), { profile: 'chrome' });
    const step = e.trace.find((s) => s.rule === 'local-network.permission');
    expect(step && describeStep(step).specUrl).toBe(
      'https://wicg.github.io/local-network-access/#permission-prompt',
    );
  });

  it('Sec-Fetch and header bytes cannot make the LNA section throw (total)', () => {
    const e = evaluate(
      refused({
        initiatorOrigin: 'https://[zz',
        url: 'http://[::ffff:1.2.3.4]/',
        requestHeaders: h({ 'Sec-Fetch-Mode': '\u00ff' }),
      }),
      { profile: 'chrome' },
    );
    expect(e.verdict).toBe('blocked');
  });
});
