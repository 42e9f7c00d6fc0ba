import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import { corpSameSite, siteHostOf } from '../../../src/evaluator/site';
import type { BrowserProfile } from '../../../src/evaluator/types';
import { ex, res } from './fixtures';

// #host-same-site with the Public Suffix List, and Chromium's CORP same-site rule
// (services/network/public/cpp/cross_origin_resource_policy.cc, ShouldAllowSameSite).
describe('site of an origin', () => {
  it.each([
    ['https://www.shop.example', 'www.shop.example', 'shop.example', false],
    ['http://a.example.co.uk:8080', 'a.example.co.uk', 'example.co.uk', false],
    ['https://alice.github.io', 'alice.github.io', 'alice.github.io', false],
    ['https://github.io', 'github.io', null, false],
    ['http://localhost:3000', 'localhost', null, false],
    ['http://app.localhost', 'app.localhost', 'app.localhost', false],
    ['http://intranet', 'intranet', null, false],
    ['http://a.b.example.test', 'a.b.example.test', 'example.test', false],
    ['http://127.0.0.1:8080', '127.0.0.1', null, true],
    ['http://[::1]:8080', '[::1]', null, true],
  ])('%s → host %s, registrable domain %s', (origin, host, registrable, ip) => {
    expect(siteHostOf(origin)).toEqual({ scheme: origin.split(':')[0], host, registrable, ip });
  });
  it('an opaque origin has no site', () => {
    expect(siteHostOf('null')).toBeNull();
    expect(corpSameSite('null', 'https://a.example', 'spec')).toBe('different-site');
  });
});

describe('CORP same-site: spec and Chromium', () => {
  const both = (a: string, b: string) => [corpSameSite(a, b, 'spec'), corpSameSite(a, b, 'chromium')];
  it('sibling subdomains of one registrable domain are same site', () => {
    expect(both('https://www.shop.example', 'https://img.shop.example')).toEqual(['same-site', 'same-site']);
    expect(both('http://a.shop.co.uk', 'http://b.shop.co.uk')).toEqual(['same-site', 'same-site']);
  });
  it('hosts under a public suffix are different sites (ICANN and private sections)', () => {
    // The last two labels agree, the registrable domains do not.
    expect(both('http://www.alpha.co.uk', 'http://img.beta.co.uk')).toEqual([
      'different-site',
      'different-site',
    ]);
    expect(both('https://alice.github.io', 'https://bob.github.io')).toEqual([
      'different-site',
      'different-site',
    ]);
  });
  it('IP addresses: same address same site for the spec, never for Chromium', () => {
    expect(both('http://127.0.0.1:3000', 'http://127.0.0.1:4000')).toEqual(['same-site', 'ip-address']);
    expect(both('http://localhost:3000', 'http://127.0.0.1:4000')).toEqual(['different-site', 'ip-address']);
    expect(both('http://[::1]:3000', 'http://[::1]:4000')).toEqual(['same-site', 'ip-address']);
  });
  it('localhost: same host same site; a subdomain of localhost is another site', () => {
    expect(both('http://localhost:3000', 'http://localhost:4000')).toEqual(['same-site', 'same-site']);
    expect(both('http://localhost:3000', 'http://api.localhost:4000')).toEqual([
      'different-site',
      'different-site',
    ]);
  });
  it('hosts without a registrable domain: different for the spec, equal ("") for Chromium', () => {
    expect(both('http://localhost:3000', 'http://intranet:4000')).toEqual(['different-site', 'same-site']);
    expect(both('http://localhost:3000', 'http://co.uk')).toEqual(['different-site', 'same-site']);
  });
  it('the scheme part is one-way: an https response needs an https initiator', () => {
    expect(both('http://www.shop.example', 'https://img.shop.example')).toEqual([
      'https-from-http',
      'https-from-http',
    ]);
    expect(both('https://www.shop.example', 'http://img.shop.example')).toEqual(['same-site', 'same-site']);
  });
});

