import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { run } from '../../../src/cli/cors-lens';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(root, 'test/unit/har/fixtures');
const disk = (file: string): string => readFileSync(join(fixtures, file), 'utf8');

function har(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', entries } });
}

function entry(url: string, responseHeaders: { name: string; value: string }[], status = 200) {
  return {
    startedDateTime: '2026-11-20T10:00:00.000Z',
    request: { method: 'GET', url, headers: [{ name: 'Origin', value: 'https://app.example' }] },
    response: {
      status,
      headers: responseHeaders,
      content: { mimeType: 'application/json' },
      redirectURL: '',
    },
  };
}

describe('cors-lens explain', () => {
  it('prints one block per blocked request with its code, sentence and fix, and exits 1', () => {
    const result = run(['explain', 'chrome.har'], disk);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const blocks = result.stdout.trim().split('\n\n');
    expect(blocks).toHaveLength(6);
    expect(blocks[0]).toContain('✗ PUT http://127.0.0.1:8080/api/items/1');
    expect(blocks[0]).toContain(
      'reason: MethodDisallowedByPreflightResponse (PUT)  [firefox: CORSMethodNotFound]',
    );
    expect(blocks[0]).toContain('Access-Control-Allow-Methods: PUT');
    expect(blocks[0]).toMatch(/why: {4}\S/);
    expect(blocks[0]).not.toContain('service worker');
    expect(blocks[1]).toContain('✗ GET http://127.0.0.1:8080/api/missing');
    expect(blocks[1]).toContain('note:   answered by a service worker, not the network');
    // The one allowed request answered `*`: with credentials, which no HAR records, it would not be.
    expect(blocks.at(-2)).toBe(
      'note: No HAR records the credentials mode, and it decides 1 verdict here: each gives both (--credentials include|omit replays one).',
    );
    expect(blocks.at(-1)).toBe(
      '6 cross-origin of 7 requests: 4 blocked, 1 allowed, 1 opaque (profile chrome)',
    );
  });

  it('lists allowed and opaque requests too with --all', () => {
    const result = run(['explain', 'chrome.har', '--all'], disk);
    expect(result.stdout).toMatch(/^✓ GET http:\/\/127\.0\.0\.1:8080\/api\/ok {2}\S/m);
    expect(result.stdout).toMatch(/^○ GET http:\/\/127\.0\.0\.1:8080\/logo\.png {2}\S/m);
  });

  it('exits 0 when nothing cross-origin was blocked', () => {
    const ok = har([entry('https://api.example/ok', [{ name: 'Access-Control-Allow-Origin', value: '*' }])]);
    const result = run(['explain', 'ok.har'], () => ok);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'note: No HAR records the credentials mode, and it decides 1 verdict here: each gives both (--credentials include|omit replays one).\n\n' +
        '1 cross-origin of 1 requests: 0 blocked, 1 allowed, 0 opaque (profile chrome)\n',
    );
    expect(run(['explain', 'ok.har', '--credentials', 'omit'], () => ok).stdout).toBe(
      '1 cross-origin of 1 requests: 0 blocked, 1 allowed, 0 opaque (profile chrome)\n',
    );
  });

  it('prints a JSON document with --json, under the chosen profile', () => {
    const result = run(['explain', 'firefox.har', '--json', '--profile', 'firefox'], disk);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout) as {
      profile: string;
      counts: { blocked: number };
      requests: { url: string; verdict: string; firefoxReason: string | null }[];
    };
    expect(document.profile).toBe('firefox');
    expect(document.requests.every((r) => r.verdict === 'blocked')).toBe(true);
    expect(document.requests.map((r) => r.firefoxReason)).toEqual([
      'CORSMissingAllowHeaderFromPreflight',
      'CORSNotSupportingCredentials',
      // A status-0 entry: the HAR does not say why, so no Firefox reason is claimed for it.
      null,
    ]);
    expect(document.counts.blocked).toBe(3);
  });

  it('escapes terminal control characters from header values', () => {
    const evil = har([
      entry('https://api.example/evil', [
        { name: 'Access-Control-Allow-Origin', value: 'https://x\u001b[31m.example' },
      ]),
    ]);
    const result = run(['explain', 'evil.har'], () => evil);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('\\u001b[31m');
  });

  it('skips broken entries with a message on stderr and judges the rest', () => {
    const mixed = har([{ request: {} }, entry('https://api.example/x', [])]);
    const result = run(['explain', 'mixed.har'], () => mixed);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cors-lens: mixed.har: skipped: log.entries[0].request.url is missing\n');
    expect(result.stdout).toContain('MissingAllowOriginHeader');
  });

  it.each([
    [['explain', 'x.har'], 'not json', /^cors-lens: x\.har: invalid JSON at line 1 column 2 \(position 1\)/],
    [['explain', 'x.har'], '{"entries": []}', /^cors-lens: x\.har: not a HAR: no log\.entries array\n$/],
    [
      ['explain'],
      '',
      /^cors-lens: explain needs a HAR file \(or - for standard input\)\n\nUsage: cors-lens explain/,
    ],
    [['explain', 'a', 'b'], '', /^cors-lens: explain takes exactly one HAR file/],
    [
      ['explain', 'x.har', '--profile', 'opera'],
      '',
      new RegExp(
        `^cors-lens: --profile needs one of ${[...BROWSER_PROFILES, 'all'].join(', ')} \\(got opera\\)`,
      ),
    ],
    [['explain', 'x.har', '--profile'], '', /\(got nothing\)/],
    [['explain', 'x.har', '--verbose'], '', /^cors-lens: unknown option "--verbose"/],
    [['lint', 'x.har'], '', /^cors-lens: unknown command "lint"/],
  ])('exits 2 with a clear message for %j', (argv, text, message) => {
    const result = run(argv, () => text);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 when the file cannot be read', () => {
    const result = run(['explain', join(fixtures, 'no-such.har')], (file) => readFileSync(file, 'utf8'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cors-lens: cannot read .*no-such\.har: ENOENT/);
  });

  it('prints usage on --help and on no arguments', () => {
    expect(parseArgs([])).toEqual({ command: 'help' });
    const result = run(['explain', '--help'], disk);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cors-lens explain <file\.har \| ->/);
    expect(result.stdout).toContain('- reads it from\nstandard input');
  });

  it('accepts --profile=spec', () => {
    expect(parseArgs(['explain', 'f.har', '--profile=spec', '--all'])).toEqual({
      command: 'explain',
      file: 'f.har',
      profiles: ['spec'],
      json: false,
      all: true,
      format: 'text',
      credentials: null,
      origin: null,
      host: null,
      url: null,
      fix: null,
      noRedact: false,
    });
  });

  it('runs as a program: real exit status and streams', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/cors-lens.ts'), 'explain', join(fixtures, 'chrome.har')],
      { encoding: 'utf8', cwd: root },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(1);
    expect(child.stdout).toContain('4 blocked');
  });
});
