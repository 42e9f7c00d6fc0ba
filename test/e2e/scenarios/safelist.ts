import { acao, allowed, at, blocked, reply, withPreflight } from './build';
import type { PageAction, Scenario } from './types';

/** CORS-safelisted request headers: which values skip the preflight, and forced preflights. */
const F = 'safelist';
const star = reply([acao('*')]);
const bare = reply([acao('*')]); // preflight passes the CORS check but lists no header
const withHeader = (id: string, name: string, value: string, method = 'GET', body?: string): PageAction =>
  body === undefined
    ? { kind: 'fetch', url: at(id), method, headers: [[name, value]] }
    : { kind: 'fetch', url: at(id), method, headers: [[name, value]], body };

export const safelistScenarios: readonly Scenario[] = [
  {
    id: 'sl-text-plain',
    family: F,
    what: 'POST text/plain: no preflight',
    action: withHeader('sl-text-plain', 'Content-Type', 'text/plain', 'POST', 'x'),
    steps: withPreflight(bare, star),
    expected: allowed,
    serverSaw: { options: 0, actual: 1 },
  },
  {
    id: 'sl-accept-128',
    family: F,
    what: 'Accept of 128 bytes: safelisted',
    action: withHeader('sl-accept-128', 'Accept', 'a'.repeat(128)),
    steps: withPreflight(bare, star),
    expected: allowed,
    serverSaw: { options: 0 },
  },
  {
    id: 'sl-accept-129',
    family: F,
    what: 'Accept of 129 bytes: preflighted',
    action: withHeader('sl-accept-129', 'Accept', 'a'.repeat(129)),
    steps: withPreflight(bare, star),
    expected: blocked('HeaderDisallowedByPreflightResponse', 'accept'),
    serverSaw: { options: 1, actual: 0 },
  },
  {
    id: 'sl-range-ok',
    family: F,
    what: 'Range bytes=0-10: safelisted',
    action: withHeader('sl-range-ok', 'Range', 'bytes=0-10'),
    steps: withPreflight(bare, star),
    expected: allowed,
    serverSaw: { options: 0 },
  },
  {
    id: 'sl-range-multi',
    family: F,
    what: 'Range with two ranges: preflighted',
    action: withHeader('sl-range-multi', 'Range', 'bytes=0-10, 20-30'),
    steps: withPreflight(bare, star),
    expected: blocked('HeaderDisallowedByPreflightResponse', 'range'),
  },
  {
    id: 'sl-lang-unsafe',
    family: F,
    what: 'Accept-Language with "(": preflighted',
    action: withHeader('sl-lang-unsafe', 'Accept-Language', 'en(US)'),
    steps: withPreflight(bare, star),
    expected: blocked('HeaderDisallowedByPreflightResponse', 'accept-language'),
  },
  {
    id: 'sl-lang-ok',
    family: F,
    what: 'Accept-Language "en-US,fr;q=0.5": safelisted',
    action: withHeader('sl-lang-ok', 'Accept-Language', 'en-US,fr;q=0.5'),
    steps: withPreflight(bare, star),
    expected: allowed,
    serverSaw: { options: 0 },
  },
  {
    id: 'sl-upload-forced',
    family: F,
    what: 'XHR upload listener forces a preflight (none answered)',
    action: { kind: 'xhr', url: at('sl-upload-forced'), method: 'POST', uploadListener: true, body: 'x' },
    steps: { a: { actual: star } },
    expected: blocked('PreflightMissingAllowOriginHeader'),
    serverSaw: { options: 1, actual: 0 },
  },
  {
    id: 'sl-upload-ok',
    family: F,
    what: 'XHR upload listener, preflight passes',
    action: { kind: 'xhr', url: at('sl-upload-ok'), method: 'POST', uploadListener: true, body: 'x' },
    steps: withPreflight(bare, star),
    expected: allowed,
    serverSaw: { options: 1, actual: 1 },
  },
];
