import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reply, Scenario } from '../scenarios/types';

/**
 * The scenario server: one handler on loopback, reachable as three origins so a page can be
 * cross-origin and cross-site to its API and to a third party:
 *   page  http://localhost:P1     (bound on 127.0.0.1 and ::1)
 *   api   http://127.0.0.1:P2
 *   third http://127.0.0.2:P2     (the same port on another loopback address)
 * The site scenarios also name real domains, all mapped to 127.0.0.1 by the browser's host
 * resolver rules (support/browser.ts): `{page-…}` placeholders on P1, `{site-…}` on P2, and
 * `{site-alpha-https}` on P3, an HTTPS server with a throw-away self-signed certificate.
 * Routes: `/page/<file>` serves test/e2e/support/page/*, `/s/<id>/<step>` answers as the
 * scenario says, `/open/…` allows any CORS request, `/closed/…` sends no CORS header,
 * `/slow/<ms>/…` is `/open/` after a delay, `/held/<gate>/…` is `/open/` once the test calls
 * `release(gate)` (requests kept in flight for as long as a test needs). Every request is logged.
 */
export interface LoggedRequest {
  readonly method: string;
  readonly host: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** What the server answered (status and header lines in order), once it answered. */
  response?: { readonly status: number; readonly headers: readonly (readonly [string, string])[] };
}

export interface ScenarioServer {
  readonly page: string;
  readonly api: string;
  readonly third: string;
  readonly log: LoggedRequest[];
  /** Fill `{page}`, `{api}`, `{third}` (and the variants below) in a URL or header value. */
  fill(text: string): string;
  /** Requests whose path starts with `/s/<id>/`. */
  requestsFor(id: string): LoggedRequest[];
  /** How many `/held/<gate>/…` requests the server holds unanswered now. */
  heldAt(gate: string): number;
  /** Answer the requests held at `gate`, and any that come to it later. */
  release(gate: string): void;
  /**
   * Chromium flags this server needs: its two "public" ports (Local Network Access scenarios)
   * are loopback made public with --ip-address-space-overrides.
   */
  readonly browserArgs: readonly string[];
  close(): Promise<void>;
}

interface TlsFiles {
  readonly key: Buffer;
  readonly cert: Buffer;
}

/** A certificate made for this run (the browser is started with --ignore-certificate-errors). */
function selfSignedCertificate(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
      ].concat(['-subj', '/CN=img.alpha.co.uk', '-keyout', key, '-out', cert]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pageDir = join(dirname(fileURLToPath(import.meta.url)), 'page');
// A 1×1 transparent PNG: decodes, so <img> fires load when the browser lets it through.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * A tenth of a second of 8 kHz 8-bit mono PCM silence: a WAV every engine decodes without a
 * codec library, so <audio> fires loadeddata when the browser lets it through (Firefox ESR
 * answered the old 4-byte stub with MEDIA_ERR_SRC_NOT_SUPPORTED after CORS had passed).
 */
function silentWav(samples = 800): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(8000, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples, 0x80)]);
}

const BODIES: Record<NonNullable<Reply['body']>, { type: string; data: string | Buffer }> = {
  text: { type: 'text/plain', data: 'ok' },
  image: { type: 'image/png', data: PNG },
  script: { type: 'text/javascript', data: 'globalThis.__scriptRan = (globalThis.__scriptRan || 0) + 1;' },
  font: { type: 'font/woff2', data: Buffer.from('not really a font') },
  audio: { type: 'audio/wav', data: silentWav() },
  'event-stream': { type: 'text/event-stream', data: 'data: hello\n\n' },
};

