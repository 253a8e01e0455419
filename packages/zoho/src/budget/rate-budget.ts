import pLimit, { type LimitFunction } from 'p-limit';
import { type ZohoProduct, ZohoRateLimitedError } from '../errors/zoho-error.js';
import type { OnZohoEvent } from '../events.js';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { Clock } from './clock.js';
import { DailyQuota } from './daily-quota.js';
import { DESK_LOW_CREDITS, type ProductBudget } from './defaults.js';
import { TokenBucket } from './token-bucket.js';

/** The share of 429s among the latest answers from which a new burst halves the cap. */
const SHRINK_AT_REFUSED_SHARE = 0.25;

export interface RateBudgetOptions {
  product: ZohoProduct;
  budget: ProductBudget;
  clock: Clock;
  onEvent: OnZohoEvent;
  backoff?: BackoffOptions;
  random?: () => number;
}

/**
 * The request budget of one product for one org, created per run: at most `concurrency` calls in flight
 * (p-limit), at most the documented request rate (token bucket), and an adaptive pause: a 429 stops every
 * call of that product for `Retry-After` or a jittered exponential delay, so a burst never becomes a storm.
 * A new burst of 429s also halves the concurrency cap when refusals are common among the latest answers (a
 * quarter or more of them), which is what a cap above the org's real limit looks like; the cap then grows back by
 * one per cap's worth of successes up to the configured value (AIMD). Scattered 429s (another app of the org
 * spending its budget, a blip) pause the product but leave the cap alone, so they cannot shrink it to one.
 * Where Zoho caps calls per day (Books), the budget counts its own calls over a rolling 24 hours and refuses the
 * one past the cap before sending it, with an error that says so; a refusal from Zoho itself stops it the same way.
 */
export class RateBudget {
  private readonly limit: LimitFunction;
  /** The sub-limit of heavy calls; a heavy call takes its slot here before it queues for a general one. */
  private readonly heavyLimit: LimitFunction | undefined;
  private readonly bucket: TokenBucket | undefined;
  private readonly daily: DailyQuota | undefined;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private pausedUntil = 0;
  private consecutiveLimits = 0;
  /** When the latest burst of 429s began (the first 429 of a call sent after the previous pause). */
  private lastLimitAt = Number.NEGATIVE_INFINITY;
  private slowed = false;
  /** Desk's credits left as its latest answer said (`X-Rate-Limit-Remaining-v3`). */
  private reportedRemaining: number | undefined;
  /** Successes since the cap was last changed (additive increase after a multiplicative decrease). */
  private successes = 0;
  private inFlight = 0;
  private peak = 0;
  /** The latest answers, `true` for a 429: a ring of `max(10, 2 × cap)`. */
  private readonly outcomes: boolean[] = [];
  private nextOutcome = 0;
  private heavyInFlight = 0;
  private heavyPeak = 0;

