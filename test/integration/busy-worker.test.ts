/**
 * A worker busy with long work makes the browser's events wait; a tab navigating into the scope
 * meanwhile is listened to late, and the browser never delivers the requests that started before
 * (test/e2e/capacity.test.ts shows it in Chromium). Long work is cut into tasks, and a page
 * entering the scope is listened to before its turn in the capture's queue.
 */
import { describe, expect, it } from 'vitest';
import { Capture } from '../../src/background/capture';
import { answer } from '../../src/background/messages';
import { nextTask } from '../../src/background/next-task';
import { servePort } from '../../src/background/ports';
import type { PortLike } from '../../src/platform/extension';
import type { ListenPlan } from '../../src/platform/webrequest';
import { PORT_NAME, type PortServerMessage, PROTOCOL_VERSION as v } from '../../src/shared/protocol';
import { FakeBrowser, h, replay, request } from './support/fake-browser';

const DEV_PAGE = 'http://localhost:5173/';

/** A worker with the default scope (dev hosts) whose `listen` calls are kept, and its hook's. */
function start(
  fake: FakeBrowser,
  hook: (matches: readonly string[]) => Promise<void> = async () => undefined,
) {
  const plans: ListenPlan[] = [];
  const capture = new Capture({
    session: fake.session,
    local: fake.local,
    badge: fake.badge,
    profile: 'chrome',
    now: () => fake.clock,
    listen: (plan) => plans.push(plan),
    hook,
  });
  return { capture, plans };
}

/** `n` finished requests of tab 7 (a development host page, so recorded). */
async function tabWithRecords(n: number): Promise<FakeBrowser> {
  const fake = new FakeBrowser();
  fake.local.data.delete('settings');
  const { capture } = start(fake);
  await capture.onTabPage(7, DEV_PAGE);
  for (let i = 0; i < n; i++) {
    const r = request({
      requestId: `r${i}`,
      url: `http://api.localhost/${i}`,
      initiator: 'http://localhost:5173',
    });
    replay(capture, [r.start(), r.completed(200, [h('Access-Control-Allow-Origin', '*')])]);
  }
  await capture.idle();
  expect((await capture.tabRecords(7)).records).toHaveLength(n);
  return fake;
}

class FakePort implements PortLike {
  readonly sent: PortServerMessage[] = [];
  private listener: (m: unknown) => void = () => undefined;
  onSent: (message: PortServerMessage) => void = () => undefined;
  constructor(readonly name: string) {}
  post(message: unknown) {
    this.sent.push(message as PortServerMessage);
    this.onSent(message as PortServerMessage);
  }
  onMessage(listener: (m: unknown) => void) {
    this.listener = listener;
  }
  onDisconnect() {}
  deliver(message: unknown) {
    this.listener(message);
  }
}

const listensTo = (plans: readonly ListenPlan[], tabId: number) =>
  plans.some((plan) => plan.all || plan.tabs.includes(tabId));

describe('a busy worker still listens to a tab entering the scope in time', () => {
  it('a navigation during a 2,000-record snapshot is listened to after one part, not after all', async () => {
    const fake = await tabWithRecords(2_000);
    const { capture, plans } = start(fake);
    await capture.idle();
    const port = new FakePort(PORT_NAME);
    servePort(capture, port);
    // The navigation reaches the worker as a task, queued once the snapshot has begun.
    let postedWhenListened: number | undefined;
    port.onSent = (message) => {
      if (message.type !== 'snapshot' || message.append) return;
      setTimeout(() => {
        void capture.onTabPage(9, DEV_PAGE);
        if (listensTo(plans, 9)) postedWhenListened ??= posted();
      }, 0);
    };
    const posted = () => port.sent.flatMap((m) => (m.type === 'snapshot' ? m.records : [])).length;
    port.deliver({ type: 'subscribe', v, tabId: 7 });
    // The snapshot is done when its summary follows (bounded: a few tasks per part).
    for (let i = 0; i < 5_000 && port.sent.every((m) => m.type !== 'summary'); i++) await nextTask();
    expect(posted()).toBe(2_000);
    expect(postedWhenListened).toBeLessThanOrEqual(200);
    // The parts make one list, in order.
    const ids = port.sent.flatMap((m) => (m.type === 'snapshot' ? m.records.map((r) => r.id) : []));
    expect(new Set(ids).size).toBe(2_000);
    expect(port.sent.filter((m) => m.type === 'snapshot' && !m.append)).toHaveLength(1);
  });

  it('a navigation while a woken worker evaluates 2,000 records is listened to before they are all read', async () => {
    const fake = await tabWithRecords(2_000);
    const { capture, plans } = start(fake); // a new worker: no record evaluated yet
    await capture.idle();
    let answered = false;
    let answeredWhenListened: boolean | undefined;
    const report = capture.allRecords().then((records) => {
      answered = true;
      return records;
    });
    setTimeout(() => {
      void capture.onTabPage(9, DEV_PAGE);
      if (listensTo(plans, 9)) answeredWhenListened = answered;
    }, 0);
    expect(await report).toHaveLength(2_000);
    expect(answeredWhenListened).toBe(false);
  });

  it('a page entering the scope is listened to at once, while the queue waits, and stays listened to', async () => {
    const fake = new FakeBrowser();
    fake.local.data.delete('settings');
    let release = () => {};
    let waiting = false;
    const { capture, plans } = start(fake, (matches) => {
      if (matches.length === 0) return Promise.resolve();
      // The registration for the site turned on below waits until released.
      waiting = true;
      return new Promise<void>((resolve) => (release = resolve));
    });
    await capture.onTabPage(3, DEV_PAGE);
    expect(plans.at(-1)).toEqual({ all: false, tabs: [3] });
    const changed = answer(
      capture,
      { extensionVersion: '0' },
      { type: 'cors-lens:settings', v, set: { recordSites: ['shop.example'] } },
      {},
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(waiting).toBe(true); // the queue now waits for the page hook's registration
    const removed = capture.onTabRemoved(3); // queued: its plan is computed before tab 4's page
    const navigated = capture.onTabPage(4, 'http://app.localhost:8080/');
    expect(plans.at(-1)).toEqual({ all: false, tabs: [3, 4] }); // before its turn in the queue
    const from = plans.length;
    release();
    await Promise.all([changed, removed, navigated]);
    const later = plans.slice(from);
    expect(later.length).toBeGreaterThan(0);
    for (const plan of later) expect(plan.tabs).toContain(4);
    expect(plans.at(-1)).toEqual({ all: false, tabs: [4] });
    // A page outside the scope is not listened to early.
    await capture.onTabPage(5, 'https://news.example.org/');
    expect(listensTo(plans.slice(-2), 5)).toBe(false);
  });
});
