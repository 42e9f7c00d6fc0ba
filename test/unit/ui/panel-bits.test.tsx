// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { EvictionNote } from '../../../src/panel/EvictionNote';
import { PreserveLog } from '../../../src/panel/PreserveLog';
import { root } from './mount';

/** Resolves once the microtasks of the component's promises have run. */
const flush = () => act(async () => {});

describe('panel: Preserve log', () => {
  it('shows the worker setting and saves a change through it', async () => {
    const saved: boolean[] = [];
    act(() => {
      render(
        <PreserveLog
          load={async () => true}
          save={async (v) => {
            saved.push(v);
            return v;
          }}
        />,
        root,
      );
    });
    const box = root.querySelector('input') as HTMLInputElement;
    expect(box.disabled).toBe(true); // until the setting is known
    await flush();
    expect(box.disabled).toBe(false);
    expect(box.checked).toBe(true);
    act(() => box.click());
    await flush();
    expect(saved).toEqual([false]);
    expect(box.checked).toBe(false);
    expect(root.textContent).toContain('Preserve log');
  });

  it('goes back to the stored value when saving fails', async () => {
    act(() => {
      render(<PreserveLog load={async () => false} save={() => Promise.reject(new Error('gone'))} />, root);
    });
    await flush();
    const box = root.querySelector('input') as HTMLInputElement;
    act(() => box.click());
    await flush();
    expect(box.checked).toBe(false);
  });
});

describe('panel: eviction note', () => {
  it('counts dropped records, and says nothing when none were', () => {
    act(() => render(<EvictionNote evicted={12_345} />, root));
    expect(root.textContent).toBe(' · 12,345 older dropped');
    act(() => render(<EvictionNote evicted={0} />, root));
    expect(root.textContent).toBe('');
  });
});