  constructor(private readonly options: RateBudgetOptions) {
    const { budget, clock } = options;
    this.limit = pLimit(budget.concurrency);
    this.heavyLimit = budget.heavyConcurrency === undefined ? undefined : pLimit(budget.heavyConcurrency);
    this.bucket =
      budget.ratePerMinute === undefined ? undefined : new TokenBucket(budget.burst, budget.ratePerMinute, clock);
    this.daily =
      budget.perDay === undefined || !Number.isFinite(budget.perDay) ? undefined : new DailyQuota(budget.perDay, clock);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  /** Runs one HTTP attempt inside the budget; a `heavy` one also inside the heavy sub-limit. */
  run<T>(attempt: () => Promise<T>, heavy = false): Promise<T> {
    if (!heavy || this.heavyLimit === undefined) return this.runInCap(attempt);
    return this.heavyLimit(async () => {
      this.heavyInFlight += 1;
      this.heavyPeak = Math.max(this.heavyPeak, this.heavyInFlight);
      try {
        return await this.runInCap(attempt);
      } finally {
        this.heavyInFlight -= 1;
      }
    });
  }

  private runInCap<T>(attempt: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      await this.waitTurn();
      this.takeDaily();
      this.inFlight += 1;
      this.peak = Math.max(this.peak, this.inFlight);
      try {
        return await attempt();
      } finally {
        this.inFlight -= 1;
      }
    });
  }

  /**
   * Pauses the whole product after a 429; returns how long this call should wait before retrying. `sentAt` is
   * when the refused call left: 429s for calls sent before the current pause began belong to the same burst
   * and do not lengthen the backoff, so twenty refusals of one burst count as one.
   */
  onRateLimited(retryAfterMs: number | undefined, sentAt: number = this.options.clock.now()): number {
    const now = this.options.clock.now();
    const sameBurst = sentAt < this.lastLimitAt;
    this.record(true);
    if (!sameBurst) {
      this.consecutiveLimits += 1;
      this.lastLimitAt = now;
      if (this.refusedShare() >= SHRINK_AT_REFUSED_SHARE) {
        this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
        this.successes = 0;
      }
    }
    const delay = retryAfterMs ?? (sameBurst ? 0 : backoffDelay(this.consecutiveLimits, this.backoff, this.random));
    const until = now + delay;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.options.onEvent({
        type: 'rate_limited',
        product: this.options.product,
        pauseMs: delay,
        retryAfterMs,
        concurrency: this.limit.concurrency,
      });
    }
    return Math.max(0, this.pausedUntil - now);
  }

  /** Zoho answered that the day's calls are spent: no call of this product leaves before `retryAfterMs` has passed. */
  onDailyLimit(retryAfterMs: number | undefined): void {
    if (retryAfterMs !== undefined) this.daily?.blockUntil(this.options.clock.now() + retryAfterMs);
  }

  /** The calls a day this budget allows, where it keeps a daily cap. */
  get perDay(): number | undefined {
    return this.daily?.perDay;
  }

  /** Calls this budget sent in the last 24 hours, where it keeps a daily cap. */
  get usedToday(): number | undefined {
    return this.daily?.used;
  }

  private takeDaily(): void {
    const next = this.daily?.take();
    if (next === undefined || this.daily === undefined) return;
    throw dailyCapError(this.options.product, this.daily.perDay, next, this.options.clock.now());
  }

  /** Records a successful answer; for Desk, slows down when the remaining credits run low. */
  onSuccess(headers: Record<string, unknown>, sentAt: number = this.options.clock.now()): void {
    this.record(false);
    if (sentAt >= this.lastLimitAt) {
      this.consecutiveLimits = 0;
      this.successes += 1;
      if (this.successes >= this.limit.concurrency && this.limit.concurrency < this.ceiling) {
        this.limit.concurrency += 1;
        this.successes = 0;
      }
    }
    if (this.options.product !== 'desk') return;
    const raw = headers['x-rate-limit-remaining-v3'];
    const remaining = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : Number.NaN;
    if (!Number.isFinite(remaining)) return;
    this.reportedRemaining = remaining;
    const low = remaining < DESK_LOW_CREDITS;
    if (low !== this.slowed) {
      this.slowed = low;
      this.limit.concurrency = Math.min(this.limit.concurrency, this.ceiling);
      if (low) this.options.onEvent({ type: 'rate_slowed', product: 'desk', remaining });
    }
  }

  /** Calls the rate allows now without waiting, where the budget keeps a per-minute rate. */
  get rateAvailable(): number | undefined {
    return this.bucket?.available();
  }

  /** Calls left in the rolling 24 hours, where the budget keeps a daily cap. */
  get dailyRemaining(): number | undefined {
    return this.daily === undefined ? undefined : Math.max(0, this.daily.perDay - this.daily.used);
  }

  /** The credits Zoho said are left in its latest answer (Desk's `X-Rate-Limit-Remaining-v3`), if it says. */
  get creditsRemaining(): number | undefined {
    return this.reportedRemaining;
  }

  /** The most calls this budget ever had in flight at once (for tests and benchmarks). */
  get maxInFlight(): number {
    return this.peak;
  }

  /** The most heavy calls this budget ever had in flight (or queued for a general slot) at once. */
  get maxHeavyInFlight(): number {
    return this.heavyPeak;
  }

  /** The configured cap (the most calls ever allowed in flight). */
  get concurrency(): number {
    return this.options.budget.concurrency;
  }

  /** The cap in force now: lower than `concurrency` after 429s or when Desk credits run low. */
  get currentConcurrency(): number {
    return this.limit.concurrency;
  }

  private record(refused: boolean): void {
    const size = Math.max(10, 2 * this.options.budget.concurrency);
    this.outcomes[this.nextOutcome] = refused;
    this.nextOutcome = (this.nextOutcome + 1) % size;
  }

  private refusedShare(): number {
    const refused = this.outcomes.filter((o) => o).length;
    return this.outcomes.length === 0 ? 0 : refused / this.outcomes.length;
  }

  private get ceiling(): number {
    const cap = this.options.budget.concurrency;
    return this.slowed ? Math.max(1, Math.floor(cap / 4)) : cap;
  }

  private async waitTurn(): Promise<void> {
    const { clock } = this.options;
    await this.waitForPause();
    if (this.bucket !== undefined) {
      const wait = this.bucket.reserve();
      if (wait > 0) await clock.sleep(wait);
      await this.waitForPause();
    }
  }

  private async waitForPause(): Promise<void> {
    const { clock } = this.options;
    for (let pause = this.pausedUntil - clock.now(); pause > 0; pause = this.pausedUntil - clock.now()) {
      await clock.sleep(pause);
    }
  }
}

const PRODUCT_NAMES: Record<ZohoProduct, string> = { crm: 'Zoho CRM', books: 'Zoho Books', desk: 'Zoho Desk' };

/** The call past the day's cap, refused before it leaves: nothing reached Zoho. */
function dailyCapError(product: ZohoProduct, perDay: number, nextAt: number, now: number): ZohoRateLimitedError {
  const settings =
    product === 'books'
      ? ' Set ZOHO_BOOKS_PLAN to your plan, or ZOHO_BOOKS_REQUESTS_PER_DAY if Zoho raised your limit.'
      : '';
  return new ZohoRateLimitedError({
    product,
    status: undefined,
    zohoCode: 'DAILY_LIMIT',
    details: [],
    source: 'user',
    retryable: false,
    delivery: 'not_sent',
    request: undefined,
    message: `${PRODUCT_NAMES[product]} allows this organization ${perDay} API calls a day, and zlc has made ${perDay} in the last 24 hours: it stops instead of sending more. The next call can go at ${new Date(nextAt).toISOString()}.${settings}`,
    retryAfterMs: Math.max(0, nextAt - now),
    daily: true,
  });
}
