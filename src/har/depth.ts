/**
 * How deep a parsed JSON value nests, without recursion: JSON.parse takes 100,000 nested
 * brackets, but any recursive reader of the result (JSON.stringify in a message, a structured
 * clone) then overflows the stack. A HAR entry is a few levels deep; anything past the bound
 * is skipped with a message that names where.
 */
export const MAX_DEPTH = 64;
/** Steps of the path a message names (the place the deep value starts, not all 64). */
const SHOWN_STEPS = 4;

function step(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, 40))}]`;
}

function children(value: object): [string | number, unknown][] {
  if (Array.isArray(value)) return value.map((item, i) => [i, item]);
  return Object.entries(value);
}

function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    if (Array.isArray(current)) for (const child of current) stack.push([child, depth + 1]);
    else
      for (const key of Object.keys(current))
        stack.push([(current as Record<string, unknown>)[key], depth + 1]);
  }
  return false;
}

/**
 * The path (from `value`, its first steps then `…`) of the first place nested deeper than
 * `limit`, or null. Depth-first with an explicit stack; paths are built only on the way down
 * the one branch that is too deep.
 */
export function deeperThan(value: unknown, limit: number): string | null {
  if (!tooDeep(value, limit)) return null;
  // Walk down again along children that are still too deep, naming the first steps.
  const steps: string[] = [];
  let current: unknown = value;
  for (let depth = 0; depth < SHOWN_STEPS && typeof current === 'object' && current !== null; depth++) {
    const next = children(current).find(([, child]) => tooDeep(child, limit - depth - 1));
    if (next === undefined) break;
    steps.push(step(next[0]));
    current = next[1];
  }
  return `${steps.join('')}${steps.length === SHOWN_STEPS ? '…' : ''}`;
}

/**
 * The deepest bracket nesting of JSON text that parsed, in one pass over the characters (no
 * allocation): far cheaper than walking the parsed value, so an ordinary HAR skips the walk.
 */
export function textDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
