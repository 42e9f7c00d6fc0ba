/**
 * What the CLI prints goes to a terminal, and every value in it may come from a hostile HAR or
 * server. One escaping for every format (text, Markdown, JSON): characters a terminal acts on or
 * that reorder what a reader sees become a visible `\uXXXX`:
 * - C0 controls (ESC starts a sequence, BEL rings, CR rewrites the line) and DEL;
 * - C1 controls, U+0080-U+009F: U+009B is a one-byte CSI and U+0085 a line break to some
 *   terminals, and JSON.stringify leaves both raw;
 * - U+2028/U+2029 (line and paragraph separators, also left raw by JSON.stringify);
 * - the bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which can show
 *   text in another order than it is (the "Trojan Source" trick).
 * In JSON these characters only ever occur inside string literals, where `\uXXXX` is the same
 * character: the escaped document parses back to the same value.
 */
// Written as escapes in a string: the character ranges, without LF (for whole documents, whose
// line breaks are ours) and with it (for one value on one line).
const RANGES =
  '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_TEXT = new RegExp(`[${RANGES}]`, 'g');
const UNSAFE_LINE = new RegExp(`[\\u000a${RANGES}]`, 'g');

const visible = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One value on one line: line breaks too become visible escapes (tab stays). */
export function printable(value: string): string {
  return value.replace(UNSAFE_LINE, visible);
}

/** A whole output (text, Markdown or JSON): everything escaped but its own line breaks and tabs. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TEXT, visible);
}

/** A JSON document for a terminal: JSON.stringify, then what it leaves raw escaped. */
export function jsonOut(value: unknown): string {
  return `${terminalSafe(JSON.stringify(value, null, 2))}\n`;
}
