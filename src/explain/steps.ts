import type { RuleId, StepOutcome, TraceStep } from '../evaluator/types';
import { describeDetail } from './details';

const SPEC_BASE = 'https://fetch.spec.whatwg.org/';
/** Anchors written `lna:#…` are in the WICG Local Network Access draft, `html:#…` in HTML. */
const LNA_BASE = 'https://wicg.github.io/local-network-access/';
const HTML_BASE = 'https://html.spec.whatwg.org/';
/** `mix:#…` anchors are in W3C Mixed Content. */
const MIX_BASE = 'https://w3c.github.io/webappsec-mixed-content/';

/** What each rule checks, as a trace row title. */
const TITLES: Record<RuleId, string> = {
  'request.same-origin': 'Same-origin request (no CORS needed)',
  'request.scheme': 'CORS works only over http(s)',
  'request.mode': 'Request mode allows a cross-origin request',
  'request.mode-inferred': 'Request mode (inferred)',
  'request.mode-observed': 'Request mode (Sec-Fetch-Mode, as sent)',
  'request.credentials-inferred': 'Credentials mode (inferred)',
  'request.no-cors-redirect-mode': 'no-cors requests must follow redirects',
  'request.no-cors-safelist': 'no-cors allows only safelisted methods and headers',
  'safelist.method': 'Method is CORS-safelisted',
  'safelist.header': 'Request header is CORS-safelisted',
  'safelist.total-size': 'Safelisted header values stay under 1024 bytes',
  'request.forbidden-header': 'Header set by the browser, not the page',
  'method.normalize': 'Method normalised by fetch()',
  'local-network.address-space': 'Address spaces: page and target (Local Network Access)',
  'local-network.target-address-space': "targetAddressSpace names the server's real address space",
  'local-network.secure-context': 'Only a secure (HTTPS) page may reach the local network',
  'local-network.permission': 'Local network permission',
  'local-network.not-checked': 'Local Network Access (not checked by this browser)',
  'request.mixed-content': 'Plain-http loopback from an HTTPS page (mixed content)',
  'preflight.needed': 'Whether a preflight (OPTIONS) is needed',
  'preflight.cache': 'Preflight served from the cache',
  'preflight.network-error': 'Preflight reached the server',
  'preflight.redirect': 'Preflight not redirected',
  'preflight.status': 'Preflight status is 2xx',
  'preflight.allow-methods.parse': 'Access-Control-Allow-Methods parses',
  'preflight.allow-headers.parse': 'Access-Control-Allow-Headers parses',
  'preflight.method': 'Method allowed by the preflight',
  'preflight.header': 'Request header allowed by the preflight',
  'preflight.authorization': 'Authorization listed explicitly',
  'preflight.max-age': 'Preflight cache duration',
  'cors.allow-origin.wildcard': 'Allow-Origin * only without credentials',
  'cors.allow-origin.present': 'Access-Control-Allow-Origin present',
  'cors.allow-origin.single': 'Access-Control-Allow-Origin has one value',
  'cors.allow-origin.valid': 'Access-Control-Allow-Origin is an origin',
  'cors.allow-origin.match': 'Access-Control-Allow-Origin matches the origin',
  'cors.allow-credentials': 'Access-Control-Allow-Credentials: true with credentials',
  'redirect.mode': 'Redirect mode allows following',
  'redirect.userinfo': 'Redirect target has no user name or password',
  'redirect.taint': 'Origin after a cross-origin redirect',
  'redirect.authorization-dropped': 'Authorization dropped on cross-origin redirect',
  'response.network-error': 'Response arrived',
  'response.corp': 'Cross-Origin-Resource-Policy allows this origin',
  'response.opaque': 'Opaque response (no-cors)',
  'response.exposed-headers': 'Response headers readable by JavaScript',
  'service-worker.answer': "The service worker's answer is a response this request may use",
  'canvas.origin-clean': 'Drawn with CORS, so the canvas stays readable',
  'outcome.consistency': 'Verdict agrees with what the browser did',
};

const OUTCOME_WORDS: Record<StepOutcome, string> = {
  pass: 'Passed',
  fail: 'Failed',
  info: 'Note',
  skip: 'Skipped',
};

const TARGET_WORDS = {
  request: 'the request',
  preflight: 'the preflight answer',
  redirect: 'the redirect',
  response: 'the response',
} as const;

export interface StepWords {
  readonly title: string;
  readonly detail: string;
  readonly specUrl: string;
}

/** Words and a spec link for one trace step. Values appear as data, never as markup. */
export function describeStep(step: TraceStep): StepWords {
  const parts = [`${OUTCOME_WORDS[step.outcome]} on ${TARGET_WORDS[step.on]}${hopWords(step)}`];
  if (step.subject !== undefined) parts.push(`about ${step.subject}`);
  if (step.expected !== undefined) parts.push(`needs ${show(step.expected)}`);
  if (step.rule === 'preflight.needed' && typeof step.actual === 'string' && step.actual !== '')
    parts.push(`because of ${preflightReasonWords(step.actual)}`);
  else if (step.actual !== undefined)
    parts.push(`got ${step.actual === null ? 'nothing (absent)' : show(step.actual)}`);
  if (step.detail !== undefined) parts.push(describeDetail(step.detail));
  let detail = `${parts.join(', ')}.`;
  if (step.deviation !== undefined) {
    detail += ` Unlike the spec, ${step.deviation === 'chrome' ? 'Chromium' : 'Firefox'} behaves differently here.`;
  }
  return { title: TITLES[step.rule], detail, specUrl: specUrl(step.anchor) };
}

/** The evaluator's preflight reasons (`method header:x-trace-id forced`) as words, not codes. */
function preflightReasonWords(actual: string): string {
  const words = actual.split(' ').map((reason) => {
    if (reason === 'method') return 'the method';
    if (reason === 'forced') return 'an upload listener or a stream body';
    if (reason === 'total-size') return 'safelisted headers over 1024 bytes';
    return reason.startsWith('header:') ? `the header ${reason.slice('header:'.length)}` : reason;
  });
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function hopWords(step: TraceStep): string {
  return step.hop === undefined ? '' : ` (hop ${step.hop + 1})`;
}

function show(value: string): string {
  return value === '' ? '"" (empty)' : `"${value}"`;
}

/** `#concept-cors-check` → the Fetch Standard URL; anything unexpected → the spec's front page. */
export function specUrl(anchor: string): string {
  if (anchor.startsWith('html:#')) {
    const html = anchor.slice('html:#'.length);
    return /^[A-Za-z0-9._-]+$/.test(html) ? `${HTML_BASE}#${html}` : HTML_BASE;
  }
  if (anchor.startsWith('mix:')) {
    const mix = anchor.slice('mix:#'.length);
    return /^[A-Za-z0-9._-]+$/.test(mix) ? `${MIX_BASE}#${mix}` : MIX_BASE;
  }
  if (anchor.startsWith('lna:')) {
    const lna = anchor.slice('lna:#'.length);
    return /^[A-Za-z0-9._-]+$/.test(lna) ? `${LNA_BASE}#${lna}` : LNA_BASE;
  }
  const fragment = anchor.startsWith('#') ? anchor.slice(1) : anchor;
  return /^[A-Za-z0-9._-]+$/.test(fragment) ? `${SPEC_BASE}#${fragment}` : SPEC_BASE;
}
