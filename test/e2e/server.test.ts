import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './scenarios';
import { type ScenarioServer, startServer } from './support/server';

/** The scenario server itself: the other e2e files trust what it sends and what it logs. */
let server: ScenarioServer;

beforeAll(async () => {
  server = await startServer(scenarios);
});

afterAll(async () => {
  await server?.close();
});

function get(url: string, method = 'GET'): Promise<{ status: number; raw: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { Origin: server.page } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: res.rawHeaders }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scenario server', () => {
  it('serves three distinct origins on loopback', () => {
    expect(server.page).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.third).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(new Set([server.page, server.api, server.third]).size).toBe(3);
  });

  it('sends a repeated header as two lines and fills placeholders', async () => {
    const res = await get(`${server.third}/s/cc-two-lines/a`);
    const acao = res.raw.flatMap((v, i) =>
      i % 2 === 0 && v.toLowerCase() === 'access-control-allow-origin' ? [res.raw[i + 1]] : [],
    );
    expect(acao).toEqual([server.page, server.page]);
  });

  it('answers OPTIONS from the scenario, 405 when it has none, 404 for unknown paths', async () => {
    expect((await get(`${server.api}/s/pf-put-ok/a`, 'OPTIONS')).status).toBe(200);
    expect((await get(`${server.api}/s/pf-405-bare/a`, 'OPTIONS')).status).toBe(405);
    expect((await get(`${server.api}/s/no-such-scenario/a`)).status).toBe(404);
    expect((await get(`${server.api}/s/pf-302/a`, 'OPTIONS')).status).toBe(302);
  });

  it('logs every request with method, host and headers', async () => {
    await get(`${server.api}/s/cc-star/a?probe=1`);
    const seen = server.requestsFor('cc-star').find((r) => r.url === '/s/cc-star/a?probe=1');
    expect(seen?.method).toBe('GET');
    expect(seen?.host).toBe(server.api.replace('http://', ''));
    expect(seen?.headers.origin).toBe(server.page);
  });
});
