import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { toFirefoxManifest } from './scripts/firefox-manifest.ts';
import { privateHook } from './scripts/private-hook.ts';

// The Firefox build: the same sources and pages as vite.config.ts, the manifest rewritten for
// Gecko (background.scripts, gecko id), written to dist-firefox/. The panel page is listed as an
// input for the same reason as in the Chrome build (only code references it).
// crxjs does not export its ManifestV3 type; the rewritten manifest is checked by its unit test
// and by `web-ext lint` on the output instead.
const firefoxManifest = toFirefoxManifest(manifest) as unknown as ManifestV3Export;

export default defineConfig({
  plugins: [preact(), crx({ manifest: firefoxManifest, browser: 'firefox' }), privateHook('dist-firefox')],
  // tldts's ES build keeps its suffix table in separate modules, and the bundler inlines its
  // 70 KB label string at each use (+278 KB); its own prebuilt bundle (one module) adds 138 KB.
  resolve: { alias: [{ find: /^tldts$/, replacement: 'tldts/dist/index.esm.min.js' }] },
  build: {
    outDir: 'dist-firefox',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { input: { panel: 'src/panel/panel.html' } },
  },
});
