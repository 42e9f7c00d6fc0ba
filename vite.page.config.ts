import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The panel as a plain page fed by recorded records (test/ui-page/), no extension: `npm run
// dev:panel` to look at it, and the UI e2e suite builds it to drive it in Chromium.
export default defineConfig({
  root: fileURLToPath(new URL('./test/ui-page', import.meta.url)),
  plugins: [preact()],
  base: './',
  build: { outDir: fileURLToPath(new URL('./dist-ui-page', import.meta.url)), emptyOutDir: true },
  server: { port: 5175, strictPort: true },
});
