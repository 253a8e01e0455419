import {
  backoffDelay,
  type Clock,
  RateBudget,
  TokenBucket,
  type ZohoEvent,
  type ZohoProduct,
  ZohoRateLimitedError,
} from '@zlc/zoho';
import { describe, expect, it } from 'vitest';
import { fakeClock } from './support/fake-clock.js';

/** A budget with a concurrency cap and no request rate; `options` override the rest. */
function cappedBudget(
  product: ZohoProduct,
  concurrency: number,
  clock: Clock,
  options: Partial<ConstructorParameters<typeof RateBudget>[0]> = {},
): RateBudget {
  return new RateBudget({
    product,
    budget: { concurrency, ratePerMinute: undefined, burst: 1 },
    clock,
    onEvent: () => {},
    ...options,
  });
}

describe('TokenBucket', () => {
  it('lets a burst through, then spaces calls at the refill rate', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, 60, clock); // 1 per second
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(1000);
    expect(bucket.reserve()).toBe(2000);
    clock.advance(2000);
    expect(bucket.reserve()).toBe(1000);
  });

  it('never allows more than capacity plus one minute of refill in any minute', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(20, 80, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 300; i += 1) sentAt.push(clock.now() + bucket.reserve());
    for (const start of sentAt) {
      const inWindow = sentAt.filter((t) => t >= start && t < start + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(100);
    }
  });

  it('says how many calls could leave now: none while callers wait for booked tokens, more as it refills', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(3, 60, clock);
    expect(bucket.available()).toBe(3);
    bucket.reserve();
    expect(bucket.available()).toBe(2);
    bucket.reserve();
    bucket.reserve();
    bucket.reserve();
    expect(bucket.available()).toBe(0);
    clock.advance(3_000);
    expect(bucket.available()).toBe(2);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter inside [half, full] and stops at the cap', () => {
    expect(backoffDelay(1, { baseMs: 100, maxMs: 1000 }, () => 0)).toBe(50);
    expect(backoffDelay(1, { baseMs: 100, maxMs: 1000 }, () => 1)).toBe(100);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 1000 }, () => 1)).toBe(400);
    expect(backoffDelay(10, { baseMs: 100, maxMs: 1000 }, () => 1)).toBe(1000);
  });
});

