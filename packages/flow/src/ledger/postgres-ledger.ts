/**
 * The ledger in PostgreSQL, for several runtimes sharing one ledger (high availability): the same contract and
 * state machine as the SQLite ledger (`transitions.ts`), with claims taken under `FOR UPDATE SKIP LOCKED` so two
 * runtimes never claim the same entry, and leases so a killed runtime's work is claimed again.
 */

import { redactDatabaseUrl } from '@zlc/zoho';
import pg from 'pg';
import { type FinishResult, type Ledger, type OfferInput, parseIds } from './ledger.js';
import type { EntryState, LedgerEntry, OfferResult, StepRecord } from './ledger-types.js';
import { checkSchemaName, migrate } from './postgres-schema.js';
import { type Columns, decideOffer, type EntryFacts, finishColumns, setClause } from './transitions.js';

interface EntryRow extends EntryFacts {
  id: string;
  handoff: string;
  record_id: string;
  transition: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string;
  last_error: string | null;
  reason: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

/** BIGINT columns arrive as strings (they may pass 2^53); ledger ids and epoch milliseconds never do. */
function facts(row: EntryRow): EntryFacts & { id: number } {
  return {
    id: Number(row.id),
    state: row.state,
    version: row.version,
    dirty: Number(row.dirty),
    own_version: Number(row.own_version),
    blocked_since: Number(row.blocked_since),
  };
}

function toEntry(row: EntryRow): LedgerEntry {
  return {
    id: Number(row.id),
    handoff: row.handoff,
    recordId: row.record_id,
    transition: row.transition,
    state: row.state,
    ...(row.version === null ? {} : { version: row.version }),
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.reason === null ? {} : { reason: row.reason }),
    source: row.source,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export interface PostgresLedgerOptions {
  /** `postgres://user@host:port/database` (from the environment variable `runtime.ledger.url_env` names). */
  url: string;
  /** The schema holding the ledger's tables (default `zlc`). */
  schema?: string;
  now?: () => number;
  /** Connections kept open (default 10). */
  poolSize?: number;
}

type Query = (sql: string, values?: unknown[]) => Promise<pg.QueryResult>;

export class PostgresLedger implements Ledger {
  readonly location: string;
  private readonly s: string;
  private readonly now: () => number;
  private lastServed: string | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    options: PostgresLedgerOptions,
  ) {
    this.s = checkSchemaName(options.schema ?? 'zlc');
    this.now = options.now ?? Date.now;
    this.location = `${redactDatabaseUrl(options.url)} (schema ${this.s})`;
  }

  /** Connects, creates or upgrades the schema, and returns the ledger. */
  static async open(options: PostgresLedgerOptions): Promise<PostgresLedger> {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client's error (the server restarting) must not crash the runtime: the next query reconnects.
    pool.on('error', () => {});
    const ledger = new PostgresLedger(pool, options);
    try {
      await migrate(pool, ledger.s);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return ledger;
  }

  /** Runs `work` in one transaction on one connection. */
  private async tx<T>(work: (query: Query) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work((sql, values) => client.query(sql, values));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async update(query: Query, id: number, columns: Columns): Promise<void> {
    const { sql, values } = setClause(columns, (i) => `$${i}`, 2);
    await query(`UPDATE ${this.s}.entries SET ${sql} WHERE id = $1`, [id, ...values]);
  }

  async offer(input: OfferInput): Promise<OfferResult> {
    const [result] = await this.offerMany([input]);
    if (result === undefined) throw new Error('the ledger recorded no outcome for the offered event');
    return result;
  }

  /**
   * New work (every backfilled record, every first webhook) is inserted by one statement for the whole batch, in
   * its own implicit transaction: one round trip. An event that matches an entry (or an earlier event of the same
   * batch) is then decided in a transaction holding that entry's lock, in the batch's order. Entries are never
   * deleted, so the entry an insert ran into is there to lock.
   */
  async offerMany(inputs: readonly OfferInput[]): Promise<OfferResult[]> {
    if (inputs.length === 0) return [];
    const at = this.now();
    const column = (pick: (input: OfferInput) => string | null) => inputs.map(pick);
    const inserted = await this.pool.query(
      `INSERT INTO ${this.s}.entries
         (handoff, record_id, transition, state, version, source, created_at, updated_at, next_attempt_at)
       SELECT handoff, record_id, transition, 'pending', version, source, $6, $6, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         WITH ORDINALITY AS o(handoff, record_id, transition, version, source, n)
       ORDER BY n
       ON CONFLICT (handoff, record_id, transition) DO NOTHING RETURNING id, handoff, record_id, transition`,
      [
        column((i) => i.handoff),
        column((i) => i.recordId),
        column((i) => i.transition),
        column((i) => i.version ?? null),
        column((i) => i.source),
        at,
      ],
    );
    const key = (handoff: string, recordId: string, transition: string) =>
      JSON.stringify([handoff, recordId, transition]);
    const created = new Map<string, number>();
    for (const row of inserted.rows as { id: string; handoff: string; record_id: string; transition: string }[])
      created.set(key(row.handoff, row.record_id, row.transition), Number(row.id));
    const results: OfferResult[] = [];
    for (const input of inputs) {
      const k = key(input.handoff, input.recordId, input.transition);
      const id = created.get(k);
      // The first event of a key the insert created; any later one of the batch meets that entry, as it would offered
      // after it.
      created.delete(k);
      results.push(id === undefined ? await this.offerExisting(input, at) : { outcome: 'created', id });
    }
    return results;
  }

  /** An event whose entry exists: the decision, under the entry's lock. */
  private offerExisting(input: OfferInput, at: number): Promise<OfferResult> {
    return this.tx(async (query) => {
      const found = await query(
        `SELECT * FROM ${this.s}.entries WHERE handoff = $1 AND record_id = $2 AND transition = $3 FOR UPDATE`,
        [input.handoff, input.recordId, input.transition],
      );
      const existing = facts(found.rows[0] as EntryRow);
      const decision = decideOffer(existing, input, at);
      if (decision.set !== undefined) await this.update(query, existing.id, decision.set);
      return { outcome: decision.outcome, id: existing.id };
    });
  }

  /**
   * One statement, so one round trip and no transaction held open across several: each handoff's due entries
   * (pending ones and running ones whose lease ran out, each through the (handoff, state, next_attempt_at) index,
   * oldest first, locked with SKIP LOCKED), numbered by turn within their handoff, ordered by turn and then by
   * handoff starting after the one served last (`takeTurns` and `rotateAfter` in SQL), the first `limit` taken.
   */
  async claim(owner: string, limit: number, leaseMs: number): Promise<LedgerEntry[]> {
    const at = this.now();
    const found = await this.pool.query(this.claimSql(), [at, limit, this.lastServed ?? null, owner, at + leaseMs]);
    const rows = (found.rows as (EntryRow & { pos: string })[]).sort((a, b) => Number(a.pos) - Number(b.pos));
    if (rows.length > 0) this.lastServed = rows[rows.length - 1]?.handoff;
    return rows.map((r) => toEntry({ ...r, state: 'running', attempts: r.attempts + 1 }));
  }

  /** The claim (see `claim`); $1 now, $2 limit, $3 the handoff served last, $4 owner, $5 lease end. */
  private claimSql(): string {
    const e = `${this.s}.entries`;
    const due = (test: string) => `SELECT d.* FROM h CROSS JOIN LATERAL (
        SELECT * FROM ${e} WHERE handoff = h.name AND ${test}
        ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) d WHERE h.name IS NOT NULL`;
    // A loose index scan finds the handoffs: one seek per handoff, however many entries each has.
    return `WITH RECURSIVE h(name) AS (
        SELECT MIN(handoff) FROM ${e}
        UNION ALL SELECT (SELECT MIN(handoff) FROM ${e} WHERE handoff > h.name) FROM h WHERE h.name IS NOT NULL),
      pending AS (${due(`state = 'pending' AND next_attempt_at <= $1`)}),
      lapsed AS (${due(`state = 'running' AND lease_until <= $1`)}),
      due AS (SELECT *, row_number() OVER (PARTITION BY handoff ORDER BY next_attempt_at, id) AS turn
        FROM (SELECT * FROM pending UNION ALL SELECT * FROM lapsed) u),
      chosen AS (SELECT *, row_number() OVER (ORDER BY turn, handoff > $3::text DESC, handoff) AS pos
        FROM due ORDER BY pos LIMIT $2)
      UPDATE ${e} AS t SET state = 'running', lease_owner = $4, lease_until = $5, attempts = t.attempts + 1, dirty = 0,
        updated_at = $1
      FROM chosen WHERE t.id = chosen.id
      RETURNING chosen.*`;
  }

  async renew(id: number, owner: string, leaseMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.s}.entries SET lease_until = $1 WHERE id = $2 AND lease_owner = $3 AND state = 'running'`,
      [this.now() + leaseMs, id, owner],
    );
  }

  /**
   * Reads the facts the outcome depends on, then writes the outcome only if they are unchanged (an event may mark
   * the entry while it runs): two round trips and no transaction held between them, where a locking transaction
   * takes four. When an event did change them, the outcome is worked out again from the new facts.
   */
  async finish(id: number, result: FinishResult): Promise<void> {
    for (;;) {
      const found = await this.pool.query(
        `SELECT state, version, dirty, own_version, blocked_since FROM ${this.s}.entries WHERE id = $1`,
        [id],
      );
      const row = found.rows[0] as EntryRow | undefined;
      if (row === undefined) return;
      const seen = facts({ ...row, id: String(id) });
      const { sql, values } = setClause(finishColumns(seen, result, this.now()), (i) => `$${i}`, 5);
      const written = await this.pool.query(
        `UPDATE ${this.s}.entries SET ${sql}
         WHERE id = $1 AND dirty = $2 AND version IS NOT DISTINCT FROM $3 AND blocked_since = $4`,
        [id, seen.dirty, seen.version, seen.blocked_since, ...values],
      );
      if (written.rowCount === 1) return;
    }
  }

  async recordStep(entryId: number, step: StepRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.steps (entry_id, step_id, outcome, ids, detail, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (entry_id, step_id) DO UPDATE SET outcome = excluded.outcome, ids = excluded.ids,
       detail = excluded.detail, updated_at = excluded.updated_at`,
      [entryId, step.stepId, step.outcome, JSON.stringify(step.ids), step.detail ?? null, this.now()],
    );
  }

  async steps(entryId: number): Promise<StepRecord[]> {
    const found = await this.pool.query(
      `SELECT step_id, outcome, ids, detail FROM ${this.s}.steps WHERE entry_id = $1 ORDER BY seq`,
      [entryId],
    );
    return found.rows.map((r) => ({
      stepId: String(r.step_id),
      outcome: r.outcome as StepRecord['outcome'],
      ids: parseIds(String(r.ids)),
      ...(r.detail === null ? {} : { detail: String(r.detail) }),
    }));
  }

  async get(id: number): Promise<LedgerEntry | undefined> {
    const found = await this.pool.query(`SELECT * FROM ${this.s}.entries WHERE id = $1`, [id]);
    const row = found.rows[0] as EntryRow | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  async list(states?: readonly EntryState[], limit = 1000): Promise<LedgerEntry[]> {
    const found =
      states === undefined
        ? await this.pool.query(`SELECT * FROM ${this.s}.entries ORDER BY id LIMIT $1`, [limit])
        : await this.pool.query(`SELECT * FROM ${this.s}.entries WHERE state = ANY($1::text[]) ORDER BY id LIMIT $2`, [
            [...states],
            limit,
          ]);
    return (found.rows as EntryRow[]).map(toEntry);
  }

  async reopenDueBlocked(handoff: string): Promise<number> {
    const at = this.now();
    const done = await this.pool.query(
      `UPDATE ${this.s}.entries SET state = 'pending', own_version = 0, attempts = 0, next_attempt_at = $1,
         last_error = NULL, source = 'poll', updated_at = $1
       WHERE handoff = $2 AND state = 'blocked' AND next_attempt_at <= $1`,
      [at, handoff],
    );
    return done.rowCount ?? 0;
  }

  async counts(): Promise<Record<EntryState, number>> {
    const out: Record<EntryState, number> = { pending: 0, running: 0, blocked: 0, done: 0, failed: 0, dead: 0 };
    const found = await this.pool.query(`SELECT state, COUNT(*) AS n FROM ${this.s}.entries GROUP BY state`);
    for (const r of found.rows) out[r.state as EntryState] = Number(r.n);
    return out;
  }

  async replay(id: number): Promise<LedgerEntry | undefined> {
    const at = this.now();
    await this.pool.query(
      `UPDATE ${this.s}.entries SET state = 'pending', attempts = 0, next_attempt_at = $1, source = 'replay',
         updated_at = $1 WHERE id = $2 AND (state != 'running' OR lease_until <= $1)`,
      [at, id],
    );
    return this.get(id);
  }

  async cursor(name: string): Promise<string | undefined> {
    const found = await this.pool.query(`SELECT value FROM ${this.s}.cursors WHERE name = $1`, [name]);
    const row = found.rows[0] as { value: string } | undefined;
    return row?.value;
  }

  async setCursor(name: string, value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.cursors (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [name, value],
    );
  }

  async nextDue(): Promise<number | undefined> {
    const found = await this.pool.query(
      `SELECT MIN(next_attempt_at) AS t FROM ${this.s}.entries WHERE state = 'pending'`,
    );
    const t = (found.rows[0] as { t: string | null } | undefined)?.t;
    return t === null || t === undefined ? undefined : Number(t);
  }

  async ping(): Promise<void> {
    await this.pool.query(`SELECT 1 FROM ${this.s}.entries LIMIT 1`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
