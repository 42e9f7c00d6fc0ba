import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

/** Node's error codes → one line a user can act on. */
export function failureReason(error: unknown, url: string, timeoutMs: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
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

/** Node's http/https: no agent pool (nothing kept open), no cookies, no redirects followed. */
export const nodeSend: Send = (wire) =>
  new Promise((resolve) => {
    let settled = false;
    const finish = (result: WireResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const fail = (error: unknown): void =>
      finish({ kind: 'failure', reason: failureReason(error, wire.url, wire.timeoutMs) });
    let url: URL;
    try {
      url = new URL(wire.url);
    } catch (error) {
      fail(error);
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string[]> = {};
    for (const h of wire.headers) {
      const list = headers[h.name] ?? [];
      list.push(h.value);
      headers[h.name] = list;
    }
    const body = wire.body === undefined ? undefined : Buffer.from(wire.body, 'utf8');
    // #http-network-or-cache-fetch: a body-less POST or PUT carries Content-Length: 0.
    if (body !== undefined) headers['Content-Length'] = [String(body.length)];
    else if (wire.method === 'POST' || wire.method === 'PUT') headers['Content-Length'] = ['0'];
    try {
      const req = send(url, { method: wire.method, headers, agent: false }, (response) => {
        finish({ kind: 'response', status: response.statusCode ?? 0, headers: headersOf(response) });
        response.destroy();
      });
      req.setTimeout(wire.timeoutMs, () =>
        req.destroy(Object.assign(new Error('timeout'), { code: 'PROBE_TIMEOUT' })),
      );
      req.on('error', fail);
      req.end(body);
    } catch (error) {
      fail(error);
    }
  });
