/**
 * The ledger's SQLite file: its tables, the pragmas, the schema version check and the upgrade of an older file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export { blockedRecheckDelay } from './blocked-recheck.js';

/** 2: `blocked_since` (when an entry became blocked, for spacing its re-checks). A version-1 ledger is upgraded. */
export const LEDGER_SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  handoff TEXT NOT NULL,
  record_id TEXT NOT NULL,
  transition TEXT NOT NULL,
  state TEXT NOT NULL,
  version TEXT,
  dirty INTEGER NOT NULL DEFAULT 0,
  own_version INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  last_error TEXT,
  reason TEXT,
  blocked_since INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (handoff, record_id, transition)
);
CREATE INDEX IF NOT EXISTS entries_due ON entries (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS entries_due_by_handoff ON entries (handoff, state, next_attempt_at);
CREATE TABLE IF NOT EXISTS steps (
  entry_id INTEGER NOT NULL REFERENCES entries(id),
  step_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  ids TEXT NOT NULL,
  detail TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (entry_id, step_id)
);
CREATE TABLE IF NOT EXISTS cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * Opens (or makes) the ledger at `path`: WAL, a busy timeout for the serve and poll processes sharing it, the
 * tables, and a version-1 file upgraded in place. Refuses a file made by a newer zlc.
 */
export function openLedgerDb(path: string, now: () => number): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const row = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get()
    ? (db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined)
    : undefined;
  if (row !== undefined && Number(row.value) > LEDGER_SCHEMA_VERSION) {
    db.close();
    throw new Error(`${path} has ledger schema ${row.value}; this zlc reads up to ${LEDGER_SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    // Version 1 had no blocked_since: its blocked entries count as blocked from now on.
    const columns = db.prepare('PRAGMA table_info(entries)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'blocked_since')) {
      db.exec('ALTER TABLE entries ADD COLUMN blocked_since INTEGER NOT NULL DEFAULT 0');
      db.prepare(`UPDATE entries SET blocked_since = ? WHERE state = 'blocked'`).run(now());
    }
    db.prepare(
      `INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(String(LEDGER_SCHEMA_VERSION));
  }).immediate();
  return db;
}
