/**
 * The listeners follow the scope: a fake of the platform's `listen` and `hook` records every plan
 * the worker asks for. The scope is state (settings, each tab's page, open panels), stored, and
 * a restarted worker asks for the same plan before it handles any event.
 */
import { describe, expect, it } from 'vitest';
import { Capture } from '../../src/background/capture';
import { answer } from '../../src/background/messages';
import type { ListenPlan } from '../../src/platform/webrequest';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { FakeBrowser, h, replay, request } from './support/fake-browser';

/** A worker with the default settings (dev hosts), its plans and hook patterns as they come. */
function start(fake = new FakeBrowser(), tabs: readonly { tabId: number; url: string }[] = []) {
  fake.local.data.delete('settings');
  const plans: ListenPlan[] = [];
  const hooks: (readonly string[])[] = [];
  const capture = new Capture({
    session: fake.session,
    local: fake.local,
    badge: fake.badge,
    profile: 'chrome',
    now: () => fake.clock,
    listen: (plan) => plans.push(plan),
    hook: async (matches) => {
      hooks.push(matches);
    },
    openTabs: async () => tabs,
  });
  const last = () => plans.at(-1);
  return { fake, capture, plans, hooks, last };
}

const settings = (capture: Capture, set: Record<string, unknown>) =>
  answer(capture, { extensionVersion: '0' }, { type: 'cors-lens:settings', v: PROTOCOL_VERSION, set }, {});

function get(tabId: number, id: string) {
  const r = request({ requestId: id, url: `http://api.example.com/${id}`, tabId, initiator: 'http://x' });
  return [r.start(), r.received(200, [h('Access-Control-Allow-Origin', '*')]), r.completed(200, [])];
}

