/**
 * A canvas read refused for taint (page hook, src/content/canvas-tracer.ts), linked to the
 * records of what was drawn into the canvas: each cross-origin image or video the tab loaded
 * gets the read on its exchange (`canvasRead`), and the evaluator judges why it tainted. A
 * source the tab never requested (the browser reused a copy from its memory cache) becomes a
 * record of its own, so the explanation is never lost.
 */
import { originOf } from '../../evaluator/origin-of';
import type { ObservedExchange } from '../../evaluator/types';
import type { CanvasSource } from '../../shared/canvas-taint';
import { withoutFragment } from '../assembly/exchange';
import type { Input, Step, StoredRecord } from '../state';
import { addRecord, saveTab, tabOf, updateRecord } from './records';

const MEDIA_TYPES = new Set(['image', 'imageset', 'media', 'other']);

export function reduceCanvasTaint(step: Step, input: Extract<Input, { type: 'canvas-taint' }>): void {
  const { taint, tabId, origin } = input;
  const tab = tabOf(step, tabId);
  const seen = new Set<string>();
  for (const source of taint.sources) {
    const url = source.url === undefined ? undefined : withoutFragment(source.url);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    // Same-origin and data: sources never taint.
    const sourceOrigin = originOf(url);
    if (sourceOrigin === undefined || sourceOrigin === origin || url.startsWith('data:')) continue;
    const read = { read: taint.read, crossOrigin: source.crossOrigin };
    const record = latestLoad(step, tab.ids, url);
    if (record) {
      updateRecord(step, { ...record, exchange: { ...record.exchange, canvasRead: read } });
      continue;
    }
    const reused: StoredRecord = {
      id: `${tabId}:canvas:${tab.nextPageCall++}`,
      tabId,
      frameId: 0,
      type: source.kind === 'video' ? 'media' : 'image',
      startedAt: step.now,
      endedAt: step.now,
      exchange: reusedExchange(source, url, origin, { ...read, reused: true }),
    };
    addRecord(step, tab, reused);
    saveTab(step, tab);
  }
}

/** The newest record of a load of `url` in the tab (an element's, not a fetch()). */
function latestLoad(step: Step, ids: readonly string[], url: string): StoredRecord | undefined {
  for (let i = ids.length - 1; i >= 0; i--) {
    const record = step.state.records.get(ids[i] ?? '');
    if (record && MEDIA_TYPES.has(record.type) && withoutFragment(record.exchange.url) === url) return record;
  }
  return undefined;
}

function reusedExchange(
  source: CanvasSource,
  url: string,
  origin: string,
  canvasRead: NonNullable<ObservedExchange['canvasRead']>,
): ObservedExchange {
  return {
    initiatorOrigin: origin,
    url,
    method: 'GET',
    requestHeaders: [],
    requestHeadersSource: 'inferred',
    destination: source.kind === 'video' ? 'video' : 'image',
    preflights: [],
    redirects: [],
    canvasRead,
  };
}
