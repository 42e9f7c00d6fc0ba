// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { Options } from '../../../src/options/Options';
import { parseMaxRecords, parseNameList } from '../../../src/options/parse';
import type { Settings } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { root } from './mount';

const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string): void => {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

describe('options', () => {
  it('parses name lists and the per-tab bound', () => {
    expect(parseNameList(' Cookie\nX-Api-Key, cookie\n\n')).toEqual(['cookie', 'x-api-key']);
    expect(parseMaxRecords('2000')).toEqual({ ok: true, value: 2000 });
    const bad = parseMaxRecords('12abc');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error).toContain('whole number');
  });

  it('saves edited lists and toggles through the settings request', async () => {
    const saved: Partial<Settings>[] = [];
    const save = async (patch: Partial<Settings>): Promise<Settings> => {
      saved.push(patch);
      return { ...DEFAULT_SETTINGS, ...patch };
    };
    act(() => render(<Options settings={DEFAULT_SETTINGS} save={save} />, root));
    type(root.querySelector('textarea[name="redactHeaders"]') as HTMLTextAreaElement, 'Cookie\nX-Secret');
    type(root.querySelector('input[name="maxRecordsPerTab"]') as HTMLInputElement, '800');
    act(() => (root.querySelector('input[type="checkbox"]') as HTMLInputElement).click());
    await act(async () => {
      (root.querySelector('form') as HTMLFormElement).requestSubmit();
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      redactHeaders: ['cookie', 'x-secret'],
      maxRecordsPerTab: 800,
      redactByDefault: false,
    });
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Saved.');
  });

  it('refuses a bad bound with a message and saves nothing', async () => {
    const saved: Partial<Settings>[] = [];
    act(() =>
      render(
        <Options
          settings={DEFAULT_SETTINGS}
          save={async (p) => {
            saved.push(p);
            return DEFAULT_SETTINGS;
          }}
        />,
        root,
      ),
    );
    type(root.querySelector('input[name="maxRecordsPerTab"]') as HTMLInputElement, '-5');
    await act(async () => {
      (root.querySelector('form') as HTMLFormElement).requestSubmit();
    });
    expect(saved).toHaveLength(0);
    expect(root.querySelector('[role="status"]')?.textContent).toContain('whole number');
  });
});