const OPEN_HEADERS: readonly (readonly [string, string])[] = [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Allow-Methods', '*'],
  ['Access-Control-Allow-Headers', '*'],
  ['Access-Control-Expose-Headers', '*'],
];

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(scenarios: readonly Scenario[] = []): Promise<ScenarioServer> {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const log: LoggedRequest[] = [];
  const entries = new WeakMap<IncomingMessage, LoggedRequest>();
  let fill: (text: string) => string = (text) => text;
  const held = new Map<string, (() => void)[]>();
  const released = new Set<string>();

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply): void => {
    const body = BODIES[reply.body ?? 'text'];
    const headers: [string, string][] = [];
    for (const [name, value] of reply.headers ?? []) {
      headers.push([name, fill(value).replaceAll('{echo-origin}', req.headers.origin ?? '')]);
    }
    if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', body.type]);
    // Two lines of one name stay two lines: writeHead with a flat [name, value, …] array.
    const entry = entries.get(req);
    if (entry) entry.response = { status: reply.status ?? 200, headers };
    res.writeHead(reply.status ?? 200, headers.flat());
    res.end(req.method === 'HEAD' ? undefined : body.data);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const entry: LoggedRequest = {
      method: req.method ?? '',
      host: req.headers.host ?? '',
      url,
      headers: { ...req.headers },
    };
    entries.set(req, entry);
    log.push(entry);
    const path = url.split('?')[0] ?? '/';
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'page' && parts[1] && /^[\w.-]+$/.test(parts[1])) {
      try {
        const data = readFileSync(join(pageDir, parts[1]));
        const type = parts[1].endsWith('.js') ? 'text/javascript' : 'text/html';
        res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
        res.end(data);
      } catch {
        send(req, res, { status: 404 });
      }
      return;
    }
    if (parts[0] === 'open' || parts[0] === 'closed') {
      // A `.png` path answers a small image (canvas reads in the transparency battery).
      const body = path.endsWith('.png') ? ({ body: 'image' } as const) : {};
      send(req, res, parts[0] === 'open' ? { headers: OPEN_HEADERS, ...body } : body);
      return;
    }
    if (parts[0] === 'slow') {
      const delay = Math.min(Number(parts[1]) || 0, 10_000);
      setTimeout(() => send(req, res, { headers: OPEN_HEADERS }), delay);
      return;
    }
    if (parts[0] === 'held' && parts[1]) {
      const answer = () => send(req, res, { headers: OPEN_HEADERS });
      if (released.has(parts[1])) answer();
      else held.set(parts[1], [...(held.get(parts[1]) ?? []), answer]);
      return;
    }
    const scenario = parts[0] === 's' && parts[1] ? byId.get(parts[1]) : undefined;
    const step = scenario && parts[2] ? scenario.steps[parts[2]] : undefined;
    if (!step) send(req, res, { status: 404 });
    else if (req.method === 'OPTIONS') send(req, res, step.options ?? { status: 405 });
    else send(req, res, step.actual);
  };

  const servers: Server[] = [];
  const open = async (port: number, host: string, optional = false, tls?: TlsFiles): Promise<number> => {
    const server = tls ? createHttpsServer(tls, handle) : createServer(handle);
    server.keepAliveTimeout = 1000;
    try {
      const bound = await listen(server, port, host);
      servers.push(server);
      return bound;
    } catch (error) {
      if (!optional) throw error;
      return port;
    }
  };

  const pagePort = await open(0, '127.0.0.1');
  await open(pagePort, '::1', true); // localhost may resolve to ::1 first
  const apiPort = await open(0, '127.0.0.1');
  await open(apiPort, '127.0.0.2');
  await open(apiPort, '::1', true); // for http://localhost:P2
  const httpsPort = await open(0, '127.0.0.1', false, selfSignedCertificate());
  // Pages Chromium counts as public (127.0.0.1 only: the override names that address).
  const publicHttpsPort = await open(0, '127.0.0.1', false, selfSignedCertificate());
  const publicHttpPort = await open(0, '127.0.0.1');

  const page = `http://localhost:${pagePort}`;
  const api = `http://127.0.0.1:${apiPort}`;
  const third = `http://127.0.0.2:${apiPort}`;
  const values: Record<string, string> = {
    '{page}': page,
    '{page-upper}': `http://LOCALHOST:${pagePort}`,
    '{page-otherport}': `http://localhost:${pagePort === 1 ? 2 : 1}`,
    '{api}': api,
    '{api-userinfo}': `http://user:secret@127.0.0.1:${apiPort}`,
    '{third}': third,
    // Site scenarios (CORP same-site): pages on P1, resources on P2 (P3 over HTTPS).
    '{page-ip}': `http://127.0.0.1:${pagePort}`,
    '{page-alpha}': `http://www.alpha.co.uk:${pagePort}`,
    '{page-blog}': `http://alice.blogspot.com:${pagePort}`,
    '{site-localhost}': `http://localhost:${apiPort}`,
    '{site-sub-localhost}': `http://api.localhost:${apiPort}`,
    '{site-intranet}': `http://intranet:${apiPort}`,
    '{site-alpha}': `http://img.alpha.co.uk:${apiPort}`,
    '{site-beta}': `http://img.beta.co.uk:${apiPort}`,
    '{site-blog-other}': `http://bob.blogspot.com:${apiPort}`,
    '{site-alpha-https}': `https://img.alpha.co.uk:${httpsPort}`,
    // Local Network Access: public pages, secure (HTTPS) or not, and one granted the permission.
    '{page-public}': `https://public.example.test:${publicHttpsPort}`,
    '{page-public-granted}': `https://granted.example.test:${publicHttpsPort}`,
    '{page-public-http}': `http://public.example.test:${publicHttpPort}`,
  };
  fill = (text) => text.replace(/\{[a-z-]+\}/g, (key) => values[key] ?? key);

  return {
    page,
    api,
    third,
    log,
    fill,
    browserArgs: [
      `--ip-address-space-overrides=127.0.0.1:${publicHttpsPort}=public,127.0.0.1:${publicHttpPort}=public`,
    ],
    requestsFor: (id) => log.filter((r) => r.url.startsWith(`/s/${id}/`)),
    heldAt: (gate) => held.get(gate)?.length ?? 0,
    release: (gate) => {
      released.add(gate);
      for (const answer of held.get(gate) ?? []) answer();
      held.delete(gate);
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
