/**
 * The overhead floor: a no-op MV3 extension with a given set of our webRequest listeners and
 * their extraInfoSpec (src/platform/listeners.ts), written to a temp folder. Its listeners do
 * nothing, so what it costs a page is the browser's own work of delivering the events.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ListenerSpec,
  NOT_FETCH_TYPES,
  WEB_REQUEST_FILTER,
  WEB_REQUEST_LISTENERS,
} from '../../src/platform/listeners';

export function buildNoopExtension(
  listeners: readonly (ListenerSpec & { navigations?: true })[] = WEB_REQUEST_LISTENERS,
): string {
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
  const table = listeners.map((l) => ({
    event: l.event,
    headers: l.headers ?? null,
    navigations: l.navigations === true,
  }));
  // The same rules as src/platform/listeners.ts extraInfoSpec() and typesFor(): the header list
  // plus `extraHeaders` where the browser has it; the browser's resource types but the ones never
  // replayed (main_frame kept for the listener that reads navigations).
  const worker = `const extra = chrome.webRequest.OnBeforeSendHeadersOptions?.EXTRA_HEADERS === 'extraHeaders';
const all = Object.values(chrome.webRequest.ResourceType ?? {});
const skip = ${JSON.stringify(NOT_FETCH_TYPES)};
const noop = () => {};
for (const { event, headers, navigations } of ${JSON.stringify(table)}) {
  const types = all.filter((t) => !skip.includes(t) || (navigations && t === 'main_frame'));
  const filter = { ...${JSON.stringify(WEB_REQUEST_FILTER)}, ...(all.length ? { types } : {}) };
  if (headers === null) chrome.webRequest[event].addListener(noop, filter);
  else chrome.webRequest[event].addListener(noop, filter, extra ? [headers, 'extraHeaders'] : [headers]);
}
`;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'worker.js'), worker);
  return dir;
}
