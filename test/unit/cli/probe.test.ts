import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import { failureReason, nodeSend } from '../../../src/cli/probe/http';
import { firstHop, nextHop, preflightHeaders } from '../../../src/cli/probe/plan';

const APP = 'https://app.example';
const written = new Map<string, string>();
const progress: string[] = [];
const io: ProbeIo = {
  send: nodeSend,
  readText: (file) => {
    const text = written.get(file);
    if (text === undefined) throw new Error(`ENOENT: ${file}`);
    return text;
  },
  writeText: (file, text) => written.set(file, text),
  progress: (done, total, what) => progress.push(`${done}/${total} ${what}`),
  now: () => 0,
};
const probe = (...argv: string[]) => main(['probe', ...argv], () => '', io);

// One loopback API: /open allows APP, /closed sends nothing, /strict allows APP for GET only.
const seen: IncomingMessage[] = [];
let api: Server;
let base = '';
let hanging: NetServer;
let hangingPort = 0;
let garbage: NetServer;
let garbagePort = 0;
let closedPort = 0;
const sockets: Socket[] = [];

function listen(server: Server | NetServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  api = createServer((req, res) => {
    seen.push(req);
    const path = req.url ?? '/';
    const allow = path.startsWith('/closed') ? {} : { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...allow,
        'Access-Control-Allow-Headers': 'authorization',
        'Access-Control-Allow-Methods': path.startsWith('/strict') ? 'GET' : 'GET, PUT, DELETE',
      });
    } else if (path.startsWith('/hop'))
      res.writeHead(302, { ...allow, Location: `${base.replace('127.0.0.1', 'localhost')}/open` });
    else res.writeHead(200, allow);
    res.end('ok');
  });
  base = `http://127.0.0.1:${await listen(api)}`;
  hanging = createNetServer((socket) => sockets.push(socket)); // accepts, never answers
  hangingPort = await listen(hanging);
  garbage = createNetServer((socket) => {
    sockets.push(socket);
    socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
  });
  garbagePort = await listen(garbage);
  const spare = createNetServer();
  closedPort = await listen(spare);
  await new Promise((resolve) => spare.close(resolve));
});

