/**
 * The write-behind persister: changes of one window become one storage call, a failed request's
 * record is written at the end of its task, a request in flight only once it has lasted, and
 * storage is asked to remove only what it holds.
 */
import { describe, expect, it, vi } from 'vitest';
import { IN_FLIGHT_DELAY_MS, Persister } from '../../../src/background/store/persist';
import type { KeyValueStore } from '../../../src/platform/extension';

class RecordingStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  readonly calls: string[] = [];
  quotaLeft = Number.POSITIVE_INFINITY;
  async getAll() {
    return Object.fromEntries(this.data);
  }
  async set(items: Record<string, unknown>) {
    const keys = Object.keys(items);
    this.calls.push(`set ${keys.join(',')}`);
    if (this.data.size + keys.length > this.quotaLeft) throw new Error('QUOTA_BYTES quota exceeded');
    for (const key of keys) this.data.set(key, items[key]);
  }
  async remove(keys: readonly string[]) {
    this.calls.push(`remove ${keys.join(',')}`);
    for (const key of keys) this.data.delete(key);
  }
}

const encode = (value: string) => `<${value}>`;

describe('Persister', () => {
  it('writes the changes of one window in one call, each value encoded once', async () => {
    const store = new RecordingStore();
    let encoded = 0;
    const persist = new Persister<string>(
      store,
      () => undefined,
      (v) => {
        encoded++;
        return encode(v);
      },
    );
    persist.put('a', '1');
    persist.put('a', '2');
    persist.put('b', '3');
    await persist.flushed();
    expect(store.calls).toEqual(['set a,b']);
    expect(Object.fromEntries(store.data)).toEqual({ a: '<2>', b: '<3>' });
    expect(encoded).toBe(2);
  });

  it('does not ask storage to remove a key it never wrote', async () => {
    const store = new RecordingStore();
    const persist = new Persister<string>(store, () => undefined, encode);
    persist.put('flight:1', 'started');
    persist.drop('flight:1'); // started and finished within the window
    persist.put('record:1', 'done');
    await persist.flushed();
    expect(store.calls).toEqual(['set record:1']);
  });

  it('removes what it wrote, and what it found in storage on wake-up', async () => {
    const store = new RecordingStore();
    store.data.set('flight:old', 'from the last worker');
    const persist = new Persister<string>(store, () => undefined, encode);
    persist.loaded(Object.keys(await store.getAll()));
    persist.put('flight:2', 'started');
    await persist.flushed();
    persist.drop('flight:2');
    persist.drop('flight:old');
    persist.drop('never:written');
    await persist.flushed();
    expect(store.calls).toEqual(['set flight:2', 'remove flight:2,flight:old']);
    expect(store.data.size).toBe(0);
    persist.drop('flight:2'); // removed already
    await persist.flushed();
    expect(store.calls).toHaveLength(2);
  });

  it('writes a record put end-of-task at the end of the task, alone, before the window ends', async () => {
    const store = new RecordingStore();
    const persist = new Persister<string>(store, () => undefined, encode);
    persist.put('flight:2', 'in flight');
    persist.put('record:1', 'done', 'end-of-task');
    await new Promise((resolve) => setTimeout(resolve, 0)); // well inside the 15 ms window
    expect(store.calls).toEqual(['set record:1']); // alone: the flight waits for its batch
    await persist.flushed();
    expect(store.calls).toEqual(['set record:1', 'set flight:2']);
  });

  it('writes a request in flight only once it has lasted, then its changes with the batches', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = new RecordingStore();
      const persist = new Persister<string>(store, () => undefined, encode);
      persist.put('f:short', 'sent', 'if-it-lasts');
      persist.put('f:long', 'sent', 'if-it-lasts');
      await vi.advanceTimersByTimeAsync(IN_FLIGHT_DELAY_MS / 2);
      persist.put('f:short', 'answered', 'if-it-lasts');
      persist.put('r:short', 'done');
      persist.drop('f:short', true);
      await persist.flushed(); // a query writes the records, not the requests still in flight
      expect(store.calls).toEqual(['set r:short']);
      await vi.advanceTimersByTimeAsync(2 * IN_FLIGHT_DELAY_MS);
      expect(store.calls).toEqual(['set r:short', 'set f:long']);
      expect(store.data.get('f:long')).toBe('<sent>');
      persist.put('f:long', 'answered', 'if-it-lasts'); // stored: no second wait
      await vi.advanceTimersByTimeAsync(20);
      expect(store.calls).toEqual(['set r:short', 'set f:long', 'set f:long']);
      expect(store.data.get('f:long')).toBe('<answered>');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a request in flight found in storage on wake-up is written with the batches', async () => {
    const store = new RecordingStore();
    store.data.set('f:old', 'from the last worker');
    const persist = new Persister<string>(store, () => undefined, encode);
    persist.loaded(['f:old']);
    persist.put('f:old', 'answered', 'if-it-lasts');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.calls).toEqual(['set f:old']);
  });

  it('on a full quota, frees space and retries without the keys freed', async () => {
    const store = new RecordingStore();
    store.quotaLeft = 2;
    store.data.set('record:old', 'x');
    const persist = new Persister<string>(store, () => persist.drop('record:old'), encode);
    persist.loaded(['record:old']);
    persist.put('record:1', 'a');
    persist.put('record:2', 'b');
    await persist.flushed();
    expect(store.calls).toEqual(['set record:1,record:2', 'remove record:old', 'set record:1,record:2']);
    expect([...store.data.keys()].sort()).toEqual(['record:1', 'record:2']);
  });

  it('a lazy removal waits for the batch of removals, and a query still sees it done', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = new RecordingStore();
      const persist = new Persister<string>(store, () => undefined, encode);
      persist.put('f:1', 'in flight');
      persist.put('f:2', 'in flight');
      persist.put('f:3', 'in flight');
      await vi.advanceTimersByTimeAsync(20);
      persist.drop('f:1', true);
      persist.drop('f:2', true);
      persist.drop('f:never', true);
      persist.put('r:1', 'done');
      await vi.advanceTimersByTimeAsync(20);
      expect(store.calls).toEqual(['set f:1,f:2,f:3', 'set r:1']);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(store.calls).toEqual(['set f:1,f:2,f:3', 'set r:1', 'remove f:1,f:2']);
      persist.drop('f:3', true);
      await persist.flushed(); // a query does not wait a second for it
      expect(store.calls.at(-1)).toBe('remove f:3');
      expect([...store.data.keys()]).toEqual(['r:1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a key written again after its lazy removal stays', async () => {
    const store = new RecordingStore();
    const persist = new Persister<string>(store, () => undefined, encode);
    persist.put('f:1', 'a');
    await persist.flushed();
    persist.drop('f:1', true);
    persist.put('f:1', 'b');
    await persist.flushed();
    expect(store.data.get('f:1')).toBe('<b>');
    expect(store.calls.some((c) => c.startsWith('remove'))).toBe(false);
  });

  it('a record is written at once even while an earlier write is still on its way', async () => {
    const store = new RecordingStore();
    let release: () => void = () => undefined;
    const slowSet = store.set.bind(store);
    store.set = async (items) => {
      await slowSet(items);
      if (Object.keys(items).includes('f:1')) await new Promise<void>((done) => (release = done));
    };
    const persist = new Persister<string>(store, () => undefined, encode);
    persist.put('f:1', 'in flight');
    const batch = persist.flushed();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.calls).toEqual(['set f:1']); // made, not settled
    persist.put('r:1', 'done', 'end-of-task');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.calls).toEqual(['set f:1', 'set r:1']);
    release();
    await batch;
    await persist.flushed();
  });
});
