import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli';

// The bundled bin (what package.json "bin" points at) runs on plain Node, without tsx.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = mkdtempSync(join(tmpdir(), 'cors-lens-bin-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the cors-lens bin', () => {
  it('is one executable Node file that explains a HAR with the right exit status', async () => {
    const bin = await buildCli(root, outDir);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const fixture = join(root, 'test/unit/har/fixtures/chrome.har');
    const blocked = spawnSync(bin, ['explain', fixture, '--json'], { encoding: 'utf8' });
    expect(blocked.stderr).toBe('');
    expect(blocked.status).toBe(1);
    expect((JSON.parse(blocked.stdout) as { counts: { blocked: number } }).counts.blocked).toBe(4);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^cors-lens \d+\.\d+\.\d+\n$/);
    const usage = spawnSync(bin, ['explain'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^cors-lens: explain needs a HAR file/);
    // probe over the network: a refused port is one line and exit 2, never a stack trace.
    const refused = spawnSync(bin, ['probe', 'http://127.0.0.1:1/', '--origin', 'https://app.example'], {
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'cors-lens: probe: 127.0.0.1:1 refused the connection (nothing listens on that port?)\n',
    );
  }, 30_000);
});
