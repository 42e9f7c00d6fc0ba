// #host-same-site and #concept-site (URL Standard), as #cross-origin-resource-policy-internal-check
// (Fetch) uses them for `Cross-Origin-Resource-Policy: same-site`.
import { getDomain } from 'tldts';

/** The parts of a serialized origin that decide its site. */
export interface SiteHost {
  /** Without the colon: `https`. */
  readonly scheme: string;
  /** As serialized: lower case, IPv6 in brackets, no port. */
  readonly host: string;
  readonly ip: boolean;
  /**
   * #host-registrable-domain from the Public Suffix List (ICANN and private sections, like
   * Chromium's INCLUDE_PRIVATE_REGISTRIES); a host with no rule counts its last label as the
   * suffix (the list's `*` rule). Null for IP addresses, single labels (`localhost`) and hosts
   * that are a public suffix themselves (`github.io`, `co.uk`).
   */
  readonly registrable: string | null;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const PSL = { allowPrivateDomains: true, extractHostname: false, detectIp: false, validateHostname: false };

/** The site parts of a serialized origin (`http://a.example:8080`); null for an opaque one. */
export function siteHostOf(origin: string): SiteHost | null {
  const schemeEnd = origin.indexOf('://');
  if (origin === 'null' || schemeEnd <= 0) return null;
  const scheme = origin.slice(0, schemeEnd);
  let host = origin.slice(schemeEnd + 3);
  if (host.startsWith('['))
    return { scheme, host: host.slice(0, host.indexOf(']') + 1), ip: true, registrable: null };
  const colon = host.lastIndexOf(':');
  if (colon !== -1) host = host.slice(0, colon);
  if (host === '') return null;
  const ip = IPV4.test(host);
  return { scheme, host, ip, registrable: ip ? null : getDomain(host, PSL) };
}

/** Why a `same-site` CORP refuses a response (the trace step's detail), or `same-site`. */
export type CorpSiteResult = 'same-site' | 'ip-address' | 'different-site' | 'https-from-http';

/**
 * #cross-origin-resource-policy-internal-check step for `same-site`: the initiator's origin must
 * be schemelessly same site with the response's, and an `https` response needs an `https`
 * initiator (so the scheme part is one-way: an https page may embed its http sibling).
 * `chromium`: unlike the spec, Chromium (services/network/public/cpp/cross_origin_resource_policy.cc,
 * ShouldAllowSameSite) never counts an IP address as same site, not even the same address on
 * another port, and compares registrable domains as strings, so two hosts that have none
 * (`localhost`, `intranet`, `co.uk`) count as the same site.
 * `webkit`: unlike the spec, WebKit (WebCore RegistrableDomain::matches, used by
 * CrossOriginAccessControl's CORP check) takes the initiator's registrable domain, or its host
 * when it has none, and accepts the response's host when it is that name or a subdomain of it:
 * a `localhost` page may load `api.localhost` (seen in WebKitGTK 2.50.6, scenario
 * site-localhost-sub; Chromium blocks it).
 */
export function corpSameSite(
  initiator: string,
  response: string,
  rule: 'spec' | 'chromium' | 'webkit',
): CorpSiteResult {
  const a = siteHostOf(initiator);
  const b = siteHostOf(response);
  if (a === null || b === null) return 'different-site';
  if (rule === 'chromium') {
    if (a.ip || b.ip) return 'ip-address';
    if ((a.registrable ?? '') !== (b.registrable ?? '')) return 'different-site';
  } else if (rule === 'webkit') {
    if (!webkitSameSite(a, b)) return 'different-site';
  } else if (!schemelesslySameSite(a, b)) {
    return 'different-site';
  }
  return a.scheme !== 'https' && b.scheme === 'https' ? 'https-from-http' : 'same-site';
}

/** #host-same-site: equal hosts, or equal non-null registrable domains. */
export function schemelesslySameSite(a: SiteHost, b: SiteHost): boolean {
  return a.host === b.host || (a.registrable !== null && a.registrable === b.registrable);
}

/** WebKit's one-way rule: the response host is the initiator's site or below it. */
function webkitSameSite(initiator: SiteHost, response: SiteHost): boolean {
  const site = initiator.registrable ?? initiator.host;
  return response.host === site || response.host.endsWith(`.${site}`);
}
