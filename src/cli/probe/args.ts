import type { BrowserProfile, Header } from '../../evaluator/types';
import {
  chooseFormat,
  FIX_CHOICES,
  type OutputFormat,
  optionValue,
  PROFILE_CHOICES,
  parseFix,
  parseProfiles,
} from '../options';
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
}

export const PROBE_USAGE = `Usage: cors-lens probe <url> --origin <origin> [--method M] [--header 'Name: value']...
                       [--credentials] [--profile ${PROFILE_CHOICES}] [--format text|json|markdown]
                       [--verbose] [--data BODY | --data-file FILE] [--fix ${FIX_CHOICES}] [--timeout ms]
       cors-lens probe --config cors.json [--base URL] [--junit results.xml] [--profile …]
                       [--format text|json|markdown] [--fix ${FIX_CHOICES}] [--timeout ms]

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
  --timeout      per request, in ms (default 10000)

Exit status: 0 allowed (every check held), 1 blocked (a check failed), 2 bad input or a network
error (refused, timed out, DNS, TLS, not HTTP).`;

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
    return { error: `${what}: "${value}" is not an origin (scheme://host[:port], no path)` };
  return value === 'null' ? value : new URL(value).origin;
}

export function parseHeader(line: string, credentials: boolean): Header | { error: string } {
  const colon = line.indexOf(':');
  const name = colon === -1 ? '' : line.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    return { error: `--header needs "Name: value" (got "${line}")` };
  const refused = refusedHeader(name, credentials);
  if (refused !== null) return { error: `--header ${name}: ${refused}` };
  return { name, value: line.slice(colon + 1).trim() };
}

export function checkUrl(value: string | undefined): string | { error: string } {
  if (value === undefined) return { error: 'probe needs a URL (or --config FILE)' };
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // falls through to the message below
  }
  return { error: `"${value}" is not an http(s) URL` };
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
]);

export function parseProbeArgs(argv: readonly string[]): Parsed {
  const flags = { verbose: false, credentials: false };
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
      } else if (name === '--timeout') {
        timeoutMs = Number(value);
        if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
          return { error: `--timeout needs milliseconds (got ${value})` };
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
    return { command: 'probe-config', config, junit, base, profiles, ...output, timeoutMs, fix };
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
    return { error: `--method: "${method}" is not a method` };
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
    ...flags,
  };
}
