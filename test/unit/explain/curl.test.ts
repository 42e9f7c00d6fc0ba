import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommands, shellQuote } from '../../../src/explain';
import { APP, credentialsWithoutAcac, ex, h, headerDisallowed, rec, res } from './fixtures';

/** Runs a command line in bash with `curl` replaced by a function that prints its arguments. */
function argsOf(command: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const HOSTILE = [
  "it's",
  'a"b',
  '$(touch /tmp/cors-lens-pwned)',
  '`id`',
  'line1\nline2',
  "'; echo broken; '",
  '\\$HOME',
  'tab\there',
];

describe('shellQuote', () => {
  it.each(HOSTILE)('keeps %j as one literal word', (value) => {
    expect(argsOf(`curl ${shellQuote(value)}`)).toEqual([value]);
  });

  it('keeps a command on one line even with control characters', () => {
    expect(shellQuote('a\nb')).not.toContain('\n');
  });
});

describe('curlCommands', () => {
  it('reproduces the preflight and the request', () => {
    const { preflight, actual } = curlCommands(headerDisallowed());
    expect(preflight).toBeDefined();
    expect(argsOf(preflight ?? '')).toEqual([
      '-i',
      '-X',
      'OPTIONS',
      'https://api.example/items',
      '-H',
      `Origin: ${APP}`,
      '-H',
      'Access-Control-Request-Method: PUT',
      '-H',
      'Access-Control-Request-Headers: x-trace-id',
    ]);
    expect(argsOf(actual)).toEqual([
      '-i',
      '-X',
      'PUT',
      'https://api.example/items',
      '-H',
      `Origin: ${APP}`,
      '-H',
      'X-Trace-Id: abc',
    ]);
  });

  it('has no preflight for a simple request', () => {
    expect(curlCommands(rec(ex())).preflight).toBeUndefined();
  });

  it('redacts secrets by default and keeps them on request', () => {
    const record = credentialsWithoutAcac();
    expect(curlCommands(record).actual).toContain("'Cookie: [REDACTED]'");
    expect(curlCommands(record).actual).not.toContain('s3cr3t');
    expect(curlCommands(record, { redact: false }).actual).toContain('session=s3cr3t');
    const tokenUrl = rec(ex({ url: 'https://api.example/items?access_token=abc&page=2' }));
    expect(curlCommands(tokenUrl).actual).toContain(
      "'https://api.example/items?access_token=[REDACTED]&page=2'",
    );
  });

  it('never lets a header value break out of its quotes', () => {
    const record = rec(
      ex({
        requestHeaders: h({ Origin: APP, 'X-Evil': "'; touch /tmp/cors-lens-pwned; echo '$(id)\nnext" }),
        response: res(200, { 'Access-Control-Allow-Origin': APP }),
      }),
    );
    const args = argsOf(curlCommands(record, { redact: false }).actual);
    expect(args).toContain("X-Evil: '; touch /tmp/cors-lens-pwned; echo '$(id)\nnext");
    expect(args).toHaveLength(8);
  });
});
