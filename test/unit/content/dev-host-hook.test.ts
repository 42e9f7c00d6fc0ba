// @vitest-environment happy-dom
// @vitest-environment-options {"url": "http://app.localhost:5173/"}
/** On a development host the static entry wraps, and the sites entry leaves the page to it (once). */
import { describe, expect, it } from 'vitest';

describe('page hook on a development host', () => {
  it('the static entry wraps; the sites entry does not wrap a second time', async () => {
    const fetchBefore = window.fetch;
    await import('../../../src/content/hook-dev-hosts.iife');
    const wrapped = window.fetch;
    expect(wrapped).not.toBe(fetchBefore);
    await import('../../../src/content/hook-sites.iife');
    expect(window.fetch).toBe(wrapped);
  });
});
