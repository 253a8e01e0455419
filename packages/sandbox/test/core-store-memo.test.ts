import { describe, expect, it } from 'vitest';
import { openStore } from '../src/core/store.js';

describe('the store memo', () => {
  it('builds once and again only after a write to one of its collections', () => {
    const store = openStore(undefined);
    const a = store.collection<{ v: number }>('a');
    const b = store.collection<{ v: number }>('b');
    let builds = 0;
    const sum = () =>
      store.memo('sum', ['a'], () => {
        builds++;
        return [...a.values()].reduce((n, x) => n + x.v, 0);
      });
    a.put('1', { v: 1 });
    expect(sum()).toBe(1);
    expect(sum()).toBe(1);
    b.put('1', { v: 5 });
    expect(sum()).toBe(1);
    expect(builds).toBe(1);
    a.put('2', { v: 2 });
    expect(sum()).toBe(3);
    a.delete('1');
    expect(sum()).toBe(2);
    a.clear();
    expect(sum()).toBe(0);
    expect(builds).toBe(4);
  });

  it('changes a collection version on every write, a rollback and a wipe, never back to an earlier one', () => {
    const store = openStore(undefined);
    const a = store.collection<{ v: number }>('a');
    const seen = [a.version];
    a.put('1', { v: 1 });
    seen.push(a.version);
    expect(() =>
      store.transaction(() => {
        a.put('2', { v: 2 });
        seen.push(a.version);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    seen.push(a.version);
    expect([...a.values()]).toEqual([{ v: 1 }]);
    store.wipe();
    seen.push(a.version);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('does not keep a value built inside a transaction that rolls back', () => {
    const store = openStore(undefined);
    const a = store.collection<{ v: number }>('a');
    const size = () => store.memo('size', ['a'], () => a.size);
    expect(() =>
      store.transaction(() => {
        a.put('1', { v: 1 });
        expect(size()).toBe(1);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(size()).toBe(0);
  });
});
