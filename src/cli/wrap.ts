/** What the probe's text output fits in: a terminal or CI log of 100 columns. */
export const TEXT_WIDTH = 100;

/**
 * One line as several of at most `width` characters, broken at spaces; continuation lines get the
 * line's own indentation plus two spaces. A word longer than the width (a URL) stays whole.
 */
export function wrapLine(line: string, width = TEXT_WIDTH): string[] {
  if ([...line].length <= width) return [line];
  const indent = `${/^\s*/.exec(line)?.[0] ?? ''}  `;
  const words = line.trimStart().split(' ');
  const out: string[] = [];
  let current = line.slice(0, line.length - line.trimStart().length);
  let fresh = true;
  for (const word of words) {
    const candidate = fresh ? current + word : `${current} ${word}`;
    if (!fresh && [...candidate].length > width) {
      out.push(current);
      current = indent + word;
    } else current = candidate;
    fresh = false;
  }
  out.push(current);
  return out;
}

/** Every line of a text wrapped with `wrapLine`. */
export function wrapText(text: string, width = TEXT_WIDTH): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

/** A cell cut to `width` characters, with an ellipsis when something was cut. */
export function fitCell(cell: string, width: number): string {
  const chars = [...cell];
  return chars.length <= width ? cell : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}
