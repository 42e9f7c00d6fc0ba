/**
 * Where JSON text stops being JSON (RFC 8259). Node 20's JSON.parse does not always say where
 * ("Unexpected token '}', ..."), and a HAR is often megabytes on one line, so the CLI and the
 * panel need the offset, line and column to point at. Only runs after JSON.parse has failed.
 */
export interface JsonErrorPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

class Stop {
  constructor(readonly offset: number) {}
}

function scan(text: string): void {
  let at = 0;
  const fail = (): never => {
    throw new Stop(at);
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = (): void => {
    at++; // opening quote
    while (at < text.length) {
      const char = text.charCodeAt(at);
      if (char === 0x22) {
        at++;
        return;
      }
      if (char < 0x20) fail();
      if (char === 0x5c) {
        at++;
        const escaped = text[at] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
          at += 4;
        } else if (!'"\\/bfnrt'.includes(escaped) || escaped === '') fail();
      }
      at++;
    }
    fail();
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') container('}', true);
    else if (char === '[') container(']', false);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  const container = (close: string, keyed: boolean): void => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      if (keyed) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
      }
      value();
      space();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === close) {
        at++;
        return;
      }
      fail();
    }
  };
  value();
  space();
  if (at < text.length) fail();
}

/**
 * The first offset where `text` is not JSON, or null when it parses, or when it nests too deep
 * for this recursive scan (JSON.parse's own message still gives the position then).
 */
export function jsonErrorPosition(text: string): JsonErrorPosition | null {
  let offset: number;
  try {
    scan(text);
    return null;
  } catch (caught) {
    if (!(caught instanceof Stop)) return null;
    offset = caught.offset;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { offset, line, column };
}
