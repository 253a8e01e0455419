/** `zlc flow status`: the ledger's counts and the entries that need a look (pending, blocked, failed, dead). */
import { ENTRY_STATES, type EntryState, type LedgerEntry, type StepRecord } from './ledger/ledger-types.js';
import type { SqliteLedger } from './ledger/sqlite-ledger.js';

export interface FlowStatus {
  ledger: string;
  counts: Record<EntryState, number>;
  entries: (LedgerEntry & { steps: StepRecord[] })[];
}

export const ATTENTION_STATES: readonly EntryState[] = ['pending', 'running', 'blocked', 'failed', 'dead'];

export function flowStatus(ledger: SqliteLedger, options: { all?: boolean; limit?: number } = {}): FlowStatus {
  const entries = ledger.list(options.all ? ENTRY_STATES : ATTENTION_STATES, options.limit ?? 200);
  return {
    ledger: ledger.path,
    counts: ledger.counts(),
    entries: entries.map((e) => ({ ...e, steps: ledger.steps(e.id) })),
  };
}
