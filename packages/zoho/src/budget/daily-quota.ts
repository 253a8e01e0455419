import type { Clock } from './clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Calls allowed per rolling 24 hours: the times of the calls taken, oldest first. A rolling window is at least as
 * strict as a quota that resets at midnight, so keeping to it never spends a calendar day's quota twice.
 */
export class DailyQuota {
  private readonly times: number[] = [];
  private head = 0;
  /** No call before this time (Zoho said the day's quota is spent and when it comes back). */
  private blockedUntil = 0;

  constructor(
    readonly perDay: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    if (!(perDay >= 1)) throw new RangeError('DailyQuota needs at least one call a day');
  }

  /** Takes one call now; `undefined` when taken, else when the next call is possible (epoch ms). */
  take(): number | undefined {
    const now = this.clock.now();
    if (now < this.blockedUntil) return this.blockedUntil;
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - DAY_MS) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    if (this.times.length - this.head >= this.perDay) return (this.times[this.head] as number) + DAY_MS;
    this.times.push(now);
    return undefined;
  }

  /** Zoho answered that the day's quota is spent: no call until `until`. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** Calls taken in the last 24 hours. */
  get used(): number {
    const since = this.clock.now() - DAY_MS;
    let used = 0;
    for (let i = this.head; i < this.times.length; i += 1) if ((this.times[i] as number) > since) used += 1;
    return used;
  }
}
