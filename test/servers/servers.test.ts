import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsPolicy } from '../../src/explain/policy';
import { policySnippets } from '../../src/explain/snippets';
import { type Browser, launch } from '../e2e/support/browser';
import { go } from './support/go-kind';
import { CALLS, exercise, type Outcome } from './support/harness';
import type { Kind } from './support/kind';
import { express, fastify, hono, koa } from './support/node-kinds';
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
});
