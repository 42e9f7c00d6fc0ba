import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { build } from 'vite';
import manifest from '../../../manifest.json' with { type: 'json' };
import { toFirefoxManifest } from '../../../scripts/firefox-manifest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The Firefox build plus the test-only bridge content script, written to a temporary directory
 * (never dist-firefox/, never a store zip). Same sources and manifest rewrite as
 * vite.firefox.config.ts; the only difference is one more content script.
 */
export async function buildFirefoxTestExtension(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cors-lens-firefox-test-'));
  const firefox = toFirefoxManifest(manifest);
  const contentScripts = Array.isArray(firefox.content_scripts) ? firefox.content_scripts : [];
  const withBridge = {
    ...firefox,
    content_scripts: [
      ...contentScripts,
      { matches: ['<all_urls>'], js: ['test/e2e/support-firefox/bridge.iife.ts'], run_at: 'document_start' },
    ],
  } as unknown as ManifestV3Export;
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [preact(), crx({ manifest: withBridge, browser: 'firefox' })],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: { input: { panel: join(root, 'src/panel/panel.html') } },
    },
  });
  return outDir;
}
