import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import { fetchMetadataOf, isBrowserNoise } from '../../../src/evaluator/fetch-metadata';
import type { ObservedExchange } from '../../../src/evaluator/types';
import { APP, ex, h, pre, res } from './fixtures';

/** What webRequest gives for a sendBeacon/ping: no page call, so no mode or credentials. */
function unseen(overrides: Partial<ObservedExchange>): ObservedExchange {
  const { mode: _m, credentials: _c, redirect: _r, ...rest } = ex(overrides);
  return rest;
}

describe('fetchMetadataOf: Sec-Fetch-* as the browser wrote them', () => {
  it.each([
    [
      { 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'empty', 'Sec-Fetch-Site': 'cross-site' },
      { mode: 'no-cors', destination: '', site: 'cross-site' },
    ],
    [
      { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'font' },
      { mode: 'cors', destination: 'font' },
    ],
    [
      { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'iframe', 'Sec-Fetch-Site': 'same-site' },
      { mode: 'navigate', destination: 'iframe', site: 'same-site' },
    ],
    [{ 'Sec-Fetch-Mode': 'websocket', 'Sec-Fetch-Dest': 'websocket' }, { mode: 'websocket' }],
    [{ 'Sec-Fetch-Mode': 'bogus', 'Sec-Fetch-Dest': 'toString', 'Sec-Fetch-Site': 'nearby' }, {}],
    [{ 'Sec-Fetch-Mode': ['cors', 'no-cors'] }, {}],
    [{}, {}],
  ] as const)('%j → %j', (headers, expected) => {
    expect(fetchMetadataOf(h(headers as Record<string, string | string[]>))).toEqual(expected);
  });
  it('browser noise is a display notion: fetch metadata, UA and client hints, not Origin', () => {
    expect(['Sec-Fetch-Mode', 'user-agent', 'Sec-CH-UA-Platform', 'Priority'].every(isBrowserNoise)).toBe(
      true,
    );
    expect(['Origin', 'Content-Type', 'Access-Control-Request-Method'].some(isBrowserNoise)).toBe(false);
  });
});

describe('the mode, read from the wire', () => {
  // navigator.sendBeacon(url, 'text') to another origin: a POST with Origin, no-cors, no ACAO.
  const beacon = {
    method: 'POST',
    requestHeaders: h({ Origin: APP, 'Content-Type': 'text/plain;charset=UTF-8' }),
    response: res(204),
  };

  it('a beacon with Sec-Fetch-Mode: no-cors is judged as sent: opaque, not a CORS block', () => {
    const e = evaluate(
      unseen({
        ...beacon,
        requestHeaders: [...beacon.requestHeaders, ...h({ 'Sec-Fetch-Mode': 'no-cors' })],
      }),
      { profile: 'chrome' },
    );
    expect(e.mode).toEqual({ mode: 'no-cors', provenance: 'observed' });
    expect(e.verdict).toBe('opaque');
    expect(e.corsError).toBeNull();
    expect(e.trace.find((s) => s.rule === 'request.mode-observed')?.detail).toBe('sec-fetch-mode');
  });

  it('without Sec-Fetch-Mode (a non-trustworthy URL) the ping type tells a safelisted beacon is no-cors', () => {
    const e = evaluate(unseen({ ...beacon, ping: true }), { profile: 'chrome' });
    expect(e.mode).toEqual({ mode: 'no-cors', provenance: 'inferred' });
    expect(e.verdict).toBe('opaque');
  });

  it('a beacon with a JSON body is cors, and its preflight is judged', () => {
    const e = evaluate(
      unseen({
        ...beacon,
        ping: true,
        requestHeaders: h({ Origin: APP, 'Content-Type': 'application/json' }),
        preflights: [
          pre(res(204), undefined, {
            requestHeaders: h({
              Origin: APP,
              'Access-Control-Request-Method': 'POST',
              'Access-Control-Request-Headers': 'content-type',
            }),
          }),
        ],
      }),
      { profile: 'chrome' },
    );
    expect(e.mode.mode).toBe('cors');
    expect(e.corsError).toBe('PreflightMissingAllowOriginHeader');
  });

  it('Sec-Fetch-Mode: cors on a fetch without the page hook is cors, and blocks as before', () => {
    const e = evaluate(
      unseen({ response: res(200), requestHeaders: h({ Origin: APP, 'Sec-Fetch-Mode': 'cors' }) }),
      {
        profile: 'chrome',
      },
    );
    expect(e.mode).toEqual({ mode: 'cors', provenance: 'observed' });
    expect(e.corsError).toBe('MissingAllowOriginHeader');
  });

  it('the page hook still wins over the wire (it saw the call)', () => {
    const e = evaluate(ex({ requestHeaders: h({ Origin: APP, 'Sec-Fetch-Mode': 'no-cors' }) }), {
      profile: 'chrome',
    });
    expect(e.mode).toEqual({ mode: 'cors', provenance: 'page' });
  });
});
