/**
 * Main-world page hook (document_start, all frames). It notes how the page called fetch() and
 * XMLHttpRequest (mode, credentials, redirect mode, header names, call site), things webRequest
 * cannot see, and hands them to the relay. It must not change what the page observes:
 * - the page's own promise is returned untouched and never observed (attaching a handler would
 *   mark a rejection handled and silence the page's `unhandledrejection`), so fetch outcomes
 *   come from webRequest; XHR outcomes come from a `loadend` listener, which changes nothing;
 *   on a page a service worker controls, fetch() returns an equivalent promise of the hook's,
 *   whose rejection the page still sees unhandled (./sw-answers.ts);
 * - no name is added to the page's globals (everything lives in this closure);
 * - every built-in it relies on is captured before the page can replace it.
 */
import { MAX_BATCH_CALLS, MAX_CALL_CHARS, PAGE_CALL_EVENT } from '../shared/page-channel';
import type { PageCall } from '../shared/record';
import { traceCanvasTaint } from './canvas-tracer';
import { traceElementModes } from './element-modes';
import { answeredBy, xhrUnderWorker } from './sw-answers';
import { watchPageWorkers } from './worker-signals';

type Outcome = NonNullable<PageCall['outcome']>;

const nativeFetch = window.fetch;
const xhrProto = XMLHttpRequest.prototype;
const nativeOpen = xhrProto.open;
const nativeSetRequestHeader = xhrProto.setRequestHeader;
const nativeSend = xhrProto.send;
const dispatch = EventTarget.prototype.dispatchEvent;
const listen = EventTarget.prototype.addEventListener;
const CustomEventCtor = CustomEvent;
const ErrorCtor = Error;
const stringify = JSON.stringify;
const URLCtor = URL;
const apply = Reflect.apply;
const enqueueMicrotask = queueMicrotask;

// The calls of the current task, each already JSON, flushed together in one event (see
// ../shared/page-channel.ts). A microtask, not a timer: the batch leaves before the page's next
// task, so a call made just before a navigation is still reported.
let pending: string[] = [];

function flush(): void {
  const batch = pending;
  if (batch.length === 0) return; // flushed early, at MAX_BATCH_CALLS
  pending = [];
  try {
    apply(dispatch, document, [new CustomEventCtor(PAGE_CALL_EVENT, { detail: `[${batch.join(',')}]` })]);
  } catch {
    // Reporting must never disturb the page.
  }
}

function post(call: PageCall, refused: boolean): void {
  try {
    const json = stringify({ call, refused });
    if (json.length > MAX_CALL_CHARS) return;
    if (pending.length === 0) apply(enqueueMicrotask, globalThis, [flush]);
    pending.push(json);
    if (pending.length >= MAX_BATCH_CALLS) flush();
  } catch {
    // Reporting must never disturb the page.
  }
}

/** This script's own URL, read from a stack frame, so its frames can be left out of call sites. */
const OWN_SCRIPT = (() => {
  try {
    const frame = String(new ErrorCtor().stack ?? '')
      .split('\n')
      .find((line) => /:\d+:\d+\)?$/.test(line));
    return /((?:[a-z-]+:\/\/|\/)[^\s()]+?):\d+:\d+\)?$/.exec(frame ?? '')?.[1];
  } catch {
    return undefined;
  }
})();

/** The first page frames of the stack, without ours. */
function callSite(): string | undefined {
  try {
    const stack = String(new ErrorCtor().stack ?? '');
    const frames = stack
      .split('\n')
      .slice(1)
      .map((line) => line.trim().replace(/^at /, ''))
      .filter(
        (line) =>
          line !== '' &&
          !/(chrome|moz)-extension:/.test(line) &&
          (OWN_SCRIPT === undefined || !line.includes(OWN_SCRIPT)),
      );
    return frames.slice(0, 3).join(' <- ') || undefined;
  } catch {
    return undefined;
  }
}

function absolute(url: string): string {
  try {
    return new URLCtor(url, document.baseURI).href;
  } catch {
    return url;
  }
}

function headerNames(headers: unknown): string[] {
  if (headers === undefined || headers === null) return [];
  try {
    if (headers instanceof Headers) return [...headers.keys()];
    if (Array.isArray(headers)) return headers.map((pair) => String((pair as unknown[])[0]).toLowerCase());
    if (typeof headers === 'object') return Object.keys(headers).map((name) => name.toLowerCase());
  } catch {
    // An exotic headers object: fetch() will judge it; we just do not list names.
  }
  return [];
}

function originOf(url: string): string | undefined {
  try {
    return new URLCtor(url).origin;
  } catch {
    return undefined;
  }
}

/** The renderer refuses these before any network activity: only the page sees them fail. */
function refusedByRenderer(call: PageCall): boolean {
  if (call.mode === 'same-origin') return originOf(call.url) !== location.origin;
  return call.mode === 'no-cors' && call.redirect !== undefined && call.redirect !== 'follow';
}

