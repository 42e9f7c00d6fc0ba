// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { reportFile } from '../../../src/popup/export';
import { Popup, type PopupActions } from '../../../src/popup/Popup';
import { REPORT_SCHEMA } from '../../../src/shared/report-schema';
import { summary, XSS } from './fixtures';
import { root } from './mount';

function recorder(): { actions: PopupActions; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      exportReport: (f) => calls.push(`export:${f}`),
      copyMarkdown: () => calls.push('copy'),
      clear: () => calls.push('clear'),
    },
  };
}

const count = (name: string): string | null | undefined =>
  root.querySelector(`[data-count="${name}"] dd`)?.textContent;

describe('popup', () => {
  it('renders the counts and failing origins from a summary at once', () => {
    act(() => render(<Popup summary={summary()} actions={recorder().actions} />, root));
    expect(count('allowed')).toBe('12');
    expect(count('blocked')).toBe('3');
    expect(count('warnings')).toBe('2');
    expect(count('preflights')).toBe('4');
    expect(root.querySelector('.failing')?.textContent).toContain('https://api.example');
    expect(root.querySelector('.failing')?.textContent).toContain('Missing Allow-Origin');
    expect(root.querySelector('.failing [data-reason="MissingAllowOriginHeader"]')?.textContent).toBe(
      '3 Missing Allow-Origin',
    );
    expect(root.textContent).toContain('CORS');
  });

  it('says how many requests would fail in another browser, only when some would', () => {
    act(() => render(<Popup summary={summary({ failElsewhere: 2 })} actions={recorder().actions} />, root));
    const line = root.querySelector('[data-testid="fail-elsewhere"]');
    expect(line?.textContent).toBe(
      '2 requests work here but would fail in another browser (details in the CORS panel).',
    );
    act(() => render(<Popup summary={summary({ failElsewhere: 1 })} actions={recorder().actions} />, root));
    expect(root.querySelector('[data-testid="fail-elsewhere"]')?.textContent).toMatch(
      /^1 request works here/,
    );
    act(() => render(<Popup summary={summary()} actions={recorder().actions} />, root));
    expect(root.querySelector('[data-testid="fail-elsewhere"]')).toBeNull();
  });

  it('says so when nothing failed, and shows a page URL with markup as text', () => {
    act(() =>
      render(
        <Popup
          summary={summary({ topFailing: [], blocked: 0, pageUrl: `https://x.example/#${XSS}` })}
          actions={recorder().actions}
        />,
        root,
      ),
    );
    expect(root.textContent).toContain('No blocked cross-origin requests');
    expect(root.querySelector('.page')?.textContent).toContain(XSS);
    expect(root.querySelector('img')).toBeNull();
  });

  it('wires each button to its action', () => {
    const { actions, calls } = recorder();
    act(() => render(<Popup summary={summary()} actions={actions} />, root));
    for (const button of root.querySelectorAll('button')) act(() => button.click());
    expect(calls).toEqual(['export:markdown', 'export:json', 'export:har', 'copy', 'clear']);
  });

  it('names and types the exported files by format', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const md = reportFile({ format: 'markdown', text: '# Report' }, 7, at);
    expect(md).toEqual({
      name: 'cors-lens-tab7-2026-01-02T03-04-05-000Z.md',
      type: 'text/markdown',
      text: '# Report',
    });
    const json = reportFile(
      {
        schema: REPORT_SCHEMA,
        generatedAt: at.toISOString(),
        extension: { name: 'x', version: '1' },
        redacted: true,
        records: [],
      },
      7,
      at,
    );
    expect(json.name.endsWith('.json')).toBe(true);
    expect(JSON.parse(json.text).schema).toBe(REPORT_SCHEMA);
    const har = reportFile({ format: 'har', har: { log: { version: '1.2' } } }, 7, at);
    expect(har.name.endsWith('.har')).toBe(true);
    expect(JSON.parse(har.text)).toEqual({ log: { version: '1.2' } });
  });
});

describe('popup: requests without a tab', () => {
  it('says how many each kind of worker made, and how many were blocked', () => {
    const workers = [
      { context: 'service worker', count: 3, blocked: 1 },
      { context: 'shared worker', count: 1, blocked: 0 },
    ];
    act(() => render(<Popup summary={{ ...summary(), workers }} actions={recorder().actions} />, root));
    expect(root.querySelector('[data-testid="worker-requests"]')?.textContent).toBe(
      'Requests without a tab, made by a service worker (3, 1 blocked), a shared worker (1): counted above.',
    );
  });

  it('says nothing of workers when none made a request', () => {
    act(() => render(<Popup summary={summary()} actions={recorder().actions} />, root));
    expect(root.querySelector('[data-testid="worker-requests"]')).toBeNull();
  });
});

describe('popup: worker requests no tab of their origin was open for', () => {
  it('says how many are kept, by origin', () => {
    const noTab = [{ origin: 'http://app.test', count: 2 }];
    act(() => render(<Popup summary={{ ...summary(), noTab }} actions={recorder().actions} />, root));
    expect(root.querySelector('[data-testid="no-tab"]')?.textContent).toBe(
      'Kept for when a tab of their origin opens (requests of workers with no tab of it open): http://app.test (2).',
    );
  });
});