describe('listeners follow the recording scope', () => {
  it('no tab recorded: no listener; a development host, a site turned on, an open panel: that tab only', async () => {
    const { capture, last, hooks } = start();
    await capture.idle();
    expect(last()).toEqual({ all: false, tabs: [] });
    await capture.onTabPage(3, 'https://news.example.org/');
    expect(last()).toEqual({ all: false, tabs: [] });
    await capture.onTabPage(4, 'http://localhost:5173/');
    expect(last()).toEqual({ all: false, tabs: [4] });
    await capture.onPanel(3, true);
    expect(last()).toEqual({ all: false, tabs: [3, 4] });
    await capture.onPanel(3, false);
    expect(last()).toEqual({ all: false, tabs: [4] });
    await settings(capture, { recordSites: ['news.example.org'] });
    expect(last()).toEqual({ all: false, tabs: [3, 4] });
    replay(capture, get(3, 'on-site')); // the site turned on is recorded from now on
    expect((await capture.tabRecords(3)).records).toHaveLength(1);
    expect(hooks.at(-1)).toEqual(['*://news.example.org/*']);
    await capture.onTabPage(4, 'https://www.example.net/');
    expect(last()).toEqual({ all: false, tabs: [3] });
    await capture.onTabRemoved(3);
    expect(last()).toEqual({ all: false, tabs: [] });
  });

  it('all sites: one unfiltered set and the hook on every page; back to dev hosts', async () => {
    const { capture, last, hooks } = start();
    await capture.onTabPage(5, 'https://shop.example.com/');
    expect((await settings(capture, { recordScope: 'all-sites' })) as object).toMatchObject({
      recordScope: 'all-sites',
    });
    expect(last()).toEqual({ all: true, tabs: [] });
    expect(hooks.at(-1)).toEqual(['<all_urls>']);
    replay(capture, get(5, 'every-site'));
    expect((await capture.tabRecords(5)).records).toHaveLength(1);
    await settings(capture, { recordScope: 'dev-hosts' });
    expect(last()).toEqual({ all: false, tabs: [] });
    expect(hooks.at(-1)).toEqual([]);
  });

  it('a tab outside the scope is not recorded, even from events already queued', async () => {
    const { capture } = start();
    await capture.onTabPage(8, 'https://shop.example.com/');
    await capture.onTabPage(9, 'http://app.test/');
    replay(capture, [...get(8, 'a'), ...get(9, 'b')]);
    expect((await capture.tabRecords(8)).records).toHaveLength(0);
    expect((await capture.tabRecords(9)).records).toHaveLength(1);
    expect(await capture.scope(8)).toEqual({
      tabId: 8,
      recorded: false,
      reason: 'not-recorded',
      host: 'shop.example.com',
    });
    expect(await capture.scope(9)).toEqual({
      tabId: 9,
      recorded: true,
      reason: 'dev-host',
      host: 'app.test',
    });
  });

  it('the badge shows only on recorded tabs: a tab that leaves the scope loses its count', async () => {
    const { capture, fake } = start();
    await capture.onTabPage(3, 'https://shop.example.com/');
    await capture.onPanel(3, true);
    const blocked = request({
      requestId: 'x',
      url: 'http://api.example.com/x',
      tabId: 3,
      initiator: 'https://shop.example.com',
    });
    replay(capture, [blocked.start(), blocked.received(200, []), blocked.error()]);
    await capture.idle();
    expect(fake.badge.shown.get(3)).toBe(1);
    await capture.onPanel(3, false);
    await capture.idle();
    expect(fake.badge.shown.get(3)).toBe(0);
  });

  it('a restarted worker asks for the same listeners first, and keeps the events that woke it', async () => {
    const first = start();
    await first.capture.onTabPage(4, 'http://localhost:3000/');
    await first.capture.onPanel(6, true);
    await first.capture.idle();
    const second = start(first.fake);
    // The events that woke it arrive before its stored state is read: they wait, then count.
    replay(second.capture, get(4, 'c'));
    expect((await second.capture.tabRecords(4)).records).toHaveLength(1);
    expect(second.plans[0]).toEqual({ all: false, tabs: [4, 6] });
  });

  it('a recorded tab whose page has a service or shared worker: one unfiltered set for requests without a tab', async () => {
    const { capture, last, plans, fake } = start();
    await capture.onTabPage(4, 'http://localhost:3000/');
    await capture.onTabPage(8, 'https://news.example.org/');
    expect(last()).toEqual({ all: false, tabs: [4] });
    // A page not recorded reporting a worker changes nothing.
    await capture.onPageWorkers({ registered: ['https://news.example.org/sw.js'], shared: [] }, 8, 0);
    expect(last()).toEqual({ all: false, tabs: [4] });
    const sw = { controller: 'http://localhost:3000/sw.js', registered: [], shared: [] };
    await capture.onPageWorkers(sw, 4, 0);
    expect(last()).toEqual({ all: false, tabs: [4], untabbed: true });
    // The worker's own request (no tab) is recorded for the tab of its origin; the other tab's
    // requests, delivered by the unfiltered set, are not.
    const own = request({
      requestId: 'w',
      url: 'http://api.localhost/w',
      tabId: -1,
      initiator: 'http://localhost:3000',
    });
    replay(capture, [own.start(), own.completed(200, [h('Access-Control-Allow-Origin', '*')])]);
    replay(capture, get(8, 'other'));
    expect((await capture.tabRecords(4)).records.map((r) => r.worker !== undefined)).toEqual([true]);
    expect((await capture.tabRecords(8)).records).toHaveLength(0);
    // A restarted worker listens the same way before any page reports again.
    const second = start(fake);
    await second.capture.idle();
    expect(second.plans.at(-1)).toEqual({ all: false, tabs: [4], untabbed: true });
    // The page navigates: its new page has reported no worker (yet).
    const nav = request({ requestId: 'n', url: 'http://localhost:3000/next', tabId: 4, type: 'main_frame' });
    replay(second.capture, [nav.start(), ['responseStarted', nav.completed(200, [])[1]]]);
    await second.capture.idle();
    expect(second.plans.at(-1)).toEqual({ all: false, tabs: [4] });
    expect(plans.length).toBeGreaterThan(0);
  });

  it('a tab that navigated while the worker was stopped is judged by its page now, before the events that woke it', async () => {
    const first = start();
    await first.capture.onTabPage(4, 'https://news.example.org/');
    await first.capture.idle();
    // Stopped; the tab loads a development host; its requests wake a new worker, delivered by the
    // provisional unfiltered set before the stored scope (the old page) is read.
    const second = start(first.fake, [{ tabId: 4, url: 'http://localhost:3000/' }]);
    replay(second.capture, get(4, 'woke'));
    expect((await second.capture.tabRecords(4)).records).toHaveLength(1);
    expect(second.plans.at(-1)).toEqual({ all: false, tabs: [4] });
  });
});
