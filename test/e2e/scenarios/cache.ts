import { acam, acao, allowed, at, maxAge, reply, withPreflight } from './build';
import type { Scenario } from './types';

/** The CORS-preflight cache: max-age decides whether a second identical call sends OPTIONS. */
const F = 'preflight-cache';

export const cacheScenarios: readonly Scenario[] = [
  {
    id: 'pc-cached',
    family: F,
    what: 'two PUTs within max-age 600: one OPTIONS',
    action: { kind: 'fetch', url: at('pc-cached'), method: 'PUT', repeat: 2 },
    steps: withPreflight(reply([acao('*'), acam('PUT'), maxAge(600)]), reply([acao('*')])),
    expected: allowed,
    serverSaw: { options: 1, actual: 2 },
  },
  {
    id: 'pc-no-cache',
    family: F,
    what: 'two PUTs with max-age -1: two OPTIONS',
    action: { kind: 'fetch', url: at('pc-no-cache'), method: 'PUT', repeat: 2 },
    steps: withPreflight(reply([acao('*'), acam('PUT'), maxAge(-1)]), reply([acao('*')])),
    expected: allowed,
    serverSaw: { options: 2, actual: 2 },
  },
];
