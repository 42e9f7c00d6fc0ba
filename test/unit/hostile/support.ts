import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { main } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import { nodeSend } from '../../../src/cli/probe/http';

/**
 * Hostile servers on loopback (ephemeral ports) and the CLI run in-process with the real
 * network layer. Every server and socket a test opens is closed by `closeAll`; every timer a
 * server sets is bounded by its socket's life.
 */
const servers: (Server | NetServer)[] = [];
const sockets = new Set<Socket>();

function listen(server: Server | NetServer): Promise<number> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** A raw TCP server: `onSocket` writes whatever bytes it likes. */
export async function rawServer(onSocket: (socket: Socket) => void): Promise<string> {
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  return `http://127.0.0.1:${await listen(server)}`;
}

/** Writes `chunk` every `ms` until the socket closes. */
export function drip(socket: Socket, chunk: string, ms: number): void {
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(chunk);
  }, ms);
  socket.on('close', () => clearInterval(timer));
}

export async function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ base: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { base: `http://127.0.0.1:${await listen(server)}`, seen };
}

export async function closeAll(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers.length = 0;
}

export const files = new Map<string, string>();

export const io: ProbeIo = {
  send: nodeSend,
  readText: (file) => {
    const text = files.get(file);
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${file}'`);
    return text;
  },
  writeText: (file, text) => {
    if (file.startsWith('/unwritable/')) throw new Error(`EACCES: permission denied, open '${file}'`);
    files.set(file, text);
  },
  progress: () => undefined,
  now: () => performance.now(),
};

/** `cors-lens probe …` in-process, with its wall time. */
export async function probe(...argv: string[]) {
  const started = performance.now();
  const result = await main(['probe', ...argv], () => '', io);
  return { ...result, ms: performance.now() - started };
}

export const APP = 'https://app.example';

export interface HarEntrySpec {
  readonly url: string;
  readonly method?: string;
  readonly origin?: string;
  readonly requestHeaders?: readonly { name: string; value: string }[];
  readonly responseHeaders?: readonly { name: string; value: string }[];
  readonly status?: number;
  readonly failed?: boolean;
}

/** A Chrome-style HAR with these entries (a failed one carries net::ERR_FAILED). */
export function harText(specs: readonly HarEntrySpec[]): string {
  const entries = specs.map((spec, n) => ({
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    time: 1,
    _resourceType: 'fetch',
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Origin', value: spec.origin ?? APP }, ...(spec.requestHeaders ?? [])],
      cookies: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: spec.responseHeaders ?? [],
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      _error: spec.failed === false ? undefined : 'net::ERR_FAILED',
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  }));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } });
}

/** `cors-lens explain` over a HAR text, in-process. */
export function explain(text: string, ...argv: string[]) {
  return main(['explain', 'f.har', ...argv], () => text, io);
}
