import { acac, acah, acam, acao, at, location, reply } from '../scenarios/build';
import type { Scenario } from '../scenarios/types';

/**
 * Scenarios run in WebKit only (not in the Chromium suite: `expected` is not checked against
 * Chromium here, so it says `allowed` for the runner's sake and nothing reads it): redirects after
 * a preflight, a tainted origin with credentials, an unparsable max-age, Authorization beside a
 * listed header under `*`. Their URLs live under `/s/<id>/` like the suite's.
 */
const F = 'webkit-only';
const unchecked = { verdict: 'allowed' } as const;

export const webkitOnlyScenarios: readonly Scenario[] = [
  {
    id: 'wk-pf-redirect-cross',
    family: F,
    what: 'PUT, preflight ok, 307 to another origin that answers its own preflight',
    action: { kind: 'fetch', url: at('wk-pf-redirect-cross'), method: 'PUT' },
    steps: {
      a: {
        options: reply([acao('*'), acam('PUT')]),
        actual: reply([acao('*'), location('{third}/s/wk-pf-redirect-cross/b')], 307),
      },
      b: { options: reply([acao('*'), acam('PUT')]), actual: reply([acao('*')]) },
    },
    expected: unchecked,
  },
  {
    id: 'wk-pf-redirect-cross-nopf',
    family: F,
    what: 'PUT, preflight ok, 307 to another origin that has no preflight answer (405)',
    action: { kind: 'fetch', url: at('wk-pf-redirect-cross-nopf'), method: 'PUT' },
    steps: {
      a: {
        options: reply([acao('*'), acam('PUT')]),
        actual: reply([acao('*'), location('{third}/s/wk-pf-redirect-cross-nopf/b')], 307),
      },
      b: { actual: reply([acao('*')]) },
    },
    expected: unchecked,
  },
  {
    id: 'wk-pf-redirect-same',
    family: F,
    what: 'PUT with X-A, preflight ok, 307 on the same origin: a new preflight to the new URL (405)',
    action: { kind: 'fetch', url: at('wk-pf-redirect-same'), method: 'PUT', headers: [['X-A', '1']] },
    steps: {
      a: {
        options: reply([acao('*'), acam('PUT'), acah('x-a')]),
        actual: reply([acao('*'), location('{api}/s/wk-pf-redirect-same/b')], 307),
      },
      b: { actual: reply([acao('*')]) },
    },
    expected: unchecked,
  },
  {
    id: 'wk-tainted-null-creds',
    family: F,
    what: 'credentials include, 302 to another origin that answers ACAO null + ACAC true',
    action: { kind: 'fetch', url: at('wk-tainted-null-creds'), credentials: 'include' },
    steps: {
      a: {
        actual: reply([acao('{page}'), acac('true'), location('{third}/s/wk-tainted-null-creds/b')], 302),
      },
      b: { actual: reply([acao('null'), acac('true')]) },
    },
    expected: unchecked,
  },
  {
    id: 'wk-max-age-invalid',
    family: F,
    what: 'two PUTs, max-age "soon": the default 5 s applies, one OPTIONS',
    action: { kind: 'fetch', url: at('wk-max-age-invalid'), method: 'PUT', repeat: 2 },
    steps: {
      a: {
        options: reply([acao('*'), acam('PUT'), ['Access-Control-Max-Age', 'soon']]),
        actual: reply([acao('*')]),
      },
    },
    expected: unchecked,
    serverSaw: { options: 1, actual: 2 },
  },
  {
    id: 'wk-auth-star-list',
    family: F,
    what: 'Authorization and X-A under ACAH "*, x-a"',
    action: {
      kind: 'fetch',
      url: at('wk-auth-star-list'),
      headers: [
        ['Authorization', 'x'],
        ['X-A', '1'],
      ],
    },
    steps: { a: { options: reply([acao('*'), acah('*, x-a')]), actual: reply([acao('*')]) } },
    expected: unchecked,
  },
];
