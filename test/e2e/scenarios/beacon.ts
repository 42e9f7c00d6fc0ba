import { acah, acam, acao, at, blocked, only, opaque, reply, withPreflight } from './build';
import type { Scenario } from './types';

/**
 * navigator.sendBeacon: webRequest type `ping`, no page call to hook. A text body goes out
 * no-cors (Sec-Fetch-Mode: no-cors on the wire), so no CORS header is needed and the page could
 * not read an answer anyway; a body whose type is not safelisted goes out cors, with a preflight.
 */
const F = 'beacon';

export const beaconScenarios: readonly Scenario[] = [
  {
    id: 'bc-text',
    family: F,
    what: 'sendBeacon(text) to an API without CORS headers: no-cors, delivered',
    action: { kind: 'beacon', url: at('bc-text') },
    steps: only(reply([])),
    expected: opaque,
    serverSaw: { options: 0, actual: 1 },
  },
  {
    id: 'bc-text-star',
    family: F,
    what: 'sendBeacon(text) to an API with ACAO *: still no-cors',
    action: { kind: 'beacon', url: at('bc-text-star') },
    steps: only(reply([acao('*')])),
    expected: opaque,
    serverSaw: { options: 0, actual: 1 },
  },
  {
    id: 'bc-text-third',
    family: F,
    what: 'sendBeacon(text) to a third party answering 500',
    action: { kind: 'beacon', url: at('bc-text-third', 'a', '{third}') },
    steps: only(reply([], 500)),
    expected: opaque,
    serverSaw: { options: 0, actual: 1 },
  },
  {
    id: 'bc-json-ok',
    family: F,
    what: 'sendBeacon(Blob application/json): cors with credentials, preflight allowed',
    action: { kind: 'beacon', url: at('bc-json-ok'), type: 'application/json' },
    steps: withPreflight(
      reply([
        acao('{page}'),
        ['Access-Control-Allow-Credentials', 'true'],
        acam('POST'),
        acah('content-type'),
      ]),
      reply([acao('{page}'), ['Access-Control-Allow-Credentials', 'true']]),
    ),
    expected: { verdict: 'allowed' },
  },
  {
    id: 'bc-json-no-preflight-ok',
    family: F,
    what: 'sendBeacon(Blob application/json) to an API that refuses the preflight',
    action: { kind: 'beacon', url: at('bc-json-no-preflight-ok'), type: 'application/json' },
    steps: only(reply([acao('*')])),
    expected: blocked('PreflightMissingAllowOriginHeader'),
    serverSaw: { options: 1, actual: 0 },
  },
];
