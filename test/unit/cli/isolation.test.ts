import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The extension makes no network request of its own: the probe's HTTP client lives in src/cli/
// and nothing the extension bundles may import it (or any Node built-in).
const src = join(dirname(fileURLToPath(import.meta.url)), '../../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the probe stays out of the extension', () => {
  it('no file outside src/cli imports src/cli or a Node built-in', () => {
    const offenders: string[] = [];
    const all = files(src);
    for (const file of all) {
      const rel = relative(src, file);
      if (rel.startsWith('cli/')) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/g)) {
        const spec = match[1] ?? match[2] ?? '';
        if (spec.startsWith('node:') || /(^|\/)cli(\/|$)/.test(spec)) offenders.push(`${rel} → ${spec}`);
      }
    }
    expect(all.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });

  it('the network code is only under src/cli/probe', () => {
    const users = files(src)
      .filter((file) => /node:https?['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(users).toEqual(['cli/probe/http.ts']);
  });
});
