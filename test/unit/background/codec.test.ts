import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InFlight } from '../../../src/background/assembly/exchange';
import type { StoredRecord } from '../../../src/background/state';
import { decodeRecord, decodeStored, encodeRecord, encodeStored } from '../../../src/background/store/codec';
import { isInFlight, isStoredRecord } from '../../../src/background/store/stored-guards';

const h = (name: string, value: string) => ({ name, value });
const API = 'http://api.test/data?i=1';

const full: StoredRecord = {
  id: '7:123.4',
  tabId: 7,
  frameId: 3,
  documentUrl: 'http://page.test/app',
  type: 'xmlhttprequest',
  startedAt: 1_700_000_000_123.5,
  endedAt: 1_700_000_000_200.25,
  exchange: {
    initiatorOrigin: 'http://page.test',
    url: API,
    method: 'PATCH',
    requestHeaders: [h('Origin', 'http://page.test'), h('X-Odd-Name', 'v'), h('content-type', 'a/b')],
    requestHeadersSource: 'observed',
    destination: '',
    mode: 'cors',
    credentials: 'include',
    redirect: 'follow',
    preflights: [
      {
        url: API,
        requestHeaders: [h('Access-Control-Request-Method', 'PATCH')],
        response: { status: 204, headers: [] },
      },
      { url: 'http://other.test/x', requestHeaders: [], networkError: 'net::ERR_FAILED' },
    ],
    redirects: [
      {
        url: API,
        requestHeaders: [h('Origin', 'null')],
        response: { status: 302, headers: [h('Location', '/x')] },
        location: '/x',
      },
    ],
    response: { status: 200, headers: [h('access-control-allow-origin', '*'), h('Date', 'Mon')] },
    networkError: 'net::ERR_ABORTED',
    pageOutcome: { kind: 'response', status: 200, type: 'cors' },
  },
  call: {
    api: 'fetch',
    url: `${API}#frag`,
    method: 'patch',
    mode: 'cors',
    headerNames: ['x-odd-name'],
    callSite: 'a.js:1:2',
  },
};

const refused: StoredRecord = {
  id: '7:page:0',
  tabId: 7,
  frameId: 0,
  type: 'fetch',
  startedAt: 5,
  endedAt: 5,
  exchange: {
    initiatorOrigin: 'null',
    url: API,
    method: 'GET',
    requestHeaders: [],
    requestHeadersSource: 'page',
    destination: '',
    preflights: [],
    redirects: [],
    refusedByRenderer: true,
  },
  call: { api: 'xhr', url: API, method: 'GET', headerNames: [] },
};

describe('the storage codec', () => {
  it.each([
    ['a full exchange', full],
    ['a refused call', refused],
    [
      'an image, no call',
      {
        ...refused,
        id: '9:1',
        tabId: 9,
        type: 'image',
        call: undefined,
        exchange: {
          ...refused.exchange,
          destination: 'image',
          requestHeadersSource: undefined,
          refusedByRenderer: undefined,
        },
      },
    ],
  ])('round-trips %s exactly, and the result passes the guard', (_name, record) => {
    const plain = JSON.parse(JSON.stringify(record)) as StoredRecord;
    const back = decodeRecord(encodeRecord(plain));
    expect(back).toEqual(plain);
    expect(isStoredRecord(back)).toBe(true);
  });

  it('round-trips any header names and values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), (pairs) => {
        const headers = pairs.map(([name, value]) => h(name, value));
        const record = { ...refused, exchange: { ...refused.exchange, requestHeaders: headers } };
        expect(decodeRecord(encodeRecord(record))).toEqual(record);
      }),
    );
  });

  it('is much smaller than the JSON of the record', () => {
    const json = JSON.stringify(full).length;
    expect(encodeRecord(full).length).toBeLessThan(json * 0.75);
  });

  it('keeps no tab id list; a tab comes back with an empty one to rebuild', () => {
    const tab = { tabId: 7, ids: ['7:1', '7:2'], evicted: 3, nextPageCall: 1, calls: [] };
    const stored = encodeStored({ tab });
    expect(stored).not.toContain('7:1');
    expect(decodeStored('t:7', stored)).toEqual({ ...tab, ids: [] });
  });

  it('round-trips a request in flight, its first-hop headers kept once', () => {
    const headers = [h('Origin', 'http://page.test'), h('X-Odd-Name', 'v')];
    const flight: InFlight = {
      requestId: '123.4',
      tabId: 7,
      frameId: 2,
      type: 'fetch',
      documentUrl: 'http://page.test/app',
      initiator: 'http://page.test',
      method: 'PUT',
      url: API,
      currentUrl: 'http://other.test/next',
      startedAt: 1_700_000_000_123.5,
      firstHeaders: headers,
      hopHeaders: headers,
      redirects: [...full.exchange.redirects],
      response: { status: 200, headers: [h('Access-Control-Allow-Origin', '*')] },
      isPreflight: false,
      preflights: [...full.exchange.preflights],
      call: { api: 'fetch', url: API, method: 'PUT', mode: 'cors', headerNames: ['x-odd-name'] },
    };
    const stored = encodeStored({ flight: { ...flight, touchedAt: 5 } });
    expect(stored.split('X-Odd-Name')).toHaveLength(2); // once, not twice
    expect(stored.length).toBeLessThan(JSON.stringify(flight).length * 0.6);
    const back = decodeStored('f:123.4', stored);
    expect(back).toEqual(JSON.parse(JSON.stringify(flight)));
    expect(isInFlight(back)).toBe(true);
    const minimal = { ...flight, firstHeaders: undefined, hopHeaders: undefined, call: undefined };
    const plain = JSON.parse(JSON.stringify(minimal)) as InFlight;
    expect(decodeStored('f:123.4', encodeStored({ flight: plain }))).toEqual(plain);
    // A flight as an earlier version stored it (plain JSON) still loads.
    expect(isInFlight(decodeStored('f:123.4', JSON.stringify(flight)))).toBe(true);
  });

  it('what is not its format decodes to nothing the guards accept', () => {
    for (const raw of ['R1:{not json', 'X9:{}', 42, null])
      expect(isStoredRecord(decodeRecord(raw))).toBe(false);
    expect(decodeStored('f:1', '{bad')).toBeUndefined();
  });
});
