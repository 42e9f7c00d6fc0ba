import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Bundles the `cors-lens` command into one Node file, dist-cli/cors-lens.js, which package.json
 * "bin" points at; `npx cors-lens` in this repository runs it (npm ≥ 7 runs the root project's
 * own bin). Node built-ins stay imports; the evaluator (with its packages), HAR import and explain are inlined.
 */
export async function buildCli(root = process.cwd(), outDir = join(root, 'dist-cli')): Promise<string> {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    // One file: every package is inlined, the public-suffix list (tldts) as its prebuilt
    // single-module bundle.
    resolve: { alias: [{ find: /^tldts$/, replacement: 'tldts/dist/index.esm.min.js' }] },
    ssr: { noExternal: true },
    build: {
      ssr: join(root, 'src/cli/cors-lens.ts'),
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'cors-lens.js', banner: '#!/usr/bin/env node' } },
    },
  });
  const file = join(outDir, 'cors-lens.js');
  if (!readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node')) throw new Error(`${file}: no shebang`);
  chmodSync(file, 0o755);
  return file;
}

if (process.argv[1]?.endsWith('build-cli.ts')) {
  buildCli().then(
    (file) => console.log(`built ${file}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
