import { evaluate } from '../../../src/evaluator/evaluate';
import type {
  BrowserProfile,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
} from '../../../src/evaluator/types';
import type { CorsRecord } from '../../../src/shared/record';
import { API, APP, h, res } from '../evaluator/fixtures';

/**
 * Fixture language for explain/report tests: exchanges in, real evaluations out. The header and
 * response builders are the evaluator tests' own; exchanges here default to a preflighted PUT
 * with a custom header, the case the words and snippets are mostly about.
 */

export { API, APP, h, res };

export function pre(
  response: ObservedResponse | undefined,
  extra: Partial<ObservedPreflight> = {},
): ObservedPreflight {
  return {
    url: `${API}/items`,
    requestHeaders: h({
      Origin: APP,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'x-trace-id',
    }),
    response,
    ...extra,
  };
}

export function ex(overrides: Partial<ObservedExchange> = {}): ObservedExchange {
  return {
    initiatorOrigin: APP,
    url: `${API}/items`,
    method: 'GET',
    requestHeaders: h({ Origin: APP }),
    destination: '',
    mode: 'cors',
    credentials: 'omit',
    redirect: 'follow',
    preflights: [],
    redirects: [],
    response: res(200, { 'Access-Control-Allow-Origin': APP }),
    ...overrides,
  };
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
