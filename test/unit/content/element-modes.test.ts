// @vitest-environment happy-dom
/**
 * The element-modes part of the page hook: an element that loads with a `crossorigin` attribute
 * is reported as a page call with its credentials mode (use-credentials → include, anything else
 * → same-origin), however the attribute and URL were set, once per load, never for same-origin
 * or attribute-less loads; the setters it wraps behave as before.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { traceElementModes } from '../../../src/content/element-modes';
import type { PageCall } from '../../../src/shared/record';

const calls: PageCall[] = [];
const API = 'http://api.test/img.png';
/** MutationObserver callbacks run in a microtask: let them. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const srcSetterBefore = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')?.set;

beforeAll(() => {
  traceElementModes(
    <T extends (...args: never[]) => unknown>(wrapper: T) => wrapper,
    (call) => calls.push(call),
  );
});

beforeEach(() => {
  calls.length = 0;
});

describe('element credentials modes', () => {
  it('crossorigin=use-credentials before src: one call, credentials include', () => {
    const img = new Image();
    img.crossOrigin = 'use-credentials';
    img.src = API;
    expect(calls).toEqual([
      { api: 'element', url: API, method: 'GET', credentials: 'include', headerNames: [] },
    ]);
  });

  it('crossorigin set after src (the image refetches): reported then, anonymous is same-origin', () => {
    const img = new Image();
    img.src = `${API}?late`;
    expect(calls).toEqual([]);
    img.crossOrigin = 'anonymous';
    expect(calls.map((c) => [c.url, c.credentials])).toEqual([[`${API}?late`, 'same-origin']]);
  });

  it('an invalid value is Anonymous (same-origin); the same load is reported once', () => {
    const script = document.createElement('script');
    script.setAttribute('crossorigin', 'bogus');
    script.setAttribute('src', `${API}?s`);
    script.src = `${API}?s`;
    expect(calls.map((c) => [c.url, c.credentials])).toEqual([[`${API}?s`, 'same-origin']]);
  });

  it('audio, video and link (href) are watched too; the fragment is dropped', () => {
    const audio = document.createElement('audio');
    audio.crossOrigin = 'use-credentials';
    audio.src = 'http://api.test/a.wav';
    const video = document.createElement('video');
    video.setAttribute('crossorigin', '');
    video.src = 'http://api.test/v.webm#t=1';
    const link = document.createElement('link');
    link.crossOrigin = 'anonymous';
    link.href = 'http://api.test/style.css';
    expect(calls.map((c) => [c.url, c.credentials])).toEqual([
      ['http://api.test/a.wav', 'include'],
      ['http://api.test/v.webm', 'same-origin'],
      ['http://api.test/style.css', 'same-origin'],
    ]);
  });

  it('elements the parser or innerHTML inserts', async () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    host.innerHTML = `<p><img crossorigin="use-credentials" src="${API}?parsed"></p><img src="${API}?plain">`;
    await settled();
    expect(calls.map((c) => [c.url, c.credentials])).toEqual([[`${API}?parsed`, 'include']]);
    host.remove();
  });

  it('no call without the attribute, for a same-origin URL, or for data: URLs', () => {
    const plain = new Image();
    plain.src = API;
    const same = new Image();
    same.crossOrigin = 'use-credentials';
    same.src = `${location.origin}/own.png`;
    const data = new Image();
    data.crossOrigin = 'anonymous';
    data.src = 'data:image/png;base64,AAAA';
    expect(calls).toEqual([]);
  });

  it('the wrapped setters still set: the attribute and property read back as before', () => {
    const img = new Image();
    img.crossOrigin = 'use-credentials';
    img.src = API;
    expect(img.getAttribute('crossorigin')).toBe('use-credentials');
    expect(img.crossOrigin).toBe('use-credentials');
    expect(img.src).toBe(API);
    const descriptor = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
    expect(descriptor?.set).not.toBe(srcSetterBefore);
    expect(descriptor?.configurable).toBe(true);
    expect(typeof descriptor?.get).toBe('function');
  });
});
