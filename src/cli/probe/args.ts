import type { BrowserProfile, Header } from '../../evaluator/types';
import { redactSecretsIn, redactUrl } from '../../redact';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  chooseFormat,
  FIX_CHOICES,
  type OutputFormat,
  optionValue,
  PROFILE_CHOICES,
  parseFix,
  parseProfiles,
} from '../options';
import { printable } from '../terminal';
import { refusedHeader } from './plan';

export interface ProbeArgs {
  readonly command: 'probe';
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  readonly headers: readonly Header[];
  readonly credentials: boolean;
  readonly profiles: readonly BrowserProfile[];
  /** `format === 'json'`, kept for the code that asks only that. */
  readonly json: boolean;
  readonly format: OutputFormat;
  readonly verbose: boolean;
  readonly fix: string | null;
  readonly timeoutMs: number;
  /** --data: the body as given. */
  readonly data: string | null;
  /** --data-file: read by the command (so tests hand in their own reader). */
  readonly dataFile: string | null;
  /** The whole run's bound (--max-time). */
  readonly maxTimeMs: number;
  /** --no-redact: print secrets as they are. */
  readonly noRedact: boolean;
}

export interface ProbeConfigArgs {
  readonly command: 'probe-config';
  readonly config: string;
  readonly junit: string | null;
  /** Resolves relative endpoint URLs (overrides the file's "base"). */
  readonly base: string | null;
  readonly profiles: readonly BrowserProfile[];
  readonly json: boolean;
  readonly format: OutputFormat;
  readonly timeoutMs: number;
  /** --fix with --config: one policy and snippet per server origin, covering every endpoint. */
  readonly fix: string | null;
  readonly maxTimeMs: number;
  readonly noRedact: boolean;
}

/** --timeout and --max-time: bounds a user can still mean (Node's timers stop at 2^31 - 1 ms). */
export const MAX_TIMEOUT_MS = 600_000;
export const MAX_MAX_TIME_MS = 3_600_000;
/** Default whole-run bounds: one probe (a redirect chain with its preflights), a --config run. */
export const DEFAULT_MAX_TIME_MS = 60_000;
export const DEFAULT_CONFIG_MAX_TIME_MS = 600_000;

export const PROBE_USAGE = `Usage: cors-lens probe <url> --origin <origin> [--method M] [--header 'Name: value']...
                       [--credentials] [--profile ${PROFILE_CHOICES}] [--format text|json|markdown]
                       [--verbose] [--data BODY | --data-file FILE] [--fix ${FIX_CHOICES}] [--timeout ms]
                       [--max-time ms] [--no-redact]
       cors-lens probe --config cors.json [--base URL] [--junit results.xml] [--profile …]
                       [--format text|json|markdown] [--fix ${FIX_CHOICES}] [--timeout ms]
                       [--max-time ms] [--no-redact]

Sends what a browser on <origin> would send for fetch(<url>): the preflight when one is needed,
then the request, following redirects as fetch does. Judges the answers with the extension's
rules for each browser profile (all by default). Never sends cookies unless you pass a Cookie
header together with --credentials. A refused preflight stops the probe, as in a browser.

  --origin       the page's origin, e.g. https://app.example (or null)
  --method       request method (default GET)
  --header       a header the page sets; repeat for more
  --credentials  credentials: "include" (the server must allow credentials)
  --format       text (default); json: one JSON document; markdown: a report to paste in a ticket
  --json         the same as --format json
  --data         the request body, sent as fetch sends a string (UTF-8; Content-Type text/plain
                 unless a --header sets one); --data-file FILE reads it from a file
  --verbose      every request and answer, and the whole rule trace
  --fix          the server snippet for one stack (with --config: one policy per server covering
                 every endpoint of the file)
  --config       a CI check: endpoints with origins, methods and headers to allow or refuse
  --junit        with --config: write JUnit XML there
  --base         with --config: resolve the file's relative endpoint URLs against this
  --timeout      per request, in ms, from connect to the answer's last header byte, whatever
                 trickles in meanwhile (default 10000, at most ${MAX_TIMEOUT_MS})
  --max-time     the whole run, in ms (default ${DEFAULT_MAX_TIME_MS}, with --config ${DEFAULT_CONFIG_MAX_TIME_MS};
                 at most ${MAX_MAX_TIME_MS}); checks it leaves no time for are errors
  --no-redact    print secrets (Authorization, Cookie, tokens in URLs, webhook keys) as they are

Exit status: 0 allowed (every check held), 1 blocked (a check failed), 2 bad input or a network
error (refused, timed out, DNS, TLS, not HTTP, 101 Switching Protocols). With --config, the
JUnit file is written whatever happens, an endpoint that could not be checked as an error.`;

type Parsed = ProbeArgs | ProbeConfigArgs | { readonly error: string };

