// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { describeFix, fixSnippets, summarize } from '../../../src/explain';
import { App } from '../../../src/panel/App';
import { createStore } from '../../../src/panel/store';
import type { CorsRecord } from '../../../src/shared/record';
import { headerDisallowed, memoryStorage, missingAcao, XSS } from './fixtures';
import { root } from './mount';

function show(record: CorsRecord): void {
  const store = createStore(memoryStorage(), 7);
  act(() => {
    store.setRecords([record]);
    store.select(record.id);
    render(<App store={store} />, root);
  });
}

describe('details pane', () => {
  it('leads with the sentence, then the trace with spec links', () => {
    const record = headerDisallowed();
    show(record);
    expect(root.querySelector('[data-testid="sentence"]')?.textContent).toBe(summarize(record));
    const steps = root.querySelectorAll('ol.trace li');
    expect(steps.length).toBe(record.evaluation.trace.length);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('ol.trace a')].map((a) => a.href);
    expect(links.every((href) => href.startsWith('https://fetch.spec.whatwg.org/'))).toBe(true);
    expect(root.querySelectorAll('ol.trace li.fail').length).toBeGreaterThan(0);
  });

  it('shows the fix in words and a tab per server snippet, switching on click', () => {
    const record = headerDisallowed();
    show(record);
    const fix = root.querySelector('[data-testid="fix"]');
    expect(fix?.textContent).toContain(describeFix(record.evaluation.fix[0] as never));
    expect(fix?.textContent?.toLowerCase()).toContain('access-control-allow-headers');
    const snippets = fixSnippets(record);
    const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    expect(tabs.map((t) => t.textContent)).toEqual(snippets.map((s) => s.label));
    expect(root.querySelector('[role="tabpanel"] pre')?.textContent).toBe(snippets[0]?.code);
    act(() => tabs[1]?.click());
    expect(root.querySelector('[role="tabpanel"] pre')?.textContent).toBe(snippets[1]?.code);
    expect(root.textContent).toContain('Copy as curl');
    expect(root.textContent).toContain('curl -i');
  });

  it('contrasts what JavaScript saw with what the server returned', () => {
    const record = missingAcao();
    show(record);
    const compare = root.querySelector('.compare')?.textContent ?? '';
    expect(compare).toContain('What JavaScript saw');
    expect(compare).toContain('status 0');
    expect(compare).toContain('Status 500');
  });

  it('renders a markup header value as text and creates no element from it', () => {
    show(missingAcao());
    const cells = [...root.querySelectorAll('table.headers td')].map((td) => td.textContent);
    expect(cells).toContain(XSS);
    expect(root.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});
