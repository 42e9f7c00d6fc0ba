import { probeArgv, shellCommand } from './commands';
import { MISTAKES } from './mistakes';
import { startDemoServer } from './server';

/**
 * `npm run demo:serve`: the demo API kept up (until Ctrl-C) so you can try `cors-lens probe` on
 * it, or open its page in any browser with the extension. Prints the page, the API and one probe
 * command per endpoint. `DEMO_PORT=N` puts the page on port N, the API on N+1 and the redirect
 * target on N+2 (default: free ports).
 */
const port = Number(process.env.DEMO_PORT ?? 0);
const server = await startDemoServer(Number.isInteger(port) && port > 0 ? port : 0);
const lines = [
  `Demo page: ${server.page}/   (open it in Chromium with the extension, then DevTools → CORS)`,
  `Demo API:  ${server.api}/demo/<endpoint>`,
  '',
  'Try the probe on each endpoint (exit 1: a browser would block it):',
  '',
];
for (const m of MISTAKES)
  lines.push(
    `# ${m.title}`,
    shellCommand(['npx', 'cors-lens', ...probeArgv(m, server.api, server.page)]),
    '',
  );
lines.push('Ctrl-C stops the servers.');
process.stdout.write(`${lines.join('\n')}\n`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
