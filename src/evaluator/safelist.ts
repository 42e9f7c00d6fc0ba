import { byteLength, lowerName } from './headers';
import type { BrowserProfile, Header } from './types';

// #cors-safelisted-method
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

// #concept-method-normalize: only these six are uppercased; `patch` stays `patch`.
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

const FORBIDDEN_NAMES = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/**
 * Headers the browser itself adds to the request: never set by the page, never preflighted.
 * Unlike the spec (which lets pages set User-Agent), Chromium still forbids it; `priority` is
 * added by Chromium's network stack and shows up in webRequest.
 */
const BROWSER_ADDED_NAMES = new Set(['user-agent', 'priority']);

// #forbidden-request-header (name part; the x-http-method-override value rule does not change
// what is preflighted, so the evaluator does not need it).
export function isForbiddenRequestHeaderName(lowercase: string): boolean {
  return (
    FORBIDDEN_NAMES.has(lowercase) ||
    BROWSER_ADDED_NAMES.has(lowercase) ||
    lowercase.startsWith('proxy-') ||
    lowercase.startsWith('sec-')
  );
}

// #cors-unsafe-request-header-byte: < 0x20 except tab, `"():<>?@[\]{}`, DEL.
const UNSAFE_BYTE = new Uint8Array(128);
for (let code = 0; code < 0x20; code++) if (code !== 0x09) UNSAFE_BYTE[code] = 1;
for (const ch of '"():<>?@[\\]{}') UNSAFE_BYTE[ch.charCodeAt(0)] = 1;
UNSAFE_BYTE[0x7f] = 1;

function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128 && UNSAFE_BYTE[code] === 1) return true;
  }
  return false;
}

// Language values: only `0-9A-Za-z *,-.;=`.
function isLanguageValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const ok =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x20 ||
      code === 0x2a ||
      code === 0x2c ||
      code === 0x2d ||
      code === 0x2e ||
      code === 0x3b ||
      code === 0x3d;
    if (!ok) return false;
  }
  return true;
}

const SAFELISTED_ESSENCES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

// #parse-a-mime-type, reduced to what the safelist needs: the essence `type/subtype`, lowercased,
// with surrounding whitespace removed; null when the type or subtype is not a token.
export function mimeEssence(value: string): string | null {
  const semicolon = value.indexOf(';');
  const head = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const slash = head.indexOf('/');
  if (slash <= 0 || slash === head.length - 1) return null;
  if (!TOKEN_LIKE.test(head.slice(0, slash)) || !TOKEN_LIKE.test(head.slice(slash + 1))) return null;
  return head;
}
const TOKEN_LIKE = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

// #simple-range-header-value: `bytes=N-` or `bytes=N-M`, digits only, N ≤ M.
const RANGE = /^bytes=([0-9]+)-([0-9]*)$/;
function isSimpleRange(value: string): boolean {
  const match = RANGE.exec(value);
  if (match === null) return false;
  const end = match[2] ?? '';
  if (end === '') return true;
  // Compare as numbers; huge digit strings lose precision but still order correctly enough.
  return Number(match[1]) <= Number(end);
}

/**
 * Client hints Chromium safelists (an extension of the spec's list; Firefox and the spec do
 * not). Values must look like what Chromium itself would send.
 */
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/; // 1*DIGIT [ "." 1*DIGIT ]
const INTEGER = /^[0-9]+$/; // 1*DIGIT
const ECT_VALUES = new Set(['slow-2g', '2g', '3g', '4g']);
function isChromiumClientHint(name: string, value: string): boolean | null {
  switch (name) {
    case 'device-memory':
    case 'dpr':
    case 'downlink':
      return DECIMAL.test(value);
    case 'width':
    case 'viewport-width':
    case 'rtt':
      return INTEGER.test(value);
    case 'save-data':
      return value.toLowerCase() === 'on';
    case 'ect':
      return ECT_VALUES.has(value);
    default:
      return null;
  }
}

/** Why a header is or is not safelisted: a stable detail code for the trace. */
export type SafelistDetail =
  | 'safelisted'
  | 'client-hint'
  | 'not-safelisted-name'
  | 'too-long'
  | 'unsafe-byte'
  | 'language-chars'
  | 'mime-essence'
  | 'range-syntax'
  | 'listed-in-preflight';

// #cors-safelisted-request-header
export function safelistHeader(lowercase: string, value: string, profile: BrowserProfile): SafelistDetail {
  // 1. A value longer than 128 bytes is never safelisted.
  if (byteLength(value) > 128) return 'too-long';
  // 2. Byte-lowercase name: one rule per name.
  switch (lowercase) {
    case 'accept':
      return hasUnsafeByte(value) ? 'unsafe-byte' : 'safelisted';
    case 'accept-language':
    case 'content-language':
      return isLanguageValue(value) ? 'safelisted' : 'language-chars';
    case 'content-type': {
      if (hasUnsafeByte(value)) return 'unsafe-byte';
      const essence = mimeEssence(value);
      return essence !== null && SAFELISTED_ESSENCES.has(essence) ? 'safelisted' : 'mime-essence';
    }
    case 'range':
      return isSimpleRange(value) ? 'safelisted' : 'range-syntax';
  }
  if (profile === 'chrome') {
    const hint = isChromiumClientHint(lowercase, value);
    if (hint === true) return 'client-hint';
  }
  return 'not-safelisted-name';
}

export interface UnsafeHeaderNames {
  /** Sorted, lowercase, unique (#cors-unsafe-request-header-names). */
  readonly names: string[];
  /** Per header the page set: its safelist result (forbidden ones are skipped). */
  readonly checks: { name: string; value: string; detail: SafelistDetail }[];
  readonly totalSafelistedBytes: number;
  /** True when the 1024-byte rule made the safelisted ones unsafe too. */
  readonly overTotal: boolean;
  /** True when a client hint was safelisted only because of Chromium's extension. */
  readonly usedClientHint: boolean;
}

// #cors-unsafe-request-header-names
export function corsUnsafeRequestHeaderNames(
  headers: readonly Header[],
  profile: BrowserProfile,
  namesFromPreflight = false,
): UnsafeHeaderNames {
  const unsafe = new Set<string>();
  const safelisted: string[] = [];
  const checks: { name: string; value: string; detail: SafelistDetail }[] = [];
  let total = 0;
  let usedClientHint = false;
  for (const header of headers) {
    const name = lowerName(header.name);
    if (isForbiddenRequestHeaderName(name)) continue;
    // Names the assembler took from Access-Control-Request-Headers (values unknown): the
    // browser already judged them unsafe, so they stay unsafe whatever the empty value says.
    const detail = namesFromPreflight ? 'listed-in-preflight' : safelistHeader(name, header.value, profile);
    checks.push({ name, value: header.value, detail });
    if (detail === 'safelisted' || detail === 'client-hint') {
      if (detail === 'client-hint') usedClientHint = true;
      safelisted.push(name);
      total += byteLength(header.value);
    } else unsafe.add(name);
  }
  // The 1024-byte rule: too many safelisted bytes make every safelisted name unsafe.
  const overTotal = total > 1024;
  if (overTotal) for (const name of safelisted) unsafe.add(name);
  const names = [...unsafe].sort();
  return { names, checks, totalSafelistedBytes: total, overTotal, usedClientHint };
}

// #cors-non-wildcard-request-header-name
export function isCorsNonWildcardRequestHeaderName(lowercase: string): boolean {
  return lowercase === 'authorization';
}