afterAll(async () => {
  api.closeAllConnections();
  for (const socket of sockets) socket.destroy();
  await Promise.all([api, hanging, garbage].map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('cors-lens probe', () => {
  it('allows what the server allows, in every profile, and exits 0', async () => {
    const result = await probe(`${base}/open`, '--origin', APP);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/open from https:\/\/app\.example \(no credentials\)/,
    );
    expect(result.stdout).toContain('✓ allowed');
  });

  it('explains a blocked request in the panel words with the fix, and exits 1', async () => {
    const result = await probe(`${base}/closed`, '--origin', APP, '--fix', 'nginx');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ blocked: Missing Allow-Origin');
    expect(result.stdout).toContain('answered without Access-Control-Allow-Origin');
    expect(result.stdout).toContain(`send: Access-Control-Allow-Origin: ${APP}`);
    expect(result.stdout).toContain('nginx:');
    expect(result.stdout).toContain('add_header');
  });

  it('sends the preflight a browser would, and never the request it refuses', async () => {
    seen.length = 0;
    const result = await probe(
      `${base}/strict/item`,
      '--origin',
      APP,
      '--method',
      'DELETE',
      '--header',
      'X-Trace: 1',
    );
    expect(result.code).toBe(1);
    expect(seen.map((r) => r.method)).toEqual(['OPTIONS']);
    const preflight = seen[0] as IncomingMessage;
    expect(preflight.headers['access-control-request-method']).toBe('DELETE');
    expect(preflight.headers['access-control-request-headers']).toBe('x-trace');
    expect(preflight.headers.origin).toBe(APP);
    expect(result.stdout).toContain('Method not allowed: DELETE');
  });

  it('never sends cookies or credentials unless asked', async () => {
    seen.length = 0;
    await probe(`${base}/open`, '--origin', APP);
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(seen[0]?.headers.authorization).toBeUndefined();
    const refused = await probe(`${base}/open`, '--origin', APP, '--header', 'Cookie: sid=1');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Cookie is sent only with --credentials/);
    seen.length = 0;
    const asked = await probe(`${base}/open`, '--origin', APP, '--credentials', '--header', 'Cookie: sid=1');
    expect(seen.find((r) => r.method === 'GET')?.headers.cookie).toBe('sid=1');
    expect(asked.code).toBe(1); // the server does not allow credentials
    expect(asked.stdout).toContain('Access-Control-Allow-Credentials: true');
  });

  it('follows a redirect as fetch does and shows every hop; --verbose adds headers and the trace', async () => {
    const result = await probe(`${base}/hop`, '--origin', APP, '--verbose');
    expect(result.stdout).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/hop {2}⇒ 302 → http:\/\/localhost:\d+\/open/,
    );
    expect(result.stdout).toMatch(/GET http:\/\/localhost:\d+\/open {2}⇒ 200/);
    // 127.0.0.1 → localhost leaves one cross-origin URL for another: the origin is now null.
    expect(result.stdout).toContain('> Origin: null');
    expect(result.stdout).toContain("the request's origin is null");
    expect(result.stdout).toContain('trace:');
    expect(result.code).toBe(1);
  });

  it('prints one JSON document with each profile and redacts secrets on the wire', async () => {
    const result = await probe(
      `${base}/open`,
      '--origin',
      APP,
      '--json',
      '--header',
      'Authorization: Bearer abc.def',
    );
    const doc = JSON.parse(result.stdout) as {
      profiles: Record<string, { verdict: string }>;
      wire: { requestHeaders: { name: string; value: string }[] }[];
    };
    expect(Object.keys(doc.profiles).length).toBeGreaterThanOrEqual(3);
    expect(result.stdout).not.toContain('abc.def');
    expect(doc.wire.at(-1)?.requestHeaders.find((h) => h.name === 'Authorization')?.value).toBe('[REDACTED]');
  });

  it.each([
    [['--origin', APP], /probe needs a URL/],
    [['ftp://x.example/', '--origin', APP], /not an http\(s\) URL/],
    [['http://x.example/'], /--origin needs an origin/],
    [['http://x.example/', '--origin', 'https://app.example/path'], /is not an origin/],
    [['http://x.example/', '--origin', APP, '--header', 'no colon'], /--header needs "Name: value"/],
    [['http://x.example/', '--origin', APP, '--header', 'Host: x'], /set by the browser/],
    [['http://x.example/', '--origin', APP, '--method', 'GE T'], /is not a method/],
    [['http://x.example/', '--origin', APP, '--timeout', '0'], /--timeout needs milliseconds/],
    [['http://x.example/', '--origin', APP, '--fix', 'cobol'], /--fix needs one of express/],
    [['http://x.example/', '--origin', APP, '--junit', 'x.xml'], /--junit and --base go with --config/],
    [['http://x.example/', '--origin', APP, '--frobnicate'], /unknown option "--frobnicate"/],
  ])('exits 2 on bad input %j', async (argv, message) => {
    const result = await probe(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('network faults: one clear line, exit 2', () => {
  it.each([
    ['a refused port', () => `http://127.0.0.1:${closedPort}/`, [], /refused the connection/],
    [
      'a server that never answers',
      () => `http://127.0.0.1:${hangingPort}/`,
      ['--timeout', '200'],
      /did not answer within 200 ms/,
    ],
    [
      'a server that does not speak HTTP',
      () => `http://127.0.0.1:${garbagePort}/`,
      [],
      /did not answer in HTTP \(HPE_/,
    ],
    ['TLS to a plain-HTTP server', () => base.replace('http:', 'https:'), [], /TLS error/],
  ])('%s', async (_what, url, extra, message) => {
    const result = await probe(url(), '--origin', APP, ...(extra as string[]));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names DNS failures and certificate errors', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' });
    expect(failureReason(dns, 'https://nope.invalid/x', 1000)).toBe(
      'nope.invalid: DNS lookup failed (no such host)',
    );
    const cert = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    expect(failureReason(cert, 'https://old.example/', 1000)).toBe(
      'old.example: TLS error: certificate has expired',
    );
  });
});

describe('what the browser would send', () => {
  it('preflights with sorted, lowercase Access-Control-Request-Headers', () => {
    const hop = firstHop({
      url: 'https://api.example/x',
      origin: APP,
      method: 'put',
      headers: [
        { name: 'X-B', value: '1' },
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'text/plain' },
      ],
      credentials: false,
    });
    const headers = preflightHeaders(hop, 'chrome');
    expect(headers.find((h) => h.name === 'Access-Control-Request-Method')?.value).toBe('PUT');
    expect(headers.find((h) => h.name === 'Access-Control-Request-Headers')?.value).toBe('content-type,x-b');
  });

  it('taints the origin only when a redirect leaves a cross-origin URL for another origin', () => {
    const hop = firstHop({
      url: 'https://api.example/a',
      origin: APP,
      method: 'POST',
      headers: [],
      credentials: false,
    });
    const same = nextHop(hop, 307, '/b', APP);
    expect(same?.origin).toBe(APP);
    const away = nextHop(hop, 302, 'https://cdn.example/c', APP);
    expect(away).toMatchObject({ origin: 'null', method: 'GET', url: 'https://cdn.example/c' });
    const home = firstHop({ url: `${APP}/a`, origin: APP, method: 'GET', headers: [], credentials: false });
    expect(nextHop(home, 302, 'https://api.example/x', APP)).toMatchObject({ origin: APP, cors: true });
  });

  it('drops Authorization on a cross-origin redirect and body headers when the method becomes GET', () => {
    const hop = firstHop({
      url: 'https://api.example/a',
      origin: APP,
      method: 'POST',
      headers: [
        { name: 'Authorization', value: 'x' },
        { name: 'Content-Type', value: 'text/plain' },
      ],
      credentials: false,
    });
    expect(nextHop(hop, 303, 'https://cdn.example/c', APP)?.headers).toEqual([]);
    expect(nextHop(hop, 307, '/b', APP)?.headers).toHaveLength(2);
  });
});
