import { acao, at, only, reply } from '../scenarios/build';
import type { Scenario } from '../scenarios/types';

/**
 * Scenarios run in Firefox only: the <img crossorigin=use-credentials> of the suite's
 * `nc-img-co-creds`, made the two other ways a page makes one (setAttribute, and HTML the parser
 * inserts), which reach the page hook by other paths (src/content/element-modes.ts). Firefox's
 * webRequest reports each as completed though Firefox blocked it: only the attribute tells.
 * `expected` is what the suite's `nc-img-co-creds` shows in Chromium; it is not checked here.
 */
const F = 'element-modes';
const png = only(reply([acao('*')], 200, 'image'));

export const firefoxOnlyScenarios: readonly Scenario[] = [
  {
    id: 'ff-img-creds-attributes',
    family: F,
    what: "<img> with setAttribute('crossorigin', 'use-credentials') then setAttribute('src'), ACAO *",
    action: {
      kind: 'img',
      url: at('ff-img-creds-attributes'),
      crossOrigin: 'use-credentials',
      how: 'attributes',
    },
    steps: png,
    expected: { verdict: 'blocked', corsError: 'WildcardOriginNotAllowed' },
  },
  {
    id: 'ff-img-creds-html',
    family: F,
    what: '<img crossorigin="use-credentials" src=…> parsed from HTML (innerHTML), ACAO *',
    action: { kind: 'img', url: at('ff-img-creds-html'), crossOrigin: 'use-credentials', how: 'html' },
    steps: png,
    expected: { verdict: 'blocked', corsError: 'WildcardOriginNotAllowed' },
  },
];
