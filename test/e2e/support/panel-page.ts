import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface PanelPage {
  /** URL of the panel page (add `?theme=dark`). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The panel outside the extension (test/ui-page/, vite.page.config.ts), built to a temporary
 * folder and served on loopback: module scripts need http, not file://.
 */
export async function servePanelPage(): Promise<PanelPage> {
  const out = mkdtempSync(join(tmpdir(), 'cors-lens-ui-page-'));
  await build({
    configFile: join(ROOT, 'vite.page.config.ts'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true },
  });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(out, path === '/' ? 'index.html' : path);
    if (!file.startsWith(out)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise((ok) => server.close(ok));
      rmSync(out, { recursive: true, force: true });
    },
  };
}
