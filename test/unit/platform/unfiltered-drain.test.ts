/**
 * The follower narrowing from the unfiltered set to a tab's set, against a fake webRequest that
 * keeps Chromium 156's rule: a request's events go only to the listeners that existed when it
 * started. Removing the unfiltered set at once lost the rest of the requests in flight (the
 * scope suite's "after a worker stop" case lost 6 of 20 in a CI run).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Callback = (details: unknown) => void;
interface Registered {
  readonly callback: Callback;
  readonly tabId?: number;
}
const registry = new Map<string, Registered[]>();
const eventApi = (event: string) => ({
  addListener: (callback: Callback, filter: { tabId?: number }) => {
    registry.set(event, [...(registry.get(event) ?? []), { callback, tabId: filter.tabId }]);
  },
  removeListener: (callback: Callback) => {
    registry.set(
      event,
      (registry.get(event) ?? []).filter((r) => r.callback !== callback),
    );
  },
  hasListener: () => false,
});

vi.mock('../../../src/platform/browser', () => ({
  browser: {
    webRequest: new Proxy({}, { get: (_t, event: string) => eventApi(event) }),
  },
}));

const { webRequestFollower } = await import('../../../src/platform/webrequest');

/** A request of `tabId`: its listeners are fixed when it starts, as in Chromium. */
function start(requestId: string, tabId: number) {
  const matches = (event: string) =>
    (registry.get(event) ?? []).filter((r) => r.tabId === undefined || r.tabId === tabId);
  const fixed = new Map(
    ['onBeforeRequest', 'onSendHeaders', 'onHeadersReceived', 'onCompleted'].map((e) => [e, matches(e)]),
  );
  const fire = (event: string) => {
    const details = {
      requestId,
      tabId,
      url: `http://127.0.0.1/${requestId}`,
      method: 'GET',
      type: 'xmlhttprequest',
    };
    for (const r of fixed.get(event) ?? []) if ((registry.get(event) ?? []).includes(r)) r.callback(details);
  };
  fire('onBeforeRequest');
  return { finish: () => ['onSendHeaders', 'onHeadersReceived', 'onCompleted'].forEach(fire) };
}

describe('narrowing from every tab to a tab set', () => {
  beforeEach(() => {
    registry.clear();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('finishes the requests in flight, each delivered once, then drops the unfiltered set', () => {
    const seen: string[] = [];
    const follow = webRequestFollower((name, event) => seen.push(`${event.requestId}:${name}`));
    const inFlight = start('a', 5);
    follow({ all: false, tabs: [5] });
    const after = start('b', 5);
    inFlight.finish();
    after.finish();
    expect(seen.filter((s) => s.startsWith('a:'))).toEqual([
      'a:beforeRequest',
      'a:sendHeaders',
      'a:headersReceived',
      'a:completed',
    ]);
    expect(seen.filter((s) => s.startsWith('b:'))).toHaveLength(4);
    vi.advanceTimersByTime(2_000);
    expect((registry.get('onCompleted') ?? []).map((r) => r.tabId)).toEqual([5]);
    start('c', 9).finish();
    expect(seen.some((s) => s.startsWith('c:'))).toBe(false);
  });

  it('with no tab left, the unfiltered set goes at once', () => {
    const follow = webRequestFollower(() => undefined);
    start('a', 5);
    follow({ all: false, tabs: [] });
    expect(registry.get('onCompleted') ?? []).toEqual([]);
  });
});
