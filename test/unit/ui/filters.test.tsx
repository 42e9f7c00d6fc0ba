// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/panel/App';
import { applyFilters, NO_FILTERS, parseFilters } from '../../../src/panel/filter';
import { createStore, FILTERS_KEY } from '../../../src/panel/store';
import { manyRecords, memoryStorage } from './fixtures';
import { root } from './mount';

describe('filters', () => {
  const records = manyRecords(30, 3);

  it('keep blocked only, warnings only, one host, or free text', () => {
    const blocked = applyFilters(records, { ...NO_FILTERS, blockedOnly: true });
    expect(blocked.length).toBe(20);
    expect(blocked.every((r) => r.evaluation.verdict === 'blocked')).toBe(true);
    const host = applyFilters(records, { ...NO_FILTERS, host: 'h1.example' });
    expect(host.map((r) => r.id)).toEqual(records.filter((_, i) => i % 3 === 1).map((r) => r.id));
    expect(applyFilters(records, { ...NO_FILTERS, text: '  PUT ' }).length).toBe(10);
    expect(applyFilters(records, { ...NO_FILTERS, text: '/r/17' }).map((r) => r.id)).toEqual(['big:17']);
    const warned = applyFilters(records, { ...NO_FILTERS, warningsOnly: true });
    expect(warned.every((r) => r.evaluation.warnings.length > 0)).toBe(true);
  });

  it('persist across a panel reload', () => {
    const storage = memoryStorage();
    const first = createStore(storage, 7);
    first.setFilters({ text: 'put', blockedOnly: true });
    const reloaded = createStore(storage, 7);
    expect(reloaded.getState().filters).toEqual({ ...NO_FILTERS, text: 'put', blockedOnly: true });
  });

  it('survive garbage in storage', () => {
    expect(parseFilters('{not json')).toEqual(NO_FILTERS);
    expect(parseFilters('[1,2]')).toEqual(NO_FILTERS);
    expect(parseFilters('{"text":5,"blockedOnly":"yes"}')).toEqual(NO_FILTERS);
    const storage = memoryStorage();
    storage.setItem(FILTERS_KEY, 'null');
    expect(createStore(storage).getState().filters).toEqual(NO_FILTERS);
  });

  it('narrow the table as the user types, and memoise the visible rows', () => {
    const store = createStore(memoryStorage(), 7);
    act(() => {
      store.setRecords(records);
      render(<App store={store} />, root);
    });
    expect(store.visibleRows()).toBe(store.visibleRows());
    const input = root.querySelector('input[type="search"]') as HTMLInputElement;
    act(() => {
      input.value = 'h2.example';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const ids = [...root.querySelectorAll<HTMLElement>('.grid-row')].map((r) => r.dataset.id);
    expect(ids).toEqual(records.filter((_, i) => i % 3 === 2).map((r) => r.id));
    const blockedBox = root.querySelectorAll<HTMLInputElement>(
      'input[type="checkbox"]',
    )[0] as HTMLInputElement;
    act(() => blockedBox.click());
    expect(store.getState().filters.blockedOnly).toBe(true);
    expect(root.querySelector('[role="status"]')?.textContent).toContain(
      `${store.visibleRows().length} of 30`,
    );
  });
});
