/**
 * The sandbox store: named collections of JSON documents held in memory (Maps, insertion order) and written
 * through to SQLite (`<dataDir>/sandbox.db`, WAL) so that a killed process never leaves half an org behind.
 * Without a data dir the store is purely in memory (tests).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateFile, privateDir, tightenExisting } from './private-file.js';
import { Derived } from './store-derived.js';
import type { Collection, Store } from './types.js';

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

export const STORE_FILE = 'sandbox.db';

/** The SQLite side of a store that has a data dir. */
interface Disk {
  db: Database.Database;
  file: string;
  put: Database.Statement<[string, string, number, string]>;
  remove: Database.Statement<[string, string]>;
  clear: Database.Statement<[string]>;
  load: Database.Statement<[string]>;
  runInTransaction: (fn: () => unknown) => unknown;
  /** The highest write sequence on disk: documents load in the order they were first written. */
  lastSeq: number;
  wasEmpty: boolean;
}

function openDisk(dataDir: string): Disk {
  privateDir(dataDir);
  const file = join(dataDir, STORE_FILE);
  // The store holds the org's client secret and refresh token: owner-only, and SQLite gives its -wal and -shm
  // files the database's mode.
  ensurePrivateFile(file);
  tightenExisting([`${file}-wal`, `${file}-shm`]);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    `CREATE TABLE IF NOT EXISTS docs (
       collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
       PRIMARY KEY (collection, id)) WITHOUT ROWID`,
  );
  return {
    db,
    file,
    put: db.prepare(
      'INSERT INTO docs (collection, id, seq, json) VALUES (?, ?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json',
    ),
    remove: db.prepare('DELETE FROM docs WHERE collection = ? AND id = ?'),
    clear: db.prepare('DELETE FROM docs WHERE collection = ?'),
    load: db.prepare('SELECT id, json FROM docs WHERE collection = ? ORDER BY seq'),
    runInTransaction: db.transaction((fn: () => unknown) => fn()),
    lastSeq: (db.prepare('SELECT MAX(seq) AS seq FROM docs').get() as { seq: number | null }).seq ?? 0,
    wasEmpty: db.prepare('SELECT 1 FROM docs LIMIT 1').get() === undefined,
  };
}

export function openStore(dataDir: string | undefined): SandboxStore {
  return new DocumentStore(dataDir === undefined ? undefined : openDisk(dataDir));
}

/** The documents in memory, each write journalled for rollback and put through to `disk` when there is one. */
class DocumentStore implements SandboxStore {
  readonly wasEmpty: boolean;
  readonly file: string | undefined;
  private readonly disk: Disk | undefined;
  /** The open database (undefined once closed, or in memory). */
  private db: Database.Database | undefined;
  private seq: number;
  private readonly data = new Map<string, Map<string, unknown>>();
  private readonly handles = new Map<string, Collection<unknown>>();
  private readonly derived = new Derived();
  private readonly journal: UndoEntry[] = [];
  private depth = 0;
  /** Work to run once the outermost transaction commits (dropped with the part of it that rolls back). */
  private pending: Array<() => void> = [];

  constructor(disk: Disk | undefined) {
    this.disk = disk;
    this.db = disk?.db;
    this.file = disk?.file;
    this.seq = disk?.lastSeq ?? 0;
    this.wasEmpty = disk?.wasEmpty ?? true;
  }

  collection<T>(name: string): Collection<T> {
    const known = this.handles.get(name);
    if (known !== undefined) return known as Collection<T>;
    const created = this.makeCollection<T>(name);
    this.handles.set(name, created as Collection<unknown>);
    return created;
  }

  transaction<R>(fn: () => R): R {
    const mark = this.journal.length;
    const pendingMark = this.pending.length;
    this.depth++;
    let committed = false;
    try {
      const result = (this.disk ? this.disk.runInTransaction(fn) : fn()) as R;
      committed = true;
      return result;
    } catch (error) {
      this.undoTo(mark);
      this.pending.length = pendingMark;
      throw error;
    } finally {
      this.depth--;
      if (this.depth === 0) {
        this.journal.length = 0;
        const run = committed ? this.pending : [];
        this.pending = [];
        for (const task of run) task();
      }
    }
  }

