import { describe, expect, it } from 'vitest';
import {
  destinationOf,
  inferredHeaders,
  initiatorOf,
  isExtensionOrigin,
  isPreflightRequest,
  leavesOrigin,
  refusedExchange,
  toExchange,
  withoutBrowserNoise,
  withoutFragment,
} from '../../../src/background/assembly/exchange';

describe('pure exchange helpers', () => {
  it('keeps Sec-Fetch-Mode/Dest/Site (evidence of how it was sent), drops the rest of the noise', () => {
    const kept = withoutBrowserNoise([
      { name: 'Origin', value: 'https://a.test' },
      { name: 'Sec-Fetch-Mode', value: 'no-cors' },
      { name: 'Sec-Fetch-Dest', value: 'empty' },
      { name: 'Sec-Fetch-Site', value: 'cross-site' },
      { name: 'Sec-Fetch-User', value: '?1' },
      { name: 'User-Agent', value: 'x' },
      { name: 'sec-ch-ua', value: 'y' },
    ]);
    expect(kept.map((header) => header.name)).toEqual([
      'Origin',
      'Sec-Fetch-Mode',
      'Sec-Fetch-Dest',
      'Sec-Fetch-Site',
    ]);
  });

  it('a webRequest ping (sendBeacon, <a ping>) is flagged for the evaluator', () => {
    const flight = {
      requestId: '1',
      tabId: 1,
      frameId: 0,
      initiator: 'https://a.test',
      method: 'POST',
      url: 'https://b.test/collect',
      currentUrl: 'https://b.test/collect',
      startedAt: 0,
      redirects: [],
      preflights: [],
    };
    expect(toExchange({ ...flight, type: 'ping' }).ping).toBe(true);
    expect(toExchange({ ...flight, type: 'xmlhttprequest' }).ping).toBeUndefined();
  });

  it('maps webRequest types to Fetch destinations', () => {
    expect(destinationOf('xmlhttprequest')).toBe('');
    expect(destinationOf('font')).toBe('font');
    expect(destinationOf('stylesheet')).toBe('style');
    expect(destinationOf('media')).toBe('video');
    expect(destinationOf('image')).toBe('image');
    expect(destinationOf('something-new')).toBe('');
  });

  it('reads the initiator from Chrome (initiator) or Firefox (originUrl)', () => {
    expect(initiatorOf({ initiator: 'https://a.test' })).toBe('https://a.test');
    expect(initiatorOf({ originUrl: 'https://b.test/page?q#f' })).toBe('https://b.test');
    expect(isExtensionOrigin('chrome-extension://abc')).toBe(true);
    expect(isExtensionOrigin('moz-extension://abc')).toBe(true);
    expect(isExtensionOrigin('https://a.test')).toBe(false);
  });

  it('a preflight is an OPTIONS carrying Access-Control-Request-Method', () => {
    expect(isPreflightRequest('OPTIONS', [{ name: 'access-control-request-method', value: 'PUT' }])).toBe(
      true,
    );
    expect(isPreflightRequest('OPTIONS', [])).toBe(false);
    expect(isPreflightRequest('PUT', [{ name: 'Access-Control-Request-Method', value: 'PUT' }])).toBe(false);
  });

  it('infers request header names from the preflight, with empty values', () => {
    const headers = inferredHeaders([
      {
        url: 'https://api.test/',
        requestHeaders: [{ name: 'Access-Control-Request-Headers', value: 'content-type, x-id' }],
      },
    ] as never);
    expect(headers).toEqual([
      { name: 'content-type', value: '' },
      { name: 'x-id', value: '' },
    ]);
  });

  it('cross-origin: by the URL the page asked for or any redirect hop', () => {
    const base = {
      requestId: '1',
      tabId: 1,
      frameId: 0,
      type: 'xmlhttprequest',
      initiator: 'https://a.test',
      method: 'GET',
      startedAt: 0,
      preflights: [],
    };
    expect(
      leavesOrigin({ ...base, url: 'https://a.test/x', currentUrl: 'https://a.test/x', redirects: [] }),
    ).toBe(false);
    expect(
      leavesOrigin({ ...base, url: 'https://b.test/x', currentUrl: 'https://b.test/x', redirects: [] }),
    ).toBe(true);
    expect(
      leavesOrigin({
        ...base,
        url: 'https://a.test/go',
        currentUrl: 'https://b.test/x',
        redirects: [
          { url: 'https://a.test/go', response: { status: 302, headers: [] }, location: 'https://b.test/x' },
        ],
      }),
    ).toBe(true);
    expect(withoutFragment('https://a.test/x#frag')).toBe('https://a.test/x');
  });

  it('a renderer-refused call becomes an exchange flagged refusedByRenderer with its mode', () => {
    const exchange = refusedExchange(
      {
        api: 'fetch',
        url: 'https://b.test/img',
        method: 'GET',
        mode: 'no-cors',
        redirect: 'manual',
        credentials: 'include',
        headerNames: [],
      },
      'https://a.test',
    );
    expect(exchange).toMatchObject({
      refusedByRenderer: true,
      mode: 'no-cors',
      redirect: 'manual',
      initiatorOrigin: 'https://a.test',
      url: 'https://b.test/img',
    });
  });
});
