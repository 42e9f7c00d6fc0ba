import { describe, expect, it } from 'vitest';
import { cutMark, MAX_STORED_STRING } from '../../../src/background/store/codec';
import { FakeBrowser, FakeStore, h, replay, request } from '../../integration/support/fake-browser';

// Issue #15 item 8: storage.session full. Every record dropped is counted per tab, the count
// survives a worker stop, and an oversized value is cut with a mark instead of crowding out
// the others. storage.session's 10 MB are scaled down here; a set is all or nothing, as in Chrome.

class QuotaStore extends FakeStore {
  refused = 0;
  constructor(private readonly quota: number) {
    super();
  }
  override async set(items: Record<string, unknown>) {
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(items)) next.set(k, v);
    if (JSON.stringify(Object.fromEntries(next)).length > this.quota) {
      this.refused++;
      throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    }
    await super.set(items);
  }
}

function browserWithQuota(quota: number): FakeBrowser {
  const fake = new FakeBrowser();
  Object.defineProperty(fake, 'session', { value: new QuotaStore(quota) });
  return fake;
}

const PAGE = 'http://page.test';
const acao = h('Access-Control-Allow-Origin', PAGE);

/** n finished requests on tab 7, each with `pad` characters of query (a 90 KB URL, …). */
function flood(fake: FakeBrowser, n: number, pad: number, headerPad = 0) {
  const capture = fake.start();
  for (let i = 0; i < n; i++) {
    const r = request({ requestId: `q${i}`, url: `http://api.test/x?i=${i}&p=${'a'.repeat(pad)}` });
    replay(capture, [
      r.start(),
      r.send([h('Origin', PAGE), h('X-Big', 'b'.repeat(headerPad))]),
      r.completed(200, [acao]),
    ]);
  }
  return capture;
}

describe('storage.session full', () => {
  it('records with 90 KB URLs are cut with a mark and all kept, across a stop', async () => {
    const fake = browserWithQuota(1_000_000); // a tenth of 10 MB: 40 such URLs would be 3.6 MB
    const capture = flood(fake, 40, 90_000);
    await capture.idle();
    const live = await capture.tabRecords(7);
    expect(live.evicted + live.unsaved).toBe(0);
    const again = await fake.start().tabRecords(7);
    expect(again.records).toHaveLength(40);
    expect(again.evicted + again.unsaved).toBe(0);
    const url = again.records[0]?.exchange.url ?? '';
    expect(url.length).toBeLessThan(MAX_STORED_STRING + 100);
    expect(url).toContain('characters cut: too large to keep');
    expect(url.startsWith('http://api.test/x?i=0&p=aaa')).toBe(true);
    expect(cutMark(1)).toMatch(/cut/);
  });

  it('a 90 KB header value is cut with a mark, the verdict kept', async () => {
    const fake = browserWithQuota(1_000_000);
    const capture = flood(fake, 5, 10, 90_000);
    await capture.idle();
    const again = await fake.start().tabRecords(7);
    expect(again.records).toHaveLength(5);
    const big = again.records[0]?.exchange.requestHeaders.find((x) => x.name === 'X-Big')?.value ?? '';
    expect(big).toMatch(/^b{2048}…\[\d+ characters cut/);
    expect(again.records.every((r) => r.evaluation.verdict === 'allowed')).toBe(true);
  });

  it('when a write still fails after freeing space, every record is counted, before and after a stop', async () => {
    // Room for a few records only: freeing a tenth of the tab three times is not enough.
    const fake = browserWithQuota(6_000);
    const n = 60;
    const capture = flood(fake, n, 1_500);
    await capture.idle();
    const store = fake.session as QuotaStore;
    expect(store.refused).toBeGreaterThan(0);
    const live = await capture.tabRecords(7);
    expect(live.unsaved).toBeGreaterThan(0);
    expect(live.records.length + live.evicted + live.unsaved).toBe(n);
    expect((await capture.summary(7)).unsaved).toBe(live.unsaved);
    // A new worker over the same storage: the records it finds and the counts it kept add up.
    const after = await fake.start().tabRecords(7);
    expect(after.unsaved).toBe(live.unsaved);
    expect(after.records.length + after.evicted + after.unsaved).toBe(n);
  });
});
