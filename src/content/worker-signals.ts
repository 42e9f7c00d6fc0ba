/**
 * The page's workers, part of the main-world hook (./main-world.iife.ts): the service worker
 * that controls the page, the scripts it registers and the shared workers it creates, reported
 * so the worker can tell a service worker's request from a shared worker's
 * (../shared/page-workers.ts). Transparent like the rest of the hook: `register()` and the
 * `SharedWorker` constructor are called with the same arguments and return or throw exactly
 * what they gave; only a `controllerchange` listener is added, which changes nothing.
 */
import {
  MAX_WORKER_URL_CHARS,
  MAX_WORKER_URLS,
  MAX_WORKERS_CHARS,
  PAGE_WORKERS_EVENT,
  type PageWorkers,
} from '../shared/page-workers';

type Wrap = <T extends (...args: never[]) => unknown>(wrapper: T, original: unknown) => T;
/** Makes `proxy` answer Function.prototype.toString as `original` (the hook's disguise). */
type Disguise = (proxy: object, original: object) => void;

const apply = Reflect.apply;
const construct = Reflect.construct;
const stringify = JSON.stringify;
const dispatch = EventTarget.prototype.dispatchEvent;
const listen = EventTarget.prototype.addEventListener;
const CustomEventCtor = CustomEvent;
const URLCtor = URL;
const ProxyCtor = Proxy;
const getter = (proto: object | undefined, name: string): ((this: unknown) => unknown) | undefined =>
  proto === undefined ? undefined : Object.getOwnPropertyDescriptor(proto, name)?.get;
// Absent outside secure contexts (plain http on a public name): then there is nothing to report.
const ContainerCtor = globalThis.ServiceWorkerContainer;
const containerOf = getter(globalThis.Navigator?.prototype, 'serviceWorker');
const controllerOf = getter(ContainerCtor?.prototype, 'controller');
const scriptUrlOf = getter(globalThis.ServiceWorker?.prototype, 'scriptURL');
const nativeRegister = ContainerCtor?.prototype.register;
const NativeSharedWorker = globalThis.SharedWorker;

const seen: { controller?: string; registered: string[]; shared: string[] } = {
  registered: [],
  shared: [],
};

function call<T>(fn: ((this: unknown) => unknown) | undefined, target: unknown): T | undefined {
  try {
    return fn === undefined || target === undefined || target === null
      ? undefined
      : (apply(fn, target, []) as T);
  } catch {
    return undefined;
  }
}

function absolute(url: unknown): string | undefined {
  try {
    const href = new URLCtor(String(url), document.baseURI).href;
    return href.length > MAX_WORKER_URL_CHARS ? undefined : href;
  } catch {
    return undefined;
  }
}

function post(): void {
  try {
    const workers: PageWorkers = {
      ...(seen.controller === undefined ? {} : { controller: seen.controller }),
      registered: seen.registered,
      shared: seen.shared,
    };
    const detail = stringify(workers);
    if (detail.length > MAX_WORKERS_CHARS) return;
    apply(dispatch, document, [new CustomEventCtor(PAGE_WORKERS_EVENT, { detail })]);
  } catch {
    // Reporting must never disturb the page.
  }
}

function note(list: string[], url: unknown): void {
  const href = absolute(url);
  if (href === undefined || list.includes(href) || list.length >= MAX_WORKER_URLS) return;
  list.push(href);
  post();
}

function readController(): void {
  const container = call<object>(containerOf, navigator);
  const controller = call<object>(controllerOf, container);
  const script = call<string>(scriptUrlOf, controller);
  if (script === seen.controller) return;
  if (script === undefined) delete seen.controller;
  else seen.controller = script;
  post();
}

/** The service worker that answers this page's requests, or undefined (read now, not cached). */
export function controllingScript(): string | undefined {
  const container = call<object>(containerOf, navigator);
  return call<string>(scriptUrlOf, call<object>(controllerOf, container));
}

export function watchPageWorkers(sameShape: Wrap, disguise: Disguise): void {
  try {
    const container = call<object>(containerOf, navigator);
    if (container !== undefined) {
      // A controlled page has its controller from the start; clients.claim() changes it later.
      if (call(controllerOf, container) !== undefined && call(controllerOf, container) !== null)
        readController();
      apply(listen, container, ['controllerchange', readController]);
    }
    if (ContainerCtor && nativeRegister) {
      ContainerCtor.prototype.register = sameShape(function register(
        this: unknown,
        ...args: unknown[]
      ): Promise<ServiceWorkerRegistration> {
        note(seen.registered, args[0]);
        return apply(nativeRegister, this, args) as Promise<ServiceWorkerRegistration>;
      }, nativeRegister);
    }
    if (NativeSharedWorker) {
      // A constructor: `new` must reach the original with the page's new.target (subclasses).
      const proxy: typeof SharedWorker = new ProxyCtor(NativeSharedWorker, {
        construct: (target, args: unknown[], newTarget: NewableFunction): object => {
          note(seen.shared, args[0]);
          return construct(target, args, newTarget === proxy ? target : newTarget) as object;
        },
      });
      disguise(proxy, NativeSharedWorker);
      globalThis.SharedWorker = proxy;
      // So `worker.constructor === SharedWorker` still holds.
      Object.defineProperty(NativeSharedWorker.prototype, 'constructor', {
        value: proxy,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
  } catch {
    // A page that froze these built-ins keeps them: the records stay "service or shared".
  }
}
