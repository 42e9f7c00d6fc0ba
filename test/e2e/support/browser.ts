import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';

/**
 * Debian's Chromium, headless, with or without the built extension (dist/, `npm run build`
 * first). Flags as verified in /work/shared/docs/platform-notes.md.
 */
export const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist');
const CHROMIUM = '/usr/bin/chromium';
/** Hosts the site scenarios name, all answered on 127.0.0.1 (`*.localhost` is loopback already). */
export const MAPPED_HOSTS = ['*.co.uk', '*.blogspot.com', 'intranet', '*.example.test'] as const;
const HOST_RULES = MAPPED_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ');

/** Every test Chromium's flags, with or without an extension (the platform notes' set). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Real domain names on loopback for the site scenarios (CORP same-site): a public suffix
  // with two labels, a private-section suffix, a single-label host and a reserved TLD.
  `--host-resolver-rules=${HOST_RULES}`,
  // The scenario server's HTTPS port uses a certificate made for the run.
  '--ignore-certificate-errors',
];

export interface Browser {
  readonly context: BrowserContext;
  /** Extension id, or null when launched without the extension. */
  readonly extensionId: string | null;
  close(): Promise<void>;
}

/**
 * `withExtension`: true loads dist/, a path loads that unpacked extension instead (the overhead
 * bench's no-op builds), false none.
 */
export async function launch(
  withExtension: boolean | string,
  extraArgs: readonly string[] = [],
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cors-lens-e2e-'));
  const source = withExtension === true ? DIST : withExtension;
  const args = [...CHROMIUM_ARGS, ...extraArgs];
  if (source) {
    // Load a private copy: a `vite build` elsewhere empties dist/ and would pull the files from
    // under a running worker (it restarts from disk after every idle stop).
    if (!existsSync(join(source, 'manifest.json')))
      throw new Error(`no build in ${source}: run npm run build`);
    const copy = join(profile, 'extension');
    cpSync(source, copy, { recursive: true });
    args.unshift(`--disable-extensions-except=${copy}`, `--load-extension=${copy}`);
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
  });
  let extensionId: string | null = null;
  if (source) {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    // A freshly installed worker registers its webRequest listeners when it first runs: a page
    // loaded before that is not observed. Wait for them, then for a storage round trip issued
    // after them, which the browser answers once it has the registrations.
    await worker.evaluate(async () => {
      const wr = chrome.webRequest;
      const events = [
        wr.onBeforeRequest,
        wr.onBeforeSendHeaders,
        wr.onSendHeaders,
        wr.onHeadersReceived,
        wr.onBeforeRedirect,
        wr.onResponseStarted,
        wr.onCompleted,
        wr.onErrorOccurred,
      ];
      for (let i = 0; i < 250 && !events.some((e) => e.hasListeners()); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await chrome.storage.session.get(null);
    });
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Poll `probe` until `done` holds; errors (a worker restarting mid-poll) count as "not yet". */
export async function pollFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out waiting for ${what}${detail}; last value: ${JSON.stringify(last)?.slice(0, 500)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50)); // poll interval, not a wait for the outcome
  }
}

/** An extension page in a normal tab: it can message the worker and read chrome.* state. */
export async function openExtensionPage(browser: Browser): Promise<Page> {
  if (!browser.extensionId) throw new Error('launched without the extension');
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/src/popup/popup.html`);
  return page;
}

/**
 * chrome.runtime.sendMessage from the extension page; the worker wakes up if it was stopped.
 * The protocol version is added when the test leaves it out, as the extension's client does.
 */
export function sendMessage<T>(extensionPage: Page, message: Record<string, unknown>): Promise<T> {
  const versioned = { v: PROTOCOL_VERSION, ...message };
  return extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), versioned) as Promise<T>;
}

/** The tab id of a page, found by its URL (host permissions make tab URLs readable). */
export async function tabIdOf(extensionPage: Page, page: Page): Promise<number> {
  const url = page.url();
  const id = await extensionPage.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab with URL ${url}`);
  return id;
}

/** Stop the extension's service worker the way Chrome idles it out (Target.closeTarget). */
export async function stopWorker(anyPage: Page): Promise<boolean> {
  const session = await anyPage.context().newCDPSession(anyPage);
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const worker = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    if (!worker) return false;
    await session.send('Target.closeTarget', { targetId: worker.targetId });
    return true;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
