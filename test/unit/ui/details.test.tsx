// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { describeFix, fixSnippets, summarize } from '../../../src/explain';
import { App } from '../../../src/panel/App';
import { createStore } from '../../../src/panel/store';
import type { CorsRecord } from '../../../src/shared/record';
import { exchange, headerDisallowed, memoryStorage, missingAcao, record as recordOf, XSS } from './fixtures';
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

  it('shows the fix per response as header lines to copy, then a snippet per server from a compact chooser', () => {
    const record = headerDisallowed();
    show(record);
    const fix = root.querySelector('[data-testid="fix"]');
    expect(fix?.textContent).toContain(describeFix(record.evaluation.fix[0] as never));
    const blocks = [...root.querySelectorAll('[data-testid="fix-headers"]')].map((b) => b.textContent);
    expect(blocks).toHaveLength(record.evaluation.fix.length);
    expect(blocks[0]).toMatch(/^Access-Control-Allow-Origin: https:\/\/app\.example$/m);
    expect(blocks[0]).toMatch(/^Access-Control-Allow-Headers: x-trace-id$/m);
    const copies = [...root.querySelectorAll('[data-testid="fix"] button')].map((b) => b.textContent);
    expect(copies).toContain('Copy preflight headers');
    expect(copies).toContain('Copy response headers');
    const snippets = fixSnippets(record);
    const select = root.querySelector<HTMLSelectElement>('select[aria-label="Server"]');
    expect([...(select?.options ?? [])].map((o) => o.textContent)).toEqual(snippets.map((s) => s.label));
    expect(root.querySelectorAll('[role="tab"]')).toHaveLength(0);
    expect(root.querySelector('[data-testid="snippet"] pre')?.textContent).toBe(snippets[0]?.code);
    act(() => {
      if (select) select.value = 'nginx';
      select?.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(root.querySelector('[data-testid="snippet"] pre')?.textContent).toBe(
      snippets.find((s) => s.id === 'nginx')?.code,
    );
    expect(root.textContent).toContain('Copy as curl');
    expect(root.textContent).toContain('curl -i');
  });

  it('gives a redirect hop its own header lines to copy', () => {
    const hop = recordOf(
      exchange({
        url: 'https://api.example/old',
        redirects: [
          {
            url: 'https://api.example/old',
            requestHeaders: [{ name: 'Origin', value: 'https://app.example' }],
            response: { status: 302, headers: [{ name: 'Location', value: 'https://api.example/items' }] },
            location: 'https://api.example/items',
          },
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(hop.evaluation.fix.some((f) => f.on === 'redirect')).toBe(true);
    show(hop);
    const section = root.querySelector('[data-on="redirect"]');
    expect(section?.querySelector('[data-testid="fix-headers"]')?.textContent).toContain(
      'Access-Control-Allow-Origin: https://app.example',
    );
    expect(section?.querySelector('button')?.textContent).toBe('Copy redirect headers');
  });

  it('renders the snippet from the policy over every record to the server, and lists what it covers', () => {
    const blocked = headerDisallowed();
    const other = { ...missingAcao(), id: 'other:1' };
    const store = createStore(memoryStorage(), 7);
    act(() => {
      store.setRecords([blocked, other]);
      store.select(blocked.id);
      render(<App store={store} />, root);
    });
    const policy = root.querySelector('[data-testid="policy"]')?.textContent ?? '';
    expect(policy).toContain('Covers 2 requests');
    expect(policy).toContain('PUT /items');
    expect(policy).toContain('GET /items');
    expect(root.querySelector('[data-testid="snippet"] pre')?.textContent).toBe(
      fixSnippets(blocked, [other])[0]?.code,
    );
    expect(root.querySelector('[data-testid="snippet"] pre')?.textContent).toContain('"GET", "PUT"');
  });

  it('contrasts what JavaScript saw with what the server returned', () => {
    const record = missingAcao();
    show(record);
    const compare = root.querySelector('.compare')?.textContent ?? '';
    expect(compare).toContain('What JavaScript saw');
    expect(compare).toContain('status 0');
    // Each response says which one it was: here the only one, the GET's own, hidden from JS.
    const actual = root.querySelector('[data-response="actual"]')?.textContent ?? '';
    expect(actual).toBe('Response (GET): status 500hidden from JS');
    expect(root.querySelector('[data-response="preflight"]')).toBeNull();
  });

  it('renders a markup header value as text and creates no element from it', () => {
    show(missingAcao());
    const cells = [...root.querySelectorAll('table.headers td')].map((td) => td.textContent);
    expect(cells).toContain(XSS);
    expect(root.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});
