// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { UnsavedNote } from '../../../src/panel/UnsavedNote';
import { Popup } from '../../../src/popup/Popup';
import { summary } from '../ui/fixtures';
import { root } from '../ui/mount';

// Issue #15 item 8: the panel and the popup say how many records storage could not keep.

const noop = () => undefined;
const actions = new Proxy({}, { get: () => noop }) as Parameters<typeof Popup>[0]['actions'];

describe('records storage could not keep, shown', () => {
  it('the panel status bar counts them, and says nothing at 0', () => {
    act(() => render(<UnsavedNote unsaved={513} />, root));
    expect(root.textContent).toBe(' · 513 not kept (storage full)');
    act(() => render(<UnsavedNote unsaved={0} />, root));
    expect(root.textContent).toBe('');
  });

  it('the popup says so in a line of its own', () => {
    act(() => render(<Popup summary={{ ...summary(), unsaved: 42 }} actions={actions} />, root));
    expect(root.querySelector('[data-testid="unsaved"]')?.textContent).toBe(
      "42 requests were not kept: the browser's session storage was full.",
    );
    act(() => render(<Popup summary={summary()} actions={actions} />, root));
    expect(root.querySelector('[data-testid="unsaved"]')).toBeNull();
  });
});
