import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx, Kind, Misconfig, Regions } from './kind';
import { daemon, run } from './proc';

// The JavaScript servers: one small app per framework, its CORS part where the framework's docs
// put it (after the app is made, before the routes). The apps resolve packages from the repo's
// node_modules (their directory is under test/servers/.work/).

const env = (ctx: Ctx): NodeJS.ProcessEnv => ({ ...process.env, PORT: String(ctx.port) });

function nodeKind(
  id: string,
  file: string,
  source: (cors: string) => string,
  configs: readonly Misconfig[],
  checkScript: string,
): Kind {
  return {
    id,
    configs,
    needs: [process.execPath],
    write: (ctx, regions) => writeFileSync(join(ctx.dir, file), source(regions.cors ?? '')),
    check: (ctx) =>
      run(process.execPath, ['-e', checkScript], { cwd: ctx.dir, env: { ...process.env, PORT: '' } }),
    start: (ctx) => daemon(process.execPath, [file], { cwd: ctx.dir, env: env(ctx) }),
    glue: (snippet): Regions => ({ cors: snippet }),
  };
}

const expressApp = (cors: string) => `const express = require('express');
const app = express();

${cors}
app.use(express.json());
app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/api/items', (req, res) => res.json({ items: [] }));
app.put('/api/items', (req, res) => res.json({ saved: req.body }));
app.delete('/api/items/:id', (req, res) => res.json({ deleted: req.params.id }));
app.get('/api/me', (req, res) => res.json({ me: 'user' }));
app.get('/api/users', (req, res) => res.json({ users: [] }));

module.exports = app;
if (require.main === module) app.listen(Number(process.env.PORT), '127.0.0.1');
`;

export const express = nodeKind(
  'express',
  'app.cjs',
  expressApp,
  [
    {
      name: 'app.use(cors()) with a credentialed call',
      regions: () => ({ cors: "const cors = require('cors');\napp.use(cors());\n" }),
    },
    {
      name: 'one origin, methods GET and POST only',
      regions: (ctx) => ({
        cors: `const cors = require('cors');\napp.use(cors({ origin: '${ctx.app}', methods: ['GET', 'POST'] }));\n`,
      }),
    },
  ],
  "require('./app.cjs')",
);

const fastifyApp = (cors: string) => `const Fastify = require('fastify');
const app = Fastify();

${cors}
app.get('/health', async () => ({ ok: true }));
app.get('/api/items', async () => ({ items: [] }));
app.put('/api/items', async (req) => ({ saved: req.body }));
app.delete('/api/items/:id', async (req) => ({ deleted: req.params.id }));
app.get('/api/me', async () => ({ me: 'user' }));
app.get('/api/users', async () => ({ users: [] }));

module.exports = app;
if (require.main === module) app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

export const fastify = nodeKind(
  'fastify',
  'app.cjs',
  fastifyApp,
  [
    {
      name: "origin '*' with credentials: true",
      regions: () => ({
        cors: "const cors = require('@fastify/cors');\napp.register(cors, { origin: '*', credentials: true });\n",
      }),
    },
  ],
  "require('./app.cjs').ready().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })",
);

const koaApp = (cors: string) => `const Koa = require('koa');
const app = new Koa();

${cors}
app.use(async (ctx) => {
  if (ctx.method === 'OPTIONS') {
    ctx.status = 204;
    return;
  }
  if (ctx.method === 'PUT') {
    let raw = '';
    for await (const chunk of ctx.req) raw += chunk;
    ctx.body = { saved: JSON.parse(raw) };
    return;
  }
  ctx.body = { ok: true, path: ctx.path };
});

module.exports = app;
if (require.main === module) app.listen(Number(process.env.PORT), '127.0.0.1');
`;

export const koa = nodeKind(
  'koa',
  'app.cjs',
  koaApp,
  [
    {
      name: "allowMethods 'GET,POST' (the default origin answers '*')",
      regions: () => ({
        cors: "const cors = require('@koa/cors');\napp.use(cors({ allowMethods: 'GET,POST' }));\n",
      }),
    },
  ],
  "require('./app.cjs')",
);

const honoApp = (cors: string) => `import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();

${cors}
app.get('/health', (c) => c.json({ ok: true }));
app.get('/api/items', (c) => c.json({ items: [] }));
app.put('/api/items', async (c) => c.json({ saved: await c.req.json() }));
app.delete('/api/items/:id', (c) => c.json({ deleted: c.req.param('id') }));
app.get('/api/me', (c) => c.json({ me: 'user' }));
app.get('/api/users', (c) => c.json({ users: [] }));

export default app;
if (process.env.PORT) serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
`;

export const hono = nodeKind(
  'hono',
  'app.mjs',
  honoApp,
  [
    {
      name: 'one origin, no credentials, a credentialed call',
      regions: (ctx) => ({
        cors: `import { cors } from 'hono/cors';\n\napp.use('*', cors({ origin: '${ctx.app}' }));\n`,
      }),
    },
  ],
  "import('./app.mjs').then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })",
);