  memo<T>(key: string, collections: readonly string[], build: () => T): T {
    return this.derived.memo(key, collections, build);
  }

  memoDoc<T>(collection: string, id: string, variant: string, build: () => T): T {
    return this.derived.memoDoc(collection, id, variant, build);
  }

  afterCommit(task: () => void): void {
    if (this.depth === 0) task();
    else this.pending.push(task);
  }

  wipe(keep?: (collection: string) => boolean): void {
    if (this.depth > 0) throw new Error('store.wipe() cannot run inside a transaction');
    // Clear in place: product modules may hold collection objects across a reset.
    this.transaction(() => {
      for (const name of this.names()) {
        if (keep?.(name)) continue;
        this.disk?.clear.run(name);
        const map = this.data.get(name);
        if (map === undefined) this.data.set(name, new Map());
        else map.clear();
        this.derived.cleared(name);
        this.derived.touch(name);
      }
    });
    this.journal.length = 0;
  }

  count(): number {
    if (this.db !== undefined) return (this.db.prepare('SELECT COUNT(*) AS n FROM docs').get() as { n: number }).n;
    let n = 0;
    for (const map of this.data.values()) n += map.size;
    return n;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private makeCollection<T>(name: string): Collection<T> {
    const map = this.bucket(name) as Map<string, T>;
    const derived = this.derived;
    return {
      get: (id) => map.get(id),
      has: (id) => map.has(id),
      values: () => map.values(),
      get size() {
        return map.size;
      },
      get version() {
        return derived.version(name);
      },
      put: (id, value) => this.put(name, map, id, value),
      delete: (id) => this.remove(name, map, id),
      clear: () => this.clear(name, map),
      index: (indexName, keysOf) => derived.index(name, indexName, keysOf, map),
    };
  }

  private put<T>(name: string, map: Map<string, T>, id: string, value: T): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`store ${name}/${id}: value is not JSON-serialisable`);
    this.remember(name, id, map);
    this.disk?.put.run(name, id, ++this.seq, json);
    map.set(id, value);
    this.derived.changed(name, id, value);
    this.derived.touch(name);
  }

  private remove<T>(name: string, map: Map<string, T>, id: string): boolean {
    if (!map.has(id)) return false;
    this.remember(name, id, map);
    this.disk?.remove.run(name, id);
    map.delete(id);
    this.derived.changed(name, id, undefined);
    this.derived.touch(name);
    return true;
  }

  private clear<T>(name: string, map: Map<string, T>): void {
    for (const id of map.keys()) this.remember(name, id, map);
    this.disk?.clear.run(name);
    map.clear();
    this.derived.cleared(name);
    this.derived.touch(name);
  }

  /** A collection's documents, read from disk on first use (so opening a large org costs only what is used). */
  private bucket(name: string): Map<string, unknown> {
    let map = this.data.get(name);
    if (map === undefined) {
      map = new Map();
      if (this.disk !== undefined) {
        const rows = this.disk.load.iterate(name) as IterableIterator<{ id: string; json: string }>;
        for (const row of rows) map.set(row.id, JSON.parse(row.json) as unknown);
      }
      this.data.set(name, map);
    }
    return map;
  }

  /** Every collection name, on disk or only in memory. */
  private names(): string[] {
    const all = new Set(this.data.keys());
    if (this.db !== undefined) {
      const rows = this.db.prepare('SELECT DISTINCT collection FROM docs').iterate() as IterableIterator<{
        collection: string;
      }>;
      for (const row of rows) all.add(row.collection);
    }
    return [...all];
  }

  private remember(collection: string, id: string, map: Map<string, unknown>): void {
    if (this.depth === 0) return;
    this.journal.push({ collection, id, had: map.has(id), previous: map.get(id) });
  }

  private undoTo(mark: number): void {
    while (this.journal.length > mark) {
      const entry = this.journal.pop() as UndoEntry;
      const map = this.bucket(entry.collection);
      if (entry.had) map.set(entry.id, entry.previous);
      else map.delete(entry.id);
      this.derived.changed(entry.collection, entry.id, entry.had ? entry.previous : undefined);
      this.derived.touch(entry.collection);
    }
  }
}
