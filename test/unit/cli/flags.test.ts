import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, run } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import type { Send } from '../../../src/cli/probe/http';
import { wrapLine } from '../../../src/cli/wrap';

// The first minute in a terminal: --version, --format on both commands (--json its alias), help
// per command with that command's exit status, and the examples/ HAR files the README uses.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fromRoot = (file: string): string => readFileSync(join(root, file), 'utf8');
const packageVersion = (JSON.parse(fromRoot('package.json')) as { version: string }).version;

const APP = 'https://app.example';
/** A server that allows APP for GET only: a PUT's preflight is refused. */
const send: Send = async (request) => {
  const allow = [{ name: 'Access-Control-Allow-Origin', value: APP }];
  if (request.method === 'OPTIONS')
    return {
      kind: 'response',
      status: 204,
      headers: [...allow, { name: 'Access-Control-Allow-Methods', value: 'GET' }],
    };
  return { kind: 'response', status: 200, headers: allow };
};
const io: ProbeIo = {
  send,
  readText: () => {
    throw new Error('no files here');
  },
  writeText: () => undefined,
  progress: () => undefined,
  now: () => 0,
};
const probe = (...argv: string[]) => main(['probe', ...argv], () => '', io);

describe('cors-lens --version', () => {
  it.each([['--version'], ['-V'], ['version']])('%s prints the package version and exits 0', (flag) => {
    expect(run([flag], () => '')).toEqual({ code: 0, stdout: `cors-lens ${packageVersion}\n`, stderr: '' });
  });
});

describe('--format text|json|markdown on explain', () => {
  const har = 'examples/chrome-devtools.har';
  it('json is the same document as --json', () => {
    const viaFormat = run(['explain', har, '--format', 'json'], fromRoot);
    const viaAlias = run(['explain', har, '--json'], fromRoot);
    expect(viaFormat.code).toBe(1);
    expect(viaFormat.stdout).toBe(viaAlias.stdout);
    expect((JSON.parse(viaFormat.stdout) as { counts: { blocked: number } }).counts.blocked).toBe(3);
  });

  it('markdown is the panel report; text is the default', () => {
    const md = run(['explain', har, '--format=markdown'], fromRoot);
    expect(md.stdout).toMatch(/^# CORS Lens report\n/);
    expect(run(['explain', har, '--format', 'text'], fromRoot).stdout).toBe(
      run(['explain', har], fromRoot).stdout,
    );
  });

  it('markdown reaches the terminal with no control byte from the HAR (line breaks kept)', () => {
    const har = JSON.stringify({
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2026-11-20T10:00:00.000Z',
            request: {
              method: 'GET',
              url: 'https://api.example/x',
              headers: [{ name: 'Origin', value: 'https://app.example' }],
            },
            response: {
              status: 200,
              headers: [{ name: 'X-Evil', value: '\u001b[2J\u001b]0;owned\u0007\u009b31m' }],
              content: { mimeType: 'text/plain' },
              redirectURL: '',
            },
          },
        ],
      },
    });
    const md = run(['explain', 'evil.har', '--format', 'markdown'], () => har);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('\\u001b[2J');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control bytes is the point
    expect(md.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(md.stdout.split('\n').length).toBeGreaterThan(10);
  });

  it('refuses an unknown format and two different ones, with the usage and exit 2', () => {
    const unknown = run(['explain', har, '--format', 'yaml'], fromRoot);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^cors-lens: --format needs text, json, markdown \(got yaml\)\n\nUsage: cors-lens explain/,
    );
    const both = run(['explain', har, '--json', '--format', 'markdown'], fromRoot);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^cors-lens: --format json and --format markdown exclude each other/);
    expect(run(['explain', har, '--json', '--format', 'json'], fromRoot).code).toBe(1);
  });
});

