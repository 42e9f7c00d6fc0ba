import { describe, expect, it } from 'vitest';
import { extraInfoSpec, typesFor, WEB_REQUEST_LISTENERS } from '../../../src/platform/listeners';

// What the worker registers (and the overhead bench's floor build copies).
describe('webRequest listener table', () => {
  const chromeTypes = [
    'csp_report',
    'font',
    'image',
    'main_frame',
    'media',
    'object',
    'other',
    'ping',
    'script',
  ].concat(['stylesheet', 'sub_frame', 'webbundle', 'websocket', 'xmlhttprequest']);

  it('registers each event once, headers only where they are first known', () => {
    const events = WEB_REQUEST_LISTENERS.map((l) => l.event);
    expect(new Set(events).size).toBe(events.length);
    // onSendHeaders brings the request headers; onBeforeSendHeaders would only repeat them.
    expect(events).not.toContain('onBeforeSendHeaders');
    const withHeaders = WEB_REQUEST_LISTENERS.filter((l) => l.headers !== undefined).map((l) => l.name);
    expect(withHeaders).toEqual(['sendHeaders', 'headersReceived', 'beforeRedirect']);
  });

  it('asks for fetch types only; main_frame only where navigations are read', () => {
    const started = WEB_REQUEST_LISTENERS.find((l) => l.name === 'responseStarted');
    const completed = WEB_REQUEST_LISTENERS.find((l) => l.name === 'completed');
    if (!started || !completed) throw new Error('listener missing');
    const forCompleted = typesFor(completed, chromeTypes);
    expect(forCompleted).toContain('xmlhttprequest');
    expect(forCompleted).toContain('csp_report');
    for (const skipped of ['main_frame', 'sub_frame', 'websocket', 'webbundle'])
      expect(forCompleted).not.toContain(skipped);
    expect(typesFor(started, chromeTypes)).toContain('main_frame');
    expect(typesFor(started, chromeTypes)).not.toContain('sub_frame');
  });

  it('asks for every type where the browser exposes no ResourceType values', () => {
    expect(typesFor({}, undefined)).toBeUndefined();
    expect(typesFor({}, [])).toBeUndefined();
  });

  it('adds extraHeaders to a header list only where the browser has it', () => {
    expect(extraInfoSpec('requestHeaders', true)).toEqual(['requestHeaders', 'extraHeaders']);
    expect(extraInfoSpec('responseHeaders', false)).toEqual(['responseHeaders']);
    expect(extraInfoSpec(undefined, true)).toBeUndefined();
  });
});
