/**
 * The ledger contract every store keeps (SQLite embedded, PostgreSQL for several runtimes): one entry per
 * (handoff, record, transition), so the same event twice is one piece of work; leases so a killed runtime's work is
 * claimed again; every step's outcome with the ids it found or created. Async, because a shared database is.
 */
import type { EntryState, LedgerEntry, OfferResult, StepRecord } from './ledger-types.js';

export interface OfferInput {
  handoff: string;
  recordId: string;
  transition: string;
  /** The record's modified time when known: a later version re-opens finished or blocked work. */
  version?: string;
  /** Where the event came from (`webhook`, `poll`, `replay`, `backfill`). */
  source: string;
}

export type FinishResult =
  | { state: 'done'; version?: string; ownVersion?: boolean }
  | { state: 'blocked'; reason: string }
  | { state: 'failed' | 'dead'; error: string }
  | { state: 'retry'; error: string; at: number };

export interface Ledger {
  /** Where it lives, for messages (a file path, or the database without its password). */
  readonly location: string;
  /**
   * Records an event. New work is inserted pending; the same event again is a duplicate. A later version of the
   * record re-opens blocked, finished or failed work (and marks running work to run once more when it ends).
   */
  offer(input: OfferInput): Promise<OfferResult>;
  /**
   * Records many events, as `offer` would one after another, in fewer round trips (a backfill's thousands of
   * records); the results in the order of `inputs`.
   */
  offerMany(inputs: readonly OfferInput[]): Promise<OfferResult[]>;
  /**
   * Claims up to `limit` due entries (pending and due, or running with an expired lease) for `leaseMs`, oldest first
   * within a handoff and taking turns between handoffs, so one handoff's backlog never keeps another's work waiting.
   * Two runtimes claiming at once never get the same entry.
   */
  claim(owner: string, limit: number, leaseMs: number): Promise<LedgerEntry[]>;
  /** Extends the lease of a running entry (long runs under rate limits). */
  renew(id: number, owner: string, leaseMs: number): Promise<void>;
  /** Ends a run. An entry that was re-opened while it ran goes back to pending instead of `done`. */
  finish(id: number, result: FinishResult): Promise<void>;
  /** Records what a step did (and the ids it found or created), replacing an earlier outcome of the same step. */
  recordStep(entryId: number, step: StepRecord): Promise<void>;
  steps(entryId: number): Promise<StepRecord[]>;
  get(id: number): Promise<LedgerEntry | undefined>;
  list(states?: readonly EntryState[], limit?: number): Promise<LedgerEntry[]>;
  /** Re-opens the blocked entries of `handoff` whose re-check is due; returns how many. */
  reopenDueBlocked(handoff: string): Promise<number>;
  counts(): Promise<Record<EntryState, number>>;
  /** Puts an entry back to pending now, whatever its state (a running one only once its lease ran out). */
  replay(id: number): Promise<LedgerEntry | undefined>;
  cursor(name: string): Promise<string | undefined>;
  setCursor(name: string, value: string): Promise<void>;
  /** The earliest time a pending entry becomes due, if any. */
  nextDue(): Promise<number | undefined>;
  /** Reads the entries table once, cheaply: resolves when the store answers, rejects with why it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Is `next` a later version than `current`? Versions are ISO times or numbers as text; unknown is never later. */
export function isNewer(next: string | undefined, current: string | null): boolean {
  if (next === undefined) return false;
  if (current === null) return true;
  const a = Date.parse(next);
  const b = Date.parse(current);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a > b;
  const x = Number(next);
  const y = Number(current);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x > y;
  return next !== current;
}

/** Step ids stored as JSON text; a row written by a newer zlc may hold other shapes: no ids then. */
export function parseIds(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    }
  } catch {
    // Not JSON: no ids.
  }
  return out;
}

/**
 * The turn-taking order of a claim: the handoffs after `last` first (wrapping round), then one due entry of each
 * in turn until `limit`. SQLite fetches each handoff's due entries oldest first and lets this decide; PostgreSQL
 * orders them the same way in its claim statement (one round trip).
 */
export function takeTurns<T extends { handoff: string }>(queues: readonly T[][], limit: number): T[] {
  const out: T[] = [];
  for (let turn = 0; out.length < limit && queues.some((q) => turn < q.length); turn++) {
    for (const queue of queues) {
      const row = queue[turn];
      if (row !== undefined && out.length < limit) out.push(row);
    }
  }
  return out;
}

/** The handoffs in the order the next claim serves them: after `last`, wrapping round. */
export function rotateAfter(names: readonly string[], last: string | undefined): string[] {
  const from = last === undefined ? 0 : names.findIndex((n) => n > last);
  return from <= 0 ? [...names] : [...names.slice(from), ...names.slice(0, from)];
}
