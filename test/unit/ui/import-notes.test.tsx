// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { recordsFromHar } from '../../../src/har/records';
import { ImportNotes } from '../../../src/panel/ImportNotes';
import { importText } from '../../../src/panel/import-file';
import { root } from './mount';

/** A Playwright HAR as recordHar writes it: one CORS block (status -1), one preflighted success. */
const playwrightHar = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'Playwright', version: '1.65.1' },
    pages: [],
    entries: [
      {
        startedDateTime: '2026-12-01T10:00:00.000Z',
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:8080/a',
          headers: [{ name: 'Referer', value: 'http://localhost:5173/' }],
        },
        response: { status: -1, headers: [], _failureText: 'net::ERR_FAILED' },
        _resourceType: 'fetch',
      },
      {
        startedDateTime: '2026-12-01T10:00:01.000Z',
        request: {
          method: 'PUT',
          url: 'http://127.0.0.1:8080/b',
          headers: [
            { name: 'Origin', value: 'http://localhost:5173' },
            { name: 'Sec-Fetch-Mode', value: 'cors' },
          ],
        },
        response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
        _resourceType: 'fetch',
      },
    ],
  },
});

describe('panel: an imported HAR says what it cannot tell', () => {
  it('the import gives the same records and words as cors-lens explain', () => {
    const result = importText(playwrightHar);
    if (!result.ok) throw new Error(result.error);
    const cli = recordsFromHar(playwrightHar, 'chrome', { crossOriginOnly: true }).records;
    expect(result.records.map((r) => r.imported)).toEqual(cli.map((r) => r.imported));
    expect(result.records[0]?.imported?.reasonUnknown).toBe(true);
  });

  it('states the producer limits once, above the table', () => {
    const result = importText(playwrightHar);
    if (!result.ok) throw new Error(result.error);
    act(() => render(<ImportNotes records={result.records} />, root));
    const items = [...root.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      "Playwright's HAR does not record preflights.",
      "Playwright's HAR does not keep a refused response: a blocked request has no status and no headers in it.",
      '1 blocked request: the HAR does not say why; each names the cors-lens probe command that asks the server.',
    ]);
  });

  it('renders nothing for live records', () => {
    act(() => render(<ImportNotes records={[]} />, root));
    expect(root.innerHTML).toBe('');
  });
});
