import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import { nodeSend } from '../../../src/cli/probe/http';

// `npm run demo:serve`: the demo API stays up and the commands it prints work as printed.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child?.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Shell words of one printed command (`$ …` with ` \` continuations; single quotes only). */
function words(command: string): string[] {
  const line = command.replace(/^\$ /, '').replace(/ \\\n\s*/g, ' ');
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const io: ProbeIo = {
  send: nodeSend,
  readText: () => '',
  writeText: () => undefined,
  progress: () => undefined,
  now: () => 0,
};

describe('npm run demo:serve', () => {
  it('keeps the demo API up and prints probe commands that run as printed, in 100 columns', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'demo/serve.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    await expect.poll(() => out, { timeout: 20_000, interval: 50 }).toContain('Ctrl-C stops the servers.');
    const lines = out.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    const commands = out.split('\n\n').filter((block) => block.includes('$ npx cors-lens probe'));
    expect(commands.length).toBe(12);
    const missing = commands.find((c) => c.includes('/demo/missing-acao')) ?? '';
    const argv = words(missing.slice(missing.indexOf('$ '))).slice(2); // drop "npx cors-lens"
    const blocked = await main(argv, () => '', io);
    expect(blocked.stderr).toBe('');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('Missing Allow-Origin');
    // A command with a quoted header value survives the printing.
    const header = commands.find((c) => c.includes('/demo/preflight-404')) ?? '';
    const headerArgv = words(header.slice(header.indexOf('$ '))).slice(2);
    expect(headerArgv).toContain('Content-Type: application/json');
    expect((await main(headerArgv, () => '', io)).code).toBe(1);
    const works = commands.find((c) => c.includes('/demo/works')) ?? '';
    expect((await main(words(works.slice(works.indexOf('$ '))).slice(2), () => '', io)).code).toBe(0);
    // Still up after the probes: a second round is answered too.
    expect((await main(argv, () => '', io)).code).toBe(1);
  }, 60_000);
});
