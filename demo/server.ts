import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MISTAKES, type Reply } from './mistakes';

/**
 * The demo API on loopback: the page on http://127.0.0.1:A, the API on http://127.0.0.1:B and a
 * second API origin on http://127.0.0.1:C (a redirect target). Different ports are different
 * origins, so every call from the page is cross-origin. Port 0 picks free ports.
 */
export interface DemoServer {
  readonly page: string;
  readonly api: string;
  readonly other: string;
  /** Every API request and the answer sent, in order: what crossed the wire. */
  readonly log: WireExchange[];
  close(): Promise<void>;
}

export interface WireExchange {
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: readonly { name: string; value: string }[];
  readonly status: number;
  readonly responseHeaders: readonly { name: string; value: string }[];
}

function headerPairs(raw: readonly string[]): { name: string; value: string }[] {
  const pairs: { name: string; value: string }[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    pairs.push({ name: raw[i] as string, value: raw[i + 1] as string });
  return pairs;
}

const here = dirname(fileURLToPath(import.meta.url));
const STATIC: Readonly<Record<string, string>> = { '/': 'page.html', '/page.js': 'page.js' };

function listen(server: Server, port = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function send(res: ServerResponse, reply: Reply, fill: (text: string) => string, body = 'ok'): void {
  res.statusCode = reply.status ?? 200;
  for (const [name, value] of reply.headers ?? []) res.appendHeader(name, fill(value));
  res.setHeader('Content-Type', 'text/plain');
  res.end(body);
}

/** `firstPort` 0: free ports; N: the page on N, the API on N+1, the redirect target on N+2. */
export async function startDemoServer(firstPort = 0): Promise<DemoServer> {
  const origins = { page: '', api: '', other: '' };
  const fill = (text: string): string =>
    text.replaceAll('{page}', origins.page).replaceAll('{other}', origins.other);

  const pageServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', origins.page).pathname;
    if (path === '/config.json') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ api: origins.api, mistakes: MISTAKES }));
      return;
    }
    const file = STATIC[path];
    if (!file) return send(res, { status: 404 }, fill, 'not found');
    res.setHeader('Content-Type', file.endsWith('.html') ? 'text/html' : 'text/javascript');
    res.end(readFileSync(join(here, file)));
  });

  const log: WireExchange[] = [];
  const apiHandler = (req: IncomingMessage, res: ServerResponse): void => {
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    res.on('finish', () => {
      const responseHeaders: { name: string; value: string }[] = [];
      for (const [name, value] of Object.entries(res.getHeaders())) {
        for (const one of Array.isArray(value) ? value : [value])
          responseHeaders.push({ name, value: String(one) });
      }
      log.push({
        at: Date.now(),
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', base).href,
        requestHeaders: headerPairs(req.rawHeaders),
        status: res.statusCode,
        responseHeaders,
      });
    });
    const path = new URL(req.url ?? '/', 'http://api').pathname;
    const mistake = MISTAKES.find((m) => path === `/demo/${m.id}`);
    if (path === '/demo/plain') send(res, {}, fill);
    else if (!mistake) send(res, { status: 404 }, fill, 'no such endpoint');
    else if (req.method === 'OPTIONS') send(res, mistake.preflight ?? { status: 405 }, fill, '');
    else send(res, mistake.actual, fill);
  };
  const apiServer = createServer(apiHandler);
  const otherServer = createServer(apiHandler);

  const at = (n: number): number => (firstPort > 0 ? firstPort + n : 0);
  origins.page = await listen(pageServer, at(0));
  origins.api = await listen(apiServer, at(1));
  origins.other = await listen(otherServer, at(2));
  const servers = [pageServer, apiServer, otherServer];
  return {
    ...origins,
    log,
    close: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())).then(() => undefined)),
      );
    },
  };
}
