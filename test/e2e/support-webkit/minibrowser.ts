import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * WebKitGTK's MiniBrowser (Debian's libwebkit2gtk-4.1-0; webkit2gtk-driver depends on it), under
 * xvfb-run (no headless mode: "cannot open display" without X), observed through WebKit's own
 * remote Web Inspector (`WEBKIT_INSPECTOR_HTTP_SERVER`): Console.messageAdded gives every console
 * message WebKit prints for a CORS failure (source `security`/`javascript`/`network`), exactly
 * as Safari's Web Inspector shows them, and Runtime.evaluate starts the run.
 *
 * Why not only WebKitWebDriver (webdriver.ts): it drives the same MiniBrowser (`--automation`), but gives no console
 * (no `log` endpoint, no BiDi in Debian's 2.50 build: `webSocketUrl` fails to match), the
 * automation web view ignores `--enable-write-console-messages-to-stdout`, and with the inspector
 * server enabled the automation session never starts (both use the one remote inspector).
 * Outside automation, the stdout setting prints page console.log but not the network process's
 * CORS messages; the inspector has them all.
 */
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export function webkitAvailable(): boolean {
  return existsSync(MINIBROWSER) && existsSync('/usr/bin/xvfb-run');
}

/** One console message as the inspector reports it. */
export interface ConsoleMessage {
  /** `security`, `javascript`, `network`, `console-api`, … */
  readonly source: string;
  readonly level: string;
  readonly text: string;
  readonly url: string;
}

/** A loopback port nobody listens on (the OS picks it; closed again before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): void {
  // xvfb-run, Xvfb, MiniBrowser and its web/network processes are in the group we created.
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Polls the inspector's target list page until the page at `url` is listed; its socket path. */
async function socketPath(port: number, url: string, deadline: number): Promise<string> {
  while (Date.now() < deadline) {
    try {
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      const row = html.split('<tr>').find((r) => r.includes(`>${url}<`));
      const path = row ? /'(\/socket\/[^']+)'/.exec(row)?.[1] : undefined;
      if (path) return path;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100)); // poll interval
  }
  throw new Error(`the WebKit inspector never listed ${url}`);
}

/**
 * Opens `url` in a fresh MiniBrowser (empty cache, data and config directories), enables the
 * console, evaluates `expression`, and collects console messages until one's text is `doneText`.
 */
export async function runInWebKit(
  url: string,
  expression: string,
  doneText: string,
  timeoutMs: number,
  /** More MiniBrowser switches (e.g. `--ignore-tls-errors` for a self-signed https page). */
  args: readonly string[] = [],
): Promise<ConsoleMessage[]> {
  const deadline = Date.now() + timeoutMs;
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'cors-lens-webkit-'));
  const env = {
    ...process.env,
    WEBKIT_INSPECTOR_HTTP_SERVER: `127.0.0.1:${port}`,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const child = spawn('xvfb-run', ['-a', MINIBROWSER, ...args, url], {
    detached: true,
    env,
    stdio: 'ignore',
  });
  let ws: WebSocket | undefined;
  try {
    const path = await socketPath(port, url, deadline);
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    ws = socket;
    return await new Promise<ConsoleMessage[]>((resolve, reject) => {
      const messages: ConsoleMessage[] = [];
      const timer = setTimeout(
        () => reject(new Error(`WebKit did not log "${doneText}" in ${timeoutMs} ms`)),
        Math.max(0, deadline - Date.now()),
      );
      let target = '';
      let id = 0;
      const toTarget = (method: string, params: object = {}): number => {
        const inner = ++id;
        const message = JSON.stringify({ id: inner, method, params });
        socket.send(
          JSON.stringify({
            id: ++id,
            method: 'Target.sendMessageToTarget',
            params: { targetId: target, message },
          }),
        );
        return inner;
      };
      let enableId = -1;
      socket.on('error', reject);
      socket.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as {
          method?: string;
          params?: { targetInfo?: { targetId: string; type: string }; message?: string };
        };
        if (msg.method === 'Target.targetCreated' && msg.params?.targetInfo?.type === 'page' && !target) {
          target = msg.params.targetInfo.targetId;
          enableId = toTarget('Console.enable');
          return;
        }
        if (msg.method !== 'Target.dispatchMessageFromTarget' || !msg.params?.message) return;
        const inner = JSON.parse(msg.params.message) as {
          id?: number;
          method?: string;
          params?: { message?: { source: string; level: string; text: string; url?: string } };
        };
        if (inner.id === enableId) {
          toTarget('Runtime.evaluate', { expression });
        } else if (inner.method === 'Console.messageAdded' && inner.params?.message) {
          const m = inner.params.message;
          messages.push({ source: m.source, level: m.level, text: m.text, url: m.url ?? '' });
          if (m.text === doneText) {
            clearTimeout(timer);
            resolve(messages);
          }
        }
      });
    });
  } finally {
    ws?.close();
    stop(child);
    rmSync(home, { recursive: true, force: true });
  }
}
