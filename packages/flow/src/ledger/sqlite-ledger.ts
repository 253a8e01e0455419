/**
 * The durable ledger: one row per piece of work, keyed by (handoff, record, transition) so that the same event
 * twice collapses into one entry; every step's outcome with the ids it found or created; retries with backoff;
 * leases so that a killed runtime's running entries are claimed again once the lease runs out.
 */
import type Database from 'better-sqlite3';
import { type FinishResult, type Ledger, type OfferInput, parseIds, rotateAfter, takeTurns } from './ledger.js';
import type { EntryState, LedgerEntry, OfferResult, StepRecord } from './ledger-types.js';
import { openLedgerDb } from './schema.js';
import { type Columns, decideOffer, finishColumns, setClause } from './transitions.js';

interface EntryRow {
  id: number;
  handoff: string;
  record_id: string;
  transition: string;
  state: EntryState;
  version: string | null;
  dirty: number;
  own_version: number;
  attempts: number;
  next_attempt_at: number;
  lease_until: number;
  last_error: string | null;
  reason: string | null;
  blocked_since: number;
  source: string;
  created_at: number;
  updated_at: number;
}

function toEntry(row: EntryRow): LedgerEntry {
  return {
    id: row.id,
    handoff: row.handoff,
    recordId: row.record_id,
    transition: row.transition,
    state: row.state,
    ...(row.version === null ? {} : { version: row.version }),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.reason === null ? {} : { reason: row.reason }),
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqliteLedger implements Ledger {
  readonly path: string;
  private readonly db: Database.Database;
  /** The handoff of the last entry claimed: the next claim starts with the one after it. */
  private lastServed: string | undefined;
  /** The statements every claim runs (a worker claims after each finished entry), compiled once. */
  private claimStatements:
    | {
        handoffs: Database.Statement;
        pending: Database.Statement;
        expired: Database.Statement;
        take: Database.Statement;
      }
    | undefined;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = path;
    this.db = openLedgerDb(path, now);
  }

  get location(): string {
    return this.path;
  }

  /**
   * Records an event. New work is inserted pending; the same event again is a duplicate. A later version of the
   * record re-opens blocked, finished or failed work (and marks running work to run once more when it ends).
   */
  async offer(input: OfferInput): Promise<OfferResult> {
    return this.db.transaction(() => this.offerNow(input)).immediate();
  }

  /** One event, inside the caller's transaction. */
  private offerNow(input: OfferInput): OfferResult {
    const at = this.now();
    const existing = this.db
      .prepare('SELECT * FROM entries WHERE handoff = ? AND record_id = ? AND transition = ?')
      .get(input.handoff, input.recordId, input.transition) as EntryRow | undefined;
    if (existing === undefined) {
      const info = this.db
        .prepare(
          `INSERT INTO entries (handoff, record_id, transition, state, version, source, created_at, updated_at, next_attempt_at)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
        )
        .run(input.handoff, input.recordId, input.transition, input.version ?? null, input.source, at, at, at);
      return { outcome: 'created', id: Number(info.lastInsertRowid) };
    }
    const decision = decideOffer(existing, input, at);
    if (decision.set !== undefined) this.update(existing.id, decision.set);
    return { outcome: decision.outcome, id: existing.id };
  }

  /** Many events in one transaction: one commit instead of one per event. */
  async offerMany(inputs: readonly OfferInput[]): Promise<OfferResult[]> {
    const results: OfferResult[] = [];
    const tx = this.db.transaction(() => {
      for (const input of inputs) results.push(this.offerNow(input));
    });
    tx.immediate();
    return results;
  }

  private update(id: number, columns: Columns): void {
    const { sql, values } = setClause(columns, () => '?');
    this.db.prepare(`UPDATE entries SET ${sql} WHERE id = ?`).run(...values, id);
  }

  async claim(owner: string, limit: number, leaseMs: number): Promise<LedgerEntry[]> {
    const tx = this.db.transaction((): LedgerEntry[] => {
      const at = this.now();
      const names = (this.claiming().handoffs.all() as { name: string }[]).map((r) => r.name);
      const queues = rotateAfter(names, this.lastServed).map((handoff) => this.dueOf(handoff, at, limit));
      const rows = takeTurns(queues, limit);
      if (rows.length > 0) this.lastServed = rows[rows.length - 1]?.handoff;
      const { take } = this.claiming();
      for (const row of rows) take.run(owner, at + leaseMs, at, row.id);
      return rows.map((r) => toEntry({ ...r, state: 'running', attempts: r.attempts + 1 }));
    });
    return tx.immediate();
  }

  private claiming() {
    this.claimStatements ??= {
      // A loose index scan: one seek per handoff, however many entries each has.
      handoffs: this.db.prepare(
        `WITH RECURSIVE h(name) AS (
           SELECT MIN(handoff) FROM entries
           UNION ALL SELECT (SELECT MIN(handoff) FROM entries WHERE handoff > h.name) FROM h WHERE h.name IS NOT NULL)
         SELECT name FROM h WHERE name IS NOT NULL`,
      ),
      pending: this.db.prepare(
        `SELECT * FROM entries WHERE handoff = ? AND state = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      expired: this.db.prepare(
        `SELECT * FROM entries WHERE handoff = ? AND state = 'running' AND lease_until <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      take: this.db.prepare(
        `UPDATE entries SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1, dirty = 0,
         updated_at = ? WHERE id = ?`,
      ),
    };
    return this.claimStatements;
  }

  /** A handoff's due entries, oldest first: pending ones through the index, running ones whose lease ran out. */
  private dueOf(handoff: string, at: number, limit: number): EntryRow[] {
    const { pending, expired } = this.claiming();
    const due = pending.all(handoff, at, limit) as EntryRow[];
    const lapsed = expired.all(handoff, at, limit) as EntryRow[];
    if (lapsed.length === 0) return due;
    return [...due, ...lapsed].sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id).slice(0, limit);
  }

  /** Extends the lease of a running entry (long runs under rate limits). */
  async renew(id: number, owner: string, leaseMs: number): Promise<void> {
    this.db
      .prepare(`UPDATE entries SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'running'`)
      .run(this.now() + leaseMs, id, owner);
  }

  /** Ends a run. An entry that was re-opened while it ran goes back to pending instead of `done`. */
  async finish(id: number, result: FinishResult): Promise<void> {
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
      this.update(id, finishColumns(row, result, this.now()));
    });
    tx.immediate();
  }

  async recordStep(entryId: number, step: StepRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO steps (entry_id, step_id, outcome, ids, detail, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (entry_id, step_id) DO UPDATE SET outcome = excluded.outcome, ids = excluded.ids,
         detail = excluded.detail, updated_at = excluded.updated_at`,
      )
      .run(entryId, step.stepId, step.outcome, JSON.stringify(step.ids), step.detail ?? null, this.now());
  }

  async steps(entryId: number): Promise<StepRecord[]> {
    const rows = this.db
      .prepare('SELECT step_id, outcome, ids, detail FROM steps WHERE entry_id = ? ORDER BY rowid')
      .all(entryId) as { step_id: string; outcome: string; ids: string; detail: string | null }[];
    return rows.map((r) => ({
      stepId: r.step_id,
      outcome: r.outcome as StepRecord['outcome'],
      ids: parseIds(r.ids),
      ...(r.detail === null ? {} : { detail: r.detail }),
    }));
  }

  async get(id: number): Promise<LedgerEntry | undefined> {
    const row = this.db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  async list(states?: readonly EntryState[], limit = 1000): Promise<LedgerEntry[]> {
    const rows =
      states === undefined
        ? (this.db.prepare('SELECT * FROM entries ORDER BY id LIMIT ?').all(limit) as EntryRow[])
        : (this.db
            .prepare(`SELECT * FROM entries WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY id LIMIT ?`)
            .all(...states, limit) as EntryRow[]);
    return rows.map(toEntry);
  }

  /**
   * Re-opens the blocked entries of `handoff` whose re-check is due (see `blockedRecheckDelay`), however many, as
   * an `offer` from the poll would one by one; returns how many. `blocked_since` stays, so the next re-checks spread.
   */
  async reopenDueBlocked(handoff: string): Promise<number> {
    const at = this.now();
    return this.db
      .prepare(
        `UPDATE entries SET state = 'pending', own_version = 0, attempts = 0, next_attempt_at = ?, last_error = NULL,
         source = 'poll', updated_at = ? WHERE handoff = ? AND state = 'blocked' AND next_attempt_at <= ?`,
      )
      .run(at, at, handoff, at).changes;
  }

  async counts(): Promise<Record<EntryState, number>> {
    const out: Record<EntryState, number> = { pending: 0, running: 0, blocked: 0, done: 0, failed: 0, dead: 0 };
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM entries GROUP BY state').all() as {
      state: EntryState;
      n: number;
    }[];
    for (const r of rows) out[r.state] = r.n;
    return out;
  }

  /** Puts an entry back to pending now, whatever its state (a running one only once its lease ran out). */
  async replay(id: number): Promise<LedgerEntry | undefined> {
    const at = this.now();
    this.db
      .prepare(
        `UPDATE entries SET state = 'pending', attempts = 0, next_attempt_at = ?, source = 'replay', updated_at = ?
         WHERE id = ? AND (state != 'running' OR lease_until <= ?)`,
      )
      .run(at, at, id, at);
    return this.get(id);
  }

  async cursor(name: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT value FROM cursors WHERE name = ?').get(name) as { value: string } | undefined;
    return row?.value;
  }

  async setCursor(name: string, value: string): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      )
      .run(name, value);
  }

  /** The earliest time a pending entry becomes due, if any. */
  async nextDue(): Promise<number | undefined> {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM entries WHERE state = 'pending'`).get() as {
      t: number | null;
    };
    return row.t ?? undefined;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1 FROM entries LIMIT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