function isOrigin(value: string): boolean {
  if (value === 'null') return true;
  try {
    const url = new URL(value);
    return url.origin !== 'null' && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export function checkOrigin(value: string | undefined, what = '--origin'): string | { error: string } {
  if (value === undefined) return { error: `${what} needs an origin, e.g. https://app.example` };
  if (!isOrigin(value))
    return {
      error: `${what}: "${printable(redactUrl(value, DEFAULT_SETTINGS))}" is not an origin (scheme://host[:port], no path)`,
    };
  return value === 'null' ? value : new URL(value).origin;
}

export function parseHeader(line: string, credentials: boolean): Header | { error: string } {
  const colon = line.indexOf(':');
  const name = colon === -1 ? '' : line.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    return { error: `--header needs "Name: value" (got "${printable(redactSecretsIn(line))}")` };
  const refused = refusedHeader(name, credentials);
  if (refused !== null) return { error: `--header ${name}: ${refused}` };
  return { name, value: line.slice(colon + 1).trim() };
}

export function checkUrl(value: string | undefined): string | { error: string } {
  if (value === undefined) return { error: 'probe needs a URL (or --config FILE)' };
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // falls through to the message below
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return { error: `"${redactUrl(value, DEFAULT_SETTINGS)}" is not an http(s) URL` };
  // #dom-request step 5.3: "If parsedURL includes credentials, then throw a TypeError." fetch()
  // sends nothing, so neither does the probe (Node would have sent them as Authorization: Basic).
  if (url.username !== '' || url.password !== '')
    return {
      error: `${redactUrl(url.href, DEFAULT_SETTINGS)}: fetch() refuses a URL with a user name or password (TypeError: Request cannot be constructed from a URL that includes credentials), so the probe sends nothing; put the credentials in a header (--header 'Authorization: …') if the page does`,
    };
  return url.href;
}

function checkMs(name: string, value: string, max: number): number | { error: string } {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) return { error: `${name} needs milliseconds (got ${value})` };
  if (ms > max) return { error: `${name}: at most ${max} ms (${max / 60_000} minutes), got ${value}` };
  return ms;
}

const PROBE_OPTIONS = new Set([
  '--origin',
  '--method',
  '--header',
  '--profile',
  '--config',
  '--junit',
  '--base',
  '--fix',
  '--timeout',
  '--format',
  '--data',
  '--data-file',
  '--max-time',
]);

export function parseProbeArgs(argv: readonly string[]): Parsed {
  const flags = { verbose: false, credentials: false, noRedact: false };
  let maxTimeMs: number | null = null;
  let format: OutputFormat | null = null;
  let origin: string | undefined;
  let method = 'GET';
  const headerLines: string[] = [];
  let profiles: readonly BrowserProfile[] | string = parseProfiles('all');
  let fix: string | null = null;
  let timeoutMs = 10_000;
  let config: string | null = null;
  let junit: string | null = null;
  let base: string | null = null;
  let data: string | null = null;
  let dataFile: string | null = null;
  const urls: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') {
      const next = chooseFormat(format, 'json');
      if (typeof next !== 'string') return next;
      format = next;
    } else if (arg === '--verbose' || arg === '-v') flags.verbose = true;
    else if (arg === '--credentials') flags.credentials = true;
    else if (arg === '--no-redact') flags.noRedact = true;
    else if (arg.startsWith('--')) {
      const name = arg.split('=')[0] as string;
      if (!PROBE_OPTIONS.has(name)) return { error: `unknown option "${name}"` };
      const option = optionValue(argv, i, name);
      const value = option?.value;
      if (option === null || value === undefined) return { error: `${name} needs a value` };
      i = option.next;
      if (name === '--origin') origin = value;
      else if (name === '--method') method = value;
      else if (name === '--header') headerLines.push(value);
      else if (name === '--profile') profiles = parseProfiles(value);
      else if (name === '--config') config = value;
      else if (name === '--junit') junit = value;
      else if (name === '--base') base = value;
      else if (name === '--data') data = value;
      else if (name === '--data-file') dataFile = value;
      else if (name === '--format') {
        const next = chooseFormat(format, value);
        if (typeof next !== 'string') return next;
        format = next;
      } else if (name === '--fix') {
        const parsed = parseFix(value);
        if (typeof parsed !== 'string') return parsed;
        fix = parsed;
      } else if (name === '--timeout' || name === '--max-time') {
        const ms = checkMs(name, value, name === '--timeout' ? MAX_TIMEOUT_MS : MAX_MAX_TIME_MS);
        if (typeof ms !== 'number') return ms;
        if (name === '--timeout') timeoutMs = ms;
        else maxTimeMs = ms;
      }
    } else urls.push(arg);
  }
  if (typeof profiles === 'string') return { error: profiles };
  const output = { format: format ?? 'text', json: format === 'json' };
  if (config !== null) {
    if (urls.length > 0 || origin !== undefined)
      return { error: '--config takes the URLs and origins from the file' };
    if (data !== null || dataFile !== null)
      return { error: '--data goes in the file with --config ("data")' };
    return {
      command: 'probe-config',
      config,
      junit,
      base,
      profiles,
      ...output,
      timeoutMs,
      fix,
      maxTimeMs: maxTimeMs ?? DEFAULT_CONFIG_MAX_TIME_MS,
      noRedact: flags.noRedact,
    };
  }
  if (junit !== null || base !== null) return { error: '--junit and --base go with --config' };
  if (urls.length > 1) return { error: 'probe takes one URL (use --config for several)' };
  if (data !== null && dataFile !== null) return { error: '--data and --data-file: one body only' };
  if ((data !== null || dataFile !== null) && /^(GET|HEAD)$/i.test(method))
    return { error: `--data: fetch refuses a body on ${method.toUpperCase()} (use --method POST, PUT, …)` };
  const url = checkUrl(urls[0]);
  if (typeof url !== 'string') return url;
  const checkedOrigin = checkOrigin(origin);
  if (typeof checkedOrigin !== 'string') return checkedOrigin;
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method))
    return { error: `--method: "${printable(method)}" is not a method` };
  const headers: Header[] = [];
  for (const line of headerLines) {
    const header = parseHeader(line, flags.credentials);
    if ('error' in header) return header;
    headers.push(header);
  }
  return {
    command: 'probe',
    url,
    origin: checkedOrigin,
    method,
    headers,
    profiles,
    fix,
    timeoutMs,
    ...output,
    data,
    dataFile,
    maxTimeMs: maxTimeMs ?? DEFAULT_MAX_TIME_MS,
    ...flags,
  };
}
