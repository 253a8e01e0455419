/**
 * The apply lock in PostgreSQL, so CI runners on different machines exclude each other: a session-level advisory
 * lock keyed by the schema and the target identity, held on a connection of its own for the whole apply. The
 * database releases it when that session ends — a killed apply never leaves a stale lock. Who holds it (the same
 * `LockInfo` as a lock file) is kept in `<schema>.apply_locks`; a row whose advisory lock is not held is a dead
 * holder's, replaced by the next apply. `forceUnlock` ends the holder's session (`pg_terminate_backend`, which
 * needs the holder's database role or `pg_signal_backend`) and removes its row.
 */
import { randomBytes } from 'node:crypto';
import { redactDatabaseUrl } from '@zlc/zoho';
import pg from 'pg';
import {
  type AcquireLockResult,
  currentHolder,
  type ForceUnlockResult,
  type LockHolder,
  type LockInfo,
} from './lock.js';
import type { LockStore } from './lock-store.js';

export interface PostgresLockOptions {
  /** `postgres://user:password@host:port/database` (the CLI reads it from `ZLC_LOCK_URL`). */
  url: string;
  /** The schema of the `apply_locks` table (default `zlc`, beside a PostgreSQL ledger's tables). */
  schema?: string;
  now?: () => Date;
}

/** A schema name safe to splice into SQL (identifiers cannot be bound as parameters). */
function checkSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`"${name}" is not a usable PostgreSQL schema name for the apply lock: use a-z, 0-9 and _`);
  return name;
}

interface LockRow {
  identity: string;
  id: string;
  holder_user: string;
  holder_host: string;
  holder_pid: number;
  created: string;
}

const toInfo = (r: LockRow): LockInfo => ({
  id: r.id,
  identity: r.identity,
  holder: { user: r.holder_user, host: r.holder_host, pid: r.holder_pid },
  created: r.created,
});

