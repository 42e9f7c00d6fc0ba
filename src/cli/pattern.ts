/**
 * `--host`/`--url` patterns: `*` matches any run of characters, the rest is literal and case
 * blind. A pattern without `*` matches anywhere in the text (`api.example` finds
 * `eu.api.example`); with one, it must match the whole text (`*.example.com`).
 */
export function matches(pattern: string, text: string): boolean {
  const lower = text.toLowerCase();
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return lower.includes(p);
  const source = p
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(lower);
}
