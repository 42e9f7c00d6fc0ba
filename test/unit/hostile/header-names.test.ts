import { afterAll, describe, expect, it } from 'vitest';
import { outgoingHeaders } from '../../../src/cli/probe/http';
import { evaluate } from '../../../src/evaluator/evaluate';
import { BROWSER_PROFILES, type Header } from '../../../src/evaluator/types';
import { APP, closeAll, files, httpServer, probe, rawServer } from './support';

// Issue #15 item 4: header names are data. `__proto__`, `constructor`, `toString` are names like
// any other, in the probe, in --config, and in the evaluator.

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

afterAll(closeAll);

const permissive = () =>
  httpServer((req, res) => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'PUT',
      'Access-Control-Allow-Headers': '*',
    });
    res.end();
  });

describe('prototype names as request headers', () => {
  it('the probe sends them like any other header and judges the answer', async () => {
    const { base, seen } = await permissive();
    const argv = NAMES.flatMap((name, i) => ['--header', `${name}: v${i}`]);
    const result = await probe(`${base}/`, '--origin', APP, '--method', 'PUT', ...argv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(seen.map((r) => r.method)).toEqual(['OPTIONS', 'PUT']);
    const preflight = seen[0]?.headers['access-control-request-headers'];
    expect(preflight).toBe(
      [...NAMES]
        .map((n) => n.toLowerCase())
        .sort()
        .join(','),
    );
    const raw = seen[1]?.rawHeaders ?? [];
    for (const [i, name] of NAMES.entries()) expect(raw[raw.indexOf(name) + 1]).toBe(`v${i}`);
  });

  it('--config with such headers runs every check and writes its JUnit', async () => {
    const { base } = await permissive();
    files.set(
      'proto.json',
      JSON.stringify({
        endpoints: [
          {
            url: `${base}/a`,
            allow: { origins: [APP], methods: ['PUT'], headers: ['__proto__: x', 'constructor'] },
          },
          { url: `${base}/b`, allow: { origins: [APP] } },
        ],
      }),
    );
    const result = await probe('--config', 'proto.json', '--junit', 'proto.xml');
    expect(result.code).toBe(0);
    expect(files.get('proto.xml')).toContain('tests="2" failures="0" errors="0"');
  });

  it('keeps every value of a repeated name, whatever the case', () => {
    const headers: Header[] = [
      { name: '__proto__', value: 'a' },
      { name: '__PROTO__', value: 'b' },
      { name: 'toString', value: 'c' },
    ];
    const out = outgoingHeaders(headers);
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.entries(out)).toEqual([
      ['__proto__', ['a', 'b']],
      ['toString', ['c']],
    ]);
  });
});

describe('prototype names in answers', () => {
  it('a server answering with such header names gets a verdict', async () => {
    const lines = NAMES.map((n) => `${n}: x\r\n`).join('');
    const url = await rawServer((socket) =>
      socket.once('data', () =>
        socket.end(`HTTP/1.1 200 OK\r\n${lines}Access-Control-Allow-Origin: *\r\nContent-Length: 0\r\n\r\n`),
      ),
    );
    const result = await probe(`${url}/`, '--origin', APP, '--verbose');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('< __proto__: x');
  });

  it('the evaluator stays total for them, in every profile and header position', () => {
    const headers = NAMES.map((name) => ({ name, value: name }));
    for (const profile of BROWSER_PROFILES) {
      const evaluation = evaluate(
        {
          initiatorOrigin: APP,
          url: 'https://api.example/x',
          method: 'PUT',
          requestHeaders: [{ name: 'Origin', value: APP }, ...headers],
          destination: '',
          mode: 'cors',
          credentials: 'include',
          redirect: 'follow',
          preflights: [
            {
              url: 'https://api.example/x',
              requestHeaders: headers,
              response: {
                status: 204,
                headers: [
                  ...headers,
                  { name: 'Access-Control-Allow-Origin', value: APP },
                  { name: 'Access-Control-Allow-Headers', value: NAMES.join(', ') },
                  { name: 'Access-Control-Allow-Methods', value: 'PUT' },
                  { name: 'Access-Control-Allow-Credentials', value: 'true' },
                ],
              },
            },
          ],
          redirects: [],
          response: {
            status: 200,
            headers: [
              ...headers,
              { name: 'Access-Control-Allow-Origin', value: APP },
              { name: 'Access-Control-Allow-Credentials', value: 'true' },
              { name: 'Access-Control-Expose-Headers', value: NAMES.join(', ') },
            ],
          },
        },
        { profile },
      );
      expect(evaluation.verdict, profile).toBe('allowed');
    }
  });
});
