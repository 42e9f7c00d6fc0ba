import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, MINIBROWSER } from './minibrowser';

/**
 * WebKitWebDriver (Debian's webkit2gtk-driver) over plain W3C WebDriver HTTP: a session drives
 * MiniBrowser `--automation` under xvfb-run. It gives the page's outcomes but no console (no
 * `log` endpoint, no BiDi in this build), so the suite reads WebKit's reasons through the
 * inspector (minibrowser.ts) and uses this to check the outcomes do not depend on how WebKit
 * is driven.
 */
export const WEBDRIVER = '/usr/bin/WebKitWebDriver';

export function webdriverAvailable(): boolean {
  return existsSync(WEBDRIVER) && existsSync(MINIBROWSER);
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { value?: unknown };
  const value = json.value as { error?: string; message?: string } | null | undefined;
  if (value && typeof value === 'object' && 'error' in value && value.error)
    throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
  return json.value;
}

/** Opens `url` in a WebDriver session and returns what `script` (async, W3C) passes to its callback. */
export async function runWithWebDriver(
  url: string,
  script: string,
  args: unknown[],
  timeoutMs: number,
): Promise<unknown> {
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', WEBDRIVER, `--port=${port}`], { detached: true, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  let session: string | undefined;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await call(base, 'GET', '/status');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100)); // poll interval: the driver is starting
      }
    }
    const created = (await call(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        },
      },
    })) as { sessionId: string };
    session = created.sessionId;
    await call(base, 'POST', `/session/${session}/timeouts`, { script: timeoutMs });
    await call(base, 'POST', `/session/${session}/url`, { url });
    return await call(base, 'POST', `/session/${session}/execute/async`, { script, args });
  } finally {
    if (session) await call(base, 'DELETE', `/session/${session}`).catch(() => undefined);
    if (driver.pid !== undefined && driver.exitCode === null) {
      try {
        process.kill(-driver.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}
