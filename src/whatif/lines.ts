import type { Header } from '../evaluator/types';

/** Header lines as the editor shows them: `Name: value`, one per line, order and duplicates kept. */
export function formatHeaderLines(headers: readonly Header[]): string {
  return headers.map((h) => `${h.name}: ${h.value}`).join('\n');
}

export interface ParsedLines {
  readonly headers: Header[];
  /** 1-based numbers of the non-empty lines that are not `Name: value` (ignored). */
  readonly invalid: number[];
}

/** A token per RFC 9110 (`field-name`): what a header name may contain. */
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The editor's text back to header lines. Blank lines are skipped; a line without a colon or with
 * a name that is not a token is reported in `invalid` and left out. Values are trimmed the way
 * a browser strips leading and trailing whitespace from a field value.
 */
export function parseHeaderLines(text: string): ParsedLines {
  const headers: Header[] = [];
  const invalid: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!FIELD_NAME.test(name)) {
      invalid.push(i + 1);
      return;
    }
    headers.push({ name, value: line.slice(colon + 1).trim() });
  });
  return { headers, invalid };
}

/** Sets `name` to exactly `value`: the first line of that name is replaced, the others dropped. */
export function setHeader(headers: readonly Header[], name: string, value: string): Header[] {
  const lower = name.toLowerCase();
  const out: Header[] = [];
  let placed = false;
  for (const h of headers) {
    if (h.name.toLowerCase() !== lower) out.push(h);
    else if (!placed) {
      out.push({ name: h.name, value });
      placed = true;
    }
  }
  if (!placed) out.push({ name, value });
  return out;
}

/** Drops every line of `name` (case-insensitive). */
export function removeHeader(headers: readonly Header[], name: string): Header[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() !== lower);
}
