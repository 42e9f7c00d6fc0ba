import { BROWSER_PROFILES, type BrowserProfile } from '../evaluator/types';

/** `cors-lens explain <file.har> [--profile chrome|firefox|spec] [--json] [--all]`. */
export interface ExplainArgs {
  readonly command: 'explain';
  readonly file: string;
  readonly profile: BrowserProfile;
  readonly json: boolean;
  readonly all: boolean;
}

export type ParsedArgs = ExplainArgs | { readonly command: 'help' } | { readonly error: string };

export const USAGE = `Usage: cors-lens explain <file.har> [--profile chrome|firefox|spec] [--json] [--all]

Replays every cross-origin request of a HAR (Chrome or Firefox DevTools export) through the
CORS rules of the chosen browser and explains each blocked one.

  --profile  whose rules to apply: chrome (default), firefox or spec
  --json     print one JSON document instead of text
  --all      list allowed and opaque requests too, not only the blocked ones

Exit status: 0 nothing blocked, 1 at least one cross-origin request blocked, 2 bad input or usage.`;

function isProfile(value: string): value is BrowserProfile {
  return (BROWSER_PROFILES as readonly string[]).includes(value);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'explain') return { error: `unknown command "${command}" (expected "explain")` };
  let profile: BrowserProfile = 'chrome';
  let json = false;
  let all = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--all') all = true;
    else if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg === '--profile' ? rest[++i] : arg.slice('--profile='.length);
      if (value === undefined || !isProfile(value)) {
        return { error: `--profile needs one of ${BROWSER_PROFILES.join(', ')} (got ${value ?? 'nothing'})` };
      }
      profile = value;
    } else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option "${arg}"` };
    else files.push(arg);
  }
  if (files.length !== 1) {
    return { error: files.length === 0 ? 'explain needs a HAR file' : 'explain takes exactly one HAR file' };
  }
  return { command: 'explain', file: files[0] as string, profile, json, all };
}
