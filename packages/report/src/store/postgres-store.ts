/**
 * The PostgreSQL store, beside a PostgreSQL ledger (several runtimes, one database): the same generations and
 * watermarks as the SQLite store, in the ledger's schema, keyed by a digest of the target so two orgs never mix.
 * Two reports reading the same source at once serialise on a row lock of its watermark.
 */

import { redactDatabaseUrl } from '@zlc/zoho';
import pg from 'pg';
import type { ReportStore, SourceId, SourceWrite, Watermark } from './report-store.js';
import { ReportStoreError } from './sqlite-store.js';

const SCHEMA_VERSION = 1;

function checkSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new ReportStoreError(
      `"${name}" is not a usable PostgreSQL schema name: use lower-case letters, digits and _`,
    );
  return name;
}

async function migrate(pool: pg.Pool, s: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zlc-report-store:${s}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.report_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const found = await client.query<{ value: string }>(`SELECT value FROM ${s}.report_meta WHERE key = 'schema'`);
    const version = found.rows[0]?.value;
    if (version !== undefined && Number(version) !== SCHEMA_VERSION)
      throw new ReportStoreError(
        `the report store in schema ${s} has version ${version}; this zlc reads ${SCHEMA_VERSION}: drop its report_* tables (they are a cache) and run again`,
      );
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.report_records (
        target TEXT NOT NULL, source TEXT NOT NULL, id TEXT NOT NULL, gen BIGINT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (target, source, id));
      CREATE TABLE IF NOT EXISTS ${s}.report_watermarks (
        target TEXT NOT NULL, source TEXT NOT NULL, since TEXT NOT NULL, read_at TEXT NOT NULL,
        full_read_at TEXT NOT NULL, shape TEXT NOT NULL, gen BIGINT NOT NULL, PRIMARY KEY (target, source));`);
    if (version === undefined)
      await client.query(`INSERT INTO ${s}.report_meta (key, value) VALUES ('schema', $1)`, [String(SCHEMA_VERSION)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface WatermarkRow {
  since: string;
  read_at: string;
  full_read_at: string;
  shape: string;
  gen: string;
}

/** One read of one source on its own connection: records go in as they arrive, in one transaction till `commit`. */
async function beginWrite(
  pool: pg.Pool,
  s: string,
  target: string,
  source: SourceId,
  mode: 'full' | 'delta',
  pending: Set<() => Promise<void>>,
): Promise<SourceWrite> {
  const client = await pool.connect();
  // A read the store is closed under (the process stopping) is rolled back, as a dropped connection would be.
  const abandon = () => end('ROLLBACK');
  pending.add(abandon);
  await client.query('BEGIN');
  const mark = await client.query<{ gen: string }>(
    `SELECT gen FROM ${s}.report_watermarks WHERE target = $1 AND source = $2 FOR UPDATE`,
    [target, source],
  );
  const previous = Number(mark.rows[0]?.gen ?? 0);
  const gen = mode === 'full' ? previous + 1 : previous;
  let ended = false;
  async function end(sql: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (ended) return;
    ended = true;
    pending.delete(abandon);
    try {
      await client.query(sql);
    } finally {
      client.release();
    }
  }
  const guarded = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      await end('ROLLBACK').catch(() => {});
      throw error;
    }
  };
  return {
    upsert: (rows) =>
      guarded(async () => {
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          await client.query(
            `INSERT INTO ${s}.report_records (target, source, id, gen, json)
             SELECT $1, $2, id, $3, json FROM unnest($4::text[], $5::text[]) AS t(id, json)
             ON CONFLICT (target, source, id) DO UPDATE SET gen = excluded.gen, json = excluded.json`,
            [target, source, gen, chunk.map(([id]) => id), chunk.map(([, value]) => JSON.stringify(value))],
          );
        }
      }),
    delete: (ids) =>
      guarded(() =>
        client.query(`DELETE FROM ${s}.report_records WHERE target = $1 AND source = $2 AND id = ANY($3::text[])`, [
          target,
          source,
          [...ids],
        ]),
      ),
    commit: (m: Watermark) =>
      guarded(async () => {
        if (mode === 'full')
          await client.query(`DELETE FROM ${s}.report_records WHERE target = $1 AND source = $2 AND gen < $3`, [
            target,
            source,
            gen,
          ]);
        await client.query(
          `INSERT INTO ${s}.report_watermarks (target, source, since, read_at, full_read_at, shape, gen)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (target, source) DO UPDATE SET since = excluded.since,
           read_at = excluded.read_at, full_read_at = excluded.full_read_at, shape = excluded.shape, gen = excluded.gen`,
          [target, source, m.since, m.readAt, m.fullReadAt, m.shape, gen],
        );
        await end('COMMIT');
      }),
  };
}

export interface PostgresStoreOptions {
  url: string;
  /** The schema holding the tables (the ledger's; default `zlc`). */
  schema?: string;
  /** Which org's records (a digest of its target identity). */
  target: string;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<ReportStore> {
  const s = checkSchema(options.schema ?? 'zlc');
  const pool = new pg.Pool({ connectionString: options.url, max: 4 });
  pool.on('error', () => {});
  try {
    await migrate(pool, s);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const { target } = options;
  const pending = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    location: `${redactDatabaseUrl(options.url)} (schema ${s})`,
    async watermark(source) {
      const found = await pool.query<WatermarkRow>(
        `SELECT * FROM ${s}.report_watermarks WHERE target = $1 AND source = $2`,
        [target, source],
      );
      const row = found.rows[0];
      return row === undefined
        ? undefined
        : { since: row.since, readAt: row.read_at, fullReadAt: row.full_read_at, shape: row.shape };
    },
    begin: (source, mode) => beginWrite(pool, s, target, source, mode, pending),
    async read(source) {
      const found = await pool.query<{ json: string }>(
        `SELECT json FROM ${s}.report_records WHERE target = $1 AND source = $2`,
        [target, source],
      );
      return found.rows.map((row) => JSON.parse(row.json) as unknown);
    },
    async close() {
      await Promise.all([...pending].map((abandon) => abandon().catch(() => {})));
      await pool.end();
    },
  };
}
