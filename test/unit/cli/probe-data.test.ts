import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import { nodeSend } from '../../../src/cli/probe/http';

const APP = 'https://app.example';
const EVIL = 'https://evil.example';
const files = new Map<string, string>();
const io: ProbeIo = {
  send: nodeSend,
  readText: (file) => {
    const text = files.get(file);
    if (text === undefined) throw new Error(`ENOENT: ${file}`);
    return text;
  },
  writeText: (file, text) => files.set(file, text),
  progress: () => undefined,
  now: () => 0,
};
const probe = (...argv: string[]) => main(['probe', ...argv], () => '', io);

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}
const seen: Seen[] = [];
let api: Server;
let base = '';

// A JSON API as handlers are written: the body is parsed before anything else, and a parse error
// escapes to a 500 sent without CORS headers (as Express's default error handler, Starlette's
// ServerErrorMiddleware… do). /items: PUT and POST; /users: DELETE; only APP is allowed.
beforeAll(async () => {
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const cors = req.headers.origin === APP ? { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } : {};
      if (req.method === 'OPTIONS') {
        const methods = req.url?.startsWith('/users') ? 'DELETE' : 'PUT, POST';
        res.writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': methods,
          'Access-Control-Allow-Headers': 'content-type',
        });
        res.end();
        return;
      }
      if (req.method === 'PUT' || req.method === 'POST') {
        try {
          JSON.parse(body);
        } catch {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end('Internal Server Error');
          return;
        }
      }
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

describe('cors-lens probe --data', () => {
  it('warns when a JSON PUT goes out empty (and the handler 500 then reads as a CORS block)', async () => {
    const result = await probe(
      `${base}/items`,
      '--origin',
      APP,
      '--method',
      'PUT',
      '--header',
      'Content-Type: application/json',
    );
    expect(result.stderr).toMatch(
      /warning: PUT with Content-Type: application\/json goes out with an empty body/,
    );
    expect(result.stderr).toContain('--data');
    expect(result.code).toBe(1);
  });

  it('sends the body as fetch does: bytes, Content-Length, on the request and never the preflight', async () => {
    seen.length = 0;
    const body = '{"name":"été"}';
    const result = await probe(
      `${base}/items`,
      '--origin',
      APP,
      '--method',
      'PUT',
      '--header',
      'Content-Type: application/json',
      '--data',
      body,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS', 'PUT']);
    expect(seen[0]?.body).toBe('');
    expect(seen[1]?.body).toBe(body);
    expect(seen[1]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('reads --data-file, and types a body without Content-Type as fetch does (text/plain)', async () => {
    seen.length = 0;
    files.set('body.json', '{"a":1}');
    const result = await probe(
      `${base}/items`,
      '--origin',
      APP,
      '--method',
      'POST',
      '--data-file',
      'body.json',
    );
    expect(result.code).toBe(0);
    const post = seen.find((s) => s.method === 'POST');
    expect(post?.body).toBe('{"a":1}');
    expect(post?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    // text/plain is safelisted: no preflight, as in the browser.
    expect(seen.some((s) => s.method === 'OPTIONS')).toBe(false);
  });

  it('refuses a body on GET and a missing --data-file, as bad input', async () => {
    const get = await probe(`${base}/items`, '--origin', APP, '--data', 'x');
    expect(get.code).toBe(2);
    expect(get.stderr).toMatch(/fetch refuses a body on GET/);
    const missing = await probe(
      `${base}/items`,
      '--origin',
      APP,
      '--method',
      'POST',
      '--data-file',
      'nope.json',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.json/);
  });
});

describe('cors-lens probe --config --fix', () => {
  it('prints one policy per server covering every endpoint, never the origins to refuse', async () => {
    files.set(
      'cors.json',
      JSON.stringify({
        base,
        endpoints: [
          {
            url: '/items',
            allow: {
              origins: [APP],
              methods: ['GET', 'PUT'],
              headers: ['Content-Type: application/json'],
              credentials: true,
              data: '{"a":1}',
            },
            refuse: { origins: [EVIL] },
          },
          { url: '/users/7', allow: { origins: [APP], methods: ['DELETE'] } },
        ],
      }),
    );
    const result = await main(['probe', '--config', 'cors.json', '--fix', 'express'], () => '', io);
    expect(result.stderr).toBe('');
    const policies = result.stdout.match(/^policy for /gm) ?? [];
    expect(policies).toHaveLength(1);
    expect(result.stdout).toContain(`policy for ${base}`);
    expect(result.stdout).toContain('methods: GET, POST, PUT, DELETE');
    expect(result.stdout).toContain('credentials: yes');
    expect(result.stdout).toContain('covers 3 requests:');
    expect(result.stdout).toContain('DELETE /users/7 from https://app.example');
    expect(result.stdout).toContain(`origin: ["${APP}"]`);
    expect(result.stdout).not.toContain(EVIL.replace('https://', '"https://'));
    expect(result.stdout.split('policy for')[1]).not.toContain('evil.example');
  });

  it('warns per endpoint when a JSON PUT in the file has no "data"', async () => {
    files.set(
      'empty.json',
      JSON.stringify({
        base,
        endpoints: [
          {
            url: '/items',
            allow: { origins: [APP], methods: ['PUT'], headers: ['Content-Type: application/json'] },
          },
        ],
      }),
    );
    const result = await main(['probe', '--config', 'empty.json'], () => '', io);
    expect(result.stderr).toMatch(
      /\/items: warning: PUT with Content-Type: application\/json goes out with an empty body/,
    );
  });
});
