import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The API behind the proxies (nginx, Apache, Caddy), as an application server answers: JSON on
 * /api/*, the PUT body parsed first (a 500 without CORS headers when it is not JSON). `star`:
 * the application adds its own CORS (`*`, the usual `cors()` default), so a proxy that adds one
 * too sends two.
 */
export async function upstream(mode: 'plain' | 'star'): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const cors: Record<string, string> = mode === 'star' ? { 'Access-Control-Allow-Origin': '*' } : {};
      if (req.method === 'OPTIONS') {
        const preflight =
          mode === 'star'
            ? {
                'Access-Control-Allow-Methods': 'GET, PUT, DELETE',
                'Access-Control-Allow-Headers': 'content-type',
              }
            : {};
        res.writeHead(204, { ...cors, ...preflight });
        res.end();
        return;
      }
      if (req.method === 'PUT') {
        try {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end('Internal Server Error');
          return;
        }
      }
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
