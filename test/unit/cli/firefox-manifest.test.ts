import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GECKO_ID, toFirefoxManifest } from '../../../scripts/firefox-manifest';

// Tests for the build tooling in scripts/ (the command-line side of the project).
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const chrome = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('toFirefoxManifest', () => {
  const firefox = toFirefoxManifest(chrome);

  it('turns the service worker into a background script and adds the gecko id', () => {
    expect(firefox.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    });
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox.options_ui).toEqual({ page: chrome.options_page, open_in_tab: true });
  });

  it('keeps every feature of the Chrome manifest', () => {
    for (const key of [
      'permissions',
      'host_permissions',
      'content_scripts',
      'devtools_page',
      'action',
      'icons',
    ]) {
      expect(firefox[key]).toEqual(chrome[key]);
    }
    expect(firefox.manifest_version).toBe(3);
  });

  it('refuses a manifest that would carry extraHeaders or lacks a background', () => {
    expect(() => toFirefoxManifest({ ...chrome, note: 'extraHeaders' })).toThrow(/extraHeaders/);
    expect(() => toFirefoxManifest({ name: 'x' })).toThrow(/neither service_worker nor scripts/);
  });
});
