// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/panel/App';
import { createStore } from '../../../src/panel/store';
import { Popup } from '../../../src/popup/Popup';
import type { CorsRecord } from '../../../src/shared/record';
import { APP, allowed, exchange, headerDisallowed, memoryStorage, record, summary } from './fixtures';
import { root } from './mount';

// The panel and popup as a new user meets them: the details top-down (answer, fix, evidence,
// browsers, trace), the table's path column and rounded times, marks only for warnings that call
// for action, the popup's reasons with counts.

function show(records: CorsRecord[], selected?: CorsRecord): void {
  const store = createStore(memoryStorage(), 7);
  act(() => {
    store.setRecords(records);
    if (selected) store.select(selected.id);
    render(<App store={store} />, root);
  });
}

const follows = (a: Element | null, b: Element | null): boolean =>
  a !== null && b !== null && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

describe('details, top-down', () => {
  it('answer, fix, evidence (each response labelled, why a preflight), browsers, trace, headers', () => {
    const record = headerDisallowed();
    show([record], record);
    const order = [
      '[data-testid="sentence"]',
      '[data-testid="fix"]',
      '[data-testid="evidence"]',
      '[data-testid="profiles"]',
      'ol.trace',
      'table.headers',
    ].map((s) => root.querySelector(s));
    expect(order.every((el) => el !== null)).toBe(true);
    for (let i = 1; i < order.length; i++) expect(follows(order[i - 1] ?? null, order[i] ?? null)).toBe(true);
    const preflight = root.querySelector('[data-response="preflight"]')?.textContent ?? '';
    expect(preflight).toMatch(/^Preflight \(OPTIONS\): status \d+$/);
    expect(root.querySelector('[data-response="actual"]')?.textContent).toContain(
      'none: the browser did not send the request after the preflight failed',
    );
    expect(root.querySelector('[data-testid="why-preflight"]')?.textContent).toContain('X-Trace-Id');
    expect(root.textContent).not.toMatch(/replayed|engine/);
  });
});

describe('request table', () => {
  it('shows the path and query apart from the host, and whole milliseconds', () => {
    const slow = { ...allowed(), endedAt: undefined };
    const r = { ...slow, endedAt: slow.startedAt + 27.287109375 };
    show([r]);
    const url = root.querySelector('.grid-row .url');
    expect(url?.querySelector('.host')?.textContent).toBe('ok.example');
    expect(url?.querySelector('.path')?.textContent).toBe('/data');
    expect(url?.getAttribute('title')).toBe('https://ok.example/data');
    expect(root.querySelector('.grid-row')?.textContent).toContain('27 ms');
    expect(root.querySelector('.grid-row')?.textContent).not.toContain('27.28');
  });

  it('marks a row only for warnings that call for action', () => {
    const inferred = record(
      exchange({
        url: 'https://fonts.example/a.woff2',
        credentials: undefined,
        response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
      }),
      'font',
    );
    const unvaried = record(
      exchange({
        url: 'https://api.example/me',
        response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: APP }] },
      }),
    );
    expect(inferred.evaluation.warnings.length).toBeGreaterThan(0);
    expect(unvaried.evaluation.warnings.map((w) => w.code)).toContain('missing-vary-origin');
    show([inferred, unvaried]);
    const row = (id: string) => root.querySelector(`.grid-row[data-id="${id}"]`);
    expect(row(inferred.id)?.querySelector('[data-testid="warning-mark"]')).toBeNull();
    expect(row(inferred.id)?.textContent).toContain('OK');
    expect(row(inferred.id)?.textContent).not.toContain('warning');
    expect(row(unvaried.id)?.querySelector('[data-testid="warning-mark"]')).not.toBeNull();
  });
});

describe('popup', () => {
  it('lists each failing origin with its reasons and their counts, most frequent first', () => {
    const s = summary({
      blocked: 10,
      topFailing: [
        {
          origin: 'http://127.0.0.1:45925',
          count: 10,
          corsError: 'MissingAllowOriginHeader',
          reasons: [
            { code: 'MissingAllowOriginHeader', count: 2 },
            { code: 'AllowOriginMismatch', count: 2 },
            { code: 'WildcardOriginNotAllowed', count: 1 },
            { code: null, count: 1 },
          ],
        },
      ],
    });
    act(() =>
      render(<Popup summary={s} actions={{ exportReport() {}, copyMarkdown() {}, clear() {} }} />, root),
    );
    const reasons = [...root.querySelectorAll('.failing .reasons li')].map((li) => li.textContent);
    expect(reasons).toEqual([
      '2 Missing Allow-Origin',
      '2 Allow-Origin mismatch',
      '1 Wildcard origin with credentials',
      '1 Network error (not CORS)',
    ]);
  });
});
