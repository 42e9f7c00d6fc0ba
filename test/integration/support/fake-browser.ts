/**
 * A fake of the worker's platform interfaces (storage.session, storage.local, badge) and a small
 * builder for webRequest event sequences shaped like Chrome's (see shared/docs/platform-notes.md).
 */

import { Capture } from '../../../src/background/capture';
import type { Header } from '../../../src/evaluator/types';
import type { Badge, KeyValueStore } from '../../../src/platform/extension';
import type { RequestEvent, WebRequestEventName } from '../../../src/platform/webrequest';

export class FakeStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  writes = 0;
  async getAll() {
    // A structured clone, as the browser returns: no object is shared with the writer.
    return structuredClone(Object.fromEntries(this.data));
  }
  async set(items: Record<string, unknown>) {
    this.writes++;
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: readonly string[]) {
    for (const k of keys) this.data.delete(k);
  }
  bytes(): number {
    return JSON.stringify(Object.fromEntries(this.data)).length;
  }
}

export class FakeBadge implements Badge {
  readonly shown = new Map<number, number>();
  show(tabId: number, blocked: number) {
    this.shown.set(tabId, blocked);
  }
}

export class FakeBrowser {
  readonly session = new FakeStore();
  readonly local = new FakeStore();
  readonly badge = new FakeBadge();
  clock = 1_000;
  constructor() {
    // These tests replay tabs with no navigation of their own: every tab is recorded (the scope's
    // own tests, test/integration/scope.test.ts, start from the default).
    this.local.data.set('settings', { recordScope: 'all-sites' });
  }
  /** A new worker instance over the same storage (what a browser restart of the worker gives). */
  start(): Capture {
    return new Capture({
      session: this.session,
      local: this.local,
      badge: this.badge,
      profile: 'chrome',
      now: () => this.clock,
    });
  }
}

export const h = (name: string, value: string): Header => ({ name, value });

export type Step = [WebRequestEventName, RequestEvent];

interface Base {
  requestId: string;
  url: string;
  method?: string;
  tabId?: number;
  type?: string;
  initiator?: string;
}

/** The browser's event clock: each event built is one millisecond later than the last. */
let clock = 1_000; // starts where FakeBrowser.clock does

/** Builds one request's events; each call returns a step to replay in any order. */
export function request(base: Base) {
  const event = (extra: Partial<RequestEvent> = {}): RequestEvent => ({
    requestId: base.requestId,
    url: base.url,
    method: base.method ?? 'GET',
    tabId: base.tabId ?? 7,
    frameId: 0,
    type: base.type ?? 'xmlhttprequest',
    timeStamp: clock++,
    initiator: base.initiator ?? 'http://page.test',
    ...extra,
  });
  return {
    start: (): Step => ['beforeRequest', event()],
    send: (headers: Header[], url = base.url): Step => [
      'sendHeaders',
      event({ url, requestHeaders: headers }),
    ],
    received: (status: number, headers: Header[], url = base.url): Step => [
      'headersReceived',
      event({ url, statusCode: status, responseHeaders: headers }),
    ],
    redirect: (status: number, headers: Header[], to: string, url = base.url): Step => [
      'beforeRedirect',
      event({ url, statusCode: status, responseHeaders: headers, redirectUrl: to }),
    ],
    /** onResponseStarted, which carries no headers. */
    started: (status: number, url = base.url): Step => [
      'responseStarted',
      event({ url, statusCode: status }),
    ],
    completed: (status: number, headers: Header[], url = base.url): Step => [
      'completed',
      event({ url, statusCode: status, responseHeaders: headers }),
    ],
    error: (error = 'net::ERR_FAILED', url = base.url): Step => ['errorOccurred', event({ url, error })],
  };
}

export function replay(capture: Capture, steps: readonly Step[]): void {
  for (const [name, event] of steps) capture.onWebRequest(name, event);
}
