import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync, zipSync } from 'fflate';

/**
 * Store zips: the built directory's files with manifest.json at the zip root, without source
 * maps or dotfiles (crxjs leaves `.vite/manifest.json` in the output; stores reject hidden
 * files and maps only grow the download).
 */

export function isShipped(path: string): boolean {
  const parts = path.split('/');
  return !parts.some((part) => part.startsWith('.')) && !path.endsWith('.map');
}

/** Zip paths (forward slashes) of every shipped file under `dir`, sorted. */
export function listShipped(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.filter(isShipped).sort();
}

// A fixed timestamp keeps the zip identical for identical input (reproducible artifacts).
const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

export function zipDirectory(dir: string): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const path of listShipped(dir)) files[path] = [readFileSync(join(dir, path)), { mtime: FIXED_TIME }];
  return zipSync(files, { level: 9 });
}

/** What is wrong with a store zip (empty when fine), and its file listing. */
export function checkZip(bytes: Uint8Array, version: string): { files: string[]; problems: string[] } {
  const entries = unzipSync(bytes);
  const files = Object.keys(entries).sort();
  const problems: string[] = [];
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) problems.push('no manifest.json at the zip root');
  else {
    try {
      const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { version?: unknown };
      if (manifest.version !== version)
        problems.push(`manifest version ${String(manifest.version)} ≠ ${version}`);
    } catch {
      problems.push('manifest.json is not JSON');
    }
  }
  for (const file of files) if (!isShipped(file)) problems.push(`must not ship ${file}`);
  return { files, problems };
}
