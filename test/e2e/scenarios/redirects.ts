import { acao, allowed, at, blocked, location, reply } from './build';
import type { Scenario } from './types';

/** HTTP-redirect fetch in CORS mode: every hop is CORS-checked; cross→cross taints the origin. */
const F = 'redirect';

export const redirectScenarios: readonly Scenario[] = [
  {
    id: 'rd-same-to-cross',
    family: F,
    what: 'same-origin URL redirects to the API (Origin stays the page)',
    action: { kind: 'fetch', url: at('rd-same-to-cross', 'a', '{page}') },
    steps: {
      a: { actual: reply([location('{api}/s/rd-same-to-cross/b')], 302) },
      b: { actual: reply([acao('{page}')]) },
    },
    expected: allowed,
  },
  {
    id: 'rd-cross-same-host',
    family: F,
    what: 'API redirects within its own origin, both hops echo the page',
    action: { kind: 'fetch', url: at('rd-cross-same-host') },
    steps: {
      a: { actual: reply([acao('{page}'), location('{api}/s/rd-cross-same-host/b')], 302) },
      b: { actual: reply([acao('{page}')]) },
    },
    expected: allowed,
  },
  {
    id: 'rd-tainted-echo',
    family: F,
    what: 'cross→cross redirect: Origin becomes null, echoing the page fails',
    action: { kind: 'fetch', url: at('rd-tainted-echo') },
    steps: {
      a: { actual: reply([acao('{page}'), location('{third}/s/rd-tainted-echo/b')], 302) },
      b: { actual: reply([acao('{page}')]) },
    },
    expected: blocked('AllowOriginMismatch', '{page}'),
  },
  {
    id: 'rd-tainted-star',
    family: F,
    what: 'cross→cross redirect with ACAO * on the last hop',
    action: { kind: 'fetch', url: at('rd-tainted-star') },
    steps: {
      a: { actual: reply([acao('{page}'), location('{third}/s/rd-tainted-star/b')], 302) },
      b: { actual: reply([acao('*')]) },
    },
    expected: allowed,
  },
  {
    id: 'rd-tainted-null',
    family: F,
    what: 'cross→cross redirect with ACAO null on the last hop',
    action: { kind: 'fetch', url: at('rd-tainted-null') },
    steps: {
      a: { actual: reply([acao('{page}'), location('{third}/s/rd-tainted-null/b')], 302) },
      b: { actual: reply([acao('null')]) },
    },
    expected: allowed,
  },
  {
    id: 'rd-3xx-missing',
    family: F,
    what: 'the 3xx itself has no ACAO',
    action: { kind: 'fetch', url: at('rd-3xx-missing') },
    steps: {
      a: { actual: reply([location('{api}/s/rd-3xx-missing/b')], 302) },
      b: { actual: reply([acao('*')]) },
    },
    expected: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'rd-userinfo',
    family: F,
    what: 'Location with user:pass@',
    action: { kind: 'fetch', url: at('rd-userinfo') },
    steps: {
      a: { actual: reply([acao('*'), location('{api-userinfo}/s/rd-userinfo/b')], 302) },
      b: { actual: reply([acao('*')]) },
    },
    expected: blocked('RedirectContainsCredentials'),
  },
  {
    id: 'rd-xhr-307',
    family: F,
    what: 'XHR follows a 307 to the third origin with ACAO *',
    action: { kind: 'xhr', url: at('rd-xhr-307') },
    steps: {
      a: { actual: reply([acao('*'), location('{third}/s/rd-xhr-307/b')], 307) },
      b: { actual: reply([acao('*')]) },
    },
    expected: allowed,
  },
];
