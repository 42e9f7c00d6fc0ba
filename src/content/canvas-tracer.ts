/**
 * The canvas taint tracer, part of the main-world hook. It remembers what was drawn into each
 * canvas (drawImage) and, when a read throws SecurityError because a cross-origin source
 * tainted it, reports the read and those sources. Transparent like the rest of the hook: each
 * wrapper calls the original with the same arguments and returns or rethrows exactly what it
 * gave; nothing is added to the page's globals; built-ins are captured before the page runs.
 */
import {
  CANVAS_TAINT_EVENT,
  type CanvasRead,
  type CanvasSource,
  type CanvasTaint,
  MAX_SOURCES,
  MAX_TAINT_CHARS,
} from '../shared/canvas-taint';

type Wrap = <T extends (...args: never[]) => unknown>(wrapper: T, original: unknown) => T;

const apply = Reflect.apply;
const stringify = JSON.stringify;
const dispatch = EventTarget.prototype.dispatchEvent;
const CustomEventCtor = CustomEvent;
const getAttribute = Element.prototype.getAttribute;
const WeakMapCtor = WeakMap;
const getter = (proto: object | undefined, name: string): ((this: unknown) => unknown) | undefined =>
  proto === undefined ? undefined : Object.getOwnPropertyDescriptor(proto, name)?.get;
const imgCurrentSrc = getter(globalThis.HTMLImageElement?.prototype, 'currentSrc');
const imgSrc = getter(globalThis.HTMLImageElement?.prototype, 'src');
const mediaCurrentSrc = getter(globalThis.HTMLMediaElement?.prototype, 'currentSrc');
const svgHref = getter(globalThis.SVGImageElement?.prototype, 'href');
const ImageCtor = globalThis.HTMLImageElement;
const VideoCtor = globalThis.HTMLVideoElement;
const SvgImageCtor = globalThis.SVGImageElement;
const CanvasCtor = globalThis.HTMLCanvasElement;
const OffscreenCtor = globalThis.OffscreenCanvas;

/** Canvas (or OffscreenCanvas) → what was drawn into it, most recent last. */
const drawn = new WeakMapCtor<object, CanvasSource[]>();

function read<T>(fn: ((this: unknown) => unknown) | undefined, target: unknown): T | undefined {
  try {
    return fn === undefined ? undefined : (apply(fn, target, []) as T);
  } catch {
    return undefined;
  }
}

function crossOriginOf(element: unknown): string | null {
  try {
    return apply(getAttribute, element, ['crossorigin']) as string | null;
  } catch {
    return null;
  }
}

function describe(source: unknown): CanvasSource[] {
  if (ImageCtor && source instanceof ImageCtor) {
    const url = read<string>(imgCurrentSrc, source) || read<string>(imgSrc, source);
    return [{ kind: 'img', ...(url ? { url } : {}), crossOrigin: crossOriginOf(source) }];
  }
  if (VideoCtor && source instanceof VideoCtor) {
    const url = read<string>(mediaCurrentSrc, source);
    return [{ kind: 'video', ...(url ? { url } : {}), crossOrigin: crossOriginOf(source) }];
  }
  if (SvgImageCtor && source instanceof SvgImageCtor) {
    const href = read<{ baseVal?: string }>(svgHref, source)?.baseVal;
    return [{ kind: 'image', ...(href ? { url: href } : {}), crossOrigin: crossOriginOf(source) }];
  }
  if ((CanvasCtor && source instanceof CanvasCtor) || (OffscreenCtor && source instanceof OffscreenCtor)) {
    // A tainted canvas drawn into another taints it too: carry its sources over.
    return drawn.get(source as object) ?? [];
  }
  return [{ kind: 'other', crossOrigin: null }];
}

