/**
 * IP address spaces (https://wicg.github.io/local-network-access/#ip-address-space), classified
 * as Chromium 156 does: services/network/public/cpp/ip_address_space_util.cc,
 * NonPublicAddressSpaceMap() and GetAddressSpaceFromUrl(). Pure; no DNS: a domain name's space
 * is known only from the address the browser connected to (webRequest's `ip`).
 */

export type AddressSpace = 'loopback' | 'local' | 'public';

/** How the space was learnt: the connected address, an IP literal, or a special name. */
export type SpaceSource = 'remote-ip' | 'ip-literal' | 'localhost' | 'dot-local';

export interface ClassifiedSpace {
  readonly space: AddressSpace;
  readonly source: SpaceSource;
}

type Bytes = readonly number[];

/** Dotted-quad IPv4, as browsers serialize it (URL parsing already turned `127.1` into this). */
function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/** IPv6 text (no brackets, no zone) to 16 bytes; an embedded dotted IPv4 tail is allowed. */
function ipv6Bytes(input: string): number[] | null {
  if (!input.includes(':') || input.length > 45) return null;
  let text = input;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // `::ffff:127.0.0.1`: the dotted tail is the last two groups.
    const v4 = ipv4Bytes(last);
    if (v4 === null) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      out.push(Number.parseInt(group, 16));
    }
    return out;
  };
  const before = parse(halves[0] ?? '');
  const after = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (before === null || after === null) return null;
  const known = before.length + after.length;
  let groups: number[];
  if (halves.length === 2) {
    if (known > 7) return null;
    groups = [...before, ...new Array<number>(8 - known).fill(0), ...after];
  } else {
    if (known !== 8) return null;
    groups = before;
  }
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** An IP address as bytes (4 or 16), from `127.0.0.1`, `::1` or `[::1]`; null when not one. */
export function ipBytes(text: string): Bytes | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return ipv4Bytes(bare) ?? ipv6Bytes(bare);
}

function matches(bytes: Bytes, prefix: Bytes, bits: number): boolean {
  if (bytes.length !== prefix.length) return false;
  for (let bit = 0; bit < bits; bit += 8) {
    const left = Math.min(8, bits - bit);
    const mask = (0xff << (8 - left)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const v6 = (...head: number[]): number[] => [...head, ...new Array<number>(16 - head.length).fill(0)];

// NonPublicAddressSpaceMap(), first match wins; every other address is public.
const NON_PUBLIC: readonly (readonly [Bytes, number, AddressSpace])[] = [
  [[...v6().slice(0, 15), 1], 128, 'loopback'], // ::1
  [v6(0xfc), 7, 'local'], // unique local (RFC 4193)
  [v6(0xfe, 0x80), 10, 'local'], // link-local (RFC 4291)
  [[127, 0, 0, 0], 8, 'loopback'],
  [[10, 0, 0, 0], 8, 'local'], // RFC 1918
  [[172, 16, 0, 0], 12, 'local'],
  [[192, 168, 0, 0], 16, 'local'],
  [[169, 254, 0, 0], 16, 'local'], // IPv4 link-local (RFC 3927)
  [[0, 0, 0, 0], 32, 'loopback'], // 0.0.0.0 is "this host"
  [[0, 0, 0, 0], 8, 'local'],
  [v6(), 128, 'loopback'], // ::
  [[100, 64, 0, 0], 10, 'local'], // carrier-grade NAT (RFC 6598)
  [v6(0x20, 0x01, 0x0d, 0xb8), 32, 'local'], // documentation
  [v6(0x3f, 0xff), 20, 'local'], // documentation (RFC 9637)
  [v6(0xfe, 0xc0), 10, 'local'], // deprecated site-local
];

/** `::ffff:a.b.c.d`: net::IPAddressMatchesPrefix compares it as the IPv4 address it maps. */
function unmapped(bytes: Bytes): Bytes {
  if (bytes.length !== 16) return bytes;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return bytes;
  return bytes[10] === 0xff && bytes[11] === 0xff ? bytes.slice(12) : bytes;
}

/** IPAddressToIPAddressSpace. */
export function addressSpaceOfIp(text: string): AddressSpace | null {
  const bytes = ipBytes(text);
  if (bytes === null) return null;
  const address = unmapped(bytes);
  for (const [prefix, bits, space] of NON_PUBLIC) if (matches(address, prefix, bits)) return space;
  return 'public';
}

/**
 * GetAddressSpaceFromUrl: what the URL alone says, before any DNS. `*.local` (mDNS) is local,
 * `localhost` and its subdomains are loopback, an IP literal is its range; any other name is
 * unknown until connected (then `remoteIp`, webRequest's `ip`, decides).
 */
export function addressSpaceOf(host: string, remoteIp?: string): ClassifiedSpace | null {
  if (remoteIp !== undefined) {
    const space = addressSpaceOfIp(remoteIp);
    if (space !== null) return { space, source: 'remote-ip' };
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  const literal = addressSpaceOfIp(name);
  if (literal !== null) return { space: literal, source: 'ip-literal' };
  if (name === 'localhost' || name.endsWith('.localhost')) return { space: 'loopback', source: 'localhost' };
  if (name === 'local' || name.endsWith('.local')) return { space: 'local', source: 'dot-local' };
  return null;
}

/**
 * IsLessPublicAddressSpaceLNA: the request goes to a less public space than its client. Unlike
 * the spec (where loopback is below local), Chromium collapses local and loopback here, so a
 * local page reaching loopback is not a local network request.
 */
export function isLessPublic(target: AddressSpace, client: AddressSpace): boolean {
  const rank = (space: AddressSpace): number => (space === 'public' ? 1 : 0);
  return rank(target) < rank(client);
}
