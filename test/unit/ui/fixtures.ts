import { evaluate } from '../../../src/evaluator/evaluate';
import type { Header, ObservedExchange } from '../../../src/evaluator/types';
import type { CorsRecord, TabSummary } from '../../../src/shared/record';
import { APP, ex } from '../evaluator/fixtures';

/** Real evaluations of a few exchanges, and cheap copies of them for big tables. */
export { APP };
export const XSS = '<img src=x onerror=alert(1)>';

const hs = (pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));

/** The evaluator tests' exchange builder, here without a response unless one is given. */
export function exchange(over: Partial<ObservedExchange>): ObservedExchange {
  return ex({ url: 'https://api.example/items', response: undefined, ...over });
}

let n = 0;
export function record(ex: ObservedExchange, type = 'xmlhttprequest'): CorsRecord {
  n += 1;
  return {
    id: `7:${n}`,
    tabId: 7,
    frameId: 0,
    type,
    startedAt: 1_700_000_000_000 + n,
    endedAt: 1_700_000_000_000 + n + 42,
    exchange: ex,
    evaluation: evaluate(ex, { profile: 'chrome' }),
  };
}

/** Allowed: ACAO matches. */
export const allowed = (): CorsRecord =>
  record(
    exchange({
      url: 'https://ok.example/data',
      response: { status: 200, headers: hs([['Access-Control-Allow-Origin', APP]]) },
    }),
  );

/** Blocked: no ACAO at all, and a header whose value is markup. */
export const missingAcao = (): CorsRecord =>
  record(
    exchange({
      url: 'https://api.example/items?q=1',
      response: {
        status: 500,
        headers: hs([
          ['X-Debug', XSS],
          ['Content-Type', 'text/plain'],
        ]),
      },
      networkError: 'net::ERR_FAILED',
    }),
  );

/** Blocked at the preflight: the custom header is not allowed. */
export const headerDisallowed = (): CorsRecord =>
  record(
    exchange({
      url: 'https://api.example/items',
      method: 'PUT',
      requestHeaders: hs([
        ['Origin', APP],
        ['X-Trace-Id', 'abc'],
      ]),
      requestHeadersSource: 'inferred',
      preflights: [
        {
          url: 'https://api.example/items',
          requestHeaders: hs([
            ['Origin', APP],
            ['Access-Control-Request-Method', 'PUT'],
            ['Access-Control-Request-Headers', 'x-trace-id'],
          ]),
          response: {
            status: 204,
            headers: hs([
              ['Access-Control-Allow-Origin', APP],
              ['Access-Control-Allow-Methods', 'GET, PUT'],
            ]),
          },
        },
      ],
      networkError: 'net::ERR_FAILED',
    }),
  );

/**
 * Chrome and Firefox let `Access-Control-Allow-Headers: *` cover Authorization; the spec (and
 * Safari) do not: the profiles disagree.
 */
export const authorizationWildcard = (): CorsRecord =>
  record(
    exchange({
      url: 'https://auth.example/me',
      requestHeaders: hs([
        ['Origin', APP],
        ['Authorization', 'Bearer t0ken'],
      ]),
      preflights: [
        {
          url: 'https://auth.example/me',
          requestHeaders: hs([
            ['Origin', APP],
            ['Access-Control-Request-Method', 'GET'],
            ['Access-Control-Request-Headers', 'authorization'],
          ]),
          response: {
            status: 204,
            headers: hs([
              ['Access-Control-Allow-Origin', APP],
              ['Access-Control-Allow-Headers', '*'],
            ]),
          },
        },
      ],
      response: { status: 200, headers: hs([['Access-Control-Allow-Origin', APP]]) },
    }),
  );

/** A redirect hop that allows the origin, to a final response that does not. */
export const redirected = (): CorsRecord =>
  record(
    exchange({
      url: 'https://api.example/old',
      redirects: [
        {
          url: 'https://api.example/old',
          response: {
            status: 302,
            headers: hs([
              ['Location', 'https://data.example/new'],
              ['Access-Control-Allow-Origin', APP],
            ]),
          },
          location: 'https://data.example/new',
        },
      ],
      response: { status: 200, headers: hs([['Content-Type', 'application/json']]) },
      networkError: 'net::ERR_FAILED',
    }),
  );

/** `count` rows cycling through the three kinds, on `hosts` different hosts. */
export function manyRecords(count: number, hosts = 5): CorsRecord[] {
  const templates = [allowed(), missingAcao(), headerDisallowed()];
  return Array.from({ length: count }, (_, i) => {
    const t = templates[i % templates.length] as CorsRecord;
    const url = `https://h${i % hosts}.example/r/${i}`;
    return { ...t, id: `big:${i}`, exchange: { ...t.exchange, url } };
  });
}

export function summary(over: Partial<TabSummary> = {}): TabSummary {
  return {
    tabId: 7,
    pageUrl: 'https://app.example/',
    allowed: 12,
    blocked: 3,
    opaque: 1,
    warnings: 2,
    preflights: 4,
    failElsewhere: 0,
    evicted: 0,
    topFailing: [{ origin: 'https://api.example', count: 3, corsError: 'MissingAllowOriginHeader' }],
    ...over,
  };
}

/** An in-memory Storage stand-in (survives a "reload": a second store on the same object). */
export function memoryStorage(): { getItem(k: string): string | null; setItem(k: string, v: string): void } {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}
