/**
 * The PostgreSQL ledger's tables, in a schema of their own (`zlc` by default), created and upgraded by numbered
 * migrations under an advisory lock, so that several runtimes starting at once migrate exactly once. A database
 * upgraded by a newer zlc is refused rather than misread.
 */
import type pg from 'pg';

/** The migrations, in order; each runs once, in its own transaction. Never edit one that has shipped: add one. */
const MIGRATIONS: readonly ((schema: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.entries (
      id BIGSERIAL PRIMARY KEY,
      handoff TEXT NOT NULL,
      record_id TEXT NOT NULL,
      transition TEXT NOT NULL,
      state TEXT NOT NULL,
      version TEXT,
      dirty INTEGER NOT NULL DEFAULT 0,
      own_version INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL DEFAULT 0,
      lease_until BIGINT NOT NULL DEFAULT 0,
      lease_owner TEXT,
      last_error TEXT,
      reason TEXT,
      blocked_since BIGINT NOT NULL DEFAULT 0,
      source TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      UNIQUE (handoff, record_id, transition)
    );
    CREATE INDEX entries_due ON ${s}.entries (state, next_attempt_at);
    CREATE INDEX entries_due_by_handoff ON ${s}.entries (handoff, state, next_attempt_at);
    CREATE TABLE ${s}.steps (
      entry_id BIGINT NOT NULL REFERENCES ${s}.entries(id),
      step_id TEXT NOT NULL,
      outcome TEXT NOT NULL,
      ids TEXT NOT NULL,
      detail TEXT,
      seq BIGSERIAL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (entry_id, step_id)
    );
    CREATE TABLE ${s}.cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

export const POSTGRES_LEDGER_SCHEMA_VERSION = MIGRATIONS.length;

/** A schema name safe to splice into SQL (PostgreSQL identifiers cannot be bound as parameters). */
export function checkSchemaName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(
      `"${name}" is not a usable PostgreSQL schema name for the ledger: use lower-case letters, digits and _`,
    );
  return name;
}

/** Creates the schema and runs the migrations it lacks; refuses a database a newer zlc upgraded. */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One migrating runtime at a time, whatever the schema is called: the lock is keyed by its name.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zlc-ledger:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const found = await client.query<{ value: string }>(
      `SELECT value FROM ${schema}.meta WHERE key = 'schema_version'`,
    );
    const current = Number(found.rows[0]?.value ?? 0);
    if (current > POSTGRES_LEDGER_SCHEMA_VERSION)
      throw new Error(
        `the ledger in schema ${schema} has version ${current}; this zlc reads up to ${POSTGRES_LEDGER_SCHEMA_VERSION}`,
      );
    for (let version = current + 1; version <= POSTGRES_LEDGER_SCHEMA_VERSION; version++) {
      const migration = MIGRATIONS[version - 1];
      if (migration !== undefined) await client.query(migration(schema));
    }
    await client.query(
      `INSERT INTO ${schema}.meta (key, value) VALUES ('schema_version', $1)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(POSTGRES_LEDGER_SCHEMA_VERSION)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
