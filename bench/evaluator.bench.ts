/**
 * Evaluator throughput on a realistic mix, one core. Prints figures; asserts nothing.
 * Target (read by people): ≥ 200,000 evaluations/s for the mix.
 */
import { evaluate } from '../src/evaluator/evaluate';
import type { Header, ObservedExchange } from '../src/evaluator/types';

const APP = 'https://app.example';
const API = 'https://api.example';
const hs = (pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const browserHeaders: [string, string][] = [
  ['Origin', APP],
  ['Referer', `${APP}/page`],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0'],
  ['Accept', '*/*'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Sec-Fetch-Mode', 'cors'],
  ['Sec-Fetch-Site', 'cross-site'],
];
const base = {
  initiatorOrigin: APP,
  destination: '' as const,
  mode: 'cors' as const,
  credentials: 'omit' as const,
  redirect: 'follow' as const,
  preflights: [],
  redirects: [],
};

const kinds: Record<string, ObservedExchange> = {
  'simple-get-allowed': {
    ...base,
    url: `${API}/items?page=2`,
    method: 'GET',
    requestHeaders: hs(browserHeaders),
    response: {
      status: 200,
      headers: hs([
        ['Content-Type', 'application/json'],
        ['Access-Control-Allow-Origin', APP],
        ['Vary', 'Origin'],
        ['Content-Length', '512'],
      ]),
    },
  },
  'preflighted-put': {
    ...base,
    url: `${API}/items/7`,
    method: 'PUT',
    credentials: 'include',
    requestHeaders: hs([
      ...browserHeaders,
      ['Content-Type', 'application/json'],
      ['X-Request-Id', 'abc'],
      ['Authorization', 'Bearer t'],
    ]),
    preflights: [
      {
        url: `${API}/items/7`,
        requestHeaders: hs([
          ['Origin', APP],
          ['Access-Control-Request-Method', 'PUT'],
          ['Access-Control-Request-Headers', 'authorization,content-type,x-request-id'],
        ]),
        response: {
          status: 204,
          headers: hs([
            ['Access-Control-Allow-Origin', APP],
            ['Access-Control-Allow-Credentials', 'true'],
            ['Access-Control-Allow-Methods', 'GET, PUT, DELETE'],
            ['Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id'],
            ['Access-Control-Max-Age', '600'],
          ]),
        },
      },
    ],
    response: {
      status: 200,
      headers: hs([
        ['Access-Control-Allow-Origin', APP],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Vary', 'Origin'],
        ['Access-Control-Expose-Headers', 'X-Total'],
      ]),
    },
  },
  'redirect-chain': {
    ...base,
    url: `${API}/old`,
    method: 'GET',
    requestHeaders: hs(browserHeaders),
    redirects: [
      {
        url: `${API}/old`,
        response: {
          status: 301,
          headers: hs([
            ['Location', 'https://cdn.example/new'],
            ['Access-Control-Allow-Origin', '*'],
          ]),
        },
        location: 'https://cdn.example/new',
      },
      {
        url: 'https://cdn.example/new',
        requestHeaders: hs([['Origin', 'null']]),
        response: {
          status: 302,
          headers: hs([
            ['Location', '/final'],
            ['Access-Control-Allow-Origin', '*'],
          ]),
        },
        location: '/final',
      },
    ],
    response: { status: 200, headers: hs([['Access-Control-Allow-Origin', '*']]) },
  },
  'failing-missing-acao': {
    ...base,
    url: `${API}/private`,
    method: 'GET',
    credentials: undefined,
    requestHeaders: hs(browserHeaders),
    response: { status: 403, headers: hs([['Content-Type', 'text/html']]) },
    networkError: 'net::ERR_FAILED',
  },
  'failing-preflight-header': {
    ...base,
    url: `${API}/items`,
    method: 'POST',
    requestHeaders: hs([...browserHeaders, ['Content-Type', 'application/json']]),
    preflights: [
      {
        url: `${API}/items`,
        requestHeaders: hs([
          ['Origin', APP],
          ['Access-Control-Request-Method', 'POST'],
          ['Access-Control-Request-Headers', 'content-type'],
        ]),
        response: {
          status: 204,
          headers: hs([
            ['Access-Control-Allow-Origin', APP],
            ['Access-Control-Allow-Methods', 'POST'],
          ]),
        },
      },
    ],
    networkError: 'net::ERR_FAILED',
  },
};

// Weights: most traffic is simple and allowed.
const mix: [string, number][] = [
  ['simple-get-allowed', 5],
  ['preflighted-put', 2],
  ['redirect-chain', 1],
  ['failing-missing-acao', 1],
  ['failing-preflight-header', 1],
];
const sequence: ObservedExchange[] = [];
for (const [kind, weight] of mix)
  for (let i = 0; i < weight; i++) sequence.push(kinds[kind] as ObservedExchange);

function measure(items: readonly ObservedExchange[], ms: number): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++)
    sink += evaluate(items[i % items.length] as ObservedExchange, { profile: 'chrome' }).trace.length;
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i++) {
      sink += evaluate(items[(count + i) % items.length] as ObservedExchange, { profile: 'chrome' }).trace
        .length;
    }
    count += 1000;
    now = performance.now();
  }
  if (sink < 0) console.log(sink);
  return (count / (now - start)) * 1000;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const total = measure(sequence, 2000);
console.log(`evaluator: ${fmt(total)} evaluations/s (mix: ${mix.map(([k, w]) => `${w}×${k}`).join(', ')})`);
for (const [kind] of mix)
  console.log(`  ${kind}: ${fmt(measure([kinds[kind] as ObservedExchange], 500))} evaluations/s`);
