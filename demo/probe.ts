import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/cors-lens';
import type { ProbeIo } from '../src/cli/probe/command';
import { nodeSend } from '../src/cli/probe/http';
import { MISTAKES } from './mistakes';
import { startDemoServer } from './server';

/**
 * `npm run demo:probe`: `cors-lens probe` on every endpoint of the demo API, the way CI would
 * run it. Starts the demo server, writes the config it checks (artifacts/demo-cors.json: the
 * page's origin must be allowed with each endpoint's method, headers and credentials, and
 * https://evil.example refused), runs it with --junit, then probes each endpoint on its own for
 * the verdict per profile. Everything printed also goes to artifacts/demo-probe.txt.
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
const show = (title: string, result: { code: number; stdout: string; stderr: string }): void => {
  report.push(`$ ${title}   # exit ${result.code}`, result.stdout.trimEnd(), result.stderr.trimEnd(), '');
};
const junit = join(out, 'demo-probe.junit.xml');
show(
  'cors-lens probe --config artifacts/demo-cors.json --junit artifacts/demo-probe.junit.xml',
  await main(['probe', '--config', configFile, '--junit', junit], () => '', io),
);
for (const m of MISTAKES) {
  const argv = ['probe', `${server.api}/demo/${m.id}`, '--origin', server.page];
  if (m.method !== undefined) argv.push('--method', m.method);
  for (const [name, value] of Object.entries(m.headers ?? {})) argv.push('--header', `${name}: ${value}`);
  if (m.credentials === 'include') argv.push('--credentials');
  show(`cors-lens ${argv.join(' ')}`, await main(argv, () => '', io));
}
await server.close();
const text = `${report.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n')}\n`;
writeFileSync(join(out, 'demo-probe.txt'), text);
process.stdout.write(text);
