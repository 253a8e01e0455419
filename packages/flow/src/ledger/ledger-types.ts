/** What the ledger stores and answers. */

/**
 * `pending` waits for a worker (new, or a retry scheduled at `nextAttemptAt`); `running` is leased by a worker;
 * `blocked` misses required data (re-opened when the record changes, and re-checked by the poll from `nextAttemptAt`,
 * less often the longer it stays blocked); `done`; `failed` will not succeed by
 * retrying (Zoho refused the data, the record is gone); `dead` kept failing for `runtime.max_attempts` tries.
 */
export type EntryState = 'pending' | 'running' | 'blocked' | 'done' | 'failed' | 'dead';

export const ENTRY_STATES: readonly EntryState[] = ['pending', 'running', 'blocked', 'done', 'failed', 'dead'];

export interface LedgerEntry {
  id: number;
  handoff: string;
  recordId: string;
  transition: string;
  state: EntryState;
  /** The trigger record's modified time last seen. */
  version?: string;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  /** Why it is blocked (the missing data). */
  reason?: string;
  source: string;
  createdAt: number;
  updatedAt: number;
}

export type OfferResult = { outcome: 'created' | 'duplicate' | 'reopened'; id: number };

export interface StepRecord {
  stepId: string;
  /**
   * `created`, `found` (and maybe updated), `unchanged`, `skipped` (e.g. a sent document left alone); `attempted`:
   * the step started writing and its outcome is not known yet (the next attempt looks before it creates).
   */
  outcome: 'created' | 'found' | 'updated' | 'unchanged' | 'skipped' | 'attempted';
  /** Ids found or created, by name (`contact_id`, `invoice_id`, `id`, `contact:<crm id>` …). */
  ids: Record<string, string>;
  detail?: string;
}
