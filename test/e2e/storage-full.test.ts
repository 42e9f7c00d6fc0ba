import { describe, expect, it } from 'vitest';
import type { TabSummary } from '../../src/shared/record';
import { pollFor, sendMessage, stopWorker } from './support/browser';
import { pageStatuses, useExtensionSession } from './support/extension-tab';

/**
 * Issue #15 item 8 in a real Chromium: storage.session (10 MB) nearly full of something the
 * worker cannot evict, then requests. Every record is kept, evicted or counted as not kept, and
 * the counts survive a worker stop. Prints what happened.
 */
const session = useExtensionSession('storage-full');
const summary = (tabId: number) => sendMessage<TabSummary>(session.ext, { type: 'cors-lens:summary', tabId });
const accounted = (s: TabSummary) => s.allowed + s.blocked + s.opaque + s.evicted + (s.unsaved ?? 0);

describe('storage.session full', () => {
  it('every record is kept or counted, across a worker stop', async () => {
    const { page, tabId } = await openFullPage();
    const n = 400;
    const urls = Array.from(
      { length: n },
      (_, i) => `${session.server.api}/open/full-${i}?pad=${'p'.repeat(1_500)}`,
    );
    const statuses = await pageStatuses(page, urls);
    expect(statuses.filter((s) => s === 200)).toHaveLength(n);
    const before = await pollFor(
      () => summary(tabId),
      (s) => accounted(s) === n,
      { timeoutMs: 120_000, what: `${n} records kept or counted` },
    );
    console.log(
      `storage full: ${before.allowed} kept, ${before.evicted} evicted, ${before.unsaved ?? 0} not kept (of ${n})`,
    );
    expect(before.unsaved ?? 0).toBeGreaterThan(0);
    expect(await stopWorker(page), 'a running worker to stop').toBe(true);
    const after = await summary(tabId);
    console.log(
      `after a worker stop: ${after.allowed} kept, ${after.evicted} evicted, ${after.unsaved ?? 0} not kept`,
    );
    expect(after.unsaved).toBe(before.unsaved);
    expect(accounted(after)).toBe(n);
    await page.close();
  }, 300_000);
});

/** A page, and storage.session filled to 150 KB short of its quota with a key the worker does not own. */
async function openFullPage() {
  const opened = await session.openPage('full');
  const free = 150_000;
  const used = await session.ext.evaluate(async (free) => {
    const quota = chrome.storage.session.QUOTA_BYTES;
    await chrome.storage.session.set({ 'test-ballast': 'x'.repeat(quota - free) });
    return chrome.storage.session.getBytesInUse(null);
  }, free);
  console.log(`storage.session: ${used} bytes in use before the requests`);
  return opened;
}
