import { corp, reply } from './build';
import type { Scenario } from './types';

/**
 * CORP `same-site` decided by site, as Chromium does (services/network/public/cpp/
 * cross_origin_resource_policy.cc, ShouldAllowSameSite): IP addresses, localhost, hosts under a
 * public suffix (ICANN and private sections of the list), hosts with no registrable domain, and
 * the scheme. Real domain names reach loopback through the browser's host resolver rules.
 */
const F = 'no-cors';
const png = { a: { actual: reply([corp('same-site')], 200, 'image') } };
const img = (id: string, origin: string) => ({ kind: 'img' as const, url: `${origin}/s/${id}/a` });
const blocked = { verdict: 'blocked', blockedReason: 'corp-not-same-site' } as const;
const opaque = { verdict: 'opaque' } as const;

export const siteScenarios: readonly Scenario[] = [
  {
    id: 'site-ip-same-address',
    family: F,
    what: 'CORP same-site, page 127.0.0.1:P1 loads 127.0.0.1:P2 (an IP is never same site for Chromium)',
    page: '{page-ip}',
    action: img('site-ip-same-address', '{api}'),
    steps: png,
    expected: blocked,
  },
  {
    id: 'site-localhost-port',
    family: F,
    what: 'CORP same-site, page localhost:P1 loads localhost:P2 (same host)',
    action: img('site-localhost-port', '{site-localhost}'),
    steps: png,
    expected: opaque,
  },
  {
    id: 'site-localhost-sub',
    family: F,
    what: 'CORP same-site, page localhost loads api.localhost (another site)',
    action: img('site-localhost-sub', '{site-sub-localhost}'),
    steps: png,
    expected: blocked,
  },
  {
    id: 'site-single-label',
    family: F,
    what: 'CORP same-site, page localhost loads intranet (neither has a registrable domain: Chromium allows)',
    action: img('site-single-label', '{site-intranet}'),
    steps: png,
    expected: opaque,
  },
  {
    id: 'site-suffix-sibling',
    family: F,
    what: 'CORP same-site, www.alpha.co.uk loads img.alpha.co.uk (one registrable domain)',
    page: '{page-alpha}',
    action: img('site-suffix-sibling', '{site-alpha}'),
    steps: png,
    expected: opaque,
  },
  {
    id: 'site-suffix-other',
    family: F,
    what: 'CORP same-site, www.alpha.co.uk loads img.beta.co.uk (co.uk is a public suffix)',
    page: '{page-alpha}',
    action: img('site-suffix-other', '{site-beta}'),
    steps: png,
    expected: blocked,
  },
  {
    id: 'site-private-suffix',
    family: F,
    what: 'CORP same-site, alice.blogspot.com loads bob.blogspot.com (private-section suffix)',
    page: '{page-blog}',
    action: img('site-private-suffix', '{site-blog-other}'),
    steps: png,
    expected: blocked,
  },
  {
    id: 'site-https-from-http',
    family: F,
    what: 'CORP same-site, http://www.alpha.co.uk loads https://img.alpha.co.uk (https needs an https initiator)',
    page: '{page-alpha}',
    action: img('site-https-from-http', '{site-alpha-https}'),
    steps: png,
    expected: blocked,
  },
];
