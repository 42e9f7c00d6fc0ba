import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { main } from '../../../src/cli/cors-lens';
import { nodeSend } from '../../../src/cli/probe/http';
import { probe } from '../../../src/cli/probe/run';
import type { Ctx, Kind, Misconfig } from './kind';
import { freePort, waitHttp } from './proc';
import { upstream } from './upstream';

/** The calls the page makes to the API (what "worked before" and what failed). */
export interface Call {
  readonly name: string;
  readonly path: string;
  readonly method: string;
  readonly credentials: boolean;
  readonly json?: string;
}

export const CALLS: readonly Call[] = [
  { name: 'GET /api/items', path: '/api/items', method: 'GET', credentials: false },
  { name: 'GET /api/me with credentials', path: '/api/me', method: 'GET', credentials: true },
  {
    name: 'PUT /api/items (JSON)',
    path: '/api/items',
    method: 'PUT',
    credentials: false,
    json: '{"name":"x"}',
  },
  { name: 'DELETE /api/items/1', path: '/api/items/1', method: 'DELETE', credentials: false },
  { name: 'GET /api/users', path: '/api/users', method: 'GET', credentials: false },
];
/** An unrelated origin with credentials: must be refused before and after every fix. */
export const UNRELATED: Call = {
  name: 'unrelated origin',
  path: '/api/me',
  method: 'GET',
  credentials: true,
};

export type Verdict = 'allowed' | 'blocked';

/** What real Chromium does with the call: fetch resolves (allowed) or rejects (blocked). */
export async function chromiumVerdict(page: Page, url: string, call: Call): Promise<Verdict> {
  return page.evaluate(
    async ({ url, call }) => {
      try {
        await fetch(url, {
          method: call.method,
          credentials: call.credentials ? 'include' : 'same-origin',
          ...(call.json === undefined
            ? {}
            : { headers: { 'Content-Type': 'application/json' }, body: call.json }),
        });
        return 'allowed' as const;
      } catch {
        return 'blocked' as const;
      }
    },
    { url, call },
  );
}

/** What `cors-lens probe` decides for the same call (Chrome's rules). */
export async function probeVerdict(url: string, origin: string, call: Call): Promise<Verdict | 'error'> {
  const result = await probe(
    {
      url,
      origin,
      method: call.method,
      headers: call.json === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }],
      credentials: call.credentials,
      ...(call.json === undefined ? {} : { body: call.json }),
    },
    { profiles: ['chrome'], timeoutMs: 10_000, send: nodeSend },
  );
  if (result.kind === 'network') return 'error';
  return result.records.get('chrome')?.evaluation.verdict === 'allowed' ? 'allowed' : 'blocked';
}

/** The printed fix: `cors-lens probe --config <every call> --fix <server>`, the snippet cut from stdout. */
export async function printedSnippet(ctx: Ctx, kind: Kind, base: string, label: string): Promise<string> {
  const config = {
    base,
    endpoints: CALLS.map((c) => ({
      url: c.path,
      allow: {
        origins: [ctx.app],
        methods: [c.method],
        ...(c.json === undefined ? {} : { headers: ['Content-Type: application/json'], data: c.json }),
        credentials: c.credentials,
      },
      refuse: { origins: [ctx.evil] },
    })),
  };
  const file = join(ctx.dir, 'cors.json');
  writeFileSync(file, JSON.stringify(config));
  const result = await main(['probe', '--config', file, '--fix', kind.id, '--profile', 'chrome'], () => '', {
    send: nodeSend,
    readText: (f) => readFileSync(f, 'utf8'),
    writeText: () => undefined,
    progress: () => undefined,
    now: () => Date.now(),
  });
  const lines = result.stdout.split('\n');
  const start = lines.indexOf(`${label}:`);
  if (start === -1) throw new Error(`no ${label} snippet in:\n${result.stdout}\n${result.stderr}`);
  const code: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ') && line !== '') break;
    if (line === '') break;
    code.push(line.slice(2));
  }
  return `${code.join('\n')}\n`;
}

export interface Outcome {
  readonly server: string;
  readonly config: string;
  readonly before: readonly Verdict[];
  readonly after: readonly Verdict[];
  readonly unrelatedBefore: Verdict;
  readonly unrelatedAfter: Verdict;
  /** Probe verdicts equal to Chromium's, over every call before and after (unrelated included). */
  readonly agree: number;
  readonly compared: number;
  readonly disagreements: readonly string[];
  readonly checkerOk: boolean;
  readonly checkerOutput: string;
  readonly snippet: string;
  readonly error?: string;
}

