import { describe, expect, it } from 'vitest';
import { decodeUtf8, run } from '../../../src/cli/cors-lens';
import { matches } from '../../../src/cli/pattern';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';

const APP = 'https://app.example';

interface EntrySpec {
  readonly url: string;
  readonly method?: string;
  readonly origin?: string;
  readonly responseHeaders?: Record<string, string>;
  readonly status?: number;
}

function entry(spec: EntrySpec, n: number) {
  return {
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    time: 1,
    _resourceType: 'fetch',
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Origin', value: spec.origin ?? APP }],
      cookies: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: Object.entries(spec.responseHeaders ?? {}).map(([name, value]) => ({ name, value })),
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      _error:
        spec.responseHeaders?.['Access-Control-Allow-Origin'] === undefined ? 'net::ERR_FAILED' : undefined,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

const har = (specs: EntrySpec[]): string =>
  JSON.stringify({
    log: { version: '1.2', creator: { name: 't', version: '1' }, entries: specs.map(entry) },
  });

// Three identical failures on api.example, one elsewhere, one allowed.
const mixed = har([
  { url: 'https://api.example/a' },
  { url: 'https://api.example/b' },
  { url: 'https://api.example/c' },
  { url: 'https://cdn.example/font.woff2' },
  { url: 'https://ok.example/x', responseHeaders: { 'Access-Control-Allow-Origin': APP } },
]);
const explain = (argv: string[], text: string | Uint8Array = mixed) =>
  run(['explain', 'f.har', ...argv], () => text);

describe('cors-lens explain options', () => {
  it('groups identical failures (same host, reason and fix) into one block with a count', () => {
    const result = explain([]);
    expect(result.code).toBe(1);
    const blocks = result.stdout.trim().split('\n\n');
    expect(blocks).toHaveLength(4); // api.example ×3, cdn.example, the credentials note, summary
    expect(blocks[2]).toMatch(/^note: No HAR records the credentials mode/);
    expect(blocks[0]).toMatch(/^✗ GET https:\/\/api\.example\/a {2}\(×3\)/);
    expect(blocks[0]).toContain('same host, reason and fix for 3 requests (--all lists each)');
    expect(blocks[0]).toContain('also GET https://api.example/b');
    expect(blocks[1]).toMatch(/^✗ GET https:\/\/cdn\.example\/font\.woff2\n/);
  });

  it('lists each request with --all', () => {
    const blocks = explain(['--all']).stdout.trim().split('\n\n');
    expect(blocks.filter((b) => b.startsWith('✗'))).toHaveLength(4);
    expect(blocks.some((b) => b.startsWith('✓ GET https://ok.example/x'))).toBe(true);
  });

  it('filters by --host and --url pattern', () => {
    const host = explain(['--host', 'cdn.example']);
    expect(host.stdout).not.toContain('api.example');
    expect(host.stdout).toContain('cdn.example');
    const url = explain(['--url', 'https://api.example/*']);
    expect(url.stdout).not.toContain('cdn.example');
    expect(url.stdout).toContain('(×3)');
    expect(explain(['--host', 'ok.example']).code).toBe(0);
    expect(matches('*.example', 'api.example')).toBe(true);
    expect(matches('*.example', 'api.example.org')).toBe(false);
    expect(matches('API', 'eu.api.example')).toBe(true);
  });

  it('replays with --credentials include and --origin, which a HAR does not record', () => {
    const star = har([
      { url: 'https://api.example/a', responseHeaders: { 'Access-Control-Allow-Origin': '*' } },
    ]);
    expect(explain([], star).code).toBe(0);
    const credentialed = explain(['--credentials', 'include'], star);
    expect(credentialed.code).toBe(1);
    expect(credentialed.stdout).toContain('WildcardOriginNotAllowed');
    const exact = har([
      { url: 'https://api.example/a', responseHeaders: { 'Access-Control-Allow-Origin': APP } },
    ]);
    expect(explain([], exact).code).toBe(0);
    const other = explain(['--origin', 'https://other.example'], exact);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('from:   https://other.example');
    expect(other.stdout).toContain('AllowOriginMismatch');
  });

  it('prints the server snippet with --fix', () => {
    const result = explain(['--fix', 'express', '--host', 'cdn.example']);
    expect(result.stdout).toContain('Express (cors package):');
    expect(result.stdout).toContain(`origin: ["${APP}"]`);
  });

  it('renders the --fix snippet from the policy over every request of the HAR to that server', () => {
    const file = har([
      {
        url: 'https://api.example/items',
        method: 'DELETE',
        responseHeaders: { 'Access-Control-Allow-Origin': APP },
      },
      { url: 'https://api.example/users' },
      { url: 'https://api.example/items', origin: 'https://admin.example' },
    ]);
    const result = run(['explain', '-', '--fix', 'express', '--all'], () => file);
    expect(result.stdout).toContain('policy for https://api.example');
    expect(result.stdout).toContain('covers 3 requests:');
    expect(result.stdout).toContain('DELETE /items from https://app.example: allowed now, stays allowed');
    // The DELETE that works keeps working; both page origins are allow-listed by name.
    expect(result.stdout).toContain('methods: ["GET", "DELETE"]');
    expect(result.stdout).toContain('origin: ["https://admin.example", "https://app.example"]');
  });

  it('prints the Markdown report with --format markdown', () => {
    const result = explain(['--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^# /);
    expect(result.stdout).toContain('api.example');
  });

  it('shows every profile with --profile all', () => {
    const result = explain(['--profile', 'all', '--host', 'cdn.example']);
    expect(result.stdout).toContain(`profiles: ${BROWSER_PROFILES.map((p) => `${p} ✗`)[0]}`);
    for (const p of BROWSER_PROFILES) expect(result.stdout).toContain(`${p} ✗ MissingAllowOriginHeader`);
    expect(result.stdout).toContain(`(profile ${BROWSER_PROFILES.join(', ')})`);
    const json = JSON.parse(explain(['--profile', 'all', '--json']).stdout) as {
      requests: { profiles: Record<string, { verdict: string }> }[];
    };
    expect(Object.keys(json.requests[0]?.profiles ?? {})).toEqual([...BROWSER_PROFILES]);
  });

  it('lets data: URLs through (basic tainting), as Fetch and Chromium do', () => {
    const data = har([{ url: 'data:text/plain,hi' }]);
    const result = explain(['--all'], data);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('CorsDisabledScheme');
  });

  it('says what to change in the page in words, not as an internal code', () => {
    const result = explain([], har([{ url: 'ftp://files.example/a' }]));
    expect(result.stdout).toContain('in the page: request it over http or https');
    expect(result.stdout).not.toContain('use-http-scheme');
  });

  it('warns about bytes that are not UTF-8 instead of changing them silently', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(mixed.slice(0, -2)),
      0xff,
      0xfe,
      ...new TextEncoder().encode(mixed.slice(-2)),
    ]);
    // The invalid bytes sit between the last entry and the closing brackets: still a HAR.
    const text = mixed.slice(0, -2);
    const valid = new TextEncoder().encode(`${text} ${mixed.slice(-2)}`);
    expect(run(['explain', 'f.har'], () => valid).stderr).toBe('');
    const result = run(['explain', 'f.har'], () => bytes);
    expect(result.stderr).toMatch(
      /^cors-lens: f\.har: warning: not valid UTF-8; 2 invalid byte sequences read as U\+FFFD/,
    );
    expect(decodeUtf8(new Uint8Array([0x68, 0x69]), 'x').warning).toBe('');
  });

  it.each([
    [['--credentials', 'same-origin'], /--credentials needs include or omit/],
    [['--origin', 'nope'], /is not an origin/],
    [['--format', 'html'], /--format needs text, json, markdown/],
    [['--json', '--format', 'markdown'], /exclude each other/],
    [['--fix', 'cobol'], /--fix needs one of/],
  ])('exits 2 on %j', (argv, message) => {
    const result = explain(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
