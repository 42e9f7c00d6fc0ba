import { rmSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';
import type { ReportRecord } from '../../../src/shared/report-schema';
import { buildFirefoxTestExtension } from './build';

/** Firefox ESR with the extension installed as a temporary add-on (plus the test-only bridge). */
export interface FirefoxWithExtension {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(
  options: { prefs?: Record<string, unknown>; acceptInsecureCerts?: boolean } = {},
): Promise<FirefoxWithExtension> {
  const extensionDir = await buildFirefoxTestExtension();
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      ...(options.acceptInsecureCerts ? { acceptInsecureCerts: true } : {}),
      ...(options.prefs ? { extraPrefsFirefox: options.prefs } : {}),
    });
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser?.close();
    rmSync(extensionDir, { recursive: true, force: true });
    throw error;
  }
  const launched = browser;
  return {
    browser: launched,
    close: async () => {
      await launched.close();
      rmSync(extensionDir, { recursive: true, force: true });
    },
  };
}

/** One message to the extension's worker, through the bridge content script of `page`. */
export async function askExtension(page: Page, message: Record<string, unknown>): Promise<unknown> {
  const raw = await page.evaluate(
    (m) =>
      new Promise<string>((resolve, reject) => {
        const id = Math.random();
        const onMessage = (
          event: MessageEvent<{ corsLensTest?: string; id?: number; response?: string }>,
        ) => {
          if (event.data?.corsLensTest !== 'answer' || event.data.id !== id) return;
          removeEventListener('message', onMessage);
          resolve(event.data.response ?? 'null');
        };
        addEventListener('message', onMessage);
        postMessage({ corsLensTest: 'ask', id, message: m }, '*');
        setTimeout(() => reject(new Error('the test bridge did not answer in 5 s')), 5000);
      }),
    message,
  );
  return JSON.parse(raw) as unknown;
}

/** Every record of every tab (the JSON report without a tabId), unredacted. */
export async function allRecords(page: Page): Promise<ReportRecord[]> {
  const report = (await askExtension(page, {
    type: 'cors-lens:report',
    v: PROTOCOL_VERSION,
    format: 'json',
    redact: false,
  })) as { records?: ReportRecord[]; error?: string } | null;
  if (report?.records) return report.records;
  throw new Error(`cors-lens:report answered ${JSON.stringify(report)}`);
}
