/**
 * When a ledger started: a new ledger starts from now, so the first poll looks only at what changed since (history
 * is for `backfill`). Kept as a cursor, so both stores hold it without a schema change.
 */
import type { Ledger } from './ledger.js';

/** The cursor holding when the ledger started: the first poll's lower bound. */
export const LEDGER_START_CURSOR = 'ledger:started';

/** A time as CRM writes it in COQL and `Modified_Time`: `2026-12-07T10:00:00+00:00`. */
export function crmTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** When the ledger started (recorded by the first caller that asks, normally at open). */
export async function ledgerStart(ledger: Ledger, now: () => number = Date.now): Promise<string> {
  const known = await ledger.cursor(LEDGER_START_CURSOR);
  if (known !== undefined) return known;
  const start = crmTime(now());
  await ledger.setCursor(LEDGER_START_CURSOR, start);
  return start;
}
