import type { Header } from '../evaluator/types';
import { type RedactionLists, redactHeaders, redactUrl } from '../redact';
import type { CorsRecord } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';

export interface CurlOptions {
  /** Replace secrets (Cookie, Authorization, token parameters…). Default true: exports redact. */
  readonly redact?: boolean;
  /** Which header and parameter names are secret; defaults to the extension's defaults. */
  readonly settings?: RedactionLists;
}

export interface CurlCommands {
  readonly preflight?: string;
  readonly actual: string;
}

/**
 * One shell word whatever the value holds. Single quotes keep `$()`, backticks and `"` literal;
 * an embedded `'` closes, escapes and reopens. Control characters (a newline would split the
 * header) use bash's $'…' form with escapes, so the command stays on one line.
 */
export function shellQuote(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for
  if (!/[\u0000-\u001f\u007f]/.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\' || char === "'") out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}'`;
}

// Headers curl sets itself or that describe the transport rather than the request.
const SKIPPED = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

function headerArgs(headers: readonly Header[]): string[] {
  return headers
    .filter((h) => !SKIPPED.has(h.name.toLowerCase()))
    .map((h) => `-H ${shellQuote(`${h.name}: ${h.value}`)}`);
}

/** Terminal commands that reproduce what the server answered: the preflight and the request. */
export function curlCommands(record: CorsRecord, opts: CurlOptions = {}): CurlCommands {
  const redact = opts.redact ?? true;
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const url = (u: string): string => (redact ? redactUrl(u, settings) : u);
  const headers = (hs: readonly Header[]): readonly Header[] => (redact ? redactHeaders(hs, settings) : hs);
  const { exchange } = record;

  const actualParts = ['curl -i', `-X ${shellQuote(exchange.method)}`, shellQuote(url(exchange.url))];
  actualParts.push(...headerArgs(headers(exchange.requestHeaders)));
  if (
    !exchange.requestHeaders.some((h) => h.name.toLowerCase() === 'origin') &&
    exchange.mode !== 'no-cors'
  ) {
    actualParts.push(`-H ${shellQuote(`Origin: ${exchange.initiatorOrigin}`)}`);
  }
  const actual = actualParts.join(' ');

  const observed = exchange.preflights[0];
  if (observed !== undefined) {
    const parts = [
      'curl -i -X OPTIONS',
      shellQuote(url(observed.url)),
      ...headerArgs(headers(observed.requestHeaders)),
    ];
    return { preflight: parts.join(' '), actual };
  }
  if (!record.evaluation.preflight.needed) return { actual };
  // Needed but not seen (cached): rebuild it the way the browser sends it (#cors-preflight-fetch-0).
  const unsafe = record.evaluation.preflight.reasons
    .filter((reason) => reason.startsWith('header:'))
    .map((reason) => reason.slice('header:'.length).toLowerCase())
    .sort();
  const parts = [
    'curl -i -X OPTIONS',
    shellQuote(url(exchange.url)),
    `-H ${shellQuote(`Origin: ${exchange.initiatorOrigin}`)}`,
    `-H ${shellQuote(`Access-Control-Request-Method: ${exchange.method}`)}`,
  ];
  if (unsafe.length > 0)
    parts.push(`-H ${shellQuote(`Access-Control-Request-Headers: ${unsafe.join(',')}`)}`);
  return { preflight: parts.join(' '), actual };
}
