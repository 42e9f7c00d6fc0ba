import { describe, expect, it } from 'vitest';
import { reduce } from '../../../src/background/reducers/reduce';
import { type CaptureState, emptyState, type Input } from '../../../src/background/state';
import { decodeRecord, encodeRecord } from '../../../src/background/store/codec';
import { evaluate } from '../../../src/evaluator/evaluate';
import type { ObservedExchange } from '../../../src/evaluator/types';
import { describeFix, summarize } from '../../../src/explain';
import { checkRequest } from '../../../src/shared/guards';
import type { CorsRecord } from '../../../src/shared/record';

const PAGE = 'http://page.test';
const IMG = 'http://cdn.test/cat.png';

function feedAll(inputs: Input[]): CaptureState {
  let state = emptyState();
  for (const input of inputs) state = reduce(state, input).state;
  return state;
}

const event = (name: 'beforeRequest' | 'sendHeaders' | 'completed', extra: object, now: number): Input => ({
  type: 'web-request',
  name,
  now,
  event: {
    requestId: 'i1',
    url: IMG,
    method: 'GET',
    tabId: 3,
    frameId: 0,
    type: 'image',
    timeStamp: now,
    initiator: PAGE,
    ...extra,
  },
});

const taint = (crossOrigin: string | null, url = IMG): Input => ({
  type: 'canvas-taint',
  tabId: 3,
  origin: PAGE,
  now: 50,
  taint: { read: 'getImageData', sources: [{ kind: 'img', url, crossOrigin }] },
});

function withEvaluation(exchange: ObservedExchange): CorsRecord {
  return {
    id: 'x',
    tabId: 3,
    frameId: 0,
    type: 'image',
    startedAt: 0,
    exchange,
    evaluation: evaluate(exchange, { profile: 'chrome' }),
  };
}

describe('canvas taint: the refused read is linked to the load that tainted it', () => {
  it('an <img> without crossorigin: its record gets the read, the words and the two-part fix', () => {
    const state = feedAll([
      event('beforeRequest', {}, 10),
      event('sendHeaders', { requestHeaders: [{ name: 'Sec-Fetch-Mode', value: 'no-cors' }] }, 11),
      event(
        'completed',
        { statusCode: 200, responseHeaders: [{ name: 'Content-Type', value: 'image/png' }] },
        12,
      ),
      taint(null),
    ]);
    const [record] = [...state.records.values()];
    expect(record?.exchange.canvasRead).toEqual({ read: 'getImageData', crossOrigin: null });
    const full = withEvaluation(record?.exchange as ObservedExchange);
    expect(full.evaluation.verdict).toBe('opaque');
    expect(full.evaluation.warnings.find((w) => w.code === 'canvas-tainted')?.detail).toBe('no-crossorigin');
    expect(summarize(full)).toContain('could not read a canvas');
    expect(
      full.evaluation.fix.map(
        (f) => f.pageChange ?? f.setHeaders.map((x) => `${x.name}: ${x.value}`).join('; '),
      ),
    ).toEqual(['canvas-set-crossorigin', `Access-Control-Allow-Origin: ${PAGE}; Vary: Origin`]);
    expect(full.evaluation.fix.map(describeFix).join(' ')).toContain('crossorigin="anonymous"');
    // The link survives the compact store format.
    const encoded = encodeRecord(record as NonNullable<typeof record>);
    expect((decodeRecord(encoded) as { exchange: ObservedExchange }).exchange.canvasRead).toEqual(
      record?.exchange.canvasRead,
    );
  });

  it('crossorigin set now but the load had no Origin: set after src, or a no-cors copy', () => {
    const state = feedAll([
      event('beforeRequest', {}, 10),
      event('completed', { statusCode: 200, responseHeaders: [] }, 12),
      taint('anonymous'),
    ]);
    const full = withEvaluation([...state.records.values()][0]?.exchange as ObservedExchange);
    expect(full.evaluation.warnings.find((w) => w.code === 'canvas-tainted')?.detail).toBe(
      'loaded-without-cors',
    );
    expect(full.evaluation.fix[0]?.pageChange).toBe('canvas-crossorigin-before-src');
  });

  it('a CORS load that passed did not taint: no warning, the trace says so', () => {
    const exchange: ObservedExchange = {
      initiatorOrigin: PAGE,
      url: IMG,
      method: 'GET',
      requestHeaders: [{ name: 'Origin', value: PAGE }],
      destination: 'image',
      preflights: [],
      redirects: [],
      response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
      canvasRead: { read: 'toDataURL', crossOrigin: 'anonymous' },
    };
    const e = evaluate(exchange, { profile: 'chrome' });
    expect(e.warnings.some((w) => w.code === 'canvas-tainted')).toBe(false);
    expect(e.trace.find((s) => s.rule === 'canvas.origin-clean')?.outcome).toBe('pass');
  });

  it('a source no request was seen for (memory cache) becomes a record of its own: cache-busting', () => {
    const state = feedAll([taint('anonymous', 'http://cdn.test/seen-before.png')]);
    const [record] = [...state.records.values()];
    expect(record?.id).toMatch(/^3:canvas:/);
    const full = withEvaluation(record?.exchange as ObservedExchange);
    expect(full.evaluation.warnings.find((w) => w.code === 'canvas-tainted')?.detail).toBe('reused-copy');
    expect(full.evaluation.fix[0]?.pageChange).toBe('canvas-cache-bust');
  });

  it('same-origin and data: sources are never blamed', () => {
    const state = feedAll([taint(null, `${PAGE}/own.png`), taint(null, 'data:image/png;base64,AAAA')]);
    expect(state.records.size).toBe(0);
  });

  it('the message guard refuses malformed reports', () => {
    const good = {
      type: 'cors-lens:canvas-taint',
      v: 2,
      taint: { read: 'toBlob', sources: [{ kind: 'video', url: IMG, crossOrigin: null }] },
    };
    expect(checkRequest(good).ok).toBe(true);
    expect(checkRequest({ ...good, taint: { read: 'eval', sources: [] } }).ok).toBe(false);
    expect(
      checkRequest({
        ...good,
        taint: { read: 'toBlob', sources: [{ kind: 'img', url: 1, crossOrigin: null }] },
      }).ok,
    ).toBe(false);
    expect(
      checkRequest({
        ...good,
        taint: { read: 'toBlob', sources: new Array(17).fill({ kind: 'img', crossOrigin: null }) },
      }).ok,
    ).toBe(false);
  });
});
