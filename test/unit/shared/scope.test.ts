/** The recording scope's pure rules: development hosts, sites turned on, the panel, all sites. */
import { describe, expect, it } from 'vitest';
import { checkRequest, checkSettingsPatch } from '../../../src/shared/guards';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';
import { isDevHost, pageScope, siteEntry, sitePatterns } from '../../../src/shared/scope';

const dev = { recordScope: 'dev-hosts', recordSites: [] } as const;

describe('development hosts', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'app.localhost',
    'shop.test',
    'printer.local',
    '127.0.0.1',
    '127.8.9.1',
    '10.0.0.5',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.20',
    '169.254.10.1',
    '::1',
    '[::1]',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:192.168.0.1',
  ])('%s is a development host', (host) => {
    expect(isDevHost(host)).toBe(true);
  });

  it.each([
    'example.com',
    'localhost.example.com',
    'test.example',
    'mytest',
    '172.32.0.1',
    '172.15.0.1',
    '192.169.0.1',
    '8.8.8.8',
    '256.1.1.1',
    '2001:db8::1',
    '::ffff:8.8.8.8',
    'local',
  ])('%s is not', (host) => {
    expect(isDevHost(host)).toBe(false);
  });
});

describe('a page in the scope', () => {
  it('gives the reason: dev host, site turned on, panel, all sites, or not recorded', () => {
    expect(pageScope('http://localhost:5173/app', dev)).toBe('dev-host');
    expect(pageScope('http://[::1]:8080/', dev)).toBe('dev-host');
    expect(pageScope('https://app.example.com/', dev)).toBe('not-recorded');
    expect(pageScope('https://app.example.com/', dev, true)).toBe('panel');
    expect(pageScope('https://app.example.com/', { ...dev, recordSites: ['app.example.com'] })).toBe('site');
    expect(pageScope('https://other.example.com/', { ...dev, recordSites: ['app.example.com'] })).toBe(
      'not-recorded',
    );
    expect(pageScope('https://app.example.com/', { ...dev, recordScope: 'all-sites' })).toBe('all-sites');
    expect(pageScope('chrome://newtab/', dev)).toBe('not-recorded');
    expect(pageScope(undefined, dev)).toBe('not-recorded');
  });

  it('site entries are host names; patterns cover every scheme and port of the host', () => {
    expect(siteEntry(' https://App.Example.com:8443/path ')).toBe('app.example.com');
    expect(siteEntry('api.example.com')).toBe('api.example.com');
    expect(siteEntry('*.example.com')).toBeUndefined();
    expect(siteEntry('')).toBeUndefined();
    expect(sitePatterns(['app.example.com', '2001:db8::1'])).toEqual([
      '*://app.example.com/*',
      '*://[2001:db8::1]/*',
    ]);
  });
});

describe('the settings message', () => {
  it('takes recordScope and recordSites, refuses anything else with a reason', () => {
    expect(checkSettingsPatch({ recordScope: 'all-sites' })).toEqual({
      ok: true,
      value: { recordScope: 'all-sites' },
    });
    expect(checkSettingsPatch({ recordScope: 'dev-hosts' })).toEqual({
      ok: true,
      value: { recordScope: 'dev-hosts' },
    });
    const bad = checkSettingsPatch({ recordScope: 'everything' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain("'dev-hosts' or 'all-sites'");
    expect(checkSettingsPatch({ recordSites: ['App.Example.com', 'app.example.com'] })).toEqual({
      ok: true,
      value: { recordSites: ['app.example.com'] },
    });
    expect(checkSettingsPatch({ recordSites: ['a b/'] }).ok).toBe(false);
  });

  it('a message in another protocol version is refused, naming the version this worker speaks', () => {
    const refused = checkRequest({ type: 'cors-lens:settings', v: 1, set: { recordScope: 'all-sites' } });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain(`this worker speaks v=${PROTOCOL_VERSION}`);
    expect(!refused.ok && refused.error).toContain('got v=1');
  });
});