describe('RateBudget', () => {
  it('keeps calls in flight at or under the concurrency cap', async () => {
    const clock = fakeClock();
    const budget = cappedBudget('crm', 3, clock);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        budget.run(async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(budget.maxInFlight).toBe(3);
  });

  it('pauses the whole product after a 429 for Retry-After and reports it once', async () => {
    const clock = fakeClock();
    const events: ZohoEvent[] = [];
    const budget = cappedBudget('books', 5, clock, { onEvent: (e) => events.push(e) });
    expect(budget.onRateLimited(2000)).toBe(2000);
    expect(budget.onRateLimited(1000)).toBe(2000);
    const started = clock.now();
    await budget.run(async () => undefined);
    expect(clock.now() - started).toBe(2000);
    expect(events.filter((e) => e.type === 'rate_limited')).toHaveLength(1);
  });

  it('backs off exponentially when Zoho sends no Retry-After', () => {
    const clock = fakeClock();
    const budget = cappedBudget('crm', 5, clock, { backoff: { baseMs: 100, maxMs: 10_000 }, random: () => 1 });
    expect(budget.onRateLimited(undefined)).toBe(100);
    clock.advance(100);
    expect(budget.onRateLimited(undefined)).toBe(200);
    clock.advance(200);
    expect(budget.onRateLimited(undefined)).toBe(400);
  });

  it('counts the 429s of calls sent before the pause as one burst instead of escalating the backoff', () => {
    const clock = fakeClock();
    const budget = cappedBudget('crm', 20, clock, { backoff: { baseMs: 100, maxMs: 10_000 }, random: () => 1 });
    const sentAt = clock.now();
    clock.advance(5);
    const waits = Array.from({ length: 20 }, () => budget.onRateLimited(undefined, sentAt));
    expect(Math.max(...waits)).toBe(100);
    clock.advance(100);
    // a call sent after that pause and refused again is the next step of the backoff
    expect(budget.onRateLimited(undefined, clock.now())).toBe(200);
  });

  it('slows Desk down when X-Rate-Limit-Remaining-v3 runs low', () => {
    const events: ZohoEvent[] = [];
    const budget = cappedBudget('desk', 20, fakeClock(), { onEvent: (e) => events.push(e) });
    budget.onSuccess({ 'x-rate-limit-remaining-v3': '5000' });
    budget.onSuccess({ 'x-rate-limit-remaining-v3': '120' });
    expect(events).toEqual([{ type: 'rate_slowed', product: 'desk', remaining: 120 }]);
  });

  it('keeps the credits Desk said are left, and nothing for a product whose answers do not say', () => {
    const desk = cappedBudget('desk', 20, fakeClock());
    expect(desk.creditsRemaining).toBeUndefined();
    desk.onSuccess({ 'x-rate-limit-remaining-v3': '4870' });
    desk.onSuccess({});
    expect(desk.creditsRemaining).toBe(4870);
    const crm = cappedBudget('crm', 20, fakeClock());
    crm.onSuccess({ 'x-rate-limit-remaining-v3': '10' });
    expect(crm.creditsRemaining).toBeUndefined();
  });

  it('tells the calls the per-minute rate allows now, and nothing where it keeps no rate', async () => {
    const clock = fakeClock();
    const books = new RateBudget({
      product: 'books',
      budget: { concurrency: 10, ratePerMinute: 80, burst: 20 },
      clock,
      onEvent: () => {},
    });
    expect(books.rateAvailable).toBe(20);
    for (let i = 0; i < 5; i += 1) await books.run(async () => undefined);
    expect(books.rateAvailable).toBe(15);
    expect(cappedBudget('crm', 20, clock).rateAvailable).toBeUndefined();
  });

  it('keeps its cap through scattered 429s (one answer in ten), which pause the product but say nothing of the cap', () => {
    const clock = fakeClock();
    const budget = cappedBudget('crm', 20, clock, { random: () => 0.5 });
    for (let round = 0; round < 30; round += 1) {
      for (let i = 0; i < 9; i += 1) budget.onSuccess({}, clock.now());
      expect(budget.onRateLimited(undefined, clock.now())).toBeGreaterThan(0);
      clock.advance(1_000);
    }
    expect(budget.currentConcurrency).toBe(20);
    // refusals that crowd the answers are a cap above the org's limit: it halves
    for (let i = 0; i < 10; i += 1) budget.onRateLimited(undefined, clock.now() - 1);
    budget.onRateLimited(undefined, clock.now());
    expect(budget.currentConcurrency).toBe(10);
  });

  it('halves the cap per burst of 429s and grows it back by one per cap of successes', () => {
    const clock = fakeClock();
    const budget = cappedBudget('crm', 8, clock);
    budget.onRateLimited(0, clock.now());
    expect(budget.currentConcurrency).toBe(4);
    clock.advance(10);
    for (let i = 0; i < 4; i += 1) budget.onSuccess({}, clock.now());
    expect(budget.currentConcurrency).toBe(5);
    for (let i = 0; i < 100; i += 1) budget.onSuccess({}, clock.now());
    expect(budget.currentConcurrency).toBe(8);
  });
});

describe('the daily cap (Books)', () => {
  it('refuses the call past the day’s cap before sending it, says when the next one can go, and lets it go then', async () => {
    const clock = fakeClock();
    const budget = new RateBudget({
      product: 'books',
      budget: { concurrency: 10, ratePerMinute: undefined, burst: 1, perDay: 3 },
      clock,
      onEvent: () => {},
    });
    let sent = 0;
    const call = () => budget.run(async () => (sent += 1));
    expect(budget.dailyRemaining).toBe(3);
    await call();
    expect(budget.dailyRemaining).toBe(2);
    clock.advance(60_000);
    await call();
    await call();
    const refused = await call().catch((error: unknown) => error);
    expect(sent).toBe(3);
    expect(refused).toBeInstanceOf(ZohoRateLimitedError);
    const error = refused as ZohoRateLimitedError;
    expect(error).toMatchObject({ daily: true, retryable: false, delivery: 'not_sent', zohoCode: 'DAILY_LIMIT' });
    expect(error.retryAfterMs).toBe(24 * 60 * 60 * 1000 - 60_000);
    expect(error.message).toContain('allows this organization 3 API calls a day');
    expect(error.message).toContain('ZOHO_BOOKS_REQUESTS_PER_DAY');
    expect(budget.usedToday).toBe(3);
    expect(budget.dailyRemaining).toBe(0);
    clock.advance(error.retryAfterMs ?? 0);
    await call();
    expect(sent).toBe(4);
  });
});
