import type { SafariReason } from '../../../src/evaluator/types';
import type { ConsoleMessage } from './minibrowser';

/**
 * WebKit's own reason for one failed load: the first console message of a known CORS/CORP
 * family (source `security`, or the bare "Fetch API cannot load <url>." of a same-origin-mode
 * refusal), as printed by WebCore (see src/evaluator/safari.ts for the families).
 */
const FAMILIES: readonly (readonly [RegExp, SafariReason])[] = [
  [
    /^Cross-origin redirection to .* denied by Cross-Origin Resource Sharing policy: redirection URL .* has credentials/,
    'RedirectHasCredentials',
  ],
  [/^Cross-origin redirection to .* denied by Cross-Origin Resource Sharing policy:/, 'RedirectDenied'],
  [/is not allowed by Access-Control-Allow-Origin\./, 'OriginNotAllowed'],
  [/^Access-Control-Allow-Origin cannot contain more than one origin\./, 'MultipleAllowOrigin'],
  [
    /^Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true\./,
    'WildcardWithCredentials',
  ],
  [/^Credentials flag is true, but Access-Control-Allow-Credentials is not "true"\./, 'CredentialsNotTrue'],
  [/^Preflight response is not successful\./, 'PreflightNotSuccessful'],
  [/^Method .* is not allowed by Access-Control-Allow-Methods\./, 'MethodNotAllowed'],
  [/^Request header field .* is not allowed by Access-Control-Allow-Headers\./, 'HeaderNotAllowed'],
  [/^Header Access-Control-Allow-Methods has an invalid value/, 'InvalidAllowMethods'],
  [/^Header Access-Control-Allow-Headers has an invalid value/, 'InvalidAllowHeaders'],
  [/violates the resource's Cross-Origin-Resource-Policy response header/, 'CrossOriginResourcePolicy'],
  [/^No-Cors mode requires follow redirect mode/, 'NoCorsRequiresFollow'],
  [/^Cross origin requests are only supported for HTTP\./, 'OnlyHttp'],
];

export function webkitReasonOf(messages: readonly ConsoleMessage[]): SafariReason | 'unknown' | null {
  for (const m of messages) {
    if (m.source !== 'security') continue;
    const hit = FAMILIES.find(([pattern]) => pattern.test(m.text));
    if (hit) return hit[1];
  }
  if (messages.some((m) => m.source === 'javascript' && /^Fetch API cannot load \S+\.$/.test(m.text)))
    return 'SameOriginMode';
  const other = messages.find(
    (m) => m.source === 'security' || / due to access control checks\.$/.test(m.text),
  );
  return other ? 'unknown' : null;
}

/**
 * WebKit's reason per failed URL, from its `network` console lines ("Failed to load resource:
 * <reason>", with the URL WebKit names: the first hop of a denied redirection, else the URL
 * that failed): for pages without the runner's start/result framing (the demo page).
 */
export function reasonsByUrl(messages: readonly ConsoleMessage[]): Map<string, SafariReason | 'unknown'> {
  const out = new Map<string, SafariReason | 'unknown'>();
  for (const m of messages) {
    if (m.source !== 'network' || !m.text.startsWith('Failed to load resource: ') || out.has(m.url)) continue;
    const text = m.text.slice('Failed to load resource: '.length);
    if (/^the server responded with a status of/.test(text)) continue;
    out.set(m.url, FAMILIES.find(([pattern]) => pattern.test(text))?.[1] ?? 'unknown');
  }
  return out;
}

/** Splits the run's console into one list per scenario, by the runner's start/result lines. */
export function splitByScenario(
  messages: readonly ConsoleMessage[],
): Map<string, { result: unknown; messages: ConsoleMessage[] }> {
  const out = new Map<string, { result: unknown; messages: ConsoleMessage[] }>();
  let current: { result: unknown; messages: ConsoleMessage[] } | undefined;
  for (const m of messages) {
    const start = /^cors-lens:start (\S+)$/.exec(m.text);
    if (m.source === 'console-api' && start?.[1]) {
      current = { result: undefined, messages: [] };
      out.set(start[1], current);
      continue;
    }
    if (m.source === 'console-api' && m.text.startsWith('cors-lens:result ')) {
      const parsed = JSON.parse(m.text.slice('cors-lens:result '.length)) as { id: string; result: unknown };
      const entry = out.get(parsed.id);
      if (entry) entry.result = parsed.result;
      continue;
    }
    // A message trailing its scenario's result (XHR's network line) still belongs to it.
    current?.messages.push(m);
  }
  return out;
}