/** The advisory lock's two keys as SQL, `$1` the schema's namespace text and `$2` the identity. */
const KEYS = 'hashtext($1), hashtext($2)';
/** The same keys as `pg_locks` shows them (unsigned 32-bit, two-key form: objsubid 2). */
const HELD_BY = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
  AND classid = (hashtext($1)::bigint & 4294967295)::oid AND objid = (hashtext($2)::bigint & 4294967295)::oid`;

export class PostgresLockStore implements LockStore {
  readonly location: string;
  private readonly schema: string;
  private readonly namespace: string;
  private readonly now: () => Date;

  constructor(private readonly options: PostgresLockOptions) {
    this.schema = checkSchema(options.schema ?? 'zlc');
    this.namespace = `zlc-apply-lock:${this.schema}`;
    this.now = options.now ?? (() => new Date());
    this.location = `PostgreSQL ${redactDatabaseUrl(options.url)} (schema ${this.schema})`;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true });
    // A dropped connection ends the session and so the lock; the error must not crash the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`the apply lock's database, ${this.location}, cannot be reached: ${why}`, { cause: error });
    }
    return client;
  }

  /** Creates the schema and table when missing, one creator at a time. */
  private async ensureTable(client: pg.Client): Promise<void> {
    const found = await client.query(`SELECT to_regclass($1) AS t`, [`${this.schema}.apply_locks`]);
    if ((found.rows[0] as { t: string | null } | undefined)?.t) return;
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.namespace}:ddl`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.schema}.apply_locks (
          identity TEXT PRIMARY KEY, id TEXT NOT NULL, holder_user TEXT NOT NULL, holder_host TEXT NOT NULL,
          holder_pid INTEGER NOT NULL, created TEXT NOT NULL)`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  async acquire(identity: string, holder: LockHolder = currentHolder()): Promise<AcquireLockResult> {
    const client = await this.connect();
    try {
      await this.ensureTable(client);
      const got = await client.query(`SELECT pg_try_advisory_lock(${KEYS}) AS ok`, [this.namespace, identity]);
      if ((got.rows[0] as { ok: boolean }).ok) return await this.took(client, identity, holder);
      const held = await this.holderOf(client, identity);
      await client.end();
      const info = held ?? {
        id: 'unknown',
        identity,
        holder: { user: 'unknown', host: 'unknown', pid: 0 },
        created: '',
      };
      const ageMs = held === undefined ? 0 : this.now().getTime() - Date.parse(held.created);
      return { ok: false, reason: 'locked', holder: info, ageMs, path: this.location };
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  /** The lock is ours: record who holds it (replacing a dead holder's row) and keep the session until release. */
  private async took(client: pg.Client, identity: string, holder: LockHolder) {
    const info: LockInfo = { id: randomBytes(4).toString('hex'), identity, holder, created: this.now().toISOString() };
    const before = await client.query(`SELECT * FROM ${this.schema}.apply_locks WHERE identity = $1`, [identity]);
    const dead = before.rows[0] as LockRow | undefined;
    await client.query(
      `INSERT INTO ${this.schema}.apply_locks (identity, id, holder_user, holder_host, holder_pid, created)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (identity) DO UPDATE SET id = excluded.id, holder_user = excluded.holder_user,
         holder_host = excluded.holder_host, holder_pid = excluded.holder_pid, created = excluded.created`,
      [identity, info.id, holder.user, holder.host, holder.pid, info.created],
    );
    const release = async () => {
      try {
        await client.query(`DELETE FROM ${this.schema}.apply_locks WHERE identity = $1 AND id = $2`, [
          identity,
          info.id,
        ]);
        await client.query(`SELECT pg_advisory_unlock(${KEYS})`, [this.namespace, identity]);
      } catch {
        // The session is gone (force-unlocked, the database restarted): so is the lock, and the row is stale.
      } finally {
        await client.end().catch(() => {});
      }
    };
    return {
      ok: true as const,
      lock: { info, path: this.location, ...(dead === undefined ? {} : { replaced: toInfo(dead) }), release },
    };
  }

  /** The recorded holder of `identity`'s lock, when its advisory lock is held (a row without one is stale). */
  private async holderOf(client: pg.Client, identity: string): Promise<LockInfo | undefined> {
    // The holder writes its row just after taking the lock: give it a moment before calling it unknown.
    for (let attempt = 0; attempt < 10; attempt++) {
      const row = await client.query(`SELECT * FROM ${this.schema}.apply_locks WHERE identity = $1`, [identity]);
      const found = row.rows[0] as LockRow | undefined;
      if (found !== undefined) return toInfo(found);
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  }

  async list(): Promise<LockInfo[]> {
    const client = await this.connect();
    try {
      await this.ensureTable(client);
      const rows = (await client.query(`SELECT * FROM ${this.schema}.apply_locks ORDER BY created`)).rows as LockRow[];
      const held: LockInfo[] = [];
      for (const row of rows)
        if ((await client.query(HELD_BY, [this.namespace, row.identity])).rows.length > 0) held.push(toInfo(row));
      return held;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async forceUnlock(id: string): Promise<ForceUnlockResult> {
    const client = await this.connect();
    try {
      await this.ensureTable(client);
      const rows = (await client.query(`SELECT * FROM ${this.schema}.apply_locks WHERE id = $1`, [id])).rows;
      const row = rows[0] as LockRow | undefined;
      if (row === undefined) {
        await client.end();
        return { ok: false, reason: 'not_found', known: await this.list(), corrupt: [] };
      }
      const heldBy = async () =>
        ((await client.query(HELD_BY, [this.namespace, row.identity])).rows as { pid: number }[]).map((r) => r.pid);
      const sessions = await heldBy();
      let refusal: string | undefined;
      for (const pid of sessions)
        await client.query('SELECT pg_terminate_backend($1)', [pid]).catch((error: unknown) => {
          refusal = `cannot end the holder's database session ${pid} (${error instanceof Error ? error.message : String(error)}); ask the database's owner to run SELECT pg_terminate_backend(${pid})`;
        });
      if (refusal !== undefined) return { ok: false, reason: 'not_removable', path: this.location, message: refusal };
      // A terminated session lets go of its locks as it exits, a moment later.
      for (let waited = 0; sessions.length > 0 && (await heldBy()).length > 0; waited += 100) {
        if (waited >= 5_000)
          return {
            ok: false,
            reason: 'not_removable',
            path: this.location,
            message: `the holder's database session ${sessions.join(', ')} did not end within 5 s`,
          };
        await new Promise((r) => setTimeout(r, 100));
      }
      await client.query(`DELETE FROM ${this.schema}.apply_locks WHERE id = $1`, [id]);
      return { ok: true, kind: 'lock', removed: toInfo(row) };
    } finally {
      await client.end().catch(() => {});
    }
  }

  async close(): Promise<void> {}
}