function describeFetch(input: unknown, init: RequestInit | undefined): PageCall {
  const request = input instanceof Request ? input : undefined;
  const pick = <K extends 'method' | 'mode' | 'credentials' | 'redirect'>(key: K): string | undefined => {
    const fromInit = init?.[key];
    if (fromInit !== undefined && fromInit !== null) return String(fromInit);
    return request ? String(request[key]) : undefined;
  };
  const names = headerNames(init?.headers ?? request?.headers);
  const site = callSite();
  // Not in the DOM typings yet (Local Network Access, Chromium 14x).
  const target = (init as { targetAddressSpace?: unknown } | undefined)?.targetAddressSpace;
  const mode = pick('mode') ?? 'cors';
  const credentials = pick('credentials') ?? 'same-origin';
  const redirect = pick('redirect') ?? 'follow';
  return {
    api: 'fetch',
    url: absolute(request ? request.url : String(input)),
    method: (pick('method') ?? 'GET').toUpperCase(),
    mode,
    credentials,
    redirect,
    headerNames: names,
    ...(site === undefined ? {} : { callSite: site }),
    ...(typeof target === 'string' ? { targetAddressSpace: target } : {}),
  };
}

/**
 * Wraps fetch() and XMLHttpRequest, once. Not called at all on a page that is not recorded: the
 * entries (./hook-dev-hosts.iife.ts, ./hook-sites.iife.ts) decide, and a page outside the
 * recording scope keeps its built-ins untouched (the hook is dormant).
 */
export function wrapPageApis(): void {
  /**
   * Replaced functions must look native: a Proxy keeps the original's name, arity and own
   * properties, and Function.prototype.toString (itself proxied) answers for the original.
   */
  const nativeToString = Function.prototype.toString;
  const originals = new WeakMap<object, object>();
  const ProxyCtor = Proxy;

  function sameShape<T extends (...args: never[]) => unknown>(wrapper: T, original: unknown): T {
    const proxy = new ProxyCtor(original as T, {
      apply: (_target, thisArg, args: unknown[]) => apply(wrapper, thisArg, args),
    });
    originals.set(proxy, original as object);
    return proxy;
  }

  const toStringProxy = new ProxyCtor(nativeToString, {
    apply: (target, thisArg: object, args: unknown[]) =>
      apply(target, originals.get(thisArg) ?? thisArg, args),
  });
  originals.set(toStringProxy, nativeToString);
  Function.prototype.toString = toStringProxy;

  // Canvas reads refused for taint, linked to what was drawn (./canvas-tracer.ts).
  traceCanvasTaint(sameShape, callSite);
  // The page's service worker and shared workers, for requests without a tab (./worker-signals.ts).
  watchPageWorkers(sameShape, (proxy, original) => originals.set(proxy, original));
  // The crossorigin attribute of elements that load: their credentials mode (./element-modes.ts).
  traceElementModes(sameShape, (call) => post(call, false));

  window.fetch = sameShape(function fetch(this: unknown, ...args: unknown[]): Promise<Response> {
    let call: PageCall | undefined;
    try {
      call = describeFetch(args[0], args[1] as RequestInit | undefined);
    } catch {
      call = undefined;
    }
    const refused = call !== undefined && refusedByRenderer(call);
    if (call) post(call, refused);
    // On a page a service worker controls, its answer may fail with no failed request (./sw-answers.ts).
    return answeredBy(apply(nativeFetch, this, args) as Promise<Response>, refused ? undefined : call, post);
  }, nativeFetch);

  interface XhrCall {
    method: string;
    url: string;
    headerNames: string[];
  }
  const xhrCalls = new WeakMap<XMLHttpRequest, XhrCall>();

  xhrProto.open = sameShape(function open(this: XMLHttpRequest, ...args: unknown[]): unknown {
    try {
      xhrCalls.set(this, {
        method: String(args[0]).toUpperCase(),
        url: absolute(String(args[1])),
        headerNames: [],
      });
    } catch {
      // Let the native open() raise whatever it raises.
    }
    return apply(nativeOpen, this, args);
  }, nativeOpen);

  xhrProto.setRequestHeader = sameShape(function setRequestHeader(
    this: XMLHttpRequest,
    ...args: unknown[]
  ): unknown {
    const result: unknown = apply(nativeSetRequestHeader, this, args);
    try {
      xhrCalls.get(this)?.headerNames.push(String(args[0]).toLowerCase());
    } catch {
      // Never disturb the page.
    }
    return result;
  }, nativeSetRequestHeader);

  xhrProto.send = sameShape(function send(this: XMLHttpRequest, ...args: unknown[]): unknown {
    const info = xhrCalls.get(this);
    if (info) {
      const site = callSite();
      const base: PageCall = {
        api: 'xhr',
        url: info.url,
        method: info.method,
        mode: 'cors',
        credentials: this.withCredentials ? 'include' : 'same-origin',
        redirect: 'follow',
        headerNames: [...info.headerNames],
        ...(site === undefined ? {} : { callSite: site }),
      };
      const answered = xhrUnderWorker(this); // ./sw-answers.ts
      apply(listen, this, [
        'loadend',
        () => {
          const outcome: Outcome =
            this.status > 0
              ? { kind: 'response', status: this.status, type: 'cors' }
              : { kind: 'rejected', message: 'XMLHttpRequest network error' };
          if (outcome.kind === 'rejected' && answered(base, post)) return;
          post({ ...base, outcome }, false);
        },
      ]);
    }
    return apply(nativeSend, this, args);
  }, nativeSend);
}
