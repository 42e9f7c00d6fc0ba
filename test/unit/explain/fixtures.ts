import { evaluate } from '../../../src/evaluator/evaluate';
import type {
  BrowserProfile,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
} from '../../../src/evaluator/types';
import type { CorsRecord } from '../../../src/shared/record';
import { API, APP, ex as baseEx, pre as basePre, h, res } from '../evaluator/fixtures';

/**
 * Fixture language for explain/report tests: exchanges in, real evaluations out. The builders
 * are the evaluator tests' own; here they default to `/items` and a preflight for a PUT with a
 * custom header, the case the words and snippets are mostly about.
 */

export { API, APP, h, res };

export function pre(
  response: ObservedResponse | undefined,
  extra: Partial<ObservedPreflight> = {},
): ObservedPreflight {
  const requestHeaders = h({
    Origin: APP,
    'Access-Control-Request-Method': 'PUT',
    'Access-Control-Request-Headers': 'x-trace-id',
  });
  return basePre(response, `${API}/items`, { requestHeaders, ...extra });
}

export function ex(overrides: Partial<ObservedExchange> = {}): ObservedExchange {
  return baseEx({ url: `${API}/items`, ...overrides });
}

let counter = 0;

export function rec(
  exchange: ObservedExchange,
  extra: Partial<CorsRecord> = {},
  profile: BrowserProfile = 'chrome',
): CorsRecord {
  counter += 1;
  return {
    id: `1:${counter}`,
    tabId: 1,
    frameId: 0,
    documentUrl: `${APP}/page`,
    type: 'xmlhttprequest',
    startedAt: Date.UTC(2026, 10, 1, 12, 0, 0) + counter * 1000,
    endedAt: Date.UTC(2026, 10, 1, 12, 0, 0) + counter * 1000 + 42,
    exchange,
    evaluation: evaluate(exchange, { profile }),
    ...extra,
  };
}

/** A preflighted PUT with X-Trace-Id whose preflight does not list the header. */
export function headerDisallowed(): CorsRecord {
  return rec(
    ex({
      method: 'PUT',
      requestHeaders: h({ Origin: APP, 'X-Trace-Id': 'abc' }),
      preflights: [
        pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' })),
      ],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    }),
  );
}

export function missingAllowOrigin(): CorsRecord {
  return rec(ex({ response: res(500, { 'Content-Type': 'text/plain' }), networkError: 'net::ERR_FAILED' }));
}

export function credentialsWithoutAcac(): CorsRecord {
  return rec(
    ex({
      credentials: 'include',
      requestHeaders: h({ Origin: APP, Cookie: 'session=s3cr3t' }),
      response: res(200, { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' }),
      networkError: 'net::ERR_FAILED',
    }),
  );
}
