/**
 * The badge's blocked count, kept from the changed records: it must always equal a full recount
 * of the tab, through additions, changes of verdict, evictions and clears.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockedCount } from '../../../src/background/blocked-count';

interface Rec {
  readonly blocked: boolean;
}

function tab() {
  const records = new Map<string, Rec>();
  const ids: string[] = [];
  let looks = 0;
  const count = new BlockedCount<Rec>(
    (id) => records.get(id),
    (r) => {
      looks++;
      return r.blocked;
    },
  );
  const full = () => ids.filter((id) => records.get(id)?.blocked).length;
  return {
    records,
    ids,
    count,
    full,
    get looks() {
      return looks;
    },
    add(id: string, blocked: boolean) {
      records.set(id, { blocked });
      ids.push(id);
      count.noteChanged(7, id);
    },
    change(id: string, blocked: boolean) {
      records.set(id, { blocked });
      count.noteChanged(7, id);
    },
    evict(n: number) {
      for (const id of ids.splice(0, n)) records.delete(id);
    },
  };
}

describe('BlockedCount', () => {
  it('counts a tab in full once, then only what changed', () => {
    const t = tab();
    for (let i = 0; i < 1_000; i++) t.add(`7:${i}`, i % 10 === 0);
    expect(t.count.count(7, t.ids)).toBe(100);
    const afterFull = t.looks;
    t.add('7:new', true);
    expect(t.count.count(7, t.ids)).toBe(101);
    expect(t.looks - afterFull).toBe(1);
  });

  it('follows a verdict that changes, records that are evicted, and a clear', () => {
    const t = tab();
    t.add('7:a', true);
    t.add('7:b', true);
    t.add('7:c', false);
    expect(t.count.count(7, t.ids)).toBe(2);
    t.change('7:a', false); // its page call arrived: allowed after all
    t.change('7:c', true);
    expect(t.count.count(7, t.ids)).toBe(2);
    t.evict(2); // 7:a and 7:b go
    expect(t.count.count(7, t.ids)).toBe(1);
    t.records.clear();
    t.ids.length = 0;
    t.count.forget(7);
    expect(t.count.count(7, t.ids)).toBe(0);
  });

  it('always equals a full recount', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), blocked: fc.boolean() }),
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(50), blocked: fc.boolean() }),
      fc.record({ kind: fc.constant('evict' as const), n: fc.nat(5) }),
      fc.record({ kind: fc.constant('count' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const t = tab();
        let next = 0;
        for (const s of steps) {
          if (s.kind === 'add') t.add(`7:${next++}`, s.blocked);
          else if (s.kind === 'change' && t.ids.length > 0)
            t.change(t.ids[s.at % t.ids.length] ?? '', s.blocked);
          else if (s.kind === 'evict') t.evict(s.n);
          else if (s.kind === 'count') expect(t.count.count(7, t.ids)).toBe(t.full());
        }
        expect(t.count.count(7, t.ids)).toBe(t.full());
      }),
    );
  });
});
