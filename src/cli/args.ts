import type { BrowserProfile, CredentialsMode } from '../evaluator/types';
import {
  chooseFormat,
  FIX_CHOICES,
  type OutputFormat,
  optionValue,
  PROFILE_CHOICES,
  parseFix,
  parseProfiles,
} from './options';
import { checkOrigin, PROBE_USAGE, type ProbeArgs, type ProbeConfigArgs, parseProbeArgs } from './probe/args';

/** `cors-lens explain <file.har> […]`: see USAGE. */
export interface ExplainArgs {
  readonly command: 'explain';
  readonly file: string;
  /** The first one decides the verdict shown; the others are compared with it. */
  readonly profiles: readonly BrowserProfile[];
  /** `format === 'json'`, kept for the code that asks only that. */
  readonly json: boolean;
  readonly format: OutputFormat;
  readonly all: boolean;
  readonly credentials: Extract<CredentialsMode, 'include' | 'omit'> | null;
  readonly origin: string | null;
  readonly host: string | null;
  readonly url: string | null;
  readonly fix: string | null;
  /** --no-redact: print secrets as they are. */
  readonly noRedact: boolean;
}

export type ParsedArgs =
  | ExplainArgs
  | ProbeArgs
  | ProbeConfigArgs
  | { readonly command: 'help'; readonly topic?: 'explain' | 'probe' }
  | { readonly command: 'version' }
  | { readonly error: string; readonly usage?: string };

export const EXPLAIN_USAGE = `Usage: cors-lens explain <file.har | -> [--format text|json|markdown] [--profile ${PROFILE_CHOICES}]
                         [--all] [--credentials include|omit] [--origin ORIGIN]
                         [--host PATTERN] [--url PATTERN] [--fix ${FIX_CHOICES}] [--no-redact]

Replays every cross-origin request of a HAR (Chrome or Firefox DevTools export; - reads it from
standard input) through the CORS rules of the chosen browser and explains each blocked one.
Identical failures (same host, reason and fix) are grouped with a count.
Try it: cors-lens explain examples/chrome-devtools.har

  --format       text (default); json: one JSON document; markdown: the panel's Markdown report
  --json         the same as --format json
  --profile      whose rules to apply (default chrome); all: each profile's verdict side by side
  --all          list every request one by one, allowed and opaque ones too
  --credentials  replay as if sent with credentials "include" or "omit" (a HAR does not record it)
  --origin       replay as if the page had this origin
  --host, --url  only requests whose host (or whole URL) matches; * matches anything
  --fix          the server snippet for one stack under each failure
  --no-redact    print secrets (Authorization, Cookie, tokens in URLs, webhook keys) as they are

Exit status: 0 no cross-origin request blocked, 1 at least one blocked (a failed connection
counts: the page saw it fail), 2 bad input (not a HAR, unreadable file) or usage.`;

export const USAGE = `Usage: cors-lens <command> [options]     (cors-lens <command> --help for its options and exit status)

Commands:
  explain <file.har | ->   replay a HAR's cross-origin requests through each browser's CORS rules
  probe <url> --origin O   ask a live server what a browser would ask, and judge its answers
  probe --config FILE      the same for a list of endpoints, for CI (table, JUnit)

Options:
  --help, -h     this text; cors-lens help <command>: one command's options and exit status
  --version, -V  the version of cors-lens

Try: cors-lens explain examples/chrome-devtools.har`;

const EXPLAIN_OPTIONS = new Set([
  '--profile',
  '--format',
  '--credentials',
  '--origin',
  '--host',
  '--url',
  '--fix',
]);

function parseExplainArgs(rest: readonly string[]): ExplainArgs | { error: string } {
  let profiles: readonly BrowserProfile[] | string = parseProfiles('chrome');
  const out = { all: false, noRedact: false };
  let format: OutputFormat | null = null;
  let credentials: ExplainArgs['credentials'] = null;
  let origin: string | null = null;
  let host: string | null = null;
  let url: string | null = null;
  let fix: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json') {
      const next = chooseFormat(format, 'json');
      if (typeof next !== 'string') return next;
      format = next;
    } else if (arg === '--all') out.all = true;
    else if (arg === '--no-redact') out.noRedact = true;
    else if (arg.startsWith('--')) {
      const name = arg.split('=')[0] as string;
      if (!EXPLAIN_OPTIONS.has(name)) return { error: `unknown option "${name}"` };
      const option = optionValue(rest, i, name);
      const value = option?.value;
      if (option === null || value === undefined) {
        return {
          error: name === '--profile' ? (parseProfiles(undefined) as string) : `${name} needs a value`,
        };
      }
      i = option.next;
      if (name === '--profile') profiles = parseProfiles(value);
      else if (name === '--format') {
        const next = chooseFormat(format, value);
        if (typeof next !== 'string') return next;
        format = next;
      } else if (name === '--credentials') {
        if (value !== 'include' && value !== 'omit')
          return { error: `--credentials needs include or omit (got ${value})` };
        credentials = value;
      } else if (name === '--origin') {
        const checked = checkOrigin(value);
        if (typeof checked !== 'string') return checked;
        origin = checked;
      } else if (name === '--host') host = value;
      else if (name === '--url') url = value;
      else if (name === '--fix') {
        const parsed = parseFix(value);
        if (typeof parsed !== 'string') return parsed;
        fix = parsed;
      }
    } else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option "${arg}"` };
    else files.push(arg);
  }
  if (typeof profiles === 'string') return { error: profiles };
  if (files.length !== 1) {
    return {
      error:
        files.length === 0
          ? 'explain needs a HAR file (or - for standard input)'
          : 'explain takes exactly one HAR file',
    };
  }
  const file = files[0] as string;
  const chosen = format ?? 'text';
  return {
    command: 'explain',
    file,
    profiles,
    json: chosen === 'json',
    format: chosen,
    credentials,
    origin,
    host,
    url,
    fix,
    ...out,
  };
}

const COMMANDS = ['explain', 'probe'] as const;
const isCommand = (word: string | undefined): word is (typeof COMMANDS)[number] =>
  COMMANDS.some((c) => c === word);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' };
  if (command === 'help') {
    const [topic] = rest;
    if (topic === undefined) return { command: 'help' };
    return isCommand(topic)
      ? { command: 'help', topic }
      : { error: `help: unknown command "${topic}" (expected "explain" or "probe")` };
  }
  if (!isCommand(command)) {
    return { error: `unknown command "${command}" (expected "explain" or "probe")` };
  }
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help', topic: command };
  const parsed = command === 'probe' ? parseProbeArgs(rest) : parseExplainArgs(rest);
  return 'error' in parsed
    ? { error: parsed.error, usage: command === 'probe' ? PROBE_USAGE : EXPLAIN_USAGE }
    : parsed;
}
