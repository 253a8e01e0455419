/**
 * The sandbox store: named collections of JSON documents held in memory (Maps, insertion order) and written
 * through to SQLite (`<dataDir>/sandbox.db`, WAL) so that a killed process never leaves half an org behind.
 * Without a data dir the store is purely in memory (tests).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateFile, privateDir, tightenExisting } from './private-file.js';
import type { Collection, CollectionIndex, Store } from './types.js';

export interface SandboxStore extends Store {
  /** True when the store held no documents when it was opened (a new data dir). */
  readonly wasEmpty: boolean;
  /** The SQLite file, or undefined when in memory. */
  readonly file: string | undefined;
  /** Drops every document of every collection, except collections `keep` names (used by reset). */
  wipe(keep?: (collection: string) => boolean): void;
  /**
   * Runs `task` now outside a transaction, or after the outermost transaction commits; a rollback drops it.
   * Outbound deliveries go through this, so a change that rolls back never fires a webhook.
   */
  afterCommit(task: () => void): void;
  /** Number of documents across all collections. */
  count(): number;
  close(): void;
}

interface UndoEntry {
  collection: string;
  id: string;
  had: boolean;
  previous: unknown;
}

interface Statements {
  put: Database.Statement<[string, string, number, string]>;
  remove: Database.Statement<[string, string]>;
  clear: Database.Statement<[string]>;
}

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

export const STORE_FILE = 'sandbox.db';
/** How many derived values `memo` keeps before it starts over. */
const MAX_MEMOS = 1000;
/** How many per-document derived values `memoDoc` keeps before it starts over (a large org has ~10,000 fields). */
const MAX_DOC_MEMOS = 50_000;

