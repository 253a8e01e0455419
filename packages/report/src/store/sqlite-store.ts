/**
 * The SQLite store (better-sqlite3): `records(source, id, gen, json)` and `watermarks(source, …)`. A full read
 * stamps what it sees with a new generation and drops the older ones on commit, so a read that fails half-way
 * leaves the previous read whole (its newer records included) and the watermark where it was.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ReportStore, SourceId, SourceWrite, Watermark } from './report-store.js';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  source TEXT NOT NULL, id TEXT NOT NULL, gen INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (source, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watermarks (
  source TEXT PRIMARY KEY, since TEXT NOT NULL, read_at TEXT NOT NULL, full_read_at TEXT NOT NULL,
  shape TEXT NOT NULL, gen INTEGER NOT NULL
);`;

export class ReportStoreError extends Error {}

export function openSqliteStore(path: string): ReportStore {
  const fresh = !existsSync(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // The store holds customer names and amounts: readable by its owner only.
  if (fresh && path !== ':memory:') chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const version = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get();
  if (version === undefined)
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
  else if (Number(version.value) !== SCHEMA_VERSION) {
    db.close();
    throw new ReportStoreError(
      `${path} is a report store of schema ${version.value}; this zlc reads ${SCHEMA_VERSION}: delete it (it is a cache) and run again`,
    );
  }

  const upsert = db.prepare<[string, string, number, string]>(
    'INSERT INTO records (source, id, gen, json) VALUES (?, ?, ?, ?) ON CONFLICT (source, id) DO UPDATE SET gen = excluded.gen, json = excluded.json',
  );
  const remove = db.prepare<[string, string]>('DELETE FROM records WHERE source = ? AND id = ?');
  const dropOlder = db.prepare<[string, number]>('DELETE FROM records WHERE source = ? AND gen < ?');
  const readMark = db.prepare<[string], WatermarkRow>('SELECT * FROM watermarks WHERE source = ?');
  const writeMark = db.prepare<[string, string, string, string, string, number]>(
    'INSERT INTO watermarks (source, since, read_at, full_read_at, shape, gen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET since = excluded.since, read_at = excluded.read_at, full_read_at = excluded.full_read_at, shape = excluded.shape, gen = excluded.gen',
  );
  const all = db.prepare<[string], { json: string }>('SELECT json FROM records WHERE source = ?');
  const upsertMany = db.transaction((source: string, gen: number, rows: readonly (readonly [string, unknown])[]) => {
    for (const [id, value] of rows) upsert.run(source, id, gen, JSON.stringify(value));
  });
  const removeMany = db.transaction((source: string, ids: readonly string[]) => {
    for (const id of ids) remove.run(source, id);
  });
  const commit = db.transaction((source: string, mode: 'full' | 'delta', gen: number, mark: Watermark) => {
    if (mode === 'full') dropOlder.run(source, gen);
    writeMark.run(source, mark.since, mark.readAt, mark.fullReadAt, mark.shape, gen);
  });

  return {
    kind: 'sqlite',
    location: path,
    async watermark(source) {
      const row = readMark.get(source);
      return row === undefined
        ? undefined
        : { since: row.since, readAt: row.read_at, fullReadAt: row.full_read_at, shape: row.shape };
    },
    async begin(source: SourceId, mode): Promise<SourceWrite> {
      const previous = readMark.get(source)?.gen ?? 0;
      const gen = mode === 'full' ? previous + 1 : previous;
      return {
        upsert: async (rows) => upsertMany(source, gen, rows),
        delete: async (ids) => removeMany(source, ids),
        commit: async (mark) => commit(source, mode, gen, mark),
      };
    },
    async read(source) {
      // Row by row: a large source's raw texts are never all held beside the parsed records.
      const out: unknown[] = [];
      for (const row of all.iterate(source)) out.push(JSON.parse(row.json));
      return out;
    },
    async close() {
      db.close();
    },
  };
}

interface WatermarkRow {
  source: string;
  since: string;
  read_at: string;
  full_read_at: string;
  shape: string;
  gen: number;
}
