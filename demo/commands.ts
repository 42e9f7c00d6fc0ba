import type { Mistake } from './mistakes';

/** `cors-lens probe` arguments that ask what the demo page asks of one endpoint. */
export function probeArgv(m: Mistake, api: string, page: string): string[] {
  const argv = ['probe', `${api}/demo/${m.id}`, '--origin', page];
  if (m.method !== undefined) argv.push('--method', m.method);
  for (const [name, value] of Object.entries(m.headers ?? {})) argv.push('--header', `${name}: ${value}`);
  if (m.credentials === 'include') argv.push('--credentials');
  return argv;
}

/** A word as a POSIX shell reads it back: plain when safe, else single-quoted. */
const quote = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * A command line to copy into a shell, `$ ` first, broken before an option with ` \` so that no
 * line is wider than `width` (the demo's output fits a 100-column terminal).
 */
export function shellCommand(words: readonly string[], width = 100): string {
  const lines: string[] = [];
  let current = '$';
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    // an option and its value stay together
    const value = word.startsWith('--') && words[i + 1] !== undefined && !words[i + 1]?.startsWith('--');
    const piece = value ? `${quote(word)} ${quote(words[++i] as string)}` : quote(word);
    if (current.length + 1 + piece.length + 2 > width && current.trim() !== '$' && !/^\s*$/.test(current)) {
      lines.push(`${current} \\`);
      current = `    ${piece}`;
    } else current = `${current} ${piece}`;
  }
  lines.push(current);
  return lines.join('\n');
}
