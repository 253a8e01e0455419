import type { Clock } from './clock.js';

/**
 * A token bucket: holds at most `capacity` tokens, refilled continuously at `ratePerMinute`. `reserve()` takes
 * one token now or books the next free one and says how long to wait for it, so callers queue fairly without
 * polling. With capacity C and rate R per minute, no 60-second window ever sees more than C + R calls.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly ratePerMinute: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    if (!(capacity >= 1) || !(ratePerMinute > 0)) throw new RangeError('TokenBucket needs capacity ≥ 1 and a rate > 0');
    this.tokens = capacity;
    this.updatedAt = clock.now();
  }

  /** Consumes one token; returns 0 when one was available, otherwise the milliseconds until the booked one is. */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens * 60_000) / this.ratePerMinute);
  }

  /** Calls that could leave now without waiting (0 while callers queue for booked tokens). */
  available(): number {
    this.refill();
    return Math.max(0, Math.floor(this.tokens));
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = now - this.updatedAt;
    this.updatedAt = now;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerMinute) / 60_000);
    }
  }
}