describe('--format text|json|markdown on probe', () => {
  it('json (and --json) is one document with each profile; exit 1 when blocked', async () => {
    const json = await probe(
      `${APP.replace('app', 'api')}/items`,
      '--origin',
      APP,
      '--method',
      'PUT',
      '--format',
      'json',
    );
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { profiles: Record<string, { corsError: string }> };
    expect(doc.profiles.chrome?.corsError).toBe('MethodDisallowedByPreflightResponse');
    const alias = await probe(
      `${APP.replace('app', 'api')}/items`,
      '--origin',
      APP,
      '--method',
      'PUT',
      '--json',
    );
    expect(alias.stdout).toBe(json.stdout);
  });

  it('markdown is the report for a ticket, with the fix', async () => {
    const md = await probe(
      'https://api.example/items',
      '--origin',
      APP,
      '--method',
      'PUT',
      '--format',
      'markdown',
    );
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^# CORS Lens report\n/);
    expect(md.stdout).toContain('Access-Control-Allow-Methods');
    expect(md.stdout).toContain('PUT');
  });

  it('an allowed probe exits 0 in every format', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      expect((await probe('https://api.example/items', '--origin', APP, '--format', format)).code).toBe(0);
    }
  });

  it('--config --format markdown: the check table as Markdown, the failure listed, exit 1', async () => {
    const config = JSON.stringify({
      base: 'https://api.example',
      endpoints: [{ url: '/items', allow: { origins: [APP], methods: ['GET', 'PUT'] } }],
    });
    const withConfig: ProbeIo = { ...io, readText: () => config };
    const result = await main(
      ['probe', '--config', 'cors.json', '--format', 'markdown'],
      () => '',
      withConfig,
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('# cors-lens probe');
    expect(lines).toContain('|  | check | must | chrome, firefox, safari, spec |');
    expect(
      lines.filter((l) =>
        /^\| ok \| GET \/items from https:\/\/app\.example \| allow \| allowed \|$/.test(l),
      ),
    ).toHaveLength(1);
    expect(
      lines.some((l) =>
        /^\| FAIL \| PUT \/items from https:\/\/app\.example \| allow \| Method not allowed: PUT \|$/.test(l),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/^2 checks: 1 held, 1 failed, 0 errors/);
  });

  it('refuses --format html with probe usage', async () => {
    const result = await probe('https://api.example/items', '--origin', APP, '--format', 'html');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format needs text, json, markdown (got html)');
    expect(result.stderr).toContain('Usage: cors-lens probe');
  });
});

describe('help', () => {
  it("top-level help lists the commands and ends without any one command's exit status", () => {
    const top = run(['--help'], () => '');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: cors-lens <command>/);
    expect(top.stdout).toContain('explain <file.har | ->');
    expect(top.stdout).toContain('probe <url> --origin');
    expect(top.stdout).toContain('--version');
    expect(top.stdout).not.toContain('Exit status');
    expect(run([], () => '').stdout).toBe(top.stdout);
  });

  it.each([
    ['explain', /Exit status: 0 no cross-origin request blocked, 1 at least one blocked/],
    ['probe', /Exit status: 0 allowed \(every check held\), 1 blocked/],
  ])("%s --help and help %s print that command's usage with its own exit status", (command, exit) => {
    const viaFlag = run([command, '--help'], () => '');
    const viaHelp = run(['help', command], () => '');
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
    expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: cors-lens ${command} `));
    expect(viaFlag.stdout).toMatch(exit);
    expect(viaFlag.stdout.match(/Exit status/g)).toHaveLength(1);
    expect(viaFlag.stdout).toContain('--format');
  });

  it('help of an unknown command is a usage error', () => {
    expect(run(['help', 'fix'], () => '').code).toBe(2);
  });
});

describe('examples/ and the README', () => {
  it("the README's first explain line runs on a file in examples/ and finds what it promises", () => {
    const readme = fromRoot('README.md');
    const line = /npx cors-lens explain (examples\/\S+\.har)/.exec(readme);
    expect(line).not.toBeNull();
    const result = run(['explain', line?.[1] ?? ''], fromRoot);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('reason: MissingAllowOriginHeader');
    expect(result.stdout).toContain('reason: MethodDisallowedByPreflightResponse (PUT)');
    expect(result.stdout).toMatch(/3 blocked, 1 allowed/);
  });

  it('the Firefox example judges under the firefox profile with Firefox reasons', () => {
    const result = run(
      ['explain', 'examples/firefox-devtools.har', '--profile', 'firefox', '--json'],
      fromRoot,
    );
    const doc = JSON.parse(result.stdout) as { requests: { firefoxReason: string }[] };
    expect(doc.requests.map((r) => r.firefoxReason)).toEqual([
      'CORSMissingAllowHeaderFromPreflight',
      'CORSNotSupportingCredentials',
    ]);
  });
});

describe('100 columns', () => {
  it('wraps prose at spaces with the indentation kept, never splitting a word', () => {
    const line = `  why: ${'word '.repeat(40)}https://api.example/${'x'.repeat(120)}`;
    const wrapped = wrapLine(line, 100);
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped.slice(0, -1).every((l) => l.length <= 100)).toBe(true);
    expect(wrapped.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(wrapped.at(-1)?.trim()).toBe(`https://api.example/${'x'.repeat(120)}`);
    expect(wrapped.map((l) => l.trim()).join(' ')).toBe(line.trim().replace(/ +/g, ' '));
  });
});
