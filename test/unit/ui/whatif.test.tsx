// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';
import { App } from '../../../src/panel/App';
import { applyFilters, NO_FILTERS } from '../../../src/panel/filter';
import { createStore } from '../../../src/panel/store';
import type { CorsRecord } from '../../../src/shared/record';
import {
  APP,
  allowed,
  authorizationWildcard,
  headerDisallowed,
  memoryStorage,
  missingAcao,
  XSS,
} from './fixtures';
import { root } from './mount';

function show(records: CorsRecord[], select?: CorsRecord) {
  const store = createStore(memoryStorage(), 7);
  act(() => {
    store.setRecords(records);
    if (select) store.select(select.id);
    render(<App store={store} />, root);
  });
  return store;
}

const q = <T extends Element = HTMLElement>(selector: string): T | null => root.querySelector<T>(selector);
const verdicts = () =>
  [...root.querySelectorAll<HTMLElement>('[data-testid="profiles"] tr')].map((tr) => [
    tr.dataset.profile,
    tr.dataset.verdict,
  ]);

function openEditor(): void {
  const toggle = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('What if'));
  act(() => toggle?.click());
}

function type(id: string, text: string): void {
  const area = q<HTMLTextAreaElement>(`#whatif-headers-${id}`);
  if (!area) throw new Error(`no editor for ${id}`);
  act(() => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const click = (name: string) =>
  act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === name)?.click());

describe('per-browser verdicts', () => {
  it('the details fold every profile into one line when the browsers agree, the table under it', () => {
    const record = authorizationWildcard();
    show([record], record);
    expect(verdicts().map(([p]) => p)).toEqual([...BROWSER_PROFILES]);
    expect(verdicts()).toContainEqual(['chrome', 'allowed']);
    expect(verdicts()).toContainEqual(['spec', 'blocked']);
    expect(q('[data-testid="profiles"] tr[data-profile="spec"]')?.textContent).toContain('authorization');
    expect(q('[data-testid="profiles-line"]')?.textContent).toBe(
      'Same in Chrome, Firefox and Safari; the Fetch standard would block it: Header not allowed: authorization.',
    );
    expect(q('[data-testid="profiles-differ"]')).toBeNull();
    expect(q('[data-testid="profiles"] details')?.hasAttribute('open')).toBe(false);
  });

  it('the table flags the row where they differ, and the filter keeps only those', () => {
    const odd = authorizationWildcard();
    const records = [allowed(), odd, missingAcao()];
    const store = show(records);
    const rows = [...root.querySelectorAll<HTMLElement>('.grid-row')];
    expect(rows.filter((r) => r.classList.contains('differs')).map((r) => r.dataset.id)).toEqual([odd.id]);
    expect(root.querySelector('.grid-row.differs .browsers-differ')?.textContent).toContain('✕ Spec');
    expect(rows[0]?.textContent).toContain('same');
    expect(applyFilters(records, { ...NO_FILTERS, differsOnly: true }).map((r) => r.id)).toEqual([odd.id]);
    const box = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('Browsers differ'));
    act(() => box?.querySelector('input')?.click());
    expect(store.getState().filters.differsOnly).toBe(true);
    expect([...root.querySelectorAll<HTMLElement>('.grid-row')].map((r) => r.dataset.id)).toEqual([odd.id]);
  });
});

describe('what-if editor', () => {
  it('typing the ACAO line flips the verdict, the profiles, the trace and the fix; Reset goes back', () => {
    const record = missingAcao();
    show([record], record);
    expect(q('[data-testid="fix"]')).not.toBeNull();
    openEditor();
    const area = q<HTMLTextAreaElement>('#whatif-headers-response');
    expect(area?.value).toContain('X-Debug:');
    type('response', `${area?.value}\nAccess-Control-Allow-Origin: ${APP}`);
    expect(q('[data-testid="hypothetical"]')?.textContent).toContain('Hypothetical');
    expect(q('.sentence')?.classList.contains('allowed')).toBe(true);
    expect(verdicts().every(([, v]) => v === 'allowed')).toBe(true);
    expect(root.querySelectorAll('ol.trace li.fail').length).toBe(0);
    expect(q('[data-testid="fix"]')?.textContent ?? '').not.toContain('Access-Control-Allow-Origin');
    click('Reset');
    expect(q('[data-testid="hypothetical"]')).toBeNull();
    expect(q('.sentence')?.classList.contains('blocked')).toBe(true);
    expect(q<HTMLTextAreaElement>('#whatif-headers-response')?.value).not.toContain(APP);
  });

  it('Apply the fix fills in the headers and every profile allows it', () => {
    const record = headerDisallowed();
    show([record], record);
    openEditor();
    click('Apply the fix');
    expect(q<HTMLTextAreaElement>('#whatif-headers-preflight-0')?.value).toContain(
      'Access-Control-Allow-Headers: x-trace-id',
    );
    expect(verdicts().length).toBe(BROWSER_PROFILES.length);
    expect(verdicts().every(([, v]) => v === 'allowed')).toBe(true);
  });

  it('the credentials mode is a labelled select; Escape resets', () => {
    const record = allowed();
    show([record], record);
    openEditor();
    type('response', 'Access-Control-Allow-Origin: *');
    const select = q<HTMLSelectElement>('#whatif-credentials');
    expect(q('label[for="whatif-credentials"]')?.textContent).toBe('Request credentials');
    act(() => {
      if (select) select.value = 'include';
      select?.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(q('.sentence')?.classList.contains('blocked')).toBe(true);
    act(() => {
      q('#whatif-headers-response')?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });
    expect(q('[data-testid="hypothetical"]')).toBeNull();
    expect(q<HTMLSelectElement>('#whatif-credentials')?.value).toBe('omit');
  });

  it('every field has a label, and bad lines are reported, not guessed', () => {
    const record = headerDisallowed();
    show([record], record);
    openEditor();
    for (const field of root.querySelectorAll('.whatif textarea, .whatif input, .whatif select')) {
      expect(root.querySelector(`label[for="${field.id}"]`), field.id).not.toBeNull();
    }
    type('response', 'not a header line');
    expect(q('.whatif-invalid')?.textContent).toContain('1');
  });

  it('renders typed and observed markup as text: no element, no script', () => {
    const record = missingAcao();
    show([record], record);
    openEditor();
    expect(q<HTMLTextAreaElement>('#whatif-headers-response')?.value).toContain(XSS);
    type('response', `X-Evil: ${XSS}\nAccess-Control-Allow-Origin: ${XSS}\n${XSS}`);
    expect(root.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    const cells = [...root.querySelectorAll('table.headers td')].map((td) => td.textContent);
    expect(cells).toContain(XSS);
    expect(q('ol.trace')?.textContent).toContain(XSS);
  });
});
