/** The store's secondary indexes: a lookup answers what a scan of the collection would, through every kind of write. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/core/store.js';

interface Doc {
  id: string;
  tag: string | null;
  tags?: string[];
}

const byTag = (d: Doc) => (d.tag === null ? [] : [d.tag]);

/** The index's answer and a scan's, for every key seen. */
function agree(docs: Iterable<Doc>, get: (key: string) => Doc[], keys: string[]): void {
  const all = [...docs];
  for (const key of keys) expect(get(key)).toEqual(all.filter((d) => d.tag === key));
}

describe('the store index', () => {
  it('follows puts, updates, deletes and clears, in the collection order', () => {
    const store = openStore(undefined);
    const c = store.collection<Doc>('c');
    c.put('1', { id: '1', tag: 'a' });
    const index = c.index('tag', byTag);
    c.put('2', { id: '2', tag: 'b' });
    c.put('3', { id: '3', tag: 'a' });
    agree(c.values(), index.get, ['a', 'b', 'z']);
    c.put('1', { id: '1', tag: 'b' });
    agree(c.values(), index.get, ['a', 'b']);
    c.put('1', { id: '1', tag: 'a' });
    expect(index.get('a').map((d) => d.id)).toEqual(['1', '3']);
    c.put('3', { id: '3', tag: null });
    agree(c.values(), index.get, ['a', 'b']);
    c.delete('1');
    c.put('1', { id: '1', tag: 'b' });
    expect(index.get('b').map((d) => d.id)).toEqual(['2', '1']);
    agree(c.values(), index.get, ['a', 'b']);
    c.clear();
    expect(index.get('b')).toEqual([]);
    c.put('4', { id: '4', tag: 'b' });
    expect(index.get('b').map((d) => d.id)).toEqual(['4']);
  });

  it('indexes a document under each of its keys once', () => {
    const store = openStore(undefined);
    const c = store.collection<Doc>('c');
    const index = c.index('tags', (d) => d.tags ?? []);
    c.put('1', { id: '1', tag: null, tags: ['x', 'y', 'x'] });
    expect(index.get('x').map((d) => d.id)).toEqual(['1']);
    expect(index.get('y').map((d) => d.id)).toEqual(['1']);
    c.put('1', { id: '1', tag: null, tags: ['y'] });
    expect(index.get('x')).toEqual([]);
  });

  it('undoes with a rolled-back transaction and empties with a wipe', () => {
    const store = openStore(undefined);
    const c = store.collection<Doc>('c');
    const index = c.index('tag', byTag);
    c.put('1', { id: '1', tag: 'a' });
    c.put('2', { id: '2', tag: 'b' });
    expect(() =>
      store.transaction(() => {
        c.put('1', { id: '1', tag: 'b' });
        c.delete('2');
        c.put('3', { id: '3', tag: 'a' });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    agree(c.values(), index.get, ['a', 'b']);
    expect(index.get('a').map((d) => d.id)).toEqual(['1']);
    store.wipe();
    expect(index.get('a')).toEqual([]);
    c.put('5', { id: '5', tag: 'a' });
    expect(index.get('a').map((d) => d.id)).toEqual(['5']);
  });

  it('is built from what is on disk when a reopened store first asks for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zlc-store-index-'));
    try {
      const first = openStore(dir);
      first.collection<Doc>('c').put('1', { id: '1', tag: 'a' });
      first.close();
      const again = openStore(dir);
      const c = again.collection<Doc>('c');
      expect(
        c
          .index('tag', byTag)
          .get('a')
          .map((d) => d.id),
      ).toEqual(['1']);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
