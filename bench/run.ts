/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each prints its own figures; none
 * asserts a time (targets are read by people, not enforced by tests).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
for (const file of files) {
  console.log(`\n## ${file}`);
  await import(pathToFileURL(join(here, file)).href);
}
