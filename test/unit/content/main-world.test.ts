// @vitest-environment happy-dom
/**
 * The main-world page hook must be invisible: same results, same error objects, same function
 * identity as far as practical, no new globals. It reports each call on a DOM event, flagging
 * the calls the renderer refuses before any network activity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BATCH_CALLS,
  MAX_CALL_CHARS,
  PAGE_CALL_EVENT,
  type PageCallDetail,
} from '../../../src/shared/page-channel';

const reported: PageCallDetail[] = [];
/** The number of calls in each event: one event per page task, not one per call. */
const batches: number[] = [];
/** The hook reports a task's calls in a microtask after the first. */
const reportedSoon = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const response = new Response('ok', { status: 201 });
const failure = new TypeError('Failed to fetch');
let behaviour: 'resolve' | 'reject' | 'throw' = 'resolve';
let lastPromise: Promise<Response> | undefined;

/** The page's fetch before the hook: a controllable stand-in for the network. */
function fetch(_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> {
  if (behaviour === 'throw') throw failure;
  lastPromise = behaviour === 'resolve' ? Promise.resolve(response) : Promise.reject(failure);
  return lastPromise;
}

let globalsBefore: string[] = [];
let original: typeof window.fetch;
const nativeOpen = XMLHttpRequest.prototype.open;
const nativeSetRequestHeader = XMLHttpRequest.prototype.setRequestHeader;
const toStringBefore = {
  open: Function.prototype.toString.call(nativeOpen),
  fetch: '',
};

beforeAll(async () => {
  window.fetch = fetch as typeof window.fetch;
  original = window.fetch;
  toStringBefore.fetch = Function.prototype.toString.call(original);
  globalsBefore = Object.getOwnPropertyNames(window).sort();
  document.addEventListener(PAGE_CALL_EVENT, (event) => {
    batches.push((JSON.parse(String((event as CustomEvent).detail)) as PageCallDetail[]).length);
    reported.push(...(JSON.parse(String((event as CustomEvent).detail)) as PageCallDetail[]));
  });
  const { wrapPageApis } = await import('../../../src/content/main-world.iife');
  wrapPageApis();
});

afterAll(() => {
  window.fetch = original;
});

describe('invisible to the page', () => {
  it('adds no global name', () => {
    expect(Object.getOwnPropertyNames(window).sort()).toEqual(globalsBefore);
  });

  it('wrapped functions keep name, arity and source text', () => {
    expect(window.fetch).not.toBe(original);
    expect(window.fetch.name).toBe(original.name);
    expect(window.fetch.length).toBe(original.length);
    expect(Function.prototype.toString.call(window.fetch)).toBe(toStringBefore.fetch);
    expect(String(window.fetch)).toBe(toStringBefore.fetch);
    const open = XMLHttpRequest.prototype.open;
    expect(open).not.toBe(nativeOpen);
    expect(open.name).toBe(nativeOpen.name);
    expect(open.length).toBe(nativeOpen.length);
    expect(Function.prototype.toString.call(open)).toBe(toStringBefore.open);
    // toString itself still looks native.
    expect(Function.prototype.toString.name).toBe('toString');
  });

  it('fetch resolves with the very same response and promise', async () => {
    behaviour = 'resolve';
    const promise = window.fetch('http://api.test/a');
    expect(promise).toBe(lastPromise);
    expect(await promise).toBe(response);
  });

  it('fetch rejects with the very same error object', async () => {
    behaviour = 'reject';
    const error = await window.fetch('http://api.test/b').catch((e: unknown) => e);
    expect(error).toBe(failure);
  });

  it('a synchronous throw is the same error object, synchronously', () => {
    behaviour = 'throw';
    expect(() => window.fetch('http://api.test/c')).toThrow(failure);
    let caught: unknown;
    try {
      window.fetch('http://api.test/c');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(failure);
  });

  it('XHR errors are the native errors', () => {
    const native = new XMLHttpRequest();
    const hooked = new XMLHttpRequest();
    const nativeError = (() => {
      try {
        nativeSetRequestHeader.call(native, 'X-A', '1');
      } catch (e) {
        return e as Error;
      }
    })();
    const hookedError = (() => {
      try {
        hooked.setRequestHeader('X-A', '1');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(hookedError?.constructor).toBe(nativeError?.constructor);
    expect(hookedError?.message).toBe(nativeError?.message);
    const opened = new XMLHttpRequest();
    expect(() => opened.open('GET', 'http://api.test/x')).not.toThrow();
    expect(nativeOpen).toBeTypeOf('function');
  });
});

describe('what it reports', () => {
  it('records the call: resolved URL, method, mode, credentials, redirect, header names, call site', async () => {
    behaviour = 'resolve';
    reported.length = 0;
    window.fetch('/api/items?x=1', {
      method: 'post',
      mode: 'cors',
      credentials: 'include',
      headers: { 'X-Token': 'a', 'Content-Type': 'application/json' },
    });
    expect(reported).toHaveLength(0); // not in the page's own task
    await reportedSoon();
    expect(reported).toHaveLength(1);
    const { call, refused } = reported[0] as PageCallDetail;
    expect(refused).toBe(false);
    expect(call).toMatchObject({
      api: 'fetch',
      url: new URL('/api/items?x=1', document.baseURI).href,
      method: 'POST',
      mode: 'cors',
      credentials: 'include',
      redirect: 'follow',
      headerNames: ['x-token', 'content-type'],
    });
    expect(call.callSite).toContain('main-world.test');
    expect(call.callSite).not.toContain('main-world.iife');
  });

  it('flags the calls the renderer refuses before any network activity, in one event', async () => {
    behaviour = 'resolve';
    reported.length = 0;
    batches.length = 0;
    window.fetch('http://elsewhere.test/', { mode: 'same-origin' });
    window.fetch(`${location.origin}/same`, { mode: 'same-origin' });
    window.fetch('http://elsewhere.test/img', { mode: 'no-cors', redirect: 'manual' });
    window.fetch('http://elsewhere.test/img', { mode: 'no-cors' });
    await reportedSoon();
    expect(reported.map((r) => r.refused)).toEqual([true, false, true, false]);
    expect(batches).toEqual([4]);
  });

  it('splits a long task into bounded batches, in order, and leaves out only an oversized call', async () => {
    behaviour = 'resolve';
    reported.length = 0;
    batches.length = 0;
    const count = MAX_BATCH_CALLS + 50;
    for (let i = 0; i < count; i++) {
      window.fetch(`http://api.test/n/${i}`);
      if (i === 10) window.fetch(`http://api.test/huge?${'x'.repeat(MAX_CALL_CHARS)}`);
    }
    await reportedSoon();
    expect(batches).toEqual([MAX_BATCH_CALLS, 50]);
    expect(reported.map((r) => r.call.url)).toEqual(
      Array.from({ length: count }, (_, i) => `http://api.test/n/${i}`),
    );
  });

  it('a bad argument still reaches fetch unchanged', () => {
    behaviour = 'resolve';
    const weird = { toString: () => 'http://api.test/weird' };
    expect(() => window.fetch(weird as unknown as string)).not.toThrow();
  });
});
