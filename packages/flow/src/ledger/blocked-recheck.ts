/** The re-check schedule of blocked work, which `blocked_since` keeps in both stores. */

const MINUTE = 60_000;
/** Blocked work younger than this is re-checked on every poll pass. */
const BLOCKED_RECHECK_EVERY_PASS_MS = 10 * MINUTE;
/** Blocked work is re-checked at least this often, however long it has been blocked. */
const BLOCKED_RECHECK_MAX_MS = 60 * MINUTE;

/**
 * How long the poll leaves a blocked entry before it looks again, by how long the entry has been blocked: every
 * pass for the first ten minutes, then a tenth of that time (blocked for two hours: every 12 minutes), at most hourly.
 * Data completed on the deal itself re-opens the entry at once (a later version); data on another record (the
 * account, a Books item) is seen at the next re-check, or at once with `zlc flow replay`.
 */
export function blockedRecheckDelay(blockedForMs: number): number {
  if (blockedForMs < BLOCKED_RECHECK_EVERY_PASS_MS) return 0;
  return Math.min(BLOCKED_RECHECK_MAX_MS, Math.floor(blockedForMs / 10));
}
