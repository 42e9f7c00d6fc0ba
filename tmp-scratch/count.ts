import type { TabSummary } from '../src/shared/record';
import { launch, openExtensionPage, pollFor, sendMessage, tabIdOf } from '../test/e2e/support/browser';
import { startServer } from '../test/e2e/support/server';
const server = await startServer();
const b = await launch(process.env.EXT ?? true);
const page = await b.context.newPage();
await page.goto(`${server.page}/page/page.html?count`);
const sw = b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
await sw.evaluate(`(() => {
  globalThis.counts = {};
  const bump = (k, n = 1) => (globalThis.counts[k] = (globalThis.counts[k] ?? 0) + n);
  for (const area of new Set([chrome.storage.session, globalThis.browser?.storage?.session].filter(Boolean))) {
    const set = area.set.bind(area);
    const remove = area.remove.bind(area);
    area.set = (items) => {
      bump('set calls');
      for (const [k, v] of Object.entries(items)) {
        bump('set ' + k.split(':')[0] + ' items');
        bump('set ' + k.split(':')[0] + ' bytes', JSON.stringify(v).length);
      }
      return set(items);
    };
    area.remove = (keys) => { bump('remove calls'); bump('remove keys', keys.length); return remove(keys); };
  }
})()`);
const ext = await openExtensionPage(b);
const tabId = await tabIdOf(ext, page);
for (let round = 0; round < 2; round++) {
  await sw.evaluate('globalThis.counts = {}');
  await sendMessage(ext, { type: 'cors-lens:clear', tabId });
  const urls = Array.from({ length: 600 }, (_, i) => `${server.api}/open/overhead?r=${round}&i=${i}`);
  await page.evaluate(async (list) => { await Promise.all(list.map((u) => fetch(u).then((r) => r.status))); }, urls);
  await pollFor(() => sendMessage<TabSummary>(ext, { type: 'cors-lens:summary', tabId }), (s) => s.allowed + s.blocked + s.opaque >= 600, { what: 'records', timeoutMs: 60000 });
  await new Promise((r) => setTimeout(r, 500));
  console.log(round, await sw.evaluate('globalThis.counts'));
}
await b.close();
await server.close();