describe('CORP same-site in the evaluator', () => {
  const load = (initiatorOrigin: string, url: string, profile: BrowserProfile = 'chrome') =>
    evaluate(
      ex({
        initiatorOrigin,
        url,
        mode: 'no-cors',
        destination: 'image',
        requestHeaders: [],
        response: res(200, { 'Cross-Origin-Resource-Policy': 'same-site' }),
      }),
      { profile },
    );
  const corpStep = (e: ReturnType<typeof load>) => e.trace.find((s) => s.rule === 'response.corp');

  it('another registrable domain under co.uk is blocked (the two-label guess said opaque)', () => {
    const e = load('http://www.alpha.co.uk', 'http://img.beta.co.uk/a.png');
    expect(e.verdict).toBe('blocked');
    expect(e.blockedReason).toBe('corp-not-same-site');
    expect(corpStep(e)?.detail).toBe('different-site');
  });
  it('the same IP on another port: Chromium blocks, the spec allows (browser difference kept per profile)', () => {
    const e = load('http://127.0.0.1:3000', 'http://127.0.0.1:4000/a.png');
    expect(e).toMatchObject({ verdict: 'blocked', blockedReason: 'corp-not-same-site' });
    expect(corpStep(e)).toMatchObject({ outcome: 'fail', detail: 'ip-address', deviation: 'chrome' });
    expect(e.byProfile.spec).toMatchObject({ verdict: 'opaque', blockedReason: null });
    expect(e.warnings.filter((w) => w.code === 'browser-difference').map((w) => w.detail)).toContain(
      'spec:opaque',
    );
    expect(load('http://127.0.0.1:3000', 'http://127.0.0.1:4000/a.png', 'spec').verdict).toBe('opaque');
  });
  it('localhost and a single-label host: Chromium allows, the spec blocks', () => {
    const e = load('http://localhost:3000', 'http://intranet:4000/a.png');
    expect(e.verdict).toBe('opaque');
    expect(corpStep(e)).toMatchObject({ outcome: 'pass', deviation: 'chrome' });
    expect(e.byProfile.spec).toMatchObject({ verdict: 'blocked', blockedReason: 'corp-not-same-site' });
  });
  it('an https sibling from an http page is blocked, an http sibling from an https page is not', () => {
    const up = load('http://www.shop.example', 'https://img.shop.example/a.png');
    expect(up.blockedReason).toBe('corp-not-same-site');
    expect(corpStep(up)?.detail).toBe('https-from-http');
    expect(load('https://www.shop.example', 'http://img.shop.example/a.png').verdict).toBe('opaque');
  });
  it('same origin passes whatever the host', () => {
    const e = load('http://127.0.0.1:3000', 'http://127.0.0.1:3000/a.png');
    expect(e.verdict).not.toBe('blocked');
  });
});

// WebCore RegistrableDomain::matches: the response host is the initiator's site or below it.
describe('CORP same-site: WebKit', () => {
  it.each([
    ['http://localhost:1', 'http://api.localhost:2', 'same-site'],
    ['http://api.localhost:1', 'http://localhost:2', 'different-site'],
    ['https://www.shop.example', 'https://img.shop.example', 'same-site'],
    ['https://alpha.co.uk', 'https://beta.co.uk', 'different-site'],
    ['http://127.0.0.1:1', 'http://127.0.0.1:2', 'same-site'],
    ['http://localhost:1', 'http://intranet:2', 'different-site'],
    ['http://shop.example', 'https://img.shop.example', 'https-from-http'],
  ])('%s loads %s → %s', (initiator, response, result) => {
    expect(corpSameSite(initiator, response, 'webkit')).toBe(result);
  });
  it('the safari profile blocks nothing WebKit let through: localhost may load api.localhost', () => {
    const e = evaluate(
      ex({
        initiatorOrigin: 'http://localhost:1',
        url: 'http://api.localhost:2/i.png',
        destination: 'image',
        mode: 'no-cors',
        requestHeaders: [],
        response: res(200, { 'Cross-Origin-Resource-Policy': 'same-site' }),
      }),
      { profile: 'safari' },
    );
    expect(e.verdict).toBe('opaque');
    expect(e.byProfile.chrome.blockedReason).toBe('corp-not-same-site');
    expect(e.trace.find((s) => s.rule === 'response.corp')?.deviation).toBe('safari');
  });
});
