/**
 * A worker busy with long work makes the browser's events wait; a tab navigating into the scope
 * meanwhile is listened to late, and the browser never delivers the requests that started before
 * (test/e2e/capacity.test.ts shows it in Chromium). Long work is cut into tasks.
 */
import { describe, expect, it } from 'vitest';
import { Capture } from '../../src/background/capture';
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
      setTimeout(async () => {
        await capture.onTabPage(9, DEV_PAGE);
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
    setTimeout(async () => {
      await capture.onTabPage(9, DEV_PAGE);
      if (listensTo(plans, 9)) answeredWhenListened = answered;
    }, 0);
    expect(await report).toHaveLength(2_000);
    expect(answeredWhenListened).toBe(false);
  });
});
