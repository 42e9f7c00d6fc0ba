import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cors-lens';
import { nodeSend } from '../../src/cli/probe/http';
import { corsPolicy } from '../../src/explain/policy';
import { policySnippets } from '../../src/explain/snippets';
import { type Browser, launch } from '../e2e/support/browser';
import { go } from './support/go-kind';
import { CALLS, chromiumVerdict, exercise, type Outcome } from './support/harness';
import type { Ctx, Kind } from './support/kind';
import { express, fastify, hono, koa } from './support/node-kinds';
import { freePort, waitHttp } from './support/proc';
import { apache, caddy, nginx } from './support/proxy-kinds';
import { django, fastapi, flask } from './support/python-kinds';

/**
 * Fixes proven in the real server software: for each server, misconfigurations as developers
 * write them; Chromium and `cors-lens probe` decide every call; the snippet `probe --config --fix`
 * prints is applied verbatim, the server's own checker runs, the server restarts and Chromium
 * decides again: the blocked calls are allowed, the allowed ones stay allowed, an unrelated
 * origin with credentials stays refused. Prints a table per server.
 */

const KINDS: readonly Kind[] = [
  go,
  express,
  fastify,
  koa,
  hono,
  nginx,
  apache,
  caddy,
  flask,
  fastapi,
  django,
];
const WORK = join(dirname(fileURLToPath(import.meta.url)), '.work');
const LABELS = new Map(policySnippets(corsPolicy('http://x', [])).map((s) => [s.id, s.label]));
const CONCURRENCY = 3;

let browser: Browser;
let pageServer: Server;
let origins: { app: string; evil: string };
const outcomes: Outcome[] = [];

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  pageServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', () => resolve()));
  const port = (pageServer.address() as AddressInfo).port;
  // Two page origins on one server: the app (allow-listed by the fixes) and an unrelated one.
  origins = { app: `http://localhost:${port}`, evil: `http://127.0.0.1:${port}` };
  browser = await launch(false);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  pageServer?.closeAllConnections();
  await new Promise((resolve) => pageServer?.close(resolve));
});