let observations = 0;

interface Pages {
  readonly app: Page;
  readonly evil: Page;
}

async function observe(
  pages: Pages,
  ctx: Ctx,
  base: string,
  disagreements: string[],
): Promise<{ verdicts: Verdict[]; unrelated: Verdict; agree: number }> {
  const verdicts: Verdict[] = [];
  let agree = 0;
  // Chromium caches preflights (5 s without Max-Age, up to 2 h with django-cors-headers' default
  // 86400): a query new to every observation makes it ask the restarted server again, as the
  // probe does, instead of judging the fix by the old server's cached answer.
  const fresh = `?observation=${++observations}`;
  for (const call of CALLS) {
    const url = `${base}${call.path}${fresh}`;
    const chromium = await chromiumVerdict(pages.app, url, call);
    const probed = await probeVerdict(url, ctx.app, call);
    verdicts.push(chromium);
    if (probed === chromium) agree++;
    else disagreements.push(`${call.name}: chromium ${chromium}, probe ${probed}`);
  }
  const unrelated = await chromiumVerdict(pages.evil, `${base}${UNRELATED.path}${fresh}`, UNRELATED);
  const probed = await probeVerdict(`${base}${UNRELATED.path}${fresh}`, ctx.evil, UNRELATED);
  if (probed === unrelated) agree++;
  else disagreements.push(`unrelated: chromium ${unrelated}, probe ${probed}`);
  return { verdicts, unrelated, agree };
}

/**
 * One misconfiguration: run it, record what Chromium and the probe decide, apply the printed
 * snippet (the kind's glue says where it goes), run the server's checker, restart, decide again.
 */
export async function exercise(
  kind: Kind,
  config: Misconfig,
  work: string,
  origins: { app: string; evil: string },
  pages: Pages,
  label: string,
): Promise<Outcome> {
  const dir = join(work, `${kind.id}-${config.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
  mkdirSync(dir, { recursive: true });
  const app = await upstream(config.upstream ?? 'plain');
  const ctx: Ctx = { ...origins, dir, port: await freePort(), upstream: app.port };
  const base = `http://127.0.0.1:${ctx.port}`;
  const disagreements: string[] = [];
  const empty = {
    before: [],
    after: [],
    unrelatedBefore: 'blocked',
    unrelatedAfter: 'blocked',
    agree: 0,
    compared: 0,
  } as const;
  try {
    const initial = config.regions(ctx);
    kind.write(ctx, initial);
    // The misconfiguration itself is valid for the server (and, for Go, built).
    const valid = await kind.check(ctx);
    if (valid.code !== 0) throw new Error(`the misconfiguration does not pass the checker:\n${valid.output}`);
    let server = kind.start(ctx);
    let before: Awaited<ReturnType<typeof observe>>;
    let snippet: string;
    try {
      await waitHttp(ctx.port, server);
      before = await observe(pages, ctx, base, disagreements);
      snippet = await printedSnippet(ctx, kind, base, label);
    } finally {
      await server.stop();
    }
    // Regions the glue does not name keep the developer's text (their own matchers, routes…).
    kind.write(ctx, { ...initial, ...kind.glue(snippet) });
    const checked = await kind.check(ctx);
    const common = {
      server: kind.id,
      config: config.name,
      snippet,
      checkerOk: checked.code === 0,
      checkerOutput: checked.output,
    };
    if (checked.code !== 0) {
      return {
        ...common,
        ...empty,
        before: before.verdicts,
        unrelatedBefore: before.unrelated,
        disagreements,
      };
    }
    server = kind.start(ctx);
    try {
      await waitHttp(ctx.port, server);
      const after = await observe(pages, ctx, base, disagreements);
      return {
        ...common,
        before: before.verdicts,
        after: after.verdicts,
        unrelatedBefore: before.unrelated,
        unrelatedAfter: after.unrelated,
        agree: before.agree + after.agree,
        compared: 2 * (CALLS.length + 1),
        disagreements,
      };
    } finally {
      await server.stop();
    }
  } catch (caught) {
    return {
      server: kind.id,
      config: config.name,
      ...empty,
      disagreements,
      checkerOk: false,
      checkerOutput: '',
      snippet: '',
      error: caught instanceof Error ? caught.message : String(caught),
    };
  } finally {
    await app.close();
  }
}