function remember(canvas: unknown, source: unknown): void {
  if (typeof canvas !== 'object' || canvas === null) return;
  const list = drawn.get(canvas) ?? [];
  for (const item of describe(source)) {
    if (
      item.kind === 'other' ||
      list.some((known) => known.url === item.url && known.crossOrigin === item.crossOrigin)
    )
      continue;
    list.push(item);
  }
  drawn.set(canvas, list.length > MAX_SOURCES ? list.slice(-MAX_SOURCES) : list);
}

function isSecurityError(error: unknown): boolean {
  try {
    return (
      typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'SecurityError'
    );
  } catch {
    return false;
  }
}

function report(taint: CanvasTaint): void {
  try {
    const detail = stringify(taint);
    if (detail.length > MAX_TAINT_CHARS) return;
    apply(dispatch, document, [new CustomEventCtor(CANVAS_TAINT_EVENT, { detail })]);
  } catch {
    // Reporting must never disturb the page.
  }
}

function canvasOf(context: unknown): unknown {
  try {
    return (context as { canvas?: unknown }).canvas;
  } catch {
    return undefined;
  }
}

/** Installs the wrappers. `wrap` gives a wrapper the original's name, arity and source text. */
export function traceCanvasTaint(wrap: Wrap, callSite: () => string | undefined): void {
  const replace = (
    proto: object | undefined,
    name: string,
    make: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
  ) => {
    if (proto === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const original = descriptor?.value;
    if (typeof original !== 'function' || descriptor?.writable !== true) return;
    (proto as Record<string, unknown>)[name] = wrap(
      make(original as (...args: unknown[]) => unknown),
      original,
    );
  };

  // Sources: what drawImage puts into a 2D canvas.
  for (const proto of [
    globalThis.CanvasRenderingContext2D?.prototype,
    globalThis.OffscreenCanvasRenderingContext2D?.prototype,
  ]) {
    replace(
      proto,
      'drawImage',
      (original) =>
        function drawImage(this: unknown, ...args: unknown[]): unknown {
          const result = apply(original, this, args);
          remember(canvasOf(this), args[0]);
          return result;
        },
    );
  }

  const guarded =
    (name: CanvasRead, canvasFrom: (self: unknown, args: unknown[]) => CanvasSource[]) =>
    (original: (...args: unknown[]) => unknown) =>
      function read(this: unknown, ...args: unknown[]): unknown {
        try {
          return apply(original, this, args);
        } catch (error) {
          if (isSecurityError(error)) {
            const site = callSite();
            report({
              read: name,
              sources: canvasFrom(this, args),
              ...(site === undefined ? {} : { callSite: site }),
            });
          }
          throw error;
        }
      };
  const fromContext = (self: unknown) => drawn.get(canvasOf(self) as object) ?? [];
  const fromCanvas = (self: unknown) => drawn.get(self as object) ?? [];
  // WebGL refuses a cross-origin source at upload: the source is the call's last argument.
  const fromUpload = (self: unknown, args: unknown[]) => {
    const own = describe(args[args.length - 1]).filter((s) => s.kind !== 'other');
    return own.length > 0 ? own : fromContext(self);
  };

  for (const proto of [
    globalThis.CanvasRenderingContext2D?.prototype,
    globalThis.OffscreenCanvasRenderingContext2D?.prototype,
  ]) {
    replace(proto, 'getImageData', guarded('getImageData', fromContext));
  }
  replace(CanvasCtor?.prototype, 'toDataURL', guarded('toDataURL', fromCanvas));
  replace(CanvasCtor?.prototype, 'toBlob', guarded('toBlob', fromCanvas));
  for (const proto of [
    globalThis.WebGLRenderingContext?.prototype,
    globalThis.WebGL2RenderingContext?.prototype,
  ]) {
    replace(proto, 'texImage2D', guarded('texImage2D', fromUpload));
    replace(proto, 'texSubImage2D', guarded('texSubImage2D', fromUpload));
    replace(proto, 'readPixels', guarded('readPixels', fromContext));
  }
}
