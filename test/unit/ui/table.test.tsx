// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/panel/App';
import { createStore, type Store } from '../../../src/panel/store';
import { manyRecords, memoryStorage } from './fixtures';
import { root } from './mount';

let store: Store;

beforeEach(() => {
  store = createStore(memoryStorage(), 7);
});

const rows = (): HTMLElement[] => [...root.querySelectorAll<HTMLElement>('.grid-row')];
const grid = (): HTMLElement => root.querySelector('[role="grid"]') as HTMLElement;
const key = (k: string): void => {
  act(() => {
    grid().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
};

describe('request table', () => {
  it('renders only the visible rows of 10,000 records', () => {
    act(() => {
      store.setRecords(manyRecords(10_000));
      render(<App store={store} />, root);
    });
    const shown = rows();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(60);
    expect(grid().getAttribute('aria-rowcount')).toBe('10001');
    expect(shown[0]?.dataset.id).toBe('big:0');
    expect(root.querySelector('[role="status"]')?.textContent).toContain('10000 of 10000 requests');
  });

  it('renders the rows under the scroll position', () => {
    act(() => {
      store.setRecords(manyRecords(10_000));
      render(<App store={store} />, root);
    });
    act(() => {
      grid().scrollTop = 21 * 5000;
      grid().dispatchEvent(new Event('scroll'));
    });
    const ids = rows().map((r) => r.dataset.id);
    expect(ids).toContain('big:5000');
    expect(ids).not.toContain('big:0');
    expect(rows().length).toBeLessThan(60);
  });

  it('moves the selection with ↓ ↑ End Home and opens details with Enter', () => {
    act(() => {
      store.setRecords(manyRecords(300));
      render(<App store={store} />, root);
    });
    key('ArrowDown');
    expect(store.getState().selectedId).toBe('big:0');
    key('ArrowDown');
    key('ArrowDown');
    key('ArrowUp');
    expect(store.getState().selectedId).toBe('big:1');
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-id')).toBe('big:1');
    expect(grid().getAttribute('aria-activedescendant')).toBe('row-big_1');
    key('End');
    expect(store.getState().selectedId).toBe('big:299');
    // The last row was scrolled into the rendered window.
    expect(rows().map((r) => r.dataset.id)).toContain('big:299');
    key('Home');
    expect(store.getState().selectedId).toBe('big:0');
    expect(root.querySelector('.details')).toBeNull();
    key('Enter');
    expect(root.querySelector('.details')).not.toBeNull();
    expect(root.querySelector('[data-testid="sentence"]')?.textContent?.length).toBeGreaterThan(10);
  });

  it('shows a preflight badge on requests that needed one', () => {
    act(() => {
      store.setRecords(manyRecords(3));
      render(<App store={store} />, root);
    });
    const put = rows().find((r) => r.dataset.id === 'big:2');
    expect(put?.querySelector('.badge')?.textContent).toBe('OPTIONS 204');
    expect(put?.querySelector('.badge')?.classList.contains('badge-fail')).toBe(true);
    expect(
      rows()
        .find((r) => r.dataset.id === 'big:0')
        ?.querySelector('.badge'),
    ).toBeNull();
  });
});
