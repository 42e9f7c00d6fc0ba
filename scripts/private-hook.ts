/**
 * crxjs lists a `?script` import (the page hook's dynamic entry and its relay, registered with
 * scripting.registerContentScripts) in `web_accessible_resources`, which would let any page fetch
 * them and so detect the extension. Registered content scripts need no such entry: this plugin
 * takes them out of the written manifest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const HOOK_SITES_FILE = 'src/content/hook-sites.iife.js';
export const RELAY_FILE = 'src/content/relay.iife.js';
const PRIVATE_FILES: readonly unknown[] = [HOOK_SITES_FILE, RELAY_FILE];

export function withoutHookResource(manifest: Record<string, unknown>): Record<string, unknown> {
  const resources = manifest.web_accessible_resources;
  if (!Array.isArray(resources)) return manifest;
  const kept = resources.flatMap((entry: { resources?: unknown }) => {
    if (!Array.isArray(entry.resources)) return [entry];
    const left = entry.resources.filter((file) => !PRIVATE_FILES.includes(file));
    return left.length > 0 ? [{ ...entry, resources: left }] : [];
  });
  const { web_accessible_resources: _dropped, ...rest } = manifest;
  return kept.length > 0 ? { ...rest, web_accessible_resources: kept } : rest;
}

export function privateHook(outDir: string): Plugin {
  return {
    name: 'cors-lens:private-hook',
    apply: 'build',
    writeBundle() {
      const file = join(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, `${JSON.stringify(withoutHookResource(manifest), null, 2)}\n`);
    },
  };
}
