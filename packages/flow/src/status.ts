/** `zlc flow status`: the ledger's counts and the entries that need a look (pending, blocked, failed, dead). */

import type { Ledger } from './ledger/ledger.js';
import { ENTRY_STATES, type EntryState, type LedgerEntry, type StepRecord } from './ledger/ledger-types.js';

export interface FlowStatus {
  ledger: string;
  counts: Record<EntryState, number>;
  entries: (LedgerEntry & { steps: StepRecord[] })[];
}

export const ATTENTION_STATES: readonly EntryState[] = ['pending', 'running', 'blocked', 'failed', 'dead'];

export async function flowStatus(ledger: Ledger, options: { all?: boolean; limit?: number } = {}): Promise<FlowStatus> {
  const entries = await ledger.list(options.all ? ENTRY_STATES : ATTENTION_STATES, options.limit ?? 200);
  return {
    ledger: ledger.location,
    counts: await ledger.counts(),
    entries: await Promise.all(entries.map(async (e) => ({ ...e, steps: await ledger.steps(e.id) }))),
  };
}
