// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/panel/App';
import { createStore } from '../../../src/panel/store';
import type { CorsRecord } from '../../../src/shared/record';
import { memoryStorage, missingAcao } from './fixtures';
import { root } from './mount';

function show(record: CorsRecord): void {
  const store = createStore(memoryStorage(), 7);
  act(() => {
    store.setRecords([record]);
    store.select(record.id);
    render(<App store={store} />, root);
  });
}

describe('details pane: a request without a tab', () => {
  it("labels a worker's request with its context and the other tabs that show it", () => {
    show({ ...missingAcao(), worker: { context: 'worker (no tab)', tabs: 3 } });
    const label = root.querySelector('[data-testid="worker-label"]');
    expect(label?.textContent).toBe('worker (no tab) · also shown in 2 other tabs of this origin');
  });

  it("says only the context when the tab is the worker's only one", () => {
    show({ ...missingAcao(), worker: { context: 'worker (no tab)', tabs: 1 } });
    expect(root.querySelector('[data-testid="worker-label"]')?.textContent).toBe('worker (no tab)');
  });

  it("has no label on a page's own request", () => {
    show(missingAcao());
    expect(root.querySelector('[data-testid="details-title"], .details-title')).not.toBeNull();
    expect(root.querySelector('[data-testid="worker-label"]')).toBeNull();
  });
});

describe('a request without a tab, by kind', () => {
  it('names the kind in the details and marks the row in the table', () => {
    show({ ...missingAcao(), worker: { context: 'service worker', tabs: 1 } });
    const label = root.querySelector('[data-testid="worker-label"]');
    expect(label?.textContent).toBe('service worker');
    expect(label?.getAttribute('title')).toContain('controlled by (or registered) a service worker');
    expect(root.querySelector('[data-testid="worker-mark"]')?.textContent).toBe('SW');
  });

  it('says "worker (service or shared)" when it cannot tell', () => {
    show({ ...missingAcao(), worker: { context: 'worker (service or shared)', tabs: 1 } });
    expect(root.querySelector('[data-testid="worker-label"]')?.textContent).toBe(
      'worker (service or shared)',
    );
    expect(root.querySelector('[data-testid="worker-mark"]')?.textContent).toBe('worker');
  });
});
