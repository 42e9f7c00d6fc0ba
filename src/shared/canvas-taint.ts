/**
 * What the page hook reports when the browser refuses to read a canvas because a cross-origin
 * image or video tainted it (https://html.spec.whatwg.org/#concept-canvas-origin-clean): the
 * read that failed and the sources drawn into that canvas, as the element said when drawn.
 * Travels as JSON in a DOM event (like page calls, ./page-channel.ts), then as one message.
 */

export const CANVAS_TAINT_EVENT = 'cors-lens:canvas-taint:9c41e2a8';

/** The reads that throw a SecurityError on a tainted canvas (or a cross-origin WebGL source). */
export const CANVAS_READS = [
  'getImageData',
  'toDataURL',
  'toBlob',
  'texImage2D',
  'texSubImage2D',
  'readPixels',
] as const;
export type CanvasRead = (typeof CANVAS_READS)[number];

export interface CanvasSource {
  /** `img`, `video`, `image` (SVG), `canvas` (a canvas drawn into another), or `other`. */
  readonly kind: 'img' | 'video' | 'image' | 'canvas' | 'other';
  /** The URL the element shows (currentSrc, else src); absent for a canvas. */
  readonly url?: string;
  /** The element's `crossorigin` attribute when it was drawn: null when absent. */
  readonly crossOrigin: string | null;
}

export interface CanvasTaint {
  readonly read: CanvasRead;
  /** Sources drawn into the canvas (most recent last), or the WebGL call's own source. */
  readonly sources: readonly CanvasSource[];
  readonly callSite?: string;
}

/** Bounds: a page drawing thousands of images keeps only the latest few per canvas. */
export const MAX_SOURCES = 16;
export const MAX_TAINT_CHARS = 20_000;
