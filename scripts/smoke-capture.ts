/**
 * Smoke check of the built extension (dist/) in real Chromium: a page on one loopback origin
 * calls an API on another (allowed, response-blocked, failed preflight), the worker is stopped
 * mid-way, and `cors-lens:report` from an extension page must list every call with its verdict.
 * Usage: npm run build && npx tsx scripts/smoke-capture.ts   (exit 1 when a check fails)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  launch,
  openExtensionPage,
  pollFor,
  sendMessage,
  stopWorker,
  tabIdOf,
} from '../test/e2e/support/browser';

function serve(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

const page = await serve((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><p>smoke</p>');
});
const pageOrigin = `http://localhost:${portOf(page)}`;
const api = await serve((req, res) => {
  const path = req.url ?? '/';
  if (req.method === 'OPTIONS') {
    // The preflight answers without Allow-Methods: PUT is refused.
    res.writeHead(204, { 'access-control-allow-origin': pageOrigin });
    res.end();
    return;
  }
  const headers: Record<string, string> = { 'content-type': 'text/plain' };
  if (path.startsWith('/allowed')) headers['access-control-allow-origin'] = pageOrigin;
  res.writeHead(path.startsWith('/missing') ? 503 : 200, headers);
  res.end('x');
});
const apiOrigin = `http://127.0.0.1:${portOf(api)}`;

const browser = await launch(true);
let failures = 0;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
try {
  const tab = await browser.context.newPage();
  await tab.goto(`${pageOrigin}/`);
  const call = (path: string, method = 'GET') =>
    tab.evaluate(
      async ([url, m]) => {
        try {
          return String((await fetch(url as string, { method: m as string })).status);
        } catch (e) {
          return String(e);
        }
      },
      [`${apiOrigin}${path}`, method],
    );
  console.log('page saw:', await call('/allowed'), '|', await call('/missing'));
  const ext = await openExtensionPage(browser);
  const tabId = await tabIdOf(ext, tab);
  check(await stopWorker(ext), 'worker stopped mid-way');
  console.log('page saw:', await call('/put', 'PUT'));

  type Report = {
    schema: string;
    records: {
      exchange: { url: string; method: string };
      evaluation: { verdict: string; corsError: string | null };
    }[];
  };
  const report = await pollFor(
    () => sendMessage<Report>(ext, { type: 'cors-lens:report', format: 'json', tabId }),
    (r) => (r.records?.length ?? 0) >= 3,
    { timeoutMs: 10_000, what: 'three records in the report' },
  );
  for (const r of report.records)
    console.log(
      `  ${r.exchange.method} ${r.exchange.url} → ${r.evaluation.verdict} ${r.evaluation.corsError ?? ''}`,
    );
  const find = (p: string) => report.records.find((r) => r.exchange.url === `${apiOrigin}${p}`);
  check(typeof report.schema === 'string', `report json answers the ReportJson (${report.schema})`);
  check(find('/allowed')?.evaluation.verdict === 'allowed', '/allowed is allowed');
  check(
    find('/missing')?.evaluation.corsError === 'MissingAllowOriginHeader',
    '/missing: MissingAllowOriginHeader',
  );
  check(
    find('/put')?.evaluation.corsError === 'MethodDisallowedByPreflightResponse',
    '/put after a worker stop: MethodDisallowedByPreflightResponse',
  );
  const bad = await sendMessage<{ error?: string }>(ext, { type: 'cors-lens:report', format: 'pdf' });
  check(typeof bad.error === 'string', `malformed message answered with { error }: ${bad.error}`);
} finally {
  await browser.context.close();
  page.close();
  api.close();
}
console.log(failures === 0 ? 'smoke: all checks passed' : `smoke: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