export function openStore(dataDir: string | undefined): SandboxStore {
  const data = new Map<string, Map<string, unknown>>();
  /** Per collection, the store-wide tick of its last change (0: unchanged since opened). */
  const versions = new Map<string, number>();
  let tick = 0;
  const touch = (name: string): void => {
    versions.set(name, ++tick);
  };
  const memos = new Map<string, { stamp: number[]; value: unknown }>();
  /** Per collection, its secondary indexes by name. */
  const indexes = new Map<string, Map<string, IndexState>>();
  /** Per document (`collection\nid`), the values derived from it alone, by variant (`memoDoc`). */
  const docMemos = new Map<string, Map<string, unknown>>();
  let docMemoCount = 0;
  const forgetDoc = (key: string): void => {
    docMemoCount -= docMemos.get(key)?.size ?? 0;
    docMemos.delete(key);
  };
  /** Keeps the collection's indexes (and the document's derived values) in step with a write to one document. */
  const changed = (name: string, id: string, value: unknown): void => {
    const list = indexes.get(name);
    if (list !== undefined) for (const index of list.values()) reindex(index, id, value);
    forgetDoc(`${name}\n${id}`);
  };
  const cleared = (name: string): void => {
    const prefix = `${name}\n`;
    for (const key of [...docMemos.keys()]) if (key.startsWith(prefix)) forgetDoc(key);
    for (const index of indexes.get(name)?.values() ?? []) {
      index.ids.clear();
      index.keysById.clear();
      index.order.clear();
    }
  };
  const journal: UndoEntry[] = [];
  let depth = 0;
  let seq = 0;
  let db: Database.Database | undefined;
  let statements: Statements | undefined;
  let runInTransaction: ((fn: () => unknown) => unknown) | undefined;
  let file: string | undefined;

  if (dataDir !== undefined) {
    privateDir(dataDir);
    file = join(dataDir, STORE_FILE);
    // The store holds the org's client secret and refresh token: owner-only, and SQLite gives its -wal and -shm
    // files the database's mode.
    ensurePrivateFile(file);
    tightenExisting([`${file}-wal`, `${file}-shm`]);
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      `CREATE TABLE IF NOT EXISTS docs (
         collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
         PRIMARY KEY (collection, id)) WITHOUT ROWID`,
    );
    statements = {
      put: db.prepare(
        'INSERT INTO docs (collection, id, seq, json) VALUES (?, ?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json',
      ),
      remove: db.prepare('DELETE FROM docs WHERE collection = ? AND id = ?'),
      clear: db.prepare('DELETE FROM docs WHERE collection = ?'),
    };
    runInTransaction = db.transaction((fn: () => unknown) => fn());
    seq = (db.prepare('SELECT MAX(seq) AS seq FROM docs').get() as { seq: number | null }).seq ?? 0;
  }
  const loadCollection = db?.prepare('SELECT id, json FROM docs WHERE collection = ? ORDER BY seq');
  const wasEmpty = db === undefined || db.prepare('SELECT 1 FROM docs LIMIT 1').get() === undefined;

  /** A collection's documents, read from disk on first use (so opening a large org costs only what is used). */
  function bucket(name: string): Map<string, unknown> {
    let map = data.get(name);
    if (map === undefined) {
      map = new Map();
      if (loadCollection !== undefined) {
        const rows = loadCollection.iterate(name) as IterableIterator<{ id: string; json: string }>;
        for (const row of rows) map.set(row.id, JSON.parse(row.json) as unknown);
      }
      data.set(name, map);
    }
    return map;
  }

  /** Every collection name, on disk or only in memory. */
  function names(): string[] {
    const all = new Set(data.keys());
    if (db !== undefined) {
      for (const row of db.prepare('SELECT DISTINCT collection FROM docs').iterate() as IterableIterator<{
        collection: string;
      }>) {
        all.add(row.collection);
      }
    }
    return [...all];
  }

  function countAll(): number {
    if (db !== undefined) return (db.prepare('SELECT COUNT(*) AS n FROM docs').get() as { n: number }).n;
    let n = 0;
    for (const map of data.values()) n += map.size;
    return n;
  }

  function remember(collection: string, id: string, map: Map<string, unknown>): void {
    if (depth === 0) return;
    journal.push({ collection, id, had: map.has(id), previous: map.get(id) });
  }

  function undoTo(mark: number): void {
    while (journal.length > mark) {
      const entry = journal.pop() as UndoEntry;
      const map = bucket(entry.collection);
      if (entry.had) map.set(entry.id, entry.previous);
      else map.delete(entry.id);
      changed(entry.collection, entry.id, entry.had ? entry.previous : undefined);
      touch(entry.collection);
    }
  }

  const handles = new Map<string, Collection<unknown>>();

  function collection<T>(name: string): Collection<T> {
    const known = handles.get(name);
    if (known !== undefined) return known as Collection<T>;
    const created = makeCollection<T>(name);
    handles.set(name, created as Collection<unknown>);
    return created;
  }

  function makeCollection<T>(name: string): Collection<T> {
    const map = bucket(name) as Map<string, T>;
    return {
      get: (id) => map.get(id),
      has: (id) => map.has(id),
      values: () => map.values(),
      get size() {
        return map.size;
      },
      get version() {
        return versions.get(name) ?? 0;
      },
      put(id, value) {
        const json = JSON.stringify(value);
        if (json === undefined) throw new TypeError(`store ${name}/${id}: value is not JSON-serialisable`);
        remember(name, id, map);
        statements?.put.run(name, id, ++seq, json);
        map.set(id, value);
        changed(name, id, value);
        touch(name);
      },
      delete(id) {
        if (!map.has(id)) return false;
        remember(name, id, map);
        statements?.remove.run(name, id);
        map.delete(id);
        changed(name, id, undefined);
        touch(name);
        return true;
      },
      clear() {
        for (const id of map.keys()) remember(name, id, map);
        statements?.clear.run(name);
        map.clear();
        cleared(name);
        touch(name);
      },
      index(indexName, keysOf) {
        const list = indexes.get(name) ?? new Map<string, IndexState>();
        indexes.set(name, list);
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
        const found: CollectionIndex<T> = {
          get(key) {
            const ids = built.ids.get(key);
            if (ids === undefined) return [];
            const sorted =
              ids.size === 1
                ? [...ids]
                : [...ids].sort((a, b) => (built.order.get(a) ?? 0) - (built.order.get(b) ?? 0));
            return sorted.map((id) => map.get(id) as T);
          },
        };
        return found;
      },
    };
  }

  /** Work to run once the outermost transaction commits (dropped with the part of it that rolls back). */
  let pending: Array<() => void> = [];

  function transaction<R>(fn: () => R): R {
    const mark = journal.length;
    const pendingMark = pending.length;
    depth++;
    let committed = false;
    try {
      const result = (runInTransaction ? runInTransaction(fn) : fn()) as R;
      committed = true;
      return result;
    } catch (error) {
      undoTo(mark);
      pending.length = pendingMark;
      throw error;
    } finally {
      depth--;
      if (depth === 0) {
        journal.length = 0;
        const run = committed ? pending : [];
        pending = [];
        for (const task of run) task();
      }
    }
  }

  function memo<T>(key: string, collections: readonly string[], build: () => T): T {
    const stamp = collections.map((name) => versions.get(name) ?? 0);
    const known = memos.get(key);
    if (known !== undefined && known.stamp.length === stamp.length && known.stamp.every((v, i) => v === stamp[i]))
      return known.value as T;
    const value = build();
    // Keys can come from client input (COQL texts): keep the cache bounded.
    if (memos.size >= MAX_MEMOS) memos.clear();
    memos.set(key, { stamp, value });
    return value;
  }

  function memoDoc<T>(collection: string, id: string, variant: string, build: () => T): T {
    const key = `${collection}\n${id}`;
    let variants = docMemos.get(key);
    if (variants?.has(variant)) return variants.get(variant) as T;
    const value = build();
    if (docMemoCount >= MAX_DOC_MEMOS) {
      docMemos.clear();
      docMemoCount = 0;
      variants = undefined;
    }
    if (variants === undefined) {
      variants = new Map();
      docMemos.set(key, variants);
    }
    variants.set(variant, value);
    docMemoCount += 1;
    return value;
  }

  function afterCommit(task: () => void): void {
    if (depth === 0) task();
    else pending.push(task);
  }

  return {
    collection,
    transaction,
    memo,
    memoDoc,
    afterCommit,
    wasEmpty,
    file,
    wipe(keep) {
      if (depth > 0) throw new Error('store.wipe() cannot run inside a transaction');
      // Clear in place: product modules may hold collection objects across a reset.
      transaction(() => {
        for (const name of names()) {
          if (keep?.(name)) continue;
          statements?.clear.run(name);
          const map = data.get(name);
          if (map === undefined) data.set(name, new Map());
          else map.clear();
          cleared(name);
          touch(name);
        }
      });
      journal.length = 0;
    },
    count: countAll,
    close() {
      db?.close();
      db = undefined;
    },
  };
}
