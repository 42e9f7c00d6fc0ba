import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import { parseConfig } from '../../../src/cli/probe/config';
import { nodeSend } from '../../../src/cli/probe/http';
import { junitXml, xmlEscape } from '../../../src/cli/probe/junit';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';

const APP = 'https://app.example';
let api: Server;
let base = '';
const files = new Map<string, string>();
const progress: [number, number][] = [];
let clock = 0;
const io: ProbeIo = {
  send: nodeSend,
  readText: (file) => {
    const text = files.get(file);
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${file}'`);
    return text;
  },
  writeText: (file, text) => files.set(file, text),
  progress: (done, total) => progress.push([done, total]),
  now: () => (clock += 5),
};
const run = (...argv: string[]) => main(['probe', ...argv], () => '', io);

beforeAll(async () => {
  // /good echoes APP only and allows PUT + Content-Type; /open allows everyone; /none sends nothing.
  api = createServer((req, res) => {
    const path = req.url ?? '/';
    const headers: Record<string, string> = {};
    if (path === '/open') headers['Access-Control-Allow-Origin'] = '*';
    if (path === '/good' && req.headers.origin === APP) {
      headers['Access-Control-Allow-Origin'] = APP;
      headers.Vary = 'Origin';
      headers['Access-Control-Allow-Methods'] = 'PUT';
      headers['Access-Control-Allow-Headers'] = 'content-type';
    }
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, headers);
    res.end();
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

const config = (endpoints: unknown[]) => JSON.stringify({ endpoints });

describe('cors-lens probe --config', () => {
  it('exits 0 with a summary table when every check holds, and writes JUnit XML', async () => {
    files.set(
      'ok.json',
      config([
        {
          url: '/good',
          allow: { origins: [APP], methods: ['GET', 'PUT'], headers: ['Content-Type: application/json'] },
          refuse: { origins: ['https://evil.example'] },
        },
      ]),
    );
    progress.length = 0;
    const result = await run('--config', 'ok.json', '--base', base, '--junit', 'out.xml');
    // The file's JSON PUT has no "data": the probe says so (its answer may differ from the browser's).
    expect(result.stderr).toMatch(
      /^cors-lens: \/good: warning: PUT with Content-Type: application\/json goes out with an empty body/,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\s+must\\s+origin\\s+${BROWSER_PROFILES.join(', ')}$`));
    expect(lines.filter((l) => l.startsWith('  ok '))).toHaveLength(3);
    expect(lines.filter((l) => /^(GET|PUT) \/good$/.test(l))).toEqual([
      'GET /good',
      'PUT /good',
      'GET /good',
    ]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.at(-1)).toMatch(/^3 checks: 3 held, 0 failed, 0 errors/);
    expect(progress).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const xml = files.get('out.xml') ?? '';
    expect(xml).toMatch(/<testsuite name="cors-lens probe" tests="3" failures="0" errors="0"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('PUT http://127.0.0.1:');
  });

  it('exits 1 when an origin that must be allowed is blocked or one that must be refused gets in', async () => {
    files.set(
      'bad.json',
      config([
        { url: `${base}/none`, allow: { origins: [APP] } },
        { url: `${base}/open`, refuse: { origins: ['https://evil.example'] } },
      ]),
    );
    const result = await run('--config', 'bad.json', '--junit', 'bad.xml');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/none\n {2}FAIL\s+allow\s+https:\/\/app\.example\s+Missing Allow-Origin$/m,
    );
    expect(result.stdout).toContain('must be refused, but');
    expect(result.stdout).toMatch(/2 checks: 0 held, 2 failed, 0 errors/);
    const xml = files.get('bad.xml') ?? '';
    expect(xml).toMatch(/failures="2" errors="0"/);
    expect(xml).toContain(`<failure message="${BROWSER_PROFILES.join(', ')}: `);
  });

  it('exits 2 when an endpoint cannot be reached, and says which', async () => {
    files.set('down.json', config([{ url: 'http://127.0.0.1:1/x', allow: { origins: [APP] } }]));
    const result = await run('--config', 'down.json', '--junit', 'down.xml', '--timeout', '500');
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^GET http:\/\/127\.0\.0\.1:1\/x\n {2}ERROR\s+allow\s+https:\/\/app\.example\s+error$/m,
    );
    expect(files.get('down.xml')).toMatch(/<error message="127\.0\.0\.1:1 refused the connection/);
  });

  it('prints one JSON document with --json', async () => {
    const result = await run('--config', 'ok.json', '--base', base, '--json');
    const doc = JSON.parse(result.stdout) as { checks: { held: boolean }[]; summary: { total: number } };
    expect(doc.summary.total).toBe(3);
    expect(doc.checks.every((c) => c.held)).toBe(true);
  });

  it.each([
    ['{', /not JSON/],
    ['{}', /needs \{ "endpoints": \[ … \] \}/],
    [config([{ allow: { origins: [APP] } }]), /endpoints\[0\] needs a "url"/],
    [config([{ url: '/x', allow: { origins: [APP] } }]), /relative, and no "base"/],
    [config([{ url: 'ftp://x.example/', allow: { origins: [APP] } }]), /not an http\(s\) URL/],
    [config([{ url: 'https://x.example/' }]), /needs "allow": \{ "origins"/],
    [
      config([{ url: 'https://x.example/', allow: { origins: ['app.example'] } }]),
      /allow\.origins\[0\]: "app\.example" is not an origin/,
    ],
    [
      config([{ url: 'https://x.example/', allow: { origins: [APP], methods: 'GET' } }]),
      /allow\.methods must be a list/,
    ],
    [
      config([{ url: 'https://x.example/', allow: { origins: [APP], headers: ['Cookie: a'] } }]),
      /Cookie is sent only with --credentials/,
    ],
  ])('refuses a bad config %s', (text, message) => {
    const checks = parseConfig(text, null);
    expect(Array.isArray(checks)).toBe(false);
    expect((checks as { error: string }).error).toMatch(message);
  });

  it('exits 2 on a missing config file', async () => {
    const result = await run('--config', 'nope.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cors-lens: cannot read nope\.json: ENOENT/);
  });

  it('expands methods per origin and gives bare header names a value no safelist accepts', () => {
    const checks = parseConfig(
      config([
        {
          url: 'https://x.example/',
          allow: { origins: [APP, 'null'], methods: ['GET', 'POST'], headers: ['Content-Type'] },
        },
      ]),
      null,
    );
    expect(Array.isArray(checks) && checks.map((c) => `${c.method} ${c.origin}`)).toEqual([
      `GET ${APP}`,
      `POST ${APP}`,
      'GET null',
      'POST null',
    ]);
    expect(Array.isArray(checks) && checks[0]?.headers).toEqual([
      { name: 'Content-Type', value: 'cors-lens' },
    ]);
  });
});

describe('JUnit XML', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape('<a href="x">&\'\u0001')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    const xml = junitXml('s', [{ classname: 'c', name: 'n<', seconds: 0.5, failure: 'why & how' }]);
    expect(xml).toContain('<testcase classname="c" name="n&lt;" time="0.500">');
    expect(xml).toContain('<failure message="why &amp; how">why &amp; how</failure>');
  });
});
