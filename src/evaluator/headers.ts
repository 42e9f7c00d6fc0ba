import type { Header } from './types';

// #concept-header-list: header lists as observed on the wire. Names compare
// case-insensitively; values are strings whose char codes stand for bytes (webRequest gives
// Latin-1-ish strings; anything above 0xFF is counted by its UTF-8 length).

/** HTTP whitespace (#http-whitespace-byte): tab, LF, CR, space. */
function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Strips leading and trailing HTTP whitespace (#concept-header-value-normalize). */
export function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** ASCII-lowercase a header name. */
export function lowerName(name: string): string {
  return name.toLowerCase();
}

function nameIs(header: Header, lowercaseName: string): boolean {
  const name = header.name;
  return name.length === lowercaseName.length && name.toLowerCase() === lowercaseName;
}

// #concept-header-list-get: the combined value of every line with that name, `, ` between
// them, or null when there is none.
export function getHeader(headers: readonly Header[], lowercaseName: string): string | null {
  let combined: string | null = null;
  for (const header of headers) {
    if (!nameIs(header, lowercaseName)) continue;
    const value = trimHttpWhitespace(header.value);
    combined = combined === null ? value : `${combined}, ${value}`;
  }
  return combined;
}

/** How many separate lines carry that name (Firefox tells one `a, b` line from two lines). */
export function countHeaderLines(headers: readonly Header[], lowercaseName: string): number {
  let count = 0;
  for (const header of headers) if (nameIs(header, lowercaseName)) count++;
  return count;
}

export function hasHeader(headers: readonly Header[], lowercaseName: string): boolean {
  for (const header of headers) if (nameIs(header, lowercaseName)) return true;
  return false;
}

/** Lines without the given name (Authorization dropped on a cross-origin redirect). */
export function withoutHeader(headers: readonly Header[], lowercaseName: string): readonly Header[] {
  if (!hasHeader(headers, lowercaseName)) return headers;
  return headers.filter((header) => !nameIs(header, lowercaseName));
}

// #token: 1*tchar; tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" /
// "_" / "`" / "|" / "~" / DIGIT / ALPHA. A lookup table keeps this allocation-free.
const TCHAR = new Uint8Array(128);
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;
for (let code = 0x30; code <= 0x39; code++) TCHAR[code] = 1;
for (let code = 0x41; code <= 0x5a; code++) TCHAR[code] = 1;
for (let code = 0x61; code <= 0x7a; code++) TCHAR[code] = 1;

export function isHttpToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || TCHAR[code] !== 1) return false;
  }
  return true;
}

/** A header value may not hold NUL, CR or LF (#header-value); such input is malformed. */
export function hasNulCrLf(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code === 0x0a || code === 0x0d) return true;
  }
  return false;
}

/** Byte length: char codes ≤ 0xFF are one byte (isomorphic encoding), others their UTF-8 size. */
export function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0xff) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// #extract-header-list-values for the Access-Control-Allow-* lists: split on commas, trim,
// ignore empty items; null when an item is not a token (the caller reports the parse failure).
export function parseTokenList(value: string | null): { items: string[]; invalid: string | null } {
  if (value === null) return { items: [], invalid: null };
  const items: string[] = [];
  let start = 0;
  while (start <= value.length) {
    let comma = value.indexOf(',', start);
    if (comma === -1) comma = value.length;
    const item = trimHttpWhitespace(value.slice(start, comma));
    if (item.length > 0) {
      if (!isHttpToken(item)) return { items, invalid: item };
      items.push(item);
    }
    start = comma + 1;
  }
  return { items, invalid: null };
}
