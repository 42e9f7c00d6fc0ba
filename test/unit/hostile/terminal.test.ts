import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOut, printable, terminalSafe } from '../../../src/cli/terminal';
import { mdText } from '../../../src/report';
import { APP, closeAll, explain, harText, probe, rawServer } from './support';

// Issue #15 items 6 and 9: no input byte reaches a terminal unescaped, in any format.

// What a terminal acts on or a reader is misled by: C0 but tab, DEL, C1, U+2028/9, bidi controls.
const isUnsafe = (code: number, lineBreakOk: boolean): boolean =>
  (code <= 0x1f && code !== 0x09 && !(lineBreakOk && code === 0x0a)) ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x061c ||
  code === 0x200e ||
  code === 0x200f ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);

const unsafeIn = (text: string, lineBreakOk: boolean): number[] =>
  [...text].map((c) => c.codePointAt(0) ?? 0).filter((code) => isUnsafe(code, lineBreakOk));

// Strings rich in the characters that matter, among any others.
const DANGER = [
  '\u001b',
  '\u0007',
  '\r',
  '\n',
  '\u0085',
  '\u009b',
  '\u007f',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u2066',
  '\u200f',
];
const hostileString = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(...DANGER)), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('one terminal-safe escaping (property)', () => {
  it('printable leaves nothing unsafe, not even a line break, and loses nothing', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const out = printable(s);
        expect(unsafeIn(out, false)).toEqual([]);
        // Injective enough to read back: each escape is \uXXXX of the original character.
        expect(
          out.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) =>
            String.fromCharCode(Number.parseInt(hex, 16)),
          ),
        ).toBe(
          s.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('terminalSafe keeps only our line breaks', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const out = terminalSafe(s);
        expect(unsafeIn(out, true)).toEqual([]);
        expect(out.split('\n')).toHaveLength(s.split('\n').length);
      }),
      { numRuns: 2_000 },
    );
  });

  it('jsonOut is safe and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileString, fc.oneof(hostileString, fc.array(hostileString))), (value) => {
        const out = jsonOut(value);
        expect(unsafeIn(out, true)).toEqual([]);
        expect(JSON.parse(out)).toEqual(value);
      }),
      { numRuns: 1_000 },
    );
  });
});

afterAll(closeAll);

const EVIL = 'x\u001b[2J\u0007\rFAKE\u009b31m\u0085\u2028\u202eevil';
const har = harText([
  {
    url: `https://api.example/a?q=${encodeURIComponent('\u009b')}`,
    requestHeaders: [{ name: 'X-Evil', value: EVIL }],
    responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: EVIL }],
  },
]);

describe('every CLI format', () => {
  it.each([
    [[]],
    [['--all']],
    [['--json']],
    [['--format', 'markdown']],
    [['--profile', 'all', '--fix', 'express']],
  ])('explain %j prints no raw control byte', async (argv) => {
    const result = await explain(har, ...argv);
    expect(result.code).toBe(1);
    expect(unsafeIn(result.stdout, true)).toEqual([]);
    expect(unsafeIn(result.stderr, true)).toEqual([]);
    expect(result.stdout).toMatch(/\\u001b|\\u009b/);
  });

  it('explain --json still parses to the values that were in the HAR', async () => {
    const result = await explain(har, '--json');
    const doc = JSON.parse(result.stdout) as { requests: { fix: { setHeaders: { value: string }[] }[] }[] };
    expect(doc.requests).toHaveLength(1);
  });

  // Node's parser refuses C0 bytes in a header value; bytes 0x80-0xFF (obs-text) pass, as Latin-1.
  it.each([[[]], [['--json']], [['--verbose']]])(
    'probe %j prints no raw C1 byte from the answer',
    async (argv) => {
      const url = await rawServer((socket) =>
        socket.once('data', () =>
          socket.end(
            'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-Note: \u009b31m\u0085red\r\nContent-Length: 0\r\n\r\n',
            'latin1',
          ),
        ),
      );
      const result = await probe(`${url}/`, '--origin', APP, ...argv);
      expect(result.code).toBe(0);
      expect(unsafeIn(result.stdout, true)).toEqual([]);
      expect(unsafeIn(result.stderr, true)).toEqual([]);
      if (argv.length > 0) expect(result.stdout).toContain('\\u009b31m\\u0085red');
    },
  );

  it('a --method with CR/LF is refused on one line', async () => {
    const result = await probe('http://127.0.0.1:9/', '--origin', APP, '--method', 'GE\r\nT');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('cors-lens: --method: "GE\\u000d\\u000aT" is not a method');
  });
});

describe('Markdown exports: no mention, no issue link, no math', () => {
  it('mdText breaks @name and #123 and escapes $', () => {
    const out = mdText('@everyone see #12 and $x$');
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).not.toMatch(/#\d/);
    expect(out).toContain('\\$x\\$');
  });

  it('a header named @name in a Markdown report pings no one: outside code, every mention is broken', async () => {
    const har = harText([
      {
        url: 'https://api.example/a?x=@octocat',
        method: 'PUT',
        requestHeaders: [{ name: '@octocat', value: '#1' }],
      },
    ]);
    const result = await explain(har, '--format', 'markdown');
    let fence: string | null = null;
    const prose: string[] = [];
    for (const line of result.stdout.split('\n')) {
      const open = /^(`{3,})/.exec(line);
      if (fence === null && open) fence = open[1] ?? null;
      else if (fence !== null && line.startsWith(fence)) fence = null;
      else if (fence === null) prose.push(line);
    }
    expect(prose.join('\n')).toContain('octocat');
    expect(prose.filter((line) => /@[A-Za-z0-9]|#\d/.test(line))).toEqual([]);
  });
});
