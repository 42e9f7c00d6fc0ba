import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Header } from '../../evaluator/types';

/** One request out, the status and header lines back (duplicates and order kept), no body read. */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly Header[];
  readonly timeoutMs: number;
  /** Sent as is (UTF-8), with its Content-Length, as fetch sends a string body. */
  readonly body?: string;
}

export type WireResult =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Header[] }
  | { readonly kind: 'failure'; readonly reason: string };

/** The transport the probe runs on; tests may pass their own. */
export type Send = (request: WireRequest) => Promise<WireResult>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Node's error codes → one line a user can act on. */
export function failureReason(error: unknown, url: string, timeoutMs: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  const host = hostOf(url);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ETIMEDOUT' || code === 'PROBE_TIMEOUT')
    return `${host} did not answer within ${timeoutMs} ms (--timeout to wait longer)`;
  if (code === 'ECONNREFUSED') return `${host} refused the connection (nothing listens on that port?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${host}: DNS lookup failed (no such host)`;
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return `${host} closed the connection without an HTTP answer`;
  if (typeof code === 'string' && code.startsWith('HPE_')) return `${host} did not answer in HTTP (${code})`;
  if (
    typeof code === 'string' &&
    (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /ssl|tls|certificate/i.test(message))
  )
    return `${host}: TLS error: ${message}`;
  return `${host}: ${message}`;
}

function headersOf(response: IncomingMessage): Header[] {
  const raw = response.rawHeaders;
  const out: Header[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    out.push({ name: raw[i] as string, value: raw[i + 1] as string });
  return out;
}

/**
 * The page's headers as Node wants them: one entry per name (case blind), every value kept. A
 * null-prototype object: header names are data, and `__proto__`, `constructor` or `toString`
 * must be names like any other (a plain object made `__proto__` its prototype).
 */
export function outgoingHeaders(headers: readonly Header[]): Record<string, string[]> {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const h of headers) {
    const key = h.name.toLowerCase();
    const entry = byName.get(key);
    if (entry) entry.values.push(h.value);
    else byName.set(key, { name: h.name, values: [h.value] });
  }
  const out: Record<string, string[]> = Object.create(null);
  for (const { name, values } of byName.values()) out[name] = values;
  return out;
}

/** The URL as it goes on the wire: without a user name and password (Node would send them as Basic). */
export function withoutUserinfo(url: URL): URL {
  const out = new URL(url.href);
  out.username = '';
  out.password = '';
  return out;
}

/**
 * Node's http/https: no agent pool (nothing kept open), no cookies, no redirects followed, never
 * an implicit Authorization. `timeoutMs` is a hard deadline from the start (DNS, connect, TLS)
 * to the last header byte, whatever trickles in meanwhile: a header byte every 500 ms or an
 * endless run of `102 Processing` ends there (`setTimeout` on the request is only an idle timer).
 */
export const nodeSend: Send = (wire) =>
  new Promise((resolve) => {
    let settled = false;
    let interim = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let req: ClientRequest | undefined;
    const finish = (result: WireResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      req?.destroy();
    };
    const fail = (error: unknown): void =>
      finish({ kind: 'failure', reason: failureReason(error, wire.url, wire.timeoutMs) });
    let url: URL;
    try {
      url = withoutUserinfo(new URL(wire.url));
    } catch (error) {
      fail(error);
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = outgoingHeaders(wire.headers);
    const body = wire.body === undefined ? undefined : Buffer.from(wire.body, 'utf8');
    // #http-network-or-cache-fetch: a body-less POST or PUT carries Content-Length: 0.
    if (body !== undefined) headers['Content-Length'] = [String(body.length)];
    else if (wire.method === 'POST' || wire.method === 'PUT') headers['Content-Length'] = ['0'];
    timer = setTimeout(() => {
      const more =
        interim > 0 ? ` (${interim} interim 1xx answer${interim === 1 ? '' : 's'}, no final one)` : '';
      finish({
        kind: 'failure',
        reason: `${failureReason({ code: 'PROBE_TIMEOUT' }, wire.url, wire.timeoutMs)}${more}`,
      });
    }, wire.timeoutMs);
    try {
      req = send(url, { method: wire.method, headers, agent: false }, (response) => {
        finish({ kind: 'response', status: response.statusCode ?? 0, headers: headersOf(response) });
        response.destroy();
      });
      // 1xx answers other than 101 are not final (#http-network-fetch): wait on, within the deadline.
      req.on('information', () => {
        interim++;
      });
      // A 101 ends HTTP on this connection: only a WebSocket handshake may ask for it.
      req.on('upgrade', (response: IncomingMessage, socket: Duplex) => {
        socket.destroy();
        finish({ kind: 'failure', reason: switchingReason(wire.url, response) });
      });
      req.on('error', fail);
      // The socket closed before a final answer, without an error of its own.
      req.on('close', () => fail(Object.assign(new Error('closed'), { code: 'ECONNRESET' })));
      req.end(body);
    } catch (error) {
      fail(error);
    }
  });

/**
 * A 101 to a plain request is no final answer: a fetch() gets no response (in Chromium 156 the
 * page's target even closed, test/unit/hostile/README.md). Only a WebSocket handshake switches.
 */
function switchingReason(url: string, response: IncomingMessage): string {
  const upgrade = response.headers.upgrade;
  return `${hostOf(url)} answered 101 Switching Protocols${upgrade ? ` (Upgrade: ${upgrade})` : ''} to a plain request: no HTTP answer a fetch() could read (only a WebSocket handshake may switch protocols)`;
}
