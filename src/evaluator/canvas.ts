import type { Pass } from './context';
import { step, warn } from './context';
import type { PassOutcome } from './outcome';
import type { FixStep, ObservedExchange, RequestMode } from './types';

// #concept-canvas-origin-clean (HTML): drawing an image or video whose response is not
// CORS-same-origin (an opaque, no-cors response) into a canvas clears its origin-clean flag, and
// every read then throws SecurityError ("Tainted canvases may not be exported"). WebGL refuses
// such a source at texImage2D already. The page hook reports the refused read; this says which
// drawn load made the canvas unclean and why.

const ANCHOR = 'html:#concept-canvas-origin-clean';

export type TaintCause = 'no-crossorigin' | 'loaded-without-cors' | 'reused-copy' | 'cors-failed';

/** Records why this load tainted the canvas the page failed to read, if it did. */
export function canvasTaint(
  pass: Pass,
  exchange: ObservedExchange,
  outcome: PassOutcome,
  mode: RequestMode,
): void {
  const read = exchange.canvasRead;
  if (read === undefined) return;
  const cause = causeOf(read, outcome, mode);
  step(pass, {
    rule: 'canvas.origin-clean',
    anchor: ANCHOR,
    on: 'response',
    subject: read.read,
    expected: 'cors',
    actual: read.reused === true ? null : mode,
    outcome: cause === null ? 'pass' : 'fail',
    ...(cause === null ? {} : { detail: cause }),
  });
  if (cause !== null) {
    warn(pass, {
      code: 'canvas-tainted',
      on: 'response',
      subject: read.read,
      value: read.crossOrigin ?? undefined,
      detail: cause,
    });
  }
}

function causeOf(
  read: NonNullable<ObservedExchange['canvasRead']>,
  outcome: PassOutcome,
  mode: RequestMode,
): TaintCause | null {
  // 1. No request was seen: the element was given a copy the browser already had.
  if (read.reused === true) return 'reused-copy';
  // 2. Loaded no-cors: the element had no crossorigin attribute when its load started.
  if (mode !== 'cors') return read.crossOrigin === null ? 'no-crossorigin' : 'loaded-without-cors';
  // 3. A CORS load that failed never drew anything; one that passed cannot taint.
  return outcome.verdict === 'blocked' ? 'cors-failed' : null;
}

/** Page change, then the header the image's response needs, for a tainting load. */
export function canvasFix(exchange: ObservedExchange, cause: string, origin: string): FixStep[] {
  const pageChange =
    cause === 'no-crossorigin'
      ? 'canvas-set-crossorigin'
      : cause === 'loaded-without-cors'
        ? 'canvas-crossorigin-before-src'
        : cause === 'reused-copy'
          ? 'canvas-cache-bust'
          : undefined;
  const credentials = exchange.canvasRead?.crossOrigin === 'use-credentials';
  const headers = [
    { name: 'Access-Control-Allow-Origin', value: origin },
    ...(credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : []),
    { name: 'Vary', value: 'Origin' },
  ];
  const steps: FixStep[] = [];
  if (pageChange !== undefined) {
    steps.push({
      on: 'request',
      url: exchange.url,
      method: 'GET',
      setHeaders: [],
      removeHeaders: [],
      pageChange,
    });
  }
  steps.push({ on: 'response', url: exchange.url, method: 'GET', setHeaders: headers, removeHeaders: [] });
  return steps;
}
