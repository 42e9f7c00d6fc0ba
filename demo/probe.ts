import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/cors-lens';
import type { ProbeIo } from '../src/cli/probe/command';
import { nodeSend } from '../src/cli/probe/http';
import { wrapText } from '../src/cli/wrap';
import { probeArgv, shellCommand } from './commands';
import { MISTAKES } from './mistakes';
import { startDemoServer } from './server';

/**
 * `npm run demo:probe`: `cors-lens probe` on every endpoint of the demo API, the way CI would
 * run it. Starts the demo server, writes the config it checks (artifacts/demo-cors.json: the
 * page's origin must be allowed with each endpoint's method, headers and credentials, and
 * https://evil.example refused), runs it with --junit, then probes each endpoint on its own for
 * the verdict per profile. Everything printed also goes to artifacts/demo-probe.txt, in 100
 * columns (commands broken with \, prose wrapped at spaces).
 */
const out = join(process.cwd(), 'artifacts');
mkdirSync(out, { recursive: true });
const server = await startDemoServer();
const config = {
  base: server.api,
  endpoints: MISTAKES.map((m) => ({
    url: `/demo/${m.id}`,
    allow: {
      origins: [server.page],
      methods: [m.method ?? 'GET'],
      headers: Object.entries(m.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
      credentials: m.credentials === 'include',
    },
    refuse: { origins: ['https://evil.example'] },
  })),
};
const configFile = join(out, 'demo-cors.json');
writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
const io: ProbeIo = {
  send: nodeSend,
  readText: (file) => readFileSync(file, 'utf8'),
  writeText: (file, text) => writeFileSync(file, text),
  progress: () => undefined,
  now: () => performance.now(),
};
const report: string[] = [];
const show = (argv: readonly string[], result: { code: number; stdout: string; stderr: string }): void => {
  const command = shellCommand(['cors-lens', ...argv]);
  const output = wrapText(`${result.stdout.trimEnd()}\n${result.stderr.trimEnd()}`);
  report.push(command, `# exit ${result.code}`, output, '');
};
const junit = join(out, 'demo-probe.junit.xml');
show(
  ['probe', '--config', 'artifacts/demo-cors.json', '--junit', 'artifacts/demo-probe.junit.xml'],
  await main(['probe', '--config', configFile, '--junit', junit], () => '', io),
);
for (const m of MISTAKES) {
  const argv = probeArgv(m, server.api, server.page);
  show(argv, await main(argv, () => '', io));
}
await server.close();
const text = `${report.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n')}\n`;
writeFileSync(join(out, 'demo-probe.txt'), text);
process.stdout.write(text);
