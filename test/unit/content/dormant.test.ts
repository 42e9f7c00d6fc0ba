// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example.com/cart"}
/**
 * On a page outside the recording scope the hook's static entry stays dormant: fetch, XHR and
 * Function.prototype.toString are the page's own objects, untouched; the dynamic entry (the
 * worker registers it only for the sites turned on) wraps there.
 */
import { describe, expect, it } from 'vitest';

describe('page hook on a site that is not recorded', () => {
  it('the static entry wraps nothing; the sites entry wraps', async () => {
    expect(location.hostname).toBe('shop.example.com');
    const fetchBefore = window.fetch;
    const openBefore = XMLHttpRequest.prototype.open;
    const toStringBefore = Function.prototype.toString;
    await import('../../../src/content/hook-dev-hosts.iife');
    expect(window.fetch).toBe(fetchBefore);
    expect(XMLHttpRequest.prototype.open).toBe(openBefore);
    expect(Function.prototype.toString).toBe(toStringBefore);
    await import('../../../src/content/hook-sites.iife');
    expect(window.fetch).not.toBe(fetchBefore);
    expect(XMLHttpRequest.prototype.open).not.toBe(openBefore);
  });
});
