/**
 * The manifest's content scripts run only on development hosts: `matches` cannot say "a private
 * address" (a match pattern's host is a name or a `*.` suffix), so `include_globs` narrow
 * `<all_urls>` by URL. Every development host must match them (or the page is not hooked); a
 * public page must not (or it pays for an isolated world in every frame). Globs as Chromium reads
 * them: `*` any run of characters, `?` one, over the whole URL.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDevHost } from '../../../src/shared/scope';

const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8')) as {
  content_scripts: { js: string[]; matches: string[]; include_globs?: string[] }[];
};

const globMatches = (glob: string, url: string): boolean =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(url);

const DEV = [
  'http://localhost/',
  'http://localhost:5173/app?x=1',
  'https://app.localhost/',
  'http://api.app.localhost:8080/',
  'https://shop.test/',
  'http://shop.test:3000/',
  'http://printer.local/',
  'http://nas.local:5000/',
  'http://127.0.0.1:8000/',
  'http://127.1.2.3/',
  'http://10.0.0.5:3000/',
  'http://192.168.1.20/',
  'http://172.16.0.1/',
  'http://172.31.255.254:81/',
  'http://169.254.10.10/',
  'http://[::1]:3000/',
  'http://[fd00::1]/',
  'http://[fc12::2]:8080/',
  'http://[fe80::1]/',
];
const PUBLIC = [
  'https://www.shop.co.uk/',
  'https://github.com/',
  'http://8.8.8.8/',
  'http://172.32.0.1/',
  'http://172.15.0.1/',
  'http://192.169.0.1/',
  'http://[2001:db8::1]/',
  'https://example.com/testing',
  'https://local.example.com/',
];

describe('the manifest content scripts: development hosts only', () => {
  const entries = manifest.content_scripts;

  it('both entries (page hook, relay) carry the same globs over <all_urls>', () => {
    expect(entries.map((e) => e.js[0])).toEqual([
      'src/content/hook-dev-hosts.iife.ts',
      'src/content/relay.iife.ts',
    ]);
    for (const entry of entries) {
      expect(entry.matches).toEqual(['<all_urls>']);
      expect(entry.include_globs).toEqual(entries[0]?.include_globs);
    }
  });

  it.each(DEV)('%s: a development host, matched', (url) => {
    expect(isDevHost(new URL(url).hostname)).toBe(true);
    expect(entries[0]?.include_globs?.some((glob) => globMatches(glob, url))).toBe(true);
  });

  it.each(PUBLIC)('%s: public, not matched', (url) => {
    expect(isDevHost(new URL(url).hostname)).toBe(false);
    expect(entries[0]?.include_globs?.some((glob) => globMatches(glob, url))).toBe(false);
  });
});
