export interface BackoffOptions {
  /** First delay, ms (default 250). */
  baseMs: number;
  /** Longest delay, ms (default 20 000). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 20_000 };

/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"): a random delay
 * in [base·2^(n-1)/2, base·2^(n-1)], capped. Half the range is kept as a floor so a retry is never instant.
 * `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
