import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { privateHook } from './scripts/private-hook.ts';

// The DevTools panel page is only referenced from code (devtools.panels.create), so crxjs
// cannot find it from the manifest: list it as an input or it is missing from dist/.
export default defineConfig({
  plugins: [preact(), crx({ manifest }), privateHook('dist')],
  // tldts's ES build keeps its suffix table in separate modules, and the bundler inlines its
  // 70 KB label string at each use (+278 KB); its own prebuilt bundle (one module) adds 138 KB.
  resolve: { alias: [{ find: /^tldts$/, replacement: 'tldts/dist/index.esm.min.js' }] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { input: { panel: 'src/panel/panel.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5174 } },
});
