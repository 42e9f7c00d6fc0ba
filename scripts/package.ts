import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { checkZip, zipDirectory } from './zip';

/**
 * `npm run package`: builds the Chrome (dist/) and Firefox (dist-firefox/) extensions and writes
 * the store uploads artifacts/cors-lens-<browser>-<version>.zip, then re-reads each zip and
 * checks it (manifest at the root, right version, no maps, no dotfiles). Exit 1 on any problem.
 */
const root = process.cwd();
const { version } = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { version: string };

const targets = [
  { browser: 'chrome', config: 'vite.config.ts', dir: 'dist' },
  { browser: 'firefox', config: 'vite.firefox.config.ts', dir: 'dist-firefox' },
] as const;

async function main(): Promise<number> {
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  let failed = 0;
  for (const target of targets) {
    await build({ root, configFile: join(root, target.config), logLevel: 'warn' });
    const bytes = zipDirectory(join(root, target.dir));
    const out = join('artifacts', `cors-lens-${target.browser}-${version}.zip`);
    writeFileSync(join(root, out), bytes);
    const { files, problems } = checkZip(bytes, version);
    console.log(`${out}: ${files.length} files, ${(bytes.length / 1024).toFixed(1)} KiB`);
    for (const file of files) console.log(`  ${file}`);
    for (const problem of problems) console.error(`  ✗ ${problem}`);
    if (problems.length > 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
