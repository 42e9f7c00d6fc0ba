import type { FixStep } from '../evaluator/types';

// Page-side changes (when no server header can help), keyed by the evaluator's pageChange codes.
const PAGE_CHANGES: Record<string, string> = {
  'use-cors-mode': 'use mode "cors" (the default) instead of "same-origin" or "no-cors"',
  'use-redirect-follow': 'use redirect: "follow", or mode "cors"',
  'use-http-scheme': 'request it over http or https; CORS does not work for other schemes',
  'drop-userinfo':
    'remove the user name and password from the redirect target (send credentials in a header)',
  'omit-credentials': 'send it without credentials (credentials: "omit")',
  'canvas-set-crossorigin':
    'add crossorigin="anonymous" to the <img> or <video> (img.crossOrigin = "anonymous" before setting src), so it loads with CORS and keeps the canvas readable',
  'canvas-crossorigin-before-src':
    'set crossorigin="anonymous" before src (the load starts when src is set), and add a cache-busting query if a copy without CORS may be cached',
  'canvas-cache-bust':
    'load it with crossorigin="anonymous" under a URL no earlier no-cors load used (a cache-busting query such as ?cors=1), so no cached copy without CORS is reused',
  'sw-respond-cors':
    'respondWith a response this request may use: pass the request through, event.respondWith(fetch(event.request)), or fetch it with mode "cors" (the server then sends Access-Control-Allow-Origin); never answer it with a no-cors (opaque) copy, fetched or cached. Only where an opaque answer is really wanted (it cannot be read), ask with mode: "no-cors" on the page',
  'sw-respond-followed':
    'respondWith a followed response (fetch with redirect "follow", or pass event.request through), or ask with redirect: "manual" on the page if the redirect itself is wanted',
  'sw-respond-unredirected':
    "respondWith fetch(event.request), which keeps the request's redirect mode, not a response that followed redirects",
  'sw-read-console':
    'the service worker\'s console (DevTools → Application → Service workers → inspect) says "The FetchEvent for … resulted in a network error response: …" with the cause; respondWith a basic or CORS response, e.g. event.respondWith(fetch(event.request))',
};

// Local Network Access: codes with a value after the colon (a permission name or a space).
const LOCAL_NETWORK: Record<string, (value: string) => string> = {
  'lna-serve-https': () =>
    'serve the page over HTTPS: only a secure context may reach the local network, and then the user is asked',
  'lna-grant': (permission) =>
    `the user must allow the ${permission} permission for this site (the prompt, or the site settings); the page cannot grant it itself`,
  'lna-delegate': (permission) =>
    `the request comes from a frame: its embedder must delegate the permission, <iframe allow="${permission}">, and the user allow it for the top-level site`,
  'lna-target-address-space': (space) =>
    space === 'omit'
      ? 'drop the targetAddressSpace option, or set it to the address space the server really is in'
      : `set targetAddressSpace: "${space}", the address space the server really is in (or leave the option out)`,
  'lna-move-api': () =>
    'or avoid the local network request: serve the API from a public address, or the page from the same local network',
};

/** The words for a page-side change code (`use-http-scheme` → what to do). */
export function describePageChange(code: string): string {
  const colon = code.indexOf(':');
  const local = LOCAL_NETWORK[colon === -1 ? code : code.slice(0, colon)];
  if (local !== undefined) return local(colon === -1 ? '' : code.slice(colon + 1));
  return PAGE_CHANGES[code] ?? code;
}

/** One sentence saying which response must change and how. */
export function describeFix(step: FixStep): string {
  if (step.pageChange !== undefined) {
    const change = describePageChange(step.pageChange);
    if (step.pageChange.startsWith('sw-'))
      return `In the service worker's fetch handler, for ${step.method} ${step.url}: ${change}.`;
    return `In the page's code for ${step.method} ${step.url}: ${change}.`;
  }
  const which =
    step.on === 'preflight'
      ? `the OPTIONS response of ${step.url}`
      : step.on === 'redirect'
        ? `the redirect response of ${step.method} ${step.url}`
        : `the ${step.method} response of ${step.url}`;
  const actions: string[] = [];
  if (step.status !== undefined) actions.push(`answer with status ${step.status}`);
  if (step.setHeaders.length > 0) {
    actions.push(`send: ${step.setHeaders.map((h) => `${h.name}: ${h.value}`).join('; ')}`);
  }
  if (step.removeHeaders.length > 0) actions.push(`stop sending: ${step.removeHeaders.join(', ')}`);
  if (actions.length === 0) return `No header change needed on ${which}.`;
  return `On ${which}, ${actions.join(', and ')}.`;
}
