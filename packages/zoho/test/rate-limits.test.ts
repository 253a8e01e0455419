/**
 * @module-tag e2e
 */
import { collect, ZohoRateLimitedError } from '@zlc/zoho';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the rate budget against the sandbox', () => {
  it('absorbs a 429 burst with no failed call and never more calls in flight than the cap', async () => {
    harness = await startHarness({}, { budgets: { desk: { concurrency: 6 } } });
    const { sandbox, clients, events } = harness;
    await clients.desk.listOrganizations(); // token first, so the burst hits the API only
    sandbox.resetStats();
    sandbox.faults.set([{ product: 'desk', kind: 'rate_limit', skip: 10, times: 25 }]);

    const results = await Promise.allSettled(Array.from({ length: 100 }, () => collect(clients.desk.departments())));

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const limited = events.filter((e) => e.type === 'request' && e.product === 'desk' && e.status === 429);
    expect(limited).toHaveLength(25);
    expect(sandbox.stats().maxInFlight.desk).toBeLessThanOrEqual(6);
    expect(clients.budgets.desk.maxInFlight).toBeLessThanOrEqual(6);
    // the product paused as a whole instead of each call hammering on its own
    expect(events.filter((e) => e.type === 'rate_limited').length).toBeGreaterThan(0);
  });

  it('honours Retry-After before sending the next call', async () => {
    harness = await startHarness({}, { budgets: { crm: { concurrency: 2 } } });
    const { sandbox, clients, events } = harness;
    await clients.crm.listRoles();
    sandbox.faults.set([{ product: 'crm', kind: 'rate_limit', retryAfterSeconds: 1, times: 1 }]);
    const started = Date.now();
    await clients.crm.listRoles();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate_limited', product: 'crm', pauseMs: 1000, retryAfterMs: 1000 }),
    );
  });

  it("keeps CRM's heavy calls (COQL) within their sub-limit of 10, so forty counts at once draw no 429", async () => {
    harness = await startHarness({ faults: [{ product: 'crm', kind: 'latency', ms: 30 }] });
    const { sandbox, clients } = harness;
    await clients.crm.listRoles();
    sandbox.resetStats();
    const query = 'select COUNT(id) from Deals where id is not null';
    const counts = await Promise.allSettled(Array.from({ length: 40 }, () => collect(clients.crm.records.coql(query))));
    expect(counts.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(sandbox.stats().rateLimited.crm).toBe(0);
    // the general cap stays whole for the other calls
    expect(clients.budgets.crm.currentConcurrency).toBe(20);
    expect(clients.budgets.crm.maxHeavyInFlight).toBe(10);
  });

  it('keeps Books under its 100 requests per minute with the default budget', async () => {
    harness = await startHarness();
    const { sandbox, clients } = harness;
    // the sandbox enforces Books' per-minute limit; 25 calls at once fit the 20-call burst plus the refill
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => clients.books.listTaxes()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(sandbox.stats().rateLimited.books).toBe(0);
    expect(sandbox.stats().maxInFlight.books).toBeLessThanOrEqual(10);
  });

  it('settles below an org limit lower than its own cap, with no failed call', async () => {
    // the client believes in 12 concurrent CRM calls; the org allows 3
    harness = await startHarness(
      { limits: { crm: { concurrency: 3 } }, faults: [{ product: 'crm', kind: 'latency', ms: 30 }] },
      { budgets: { crm: { concurrency: 12 } } },
    );
    const { sandbox, clients, events } = harness;
    await clients.crm.listRoles();
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => clients.crm.listRoles()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(sandbox.stats().rateLimited.crm).toBeGreaterThan(0);
    const caps = events.flatMap((e) => (e.type === 'rate_limited' ? [e.concurrency] : []));
    expect(Math.min(...caps)).toBeLessThanOrEqual(3);
  });

  it('slows Desk down when its remaining credits run low, as X-Rate-Limit-Remaining-v3 reports', async () => {
    harness = await startHarness({ limits: { desk: { dailyCredits: 520 } } });
    const { clients, events } = harness;
    expect(clients.budgets.desk.currentConcurrency).toBe(25);
    for (let i = 0; i < 10; i += 1) await collect(clients.desk.departments());
    expect(events).toContainEqual(expect.objectContaining({ type: 'rate_slowed', product: 'desk' }));
    expect(clients.budgets.desk.currentConcurrency).toBeLessThanOrEqual(6);
  });
});

describe('the Books daily cap', () => {
  it('stops at the cap the client keeps, before Books has to refuse, with an error that says so', async () => {
    harness = await startHarness({}, { budgets: { books: { perDay: 3 } } });
    const { sandbox, clients, events } = harness;
    for (let i = 0; i < 3; i += 1) await clients.books.listTaxes();
    const sentBefore = events.filter((e) => e.type === 'request' && e.product === 'books').length;
    const refused = await clients.books.listTaxes().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ZohoRateLimitedError);
    expect(refused).toMatchObject({ daily: true, retryable: false });
    expect((refused as Error).message).toMatch(/allows this organization 3 API calls a day.*next call can go at/);
    expect(events.filter((e) => e.type === 'request' && e.product === 'books')).toHaveLength(sentBefore);
    expect(sandbox.stats().rateLimited.books).toBe(0);
  });

  it('reports Books refusing the day’s calls (429, code 45) at once, without retrying or waiting', async () => {
    // The org's quota is below what the client was told (sandbox.env names 2): Books itself must refuse.
    harness = await startHarness({ limits: { books: { dailyCredits: 2 } } }, { budgets: { books: { perDay: 100 } } });
    expect(harness.sandbox.env.ZOHO_BOOKS_REQUESTS_PER_DAY).toBe('2');
    const { clients, events } = harness;
    await clients.books.listTaxes();
    await clients.books.listTaxes();
    const refused = await clients.books.listTaxes().catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'rate_limited', daily: true, zohoCode: '45', retryable: false });
    expect((refused as Error).message).toContain("this organization's API calls for the day are spent");
    const limited = events.filter((e) => e.type === 'request' && e.product === 'books' && e.status === 429);
    expect(limited).toHaveLength(1);
    expect(events.filter((e) => e.type === 'retry')).toEqual([]);
  });

  it('sizes the client’s daily cap by ZOHO_BOOKS_PLAN, and by ZOHO_BOOKS_REQUESTS_PER_DAY when Zoho raised it', async () => {
    harness = await startHarness({ edition: 'standard' });
    expect(harness.sandbox.env.ZOHO_BOOKS_PLAN).toBe('standard');
    expect(harness.clients.budgets.books.perDay).toBe(2_000);
    expect(harness.clients.budgets.crm.perDay).toBeUndefined();
  });
});
