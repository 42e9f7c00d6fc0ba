import { BROWSER_PROFILES, type BrowserProfile } from '../evaluator/types';
import { SNIPPET_IDS } from '../explain/snippets';

/** Option values shared by `explain` and `probe`. */

/** `--profile chrome|…|all`: every profile BROWSER_PROFILES knows, or one. */
export function parseProfiles(value: string | undefined): readonly BrowserProfile[] | string {
  if (value === 'all') return BROWSER_PROFILES;
  const found = BROWSER_PROFILES.find((p) => p === value);
  return found === undefined
    ? `--profile needs one of ${[...BROWSER_PROFILES, 'all'].join(', ')} (got ${value ?? 'nothing'})`
    : [found];
}

export function parseFix(value: string | undefined): string | { readonly error: string } {
  if (value !== undefined && SNIPPET_IDS.includes(value)) return value;
  return { error: `--fix needs one of ${SNIPPET_IDS.join(', ')} (got ${value ?? 'nothing'})` };
}

/** Reads `--name value` or `--name=value` at `argv[i]`; returns the value and the next index. */
export function optionValue(
  argv: readonly string[],
  i: number,
  name: string,
): { readonly value: string | undefined; readonly next: number } | null {
  const arg = argv[i] as string;
  if (arg === name) return { value: argv[i + 1], next: i + 1 };
  if (arg.startsWith(`${name}=`)) return { value: arg.slice(name.length + 1), next: i };
  return null;
}

/** `--format text|json|markdown` on both commands; `--json` is the alias of `--format json`. */
export type OutputFormat = 'text' | 'json' | 'markdown';
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown'];

/**
 * One more `--format VALUE` (or `--json`, which is `json`) on top of what was chosen before: an
 * unknown value, or a second different format, is an error rather than a silent last-one-wins.
 */
export function chooseFormat(
  current: OutputFormat | null,
  value: string,
): OutputFormat | { readonly error: string } {
  const found = FORMATS.find((f) => f === value);
  if (found === undefined) return { error: `--format needs ${FORMATS.join(', ')} (got ${value})` };
  if (current !== null && current !== found)
    return {
      error: `--format ${current} and --format ${found} exclude each other (--json is --format json)`,
    };
  return found;
}

export const PROFILE_CHOICES = `${BROWSER_PROFILES.join('|')}|all`;
export const FIX_CHOICES = SNIPPET_IDS.join('|');
