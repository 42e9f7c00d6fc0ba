import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { checkZip, listShipped, zipDirectory } from '../../../scripts/zip';

// Tests for the store packaging in scripts/ (npm run package).
const dir = mkdtempSync(join(tmpdir(), 'cors-lens-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

put('manifest.json', JSON.stringify({ manifest_version: 3, version: '1.2.3' }));
put('assets/app.js', 'console.log(1)');
put('assets/app.js.map', '{}');
put('.vite/manifest.json', '{}');
put('icons/.DS_Store', 'x');
put('src/panel/panel.html', '<!doctype html>');

describe('store zips', () => {
  it('ship the built files with manifest.json at the root, without maps or dotfiles', () => {
    expect(listShipped(dir)).toEqual(['assets/app.js', 'manifest.json', 'src/panel/panel.html']);
    const { files, problems } = checkZip(zipDirectory(dir), '1.2.3');
    expect(files).toEqual(['assets/app.js', 'manifest.json', 'src/panel/panel.html']);
    expect(problems).toEqual([]);
  });

  it('are byte-identical for identical input', () => {
    expect(Buffer.from(zipDirectory(dir)).equals(Buffer.from(zipDirectory(dir)))).toBe(true);
  });

  it('report a wrong version, a missing root manifest and shipped junk', () => {
    expect(checkZip(zipDirectory(dir), '9.9.9').problems).toEqual(['manifest version 1.2.3 ≠ 9.9.9']);
    const bad = zipSync({
      'dist/manifest.json': new TextEncoder().encode('{}'),
      'a.js.map': new Uint8Array(1),
      '.env': new Uint8Array(1),
    });
    expect(checkZip(bad, '1.0.0').problems).toEqual([
      'no manifest.json at the zip root',
      'must not ship .env',
      'must not ship a.js.map',
    ]);
  });
});
