/**
 * What the store derives from its documents and keeps in step with every write: each collection's version, the
 * memos built from whole collections or from one document, and the collections' secondary indexes. Reads of a large
 * org then cost what they find, not the size of the org.
 */
import type { CollectionIndex } from './types.js';

/** How many derived values `memo` keeps before it starts over. */
const MAX_MEMOS = 1000;
/** How many per-document derived values `memoDoc` keeps before it starts over (a large org has ~10,000 fields). */
const MAX_DOC_MEMOS = 50_000;

/** One secondary index of a collection (`Collection.index`). */
interface IndexState {
  keysOf: (doc: unknown) => Iterable<string>;
  ids: Map<string, Set<string>>;
  keysById: Map<string, string[]>;
  /** Each indexed id's place in the collection (a Map keeps an updated key in place; a re-added one goes last). */
  order: Map<string, number>;
  next: number;
}

function unindex(index: IndexState, id: string): void {
  for (const key of index.keysById.get(id) ?? []) {
    const ids = index.ids.get(key);
    ids?.delete(id);
    if (ids?.size === 0) index.ids.delete(key);
  }
  index.keysById.delete(id);
}

/** Brings one document's entries in `index` up to date (`value` undefined: the document is gone). */
function reindex(index: IndexState, id: string, value: unknown): void {
  if (value === undefined) {
    unindex(index, id);
    index.order.delete(id);
    return;
  }
  const keys = [...new Set(index.keysOf(value))];
  const old = index.keysById.get(id);
  if (old !== undefined && old.length === keys.length && old.every((k, i) => k === keys[i])) return;
  unindex(index, id);
  if (!index.order.has(id)) index.order.set(id, index.next++);
  index.keysById.set(id, keys);
  for (const key of keys) {
    const ids = index.ids.get(key);
    if (ids === undefined) index.ids.set(key, new Set([id]));
    else ids.add(id);
  }
}

/** The documents `index` gives `key` for, in the collection's order. */
function lookup<T>(index: IndexState, map: ReadonlyMap<string, T>, key: string): T[] {
  const ids = index.ids.get(key);
  if (ids === undefined) return [];
  const sorted =
    ids.size === 1 ? [...ids] : [...ids].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
  return sorted.map((id) => map.get(id) as T);
}

/** One store's derived state; the store tells it of every write (`changed`, `cleared`, `touch`). */
export class Derived {
  /** Per collection, the store-wide tick of its last change (0: unchanged since opened). */
  private readonly versions = new Map<string, number>();
  private tick = 0;
  private readonly memos = new Map<string, { stamp: number[]; value: unknown }>();
  /** Per collection, its secondary indexes by name. */
  private readonly indexes = new Map<string, Map<string, IndexState>>();
  /** Per document (`collection\nid`), the values derived from it alone, by variant (`memoDoc`). */
  private readonly docMemos = new Map<string, Map<string, unknown>>();
  private docMemoCount = 0;

  version(name: string): number {
    return this.versions.get(name) ?? 0;
  }

  /** Gives the collection a version no earlier state of it had. */
  touch(name: string): void {
    this.versions.set(name, ++this.tick);
  }

  /** Keeps the collection's indexes (and the document's derived values) in step with a write to one document. */
  changed(name: string, id: string, value: unknown): void {
    const list = this.indexes.get(name);
    if (list !== undefined) for (const index of list.values()) reindex(index, id, value);
    this.forgetDoc(`${name}\n${id}`);
  }

  /** Forgets everything derived from the collection's documents (it has just been emptied). */
  cleared(name: string): void {
    const prefix = `${name}\n`;
    for (const key of [...this.docMemos.keys()]) if (key.startsWith(prefix)) this.forgetDoc(key);
    for (const index of this.indexes.get(name)?.values() ?? []) {
      index.ids.clear();
      index.keysById.clear();
      index.order.clear();
    }
  }

  memo<T>(key: string, collections: readonly string[], build: () => T): T {
    const stamp = collections.map((name) => this.version(name));
    const known = this.memos.get(key);
    if (known !== undefined && known.stamp.length === stamp.length && known.stamp.every((v, i) => v === stamp[i]))
      return known.value as T;
    const value = build();
    // Keys can come from client input (COQL texts): keep the cache bounded.
    if (this.memos.size >= MAX_MEMOS) this.memos.clear();
    this.memos.set(key, { stamp, value });
    return value;
  }

  memoDoc<T>(collection: string, id: string, variant: string, build: () => T): T {
    const key = `${collection}\n${id}`;
    let variants = this.docMemos.get(key);
    if (variants?.has(variant)) return variants.get(variant) as T;
    const value = build();
    if (this.docMemoCount >= MAX_DOC_MEMOS) {
      this.docMemos.clear();
      this.docMemoCount = 0;
      variants = undefined;
    }
    if (variants === undefined) {
      variants = new Map();
      this.docMemos.set(key, variants);
    }
    variants.set(variant, value);
    this.docMemoCount += 1;
    return value;
  }

  /** The collection's index `indexName`, built over `map` on first use. */
  index<T>(
    name: string,
    indexName: string,
    keysOf: (doc: T) => Iterable<string>,
    map: ReadonlyMap<string, T>,
  ): CollectionIndex<T> {
    const list = this.indexes.get(name) ?? new Map<string, IndexState>();
    this.indexes.set(name, list);
    let index = list.get(indexName);
    if (index === undefined) {
      index = {
        keysOf: keysOf as IndexState['keysOf'],
        ids: new Map(),
        keysById: new Map(),
        order: new Map(),
        next: 0,
      };
      for (const [id, doc] of map) reindex(index, id, doc);
      list.set(indexName, index);
    }
    const built = index;
    return { get: (key) => lookup(built, map, key) };
  }

  private forgetDoc(key: string): void {
    this.docMemoCount -= this.docMemos.get(key)?.size ?? 0;
    this.docMemos.delete(key);
  }
}
