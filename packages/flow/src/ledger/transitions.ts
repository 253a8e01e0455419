/**
 * The ledger's state machine, as pure decisions both stores apply with their own SQL: what an offered event does to
 * an existing entry, and which columns a finished run sets. Keeping them here keeps SQLite and PostgreSQL exactly
 * alike (the contract tests run the same cases against both).
 */
import { blockedRecheckDelay } from './blocked-recheck.js';
import { type FinishResult, isNewer, type OfferInput } from './ledger.js';
import type { EntryState } from './ledger-types.js';

/** The columns of an entry the decisions read. */
export interface EntryFacts {
  state: EntryState;
  version: string | null;
  dirty: number;
  own_version: number;
  blocked_since: number;
}

/** Column values to set on an entry (the store writes `SET col = value, …`). */
export type Columns = Record<string, string | number | null>;

export type OfferDecision = { outcome: 'duplicate'; set?: Columns } | { outcome: 'reopened'; set: Columns };

/** What an event does to the entry it matches. */
export function decideOffer(existing: EntryFacts, input: OfferInput, at: number): OfferDecision {
  // A version our own write-back made may hide a user's edit in the same second (Zoho's times have no
  // milliseconds): the poll seeing that version again re-opens the entry once.
  const newer =
    isNewer(input.version, existing.version) ||
    (input.source === 'poll' &&
      existing.own_version === 1 &&
      input.version !== undefined &&
      input.version === existing.version);
  const version = newer ? (input.version ?? null) : existing.version;
  switch (existing.state) {
    case 'pending':
      return newer ? { outcome: 'duplicate', set: { version } } : { outcome: 'duplicate' };
    case 'running':
      return newer ? { outcome: 'reopened', set: { version, dirty: 1 } } : { outcome: 'duplicate' };
    case 'blocked':
    case 'done':
    case 'failed':
    case 'dead':
      // A blocked handoff goes on when its record changes (or re-enters the stage, which a webhook says).
      if (!newer && !(existing.state === 'blocked' && input.version === undefined)) return { outcome: 'duplicate' };
      return {
        outcome: 'reopened',
        set: {
          state: 'pending',
          version,
          own_version: 0,
          attempts: 0,
          next_attempt_at: at,
          last_error: null,
          source: input.source,
          updated_at: at,
        },
      };
  }
}

/** The columns a finished run sets. An entry re-opened while it ran (`dirty`) goes back to pending. */
export function finishColumns(row: EntryFacts | undefined, result: FinishResult, at: number): Columns {
  const dirty = row?.dirty === 1;
  switch (result.state) {
    case 'done':
      if (dirty) return { state: 'pending', dirty: 0, attempts: 0, next_attempt_at: at, updated_at: at };
      return {
        state: 'done',
        last_error: null,
        reason: null,
        lease_until: 0,
        blocked_since: 0,
        version: result.version ?? row?.version ?? null,
        own_version: result.ownVersion === true ? 1 : 0,
        updated_at: at,
      };
    case 'blocked': {
      // Still blocked after a re-check: blocked since the first time, so the re-checks spread out.
      const since = row !== undefined && row.blocked_since > 0 ? row.blocked_since : at;
      return {
        state: dirty ? 'pending' : 'blocked',
        reason: result.reason,
        lease_until: 0,
        attempts: 0,
        next_attempt_at: dirty ? at : at + blockedRecheckDelay(at - since),
        blocked_since: since,
        updated_at: at,
      };
    }
    case 'failed':
    case 'dead':
      return { state: result.state, last_error: result.error, lease_until: 0, blocked_since: 0, updated_at: at };
    case 'retry':
      return { state: 'pending', last_error: result.error, next_attempt_at: result.at, lease_until: 0, updated_at: at };
  }
}

/** `col = ?` pairs for an UPDATE, with a placeholder maker per store (`?` or `$n`). */
export function setClause(columns: Columns, placeholder: (index: number) => string, first = 1) {
  const keys = Object.keys(columns);
  return {
    sql: keys.map((k, i) => `${k} = ${placeholder(first + i)}`).join(', '),
    values: keys.map((k) => columns[k] ?? null),
  };
}
