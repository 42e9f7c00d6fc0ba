import { afterAll, describe, expect, it } from 'vitest';
import { APP, closeAll, files, httpServer, probe, rawServer } from './support';

// Issue #15 item 2: every answer gets a verdict or one error line; a --config run always writes
// its report and exits non-zero when an endpoint could not be checked.

afterAll(closeAll);

const once = (bytes: string, end = false) =>
  rawServer((socket) =>
    socket.once('data', () => {
      if (end) socket.end(bytes);
      else socket.write(bytes);
    }),
  );

describe('answers that are not a final HTTP response', () => {
  it.each([
    [
      '101 Switching Protocols',
      () => once('HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n'),
      /answered 101 Switching Protocols \(Upgrade: x\) to a plain request/,
    ],
    [
      '103 Early Hints, then close',
      () => once('HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n', true),
      /closed the connection/,
    ],
    ['HTTP/0.9-style garbage', () => once('hello there\r\n\r\n', true), /did not answer in HTTP \(HPE_/],
    ['an early close', () => once('', true), /closed the connection without an HTTP answer/],
    [
      'a status line cut short',
      () => once('HTTP/1.1 20', true),
      /closed the connection|did not answer in HTTP/,
    ],
  ])('%s: exit 2 with one line', { timeout: 20_000 }, async (_what, server, message) => {
    const url = await server();
    const result = await probe(`${url}/`, '--origin', APP, '--timeout', '5000');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('--config always writes its report', () => {
  it('an endpoint answering 101 is an error in the JUnit; the others are still judged', {
    timeout: 20_000,
  }, async () => {
    const upgrade = await once(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n',
    );
    const { base } = await httpServer((_req, res) =>
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end(),
    );
    files.set(
      'mixed.json',
      JSON.stringify({
        endpoints: [
          { url: `${upgrade}/ws`, allow: { origins: [APP] } },
          { url: `${base}/ok`, allow: { origins: [APP] } },
        ],
      }),
    );
    const result = await probe('--config', 'mixed.json', '--junit', 'mixed.xml', '--timeout', '5000');
    expect(result.code).toBe(2);
    const junit = files.get('mixed.xml') ?? '';
    expect(junit).toContain('tests="2" failures="0" errors="1"');
    expect(junit).toMatch(/<error message="[^"]*101 Switching Protocols/);
    expect(result.stdout).toContain('2 checks: 1 held, 0 failed, 1 errors');
  });

  it.each([
    ['a file that is not JSON', '{ nope', /not JSON/],
    ['no endpoints', '{"endpoints": []}', /at least one endpoint/],
    [
      'a URL with a password',
      '{"endpoints": [{"url": "http://u:pw@127.0.0.1:9/", "allow": {"origins": ["https://a.example"]}}]}',
      /includes credentials/,
    ],
  ])('%s: exit 2, and a JUnit file with the error', async (_what, text, message) => {
    files.set('bad.json', text);
    files.delete('bad.xml');
    const result = await probe('--config', 'bad.json', '--junit', 'bad.xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    const junit = files.get('bad.xml') ?? '';
    expect(junit).toContain('tests="1" failures="0" errors="1"');
    expect(junit).not.toContain('pw@');
  });

  it('a missing config file still leaves a JUnit file with the error', async () => {
    files.delete('gone.xml');
    const result = await probe('--config', 'gone.json', '--junit', 'gone.xml');
    expect(result.code).toBe(2);
    expect(files.get('gone.xml')).toMatch(/<error message="cannot read gone.json/);
  });

  it('a JUnit file that cannot be written: exit 2 and a line, the table still printed', async () => {
    const { base } = await httpServer((_req, res) =>
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end(),
    );
    files.set('one.json', JSON.stringify({ endpoints: [{ url: `${base}/`, allow: { origins: [APP] } }] }));
    const result = await probe('--config', 'one.json', '--junit', '/unwritable/x.xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write \/unwritable\/x.xml: EACCES/);
    expect(result.stdout).toContain('1 checks: 1 held');
  });
});

describe('promises that already held (issue #15), kept', () => {
  it('10 MB of headers: one line, exit 2, bounded memory', { timeout: 20_000 }, async () => {
    const url = await rawServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\n');
        const line = `X-Big: ${'a'.repeat(1024 * 1024)}\r\n`;
        for (let i = 0; i < 10 && !socket.destroyed; i++) socket.write(line);
      }),
    );
    const before = process.memoryUsage().rss;
    const result = await probe(`${url}/`, '--origin', APP);
    const grewMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    console.log(`10 MB of headers: ${result.ms.toFixed(0)} ms, rss +${grewMb.toFixed(1)} MB`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/did not answer in HTTP \(HPE_HEADER_OVERFLOW\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(grewMb).toBeLessThan(64);
  });

  it('a redirect loop ends after 20 hops with a verdict, as fetch does', { timeout: 20_000 }, async () => {
    const { base, seen } = await httpServer((_req, res) =>
      res.writeHead(302, { Location: '/again', 'Access-Control-Allow-Origin': '*' }).end(),
    );
    const result = await probe(`${base}/again`, '--origin', APP);
    expect(result.code).toBe(1);
    expect(seen.length).toBe(21);
    expect(result.stdout).toContain('✗ blocked');
  });
});
