/**
 * The recording scope: which pages CORS Lens records. Pure, shared by the worker (which tabs get
 * webRequest listeners) and the page hook (which pages it wraps), so both decide alike.
 * - `dev-hosts` (default): development hosts (below), the sites the user turned on, and any tab
 *   whose CORS panel is open, while it is open;
 * - `all-sites`: every page, as before scopes existed.
 */
export type RecordScope = 'dev-hosts' | 'all-sites';
export const RECORD_SCOPES: readonly RecordScope[] = ['dev-hosts', 'all-sites'];

/** What the scope reads from the settings. */
export interface ScopeSettings {
  readonly recordScope: RecordScope;
  /** Host names turned on from the popup (lowercase, no port). */
  readonly recordSites: readonly string[];
}

/** Why a page is recorded, or not (the popup and panel say it). */
export type ScopeReason = 'all-sites' | 'dev-host' | 'site' | 'panel' | 'not-recorded';

const DEV_NAMES = ['localhost'];
const DEV_SUFFIXES = ['.localhost', '.test', '.local'];

/** The host of a URL, lowercase, without brackets or a trailing dot; undefined if not http(s). */
export function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** IPv4 loopback, private (RFC 1918), link-local and CGNAT-free: a development machine's ranges. */
function isPrivateIPv4(host: string): boolean {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return false;
  const [a = 0, b = 0] = parts.map(Number);
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

/** IPv6 loopback, unique local (fc00::/7), link-local (fe80::/10), and IPv4-mapped private. */
function isPrivateIPv6(host: string): boolean {
  if (!host.includes(':')) return false;
  const h = host.split('%')[0] ?? '';
  if (h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped?.[1] !== undefined) return isPrivateIPv4(mapped[1]);
  const first = Number.parseInt(h.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** A development host: localhost, *.localhost, *.test, *.local, loopback, private, link-local. */
export function isDevHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (DEV_NAMES.includes(h) || DEV_SUFFIXES.some((suffix) => h.endsWith(suffix))) return true;
  return isPrivateIPv4(h) || isPrivateIPv6(h);
}

/** Why the page at `url` is recorded under these settings (the panel being open aside). */
export function pageScope(url: string | undefined, settings: ScopeSettings, panelOpen = false): ScopeReason {
  if (settings.recordScope === 'all-sites') return 'all-sites';
  const host = hostOf(url);
  if (host !== undefined && isDevHost(host)) return 'dev-host';
  if (host !== undefined && settings.recordSites.includes(host)) return 'site';
  return panelOpen ? 'panel' : 'not-recorded';
}

export const isRecorded = (reason: ScopeReason): boolean => reason !== 'not-recorded';

/** A host as a site entry (the options page and the popup add these). */
export function siteEntry(value: string): string | undefined {
  const trimmed = value.trim().toLowerCase();
  const host = hostOf(trimmed.includes('://') ? trimmed : `http://${trimmed}`);
  return host !== undefined && host.length > 0 && !host.includes('*') ? host : undefined;
}

/** Match patterns for the sites turned on (host permission patterns, every scheme and port). */
export function sitePatterns(sites: readonly string[]): string[] {
  return sites.map((site) => `*://${site.includes(':') ? `[${site}]` : site}/*`);
}
