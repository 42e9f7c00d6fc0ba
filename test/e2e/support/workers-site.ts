/**
 * The site test/e2e/workers.test.ts drives: pages on three loopback origins (a service worker
 * only, a shared worker only, both), their workers' scripts, and an API on 127.0.0.1 whose
 * answer each case chooses. Everything is made here at test time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** How the request is made: by whom, and what the service worker answers the page with. */
export type Context =
  | 'sw-own' // the service worker's own fetch()
  | 'sw-pass' // the page's fetch(), passed through: respondWith(fetch(event.request))
  | 'sw-opaque' // the page's fetch(), answered respondWith(fetch(url, { mode: 'no-cors' }))
  | 'sw-opaque-xhr' // the same answer to the page's XMLHttpRequest
  | 'sw-manual' // the page's fetch(), answered respondWith(fetch(url, { redirect: 'manual' }))
  | 'sw-error' // the page's fetch(), answered respondWith(Response.error())
  | 'sw-cached' // the page's fetch(), answered from the cache with a no-cors copy put there earlier
  | 'shared-own' // a shared worker's own fetch()
  | 'both-own'; // the service worker's own fetch(), on a page that also has a shared worker
export type Answer = 'allow' | 'none' | 'preflight-none';

export interface Case {
  readonly id: string;
  readonly context: Context;
  readonly answer: Answer;
  /** The API answers this late (ms): the page may be gone by then. */
  readonly delayMs?: number;
}

/** The page of each context: which origin (and so which workers) it runs on. */
export const PAGE_OF: Record<Context, 'sw' | 'shared' | 'both'> = {
  'sw-own': 'sw',
  'sw-pass': 'sw',
  'sw-opaque': 'sw',
  'sw-opaque-xhr': 'sw',
  'sw-manual': 'sw',
  'sw-error': 'sw',
  'sw-cached': 'sw',
  'shared-own': 'shared',
  'both-own': 'both',
};

export const pageOrigin = (page: 'sw' | 'shared' | 'both', port: number): string =>
  page === 'both' ? `http://localhost:${port}` : `http://${page}.localhost:${port}`;

const PAGE_HTML = `<!doctype html><title>workers</title><script>
  const q = new URLSearchParams(location.search);
  window.__ready = (async () => {
    if (q.has('sw')) {
      await navigator.serviceWorker.register('/sw.js');
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
    if (q.has('shared')) window.__shared = new SharedWorker('/shared.js');
    return true;
  })();
  const init = (answer) => answer === 'preflight-none'
    ? { method: 'PUT', headers: { 'x-lens': '1' } } : {};
  window.__run = async (context, url, answer) => {
    if (context === 'sw-cached') {
      // The worker caches a no-cors copy under this URL first (fetched as url?prime, so that no
      // request of the worker for this very URL is seen: only the cache can tell).
      const channel = new MessageChannel();
      const primed = new Promise((r) => { channel.port1.onmessage = (e) => r(e.data); });
      navigator.serviceWorker.controller.postMessage({ prime: url }, [channel.port2]);
      await primed;
    }
    if (context === 'sw-opaque-xhr')
      return new Promise((resolve) => {
        const x = new XMLHttpRequest();
        x.open('GET', url);
        x.onloadend = () => resolve(x.status > 0 ? { ok: true, status: x.status } : { ok: false, error: 'XHR network error' });
        x.send();
      });
    if (!context.endsWith('-own'))
      return fetch(url, init(answer)).then((r) => ({ ok: true, status: r.status }), (e) => ({ ok: false, error: String(e) }));
    const channel = new MessageChannel();
    const done = new Promise((r) => { channel.port1.onmessage = (e) => r(e.data); });
    const message = { url, init: init(answer) };
    if (context === 'shared-own') window.__shared.port.postMessage(message, [channel.port2]);
    else navigator.serviceWorker.controller.postMessage(message, [channel.port2]);
    return done;
  };
</script>`;

/** Own fetches answer through the port they were given. */
const FETCH_AND_REPLY = `(e) => {
  const reply = e.ports[0];
  fetch(e.data.url, e.data.init).then(
    (r) => reply.postMessage({ ok: true, status: r.status }),
    (err) => reply.postMessage({ ok: false, error: String(err) }));
}`;
const SW_JS = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => {
  if (!e.data.prime) return (${FETCH_AND_REPLY})(e);
  const url = e.data.prime;
  e.waitUntil(caches.open('c').then((c) => fetch(url + '?prime', { mode: 'no-cors' }).then((r) => c.put(url, r)))
    .then(() => e.ports[0].postMessage(true), (err) => e.ports[0].postMessage(String(err))));
});
self.addEventListener('fetch', (e) => {
  const url = e.request.url;
  if (url.includes('/api/sw-pass-')) e.respondWith(fetch(e.request));
  else if (url.includes('/api/sw-opaque-')) e.respondWith(fetch(url, { mode: 'no-cors' }));
  else if (url.includes('/api/sw-manual-')) e.respondWith(fetch(url, { redirect: 'manual' }));
  else if (url.includes('/api/sw-error-')) e.respondWith(Response.error());
  else if (url.includes('/api/sw-cached-')) e.respondWith(caches.match(url));
});`;
const SHARED_JS = `onconnect = (c) => { c.ports[0].onmessage = ${FETCH_AND_REPLY}; };`;

/** Starts the site on 127.0.0.1, an ephemeral port; `cases` are the API's known ids. */
export async function startWorkersSite(
  cases: readonly Case[],
): Promise<{ server: Server; port: number; seen: Set<string> }> {
  let port = 0;
  /** The paths the API was asked for (not preflights). */
  const seen = new Set<string>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'OPTIONS') seen.add(url.pathname);
    const js = { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' };
    if (url.pathname === '/app')
      return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE_HTML);
    if (url.pathname === '/sw.js') return void res.writeHead(200, js).end(SW_JS);
    if (url.pathname === '/shared.js') return void res.writeHead(200, js).end(SHARED_JS);
    const id = url.pathname.split('/')[2] ?? '';
    const c = cases.find((x) => x.id === id);
    if (!c || !url.pathname.startsWith('/api/')) return void res.writeHead(404).end();
    const origin = pageOrigin(PAGE_OF[c.context], port);
    const allow = { 'Access-Control-Allow-Origin': origin };
    if (req.method === 'OPTIONS') return void res.writeHead(204).end(); // preflight: no CORS headers
    if (c.context === 'sw-manual') return void res.writeHead(302, { Location: '/elsewhere', ...allow }).end();
    const answer = () =>
      res.writeHead(200, { 'Content-Type': 'text/plain', ...(c.answer === 'allow' ? allow : {}) }).end('ok');
    if (c.delayMs === undefined) answer();
    else setTimeout(answer, c.delayMs);
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, seen };
}
