/**
 * The overhead floor: a no-op MV3 extension with a given set of our webRequest listeners and
 * their extraInfoSpec (src/platform/listeners.ts), written to a temp folder. Its listeners do
 * nothing, so what it costs a page is the browser's own work of delivering the events.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ListenerSpec, WEB_REQUEST_FILTER, WEB_REQUEST_LISTENERS } from '../../src/platform/listeners';

export function buildNoopExtension(listeners: readonly ListenerSpec[] = WEB_REQUEST_LISTENERS): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-noop-'));
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: `CORS Lens floor (${listeners.map((l) => l.name).join(', ') || 'no listener'})`,
    version: '0.0.1',
    permissions: ['webRequest', 'storage'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'worker.js' },
  };
  const table = listeners.map((l) => ({ event: l.event, headers: l.headers ?? null }));
  // The same extraInfoSpec rule as src/platform/listeners.ts extraInfoSpec(): the header list,
  // plus `extraHeaders` where the browser has it.
  const worker = `const extra = chrome.webRequest.OnBeforeSendHeadersOptions?.EXTRA_HEADERS === 'extraHeaders';
const filter = ${JSON.stringify(WEB_REQUEST_FILTER)};
const noop = () => {};
for (const { event, headers } of ${JSON.stringify(table)}) {
  if (headers === null) chrome.webRequest[event].addListener(noop, filter);
  else chrome.webRequest[event].addListener(noop, filter, extra ? [headers, 'extraHeaders'] : [headers]);
}
`;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'worker.js'), worker);
  return dir;
}
