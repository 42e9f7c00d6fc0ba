import { evaluate } from '../../src/evaluator/evaluate';
import type { Header, ObservedExchange } from '../../src/evaluator/types';
import type { CorsRecord } from '../../src/shared/record';
import { exchange } from '../unit/ui/fixtures';

/**
 * Recorded exchanges for the panel page: the shapes the worker assembles from a real tab (a
 * page on app.example calling APIs on other origins), evaluated as the worker does.
 */
export const APP = 'https://app.example';
export const MARKUP = '<img src=x onerror=alert(1)>';

const hs = (pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));

const preflight = (url: string, method: string, names: string, headers: [string, string][]) => ({
  url,
  requestHeaders: hs([
    ['Origin', APP],
    ['Access-Control-Request-Method', method],
    ...(names === '' ? [] : ([['Access-Control-Request-Headers', names]] as [string, string][])),
  ]),
  response: { status: 204, headers: hs(headers) },
});

const EXCHANGES: [string, string, ObservedExchange][] = [
  [
    'ok',
    'xmlhttprequest',
    exchange({
      url: 'https://api.example/v1/profile',
      response: {
        status: 200,
        headers: hs([
          ['Access-Control-Allow-Origin', APP],
          ['Vary', 'Origin'],
          ['Content-Type', 'application/json'],
        ]),
      },
    }),
  ],
  [
    'missing',
    'xmlhttprequest',
    exchange({
      url: 'https://api.example/v1/orders?page=2',
      response: {
        status: 500,
        headers: hs([
          ['Content-Type', 'text/plain'],
          ['X-Debug', MARKUP],
        ]),
      },
      networkError: 'net::ERR_FAILED',
    }),
  ],
  [
    'put',
    'xmlhttprequest',
    exchange({
      url: 'https://api.example/v1/orders/42',
      method: 'PUT',
      requestHeaders: hs([
        ['Origin', APP],
        ['Content-Type', 'application/json'],
        ['X-Trace-Id', 'abc'],
      ]),
      requestHeadersSource: 'inferred',
      preflights: [
        preflight('https://api.example/v1/orders/42', 'PUT', 'content-type,x-trace-id', [
          ['Access-Control-Allow-Origin', APP],
          ['Access-Control-Allow-Methods', 'GET, POST'],
        ]),
      ],
      networkError: 'net::ERR_FAILED',
    }),
  ],
  [
    'auth',
    'xmlhttprequest',
    exchange({
      url: 'https://auth.example/session',
      requestHeaders: hs([
        ['Origin', APP],
        ['Authorization', 'Bearer eyJhbGciOi'],
      ]),
      preflights: [
        preflight('https://auth.example/session', 'GET', 'authorization', [
          ['Access-Control-Allow-Origin', APP],
          ['Access-Control-Allow-Headers', '*'],
          ['Vary', 'Origin'],
        ]),
      ],
      response: {
        status: 200,
        headers: hs([
          ['Access-Control-Allow-Origin', APP],
          ['Vary', 'Origin'],
        ]),
      },
    }),
  ],
  [
    'wildcard',
    'xmlhttprequest',
    exchange({
      url: 'https://cdn.example/config.json',
      credentials: 'include',
      response: { status: 200, headers: hs([['Access-Control-Allow-Origin', '*']]) },
      networkError: 'net::ERR_FAILED',
    }),
  ],
  [
    'font',
    'font',
    exchange({
      url: 'https://fonts.example/inter.woff2',
      destination: 'font',
      mode: undefined,
      credentials: undefined,
      response: { status: 200, headers: hs([['Access-Control-Allow-Origin', '*']]) },
    }),
  ],
];

/** The records, ids `fx:<name>`, one second apart. */
export function fixtureRecords(): CorsRecord[] {
  return EXCHANGES.map(([name, type, ex], i) => ({
    id: `fx:${name}`,
    tabId: 1,
    frameId: 0,
    type,
    startedAt: Date.UTC(2026, 11, 2, 12, 0, i),
    endedAt: Date.UTC(2026, 11, 2, 12, 0, i) + 40 + i * 7,
    documentUrl: `${APP}/dashboard`,
    exchange: ex,
    evaluation: evaluate(ex, { profile: 'chrome' }),
  }));
}
