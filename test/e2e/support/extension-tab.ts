import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Browser, launch, openExtensionPage, tabIdOf } from './browser';
import { type ScenarioServer, startServer } from './server';

/** One scenario server and one Chromium with the extension, shared by a test file's tests. */
export interface ExtensionSession {
  server: ScenarioServer;
  browser: Browser;
  /** An extension page, for messages to the worker. */
  ext: Page;
  /** A new tab on the scenario page, tagged in its URL, and its tab id. */
  openPage(tag: string): Promise<{ page: Page; tabId: number }>;
}

/** Registers the file's beforeAll/afterAll; the fields are set once beforeAll has run. */
export function useExtensionSession(suite: string): ExtensionSession {
  const session = {
    async openPage(tag: string) {
      const page = await session.browser.context.newPage();
      await page.goto(`${session.server.page}/page/page.html?${suite}=${tag}`);
      return { page, tabId: await tabIdOf(session.ext, page) };
    },
  } as ExtensionSession;
  beforeAll(async () => {
    session.server = await startServer();
    session.browser = await launch(true);
    session.ext = await openExtensionPage(session.browser);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** Page-side fetches; resolves with each status (0 when rejected). */
export function pageStatuses(page: Page, urls: readonly string[]): Promise<number[]> {
  return page.evaluate(
    (list) =>
      Promise.all(
        list.map((u) =>
          fetch(u).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      ),
    [...urls],
  );
}
