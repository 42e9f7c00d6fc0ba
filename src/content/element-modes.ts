/**
 * Element loads' credentials mode, part of the main-world hook. An <img>, <script>, <link>,
 * <video> or <audio> with a `crossorigin` attribute is fetched in cors mode, with credentials
 * `include` for "use-credentials" and `same-origin` for any other value (HTML, CORS settings
 * attributes). webRequest shows neither, and Firefox's webRequest even reports an
 * <img crossorigin=use-credentials> answered with `Access-Control-Allow-Origin: *` as completed
 * although Firefox blocked it: without the attribute the evaluator cannot tell. This reports the
 * element's URL and credentials mode as a page call of its own (`api: 'element'`), paired with
 * the request like a fetch() call.
 *
 * Seen: the URL or the attribute set by property or setAttribute (also on elements not in the
 * document, `new Image()`), and elements the parser or innerHTML inserts (a MutationObserver). A
 * `crossorigin` set after `src` is reported then: an <img> refetches on that change. Transparent
 * like the rest of the hook: each setter runs the original first, with the same arguments.
 */
import type { PageCall } from '../shared/record';

type Wrap = <T extends (...args: never[]) => unknown>(wrapper: T, original: unknown) => T;

const apply = Reflect.apply;
const getAttribute = Element.prototype.getAttribute;
const hasAttribute = Element.prototype.hasAttribute;
const querySelectorAll = Element.prototype.querySelectorAll;
const defineProperty = Object.defineProperty;
const describeProperty = Object.getOwnPropertyDescriptor;
const URLCtor = URL;
const WeakMapCtor = WeakMap;
const MutationObserverCtor = globalThis.MutationObserver;
const ElementCtor = Element;

/** Element prototypes whose loads follow `crossorigin`, with the attribute holding the URL. */
const LOADERS: readonly (readonly [object | undefined, 'src' | 'href'])[] = [
  [globalThis.HTMLImageElement?.prototype, 'src'],
  [globalThis.HTMLScriptElement?.prototype, 'src'],
  [globalThis.HTMLLinkElement?.prototype, 'href'],
  [globalThis.HTMLMediaElement?.prototype, 'src'],
];
const TAGS: Readonly<Record<string, 'src' | 'href'>> = {
  IMG: 'src',
  SCRIPT: 'src',
  LINK: 'href',
  VIDEO: 'src',
  AUDIO: 'src',
};

/** Element → what was last reported for it, so one load is reported once. */
const reported = new WeakMapCtor<object, string>();

// https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cors-settings-attribute: the
// invalid value default is Anonymous, which is credentials mode "same-origin".
function credentialsOf(value: string): 'include' | 'same-origin' {
  return value.toLowerCase() === 'use-credentials' ? 'include' : 'same-origin';
}

function attribute(element: unknown, name: string): string | null {
  try {
    return apply(getAttribute, element, [name]) as string | null;
  } catch {
    return null;
  }
}

/** The element's load, if it is a cross-origin CORS one: its absolute URL and credentials mode. */
function loadOf(element: unknown): PageCall | undefined {
  let tag: string;
  try {
    tag = (element as Element).tagName;
  } catch {
    return undefined;
  }
  const urlAttribute = TAGS[tag];
  if (urlAttribute === undefined) return undefined;
  const crossOrigin = attribute(element, 'crossorigin');
  const raw = attribute(element, urlAttribute);
  if (crossOrigin === null || raw === null || raw === '') return undefined;
  let url: URL;
  try {
    url = new URLCtor(raw, document.baseURI);
  } catch {
    return undefined;
  }
  // Only a cross-origin http(s) load is a CORS request the worker records.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === location.origin)
    return undefined;
  const href = url.href;
  const hash = href.indexOf('#');
  return {
    api: 'element',
    url: hash === -1 ? href : href.slice(0, hash),
    method: 'GET',
    credentials: credentialsOf(crossOrigin),
    headerNames: [],
  };
}

/** Installs the watchers; `post` hands a call to the hook's batch (never throws). */
export function traceElementModes(wrap: Wrap, post: (call: PageCall) => void): void {
  const check = (element: unknown): void => {
    try {
      const load = loadOf(element);
      if (!load) return;
      const key = `${load.credentials} ${load.url}`;
      if (reported.get(element as object) === key) return;
      reported.set(element as object, key);
      post(load);
    } catch {
      // Reporting must never disturb the page.
    }
  };

  // Property setters: `img.src = …`, `img.crossOrigin = …` (elements in the document or not).
  for (const [proto, urlAttribute] of LOADERS) {
    if (proto === undefined) continue;
    for (const name of [urlAttribute, 'crossOrigin']) {
      const descriptor = describeProperty(proto, name);
      const setter = descriptor?.set;
      if (!descriptor || setter === undefined || descriptor.configurable !== true) continue;
      defineProperty(proto, name, {
        ...descriptor,
        set: wrap(function set(this: unknown, ...args: unknown[]): unknown {
          const result = apply(setter, this, args);
          check(this);
          return result;
        }, setter),
      });
    }
  }

  // setAttribute('src' | 'href' | 'crossorigin', …) on any of those elements.
  const nativeSetAttribute = ElementCtor.prototype.setAttribute;
  ElementCtor.prototype.setAttribute = wrap(function setAttribute(
    this: unknown,
    ...args: unknown[]
  ): unknown {
    const result = apply(nativeSetAttribute, this, args);
    try {
      const name = String(args[0]).toLowerCase();
      if (name === 'crossorigin' || name === 'src' || name === 'href') check(this);
    } catch {
      // Never disturb the page.
    }
    return result;
  }, nativeSetAttribute);

  // Elements the parser (or innerHTML) inserts never go through a setter.
  if (MutationObserverCtor === undefined) return;
  // An exception here would reach the page's error handlers: none may leave the callback.
  const observer = new MutationObserverCtor((mutations) => {
    try {
      for (let m = 0; m < mutations.length; m++) {
        const added = mutations[m]?.addedNodes;
        for (let n = 0; added !== undefined && n < added.length; n++) {
          const node = added[n];
          if (!(node instanceof ElementCtor)) continue;
          if (apply(hasAttribute, node, ['crossorigin'])) check(node);
          const inner = apply(querySelectorAll, node, ['[crossorigin]']) as NodeListOf<Element>;
          for (let i = 0; i < inner.length; i++) check(inner[i]);
        }
      }
    } catch {
      // Never disturb the page.
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