function table(rows: readonly Outcome[]): string {
  const byServer = new Map<string, Outcome[]>();
  for (const o of rows) byServer.set(o.server, [...(byServer.get(o.server) ?? []), o]);
  const head = [
    'server',
    'configs',
    'requests',
    'probe agrees',
    'snippets valid',
    'fixes effective',
    'regressions',
    'insecure',
  ];
  const lines = [...byServer].map(([server, os]) => {
    const failed = os.reduce((n, o) => n + o.before.filter((v) => v === 'blocked').length, 0);
    const fixed = os.reduce(
      (n, o) => n + o.before.filter((v, i) => v === 'blocked' && o.after[i] === 'allowed').length,
      0,
    );
    const regressions = os.reduce(
      (n, o) => n + o.before.filter((v, i) => v === 'allowed' && o.after[i] !== 'allowed').length,
      0,
    );
    const insecure = os.filter(
      (o) => o.unrelatedBefore === 'blocked' && o.unrelatedAfter === 'allowed',
    ).length;
    return [
      server,
      String(os.length),
      String(os.length * (CALLS.length + 1)),
      `${os.reduce((n, o) => n + o.agree, 0)}/${os.reduce((n, o) => n + o.compared, 0)}`,
      `${os.filter((o) => o.checkerOk).length}/${os.length}`,
      `${fixed}/${failed}`,
      String(regressions),
      String(insecure),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  return [head, ...lines]
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

describe('fixes on real servers', () => {
  it('every printed snippet passes the checker, fixes every blocked call, breaks none, lets no unrelated origin in', async () => {
    for (const kind of KINDS)
      for (const bin of kind.needs) expect(existsSync(bin), `${kind.id} needs ${bin}`).toBe(true);
    const jobs = KINDS.flatMap((kind) => kind.configs.map((config) => ({ kind, config })));
    let next = 0;
    const worker = async (): Promise<void> => {
      const context = browser.context;
      const app = await context.newPage();
      const evil = await context.newPage();
      await app.goto(`${origins.app}/`);
      await evil.goto(`${origins.evil}/`);
      try {
        for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
          const label = LABELS.get(job.kind.id) ?? job.kind.id;
          outcomes.push(await exercise(job.kind, job.config, WORK, origins, { app, evil }, label));
        }
      } finally {
        await app.close();
        await evil.close();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const notes = outcomes.flatMap((o) => [
      ...o.disagreements.map((d) => `${o.server} / ${o.config}: probe and Chromium differ: ${d}`),
      ...(o.error === undefined ? [] : [`${o.server} / ${o.config}: ${o.error}`]),
    ]);
    console.log(`\nreal-server fixes (npm run test:servers)\n${table(outcomes)}\n${notes.join('\n')}\n`);
    for (const o of outcomes) {
      const what = `${o.server} / ${o.config}`;
      expect(o.error, `${what}: ${o.error}`).toBeUndefined();
      expect(o.checkerOk, `${what}: checker refused the snippet:\n${o.snippet}\n${o.checkerOutput}`).toBe(
        true,
      );
      expect(o.before, `${what}: the misconfiguration blocks nothing`).toContain('blocked');
      o.before.forEach((v, i) => {
        const call = CALLS[i]?.name;
        if (v === 'blocked')
          expect(o.after[i], `${what}: ${call} still blocked after:\n${o.snippet}`).toBe('allowed');
        else expect(o.after[i], `${what}: ${call} broken by:\n${o.snippet}`).toBe('allowed');
      });
      expect(o.unrelatedAfter, `${what}: an unrelated origin gets in after:\n${o.snippet}`).toBe('blocked');
      expect(o.disagreements, `${what}: probe and Chromium disagree`).toEqual([]);
    }
  }, 600_000);

  it("Starlette's 500 carries no CORS headers even with the fix, and the probe says why when the JSON body is missing", async () => {
    const dir = join(WORK, 'fastapi-server-error');
    mkdirSync(dir, { recursive: true });
    const ctx: Ctx = { ...origins, dir, port: await freePort(), upstream: 0 };
    fastapi.write(ctx, {
      cors: `from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["${ctx.app}"], allow_methods=["PUT"], allow_headers=["content-type"])\n`,
    });
    expect((await fastapi.check(ctx)).code).toBe(0);
    const server = fastapi.start(ctx);
    const page = await browser.context.newPage();
    try {
      await waitHttp(ctx.port, server);
      await page.goto(`${origins.app}/`);
      const url = `http://127.0.0.1:${ctx.port}/api/items`;
      const put = { name: 'PUT', path: '/api/items', method: 'PUT', credentials: false };
      // The handler parses the body: with it, allowed; without, Starlette's ServerErrorMiddleware
      // answers 500 outside CORSMiddleware, and Chromium reports a CORS failure.
      expect(await chromiumVerdict(page, `${url}?with-body`, { ...put, json: '{"a":1}' })).toBe('allowed');
      const empty = await page.evaluate(async (u) => {
        try {
          await fetch(u, { method: 'PUT', headers: { 'Content-Type': 'application/json' } });
          return 'allowed';
        } catch {
          return 'blocked';
        }
      }, `${url}?empty`);
      expect(empty).toBe('blocked');
      const io = {
        send: nodeSend,
        readText: () => '',
        writeText: () => undefined,
        progress: () => undefined,
        now: () => 0,
      };
      const args = [
        'probe',
        url,
        '--origin',
        ctx.app,
        '--method',
        'PUT',
        '--header',
        'Content-Type: application/json',
      ];
      const without = await main([...args, '--profile', 'chrome'], () => '', io);
      expect(without.code).toBe(1);
      expect(without.stderr).toMatch(/goes out with an empty body/);
      const withData = await main([...args, '--profile', 'chrome', '--data', '{"a":1}'], () => '', io);
      expect(withData.stderr).toBe('');
      expect(withData.code).toBe(0);
      // The FastAPI snippet says so in its own words.
      const snippet = policySnippets(corsPolicy('http://x', [])).find((x) => x.id === 'fastapi')?.code ?? '';
      expect(snippet).toContain('ServerErrorMiddleware');
    } finally {
      await page.close();
      await server.stop();
    }
  }, 120_000);

  it("Caddy refuses the common recipe's matcher name next to an existing one, and accepts ours", async () => {
    const dir = join(WORK, 'caddy-collision');
    mkdirSync(dir, { recursive: true });
    const ctx: Ctx = { ...origins, dir, port: await freePort(), upstream: await freePort() };
    const [config] = caddy.configs;
    const initial = config?.regions(ctx) ?? {};
    const ours =
      policySnippets({ ...corsPolicy('http://x', []), origins: [ctx.app], methods: ['GET', 'PUT'] }).find(
        (x) => x.id === 'caddy',
      )?.code ?? '';
    caddy.write(ctx, { ...initial, ...caddy.glue(ours) });
    const valid = await caddy.check(ctx);
    expect(valid.code, valid.output).toBe(0);
    caddy.write(ctx, { ...initial, ...caddy.glue(ours.replaceAll('@cors_lens_', '@cors_')) });
    const collided = await caddy.check(ctx);
    expect(collided.code).not.toBe(0);
    expect(collided.output).toMatch(/cors_preflight/);
  }, 60_000);
});
