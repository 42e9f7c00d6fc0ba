import { acao, allowed, at, blocked, only, opaque, reply } from './build';
import type { Scenario } from './types';

/**
 * Local Network Access (Chromium 142+, the permission split in two in 145). The pages are on
 * ports Chromium counts as public (--ip-address-space-overrides, support/server.ts); the API is
 * loopback. Headless Chromium denies the permission; `grant` sets it over CDP first. Nothing
 * reaches the server when the check refuses.
 */
const F = 'local-network';
const PUBLIC = '{page-public}';
const GRANTED = '{page-public-granted}';
const INSECURE = '{page-public-http}';
const star = only(reply([acao('*')]));
const none = { options: 0, actual: 0 };

export const localNetworkScenarios: readonly Scenario[] = [
  {
    id: 'lna-denied',
    family: F,
    what: 'HTTPS public page fetches a loopback API: loopback-network not granted',
    page: PUBLIC,
    action: { kind: 'fetch', url: at('lna-denied') },
    steps: star,
    expected: blocked('LocalNetworkAccessPermissionDenied'),
    serverSaw: none,
  },
  {
    id: 'lna-denied-img',
    family: F,
    what: 'the same for an <img> (no-cors): the check comes before any mode',
    page: PUBLIC,
    action: { kind: 'img', url: at('lna-denied-img') },
    steps: only(reply([], 200, 'image')),
    expected: blocked('LocalNetworkAccessPermissionDenied'),
    serverSaw: none,
  },
  {
    id: 'lna-denied-beacon',
    family: F,
    what: 'the same for navigator.sendBeacon',
    page: PUBLIC,
    action: { kind: 'beacon', url: at('lna-denied-beacon') },
    steps: star,
    expected: blocked('LocalNetworkAccessPermissionDenied'),
    serverSaw: none,
  },
  {
    id: 'lna-target-match',
    family: F,
    what: 'targetAddressSpace "loopback" (right) still needs the permission',
    page: PUBLIC,
    action: { kind: 'fetch', url: at('lna-target-match'), targetAddressSpace: 'loopback' },
    steps: star,
    expected: blocked('LocalNetworkAccessPermissionDenied'),
    serverSaw: none,
  },
  {
    id: 'lna-target-mismatch',
    family: F,
    what: 'targetAddressSpace "local" for a loopback server',
    page: PUBLIC,
    action: { kind: 'fetch', url: at('lna-target-mismatch'), targetAddressSpace: 'local' },
    steps: star,
    expected: blocked('InvalidLocalNetworkAccess'),
    serverSaw: none,
  },
  {
    id: 'lna-insecure',
    family: F,
    what: 'plain-http public page: not a secure context, never asked',
    page: INSECURE,
    action: { kind: 'fetch', url: at('lna-insecure') },
    steps: star,
    expected: blocked('InsecureLocalNetwork'),
    serverSaw: none,
  },
  {
    id: 'lna-insecure-img',
    family: F,
    what: 'plain-http public page, <img>',
    page: INSECURE,
    action: { kind: 'img', url: at('lna-insecure-img') },
    steps: only(reply([], 200, 'image')),
    expected: blocked('InsecureLocalNetwork'),
    serverSaw: none,
  },
  {
    id: 'lna-granted',
    family: F,
    what: 'loopback-network granted (CDP): the request goes out, CORS allows it',
    page: GRANTED,
    grant: 'loopback-network',
    action: { kind: 'fetch', url: at('lna-granted') },
    steps: star,
    expected: allowed,
    serverSaw: { options: 0, actual: 1 },
  },
  {
    id: 'lna-granted-cors',
    family: F,
    what: 'granted, and then CORS still applies: no ACAO',
    page: GRANTED,
    grant: 'loopback-network',
    action: { kind: 'fetch', url: at('lna-granted-cors') },
    steps: only(reply([])),
    expected: blocked('MissingAllowOriginHeader'),
    serverSaw: { options: 0, actual: 1 },
  },
  {
    id: 'lna-granted-img',
    family: F,
    what: 'granted, <img> no-cors: opaque',
    page: GRANTED,
    grant: 'loopback-network',
    action: { kind: 'img', url: at('lna-granted-img') },
    steps: only(reply([], 200, 'image')),
    expected: opaque,
  },
  {
    id: 'lna-granted-mismatch',
    family: F,
    what: 'granted, but targetAddressSpace "local" for a loopback server',
    page: GRANTED,
    grant: 'loopback-network',
    action: { kind: 'fetch', url: at('lna-granted-mismatch'), targetAddressSpace: 'local' },
    steps: star,
    expected: blocked('InvalidLocalNetworkAccess'),
    serverSaw: none,
  },
];
