/**
 * Failures no network request shows, part of the main-world hook (./main-world.iife.ts). On a
 * page a service worker controls, the worker answers fetch() instead of the network; when its
 * answer is one the request may not use (an opaque response to a `cors` request, say), fetch()
 * rejects and nothing fails on the network. So on such a page, and only there, the hook learns
 * how fetch() settled: it hands the page a promise of its own, settled with exactly the value or
 * error of the browser's, and reports a rejection with the controlling script and what the
 * page's Cache Storage holds for the URL (a cached no-cors copy is the usual culprit). The promise
 * the page holds is never observed by us (an `unhandledrejection` still fires for it, with the
 * browser's own error); it settles one microtask later than the browser's. An XHR needs no such
 * thing (its `loadend` listener already sees the failure): one that fails under a service
 * worker, not aborted and not timed out, is reported the same way.
 */
import type { PageCall, ServiceWorkerCall } from '../shared/record';
import { controllingScript } from './worker-signals';

type Post = (call: PageCall, refused: boolean) => void;

const PromiseCtor = Promise;
const then = Promise.prototype.then;
const apply = Reflect.apply;
const cachesOf = Object.getOwnPropertyDescriptor(globalThis, 'caches')?.get;
const match = globalThis.CacheStorage?.prototype.match;
const typeOf = Object.getOwnPropertyDescriptor(globalThis.Response?.prototype ?? {}, 'type')?.get;
const ErrorCtor = Error;
const listen = EventTarget.prototype.addEventListener;
const DOMExceptionCtor = globalThis.DOMException;

/** The type of the copy the page's caches hold for `url` (what a cache-first worker serves). */
async function cachedType(url: string): Promise<ServiceWorkerCall['cached']> {
  try {
    if (cachesOf === undefined || match === undefined || typeOf === undefined) return undefined;
    const storage = apply(cachesOf, globalThis, []) as CacheStorage;
    const copy = (await apply(match, storage, [url])) as Response | undefined;
    if (copy === undefined) return 'none';
    const type = apply(typeOf, copy, []) as string;
    return type === 'opaque' || type === 'opaqueredirect' ? type : 'other';
  } catch {
    return undefined; // no Cache Storage here (an opaque origin): nothing to add
  }
}

/** An abort is the page's own doing, not the worker's answer. */
function isAbort(error: unknown): boolean {
  return DOMExceptionCtor !== undefined && error instanceof DOMExceptionCtor && error.name === 'AbortError';
}

function report(call: PageCall, script: string, error: unknown, post: Post): void {
  if (isAbort(error)) return;
  let message = 'rejected';
  try {
    message = error instanceof ErrorCtor ? `${error.name}: ${error.message}` : String(error);
  } catch {
    // An exotic rejection value: the fact is enough.
  }
  void cachedType(call.url).then((cached) =>
    post(
      {
        ...call,
        outcome: { kind: 'rejected', message },
        serviceWorker: { script, ...(cached === undefined ? {} : { cached }) },
      },
      false,
    ),
  );
}

/**
 * The promise to hand the page for a fetch() the browser started: its own when no service worker
 * controls the page (nothing to learn there: failures show on the network), else one that
 * settles alike and reports a rejection.
 */
export function answeredBy(
  promise: Promise<Response>,
  call: PageCall | undefined,
  post: Post,
): Promise<Response> {
  let script: string | undefined;
  try {
    script = call === undefined ? undefined : controllingScript();
  } catch {
    script = undefined;
  }
  if (script === undefined || call === undefined) return promise;
  const controller = script;
  return new PromiseCtor<Response>((resolve, reject) => {
    apply(then, promise, [
      resolve,
      (error: unknown) => {
        reject(error);
        try {
          report(call, controller, error, post);
        } catch {
          // Reporting must never disturb the page.
        }
      },
    ]);
  });
}

/**
 * At an XHR's send(): the controlling service worker, and whether the XHR was aborted or timed
 * out before it ended (both end with status 0 too, and are the page's doing). The function it
 * returns reports the failure as the worker's answer and says whether it did.
 */
export function xhrUnderWorker(xhr: XMLHttpRequest): (call: PageCall, post: Post) => boolean {
  let script: string | undefined;
  try {
    script = controllingScript();
  } catch {
    script = undefined;
  }
  if (script === undefined) return () => false;
  const controller = script;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  try {
    apply(listen, xhr, ['abort', stop]);
    apply(listen, xhr, ['timeout', stop]);
  } catch {
    return () => false;
  }
  return (call, post) => {
    if (stopped) return false;
    try {
      report(call, controller, 'XMLHttpRequest network error', post);
      return true;
    } catch {
      return false;
    }
  };
}
