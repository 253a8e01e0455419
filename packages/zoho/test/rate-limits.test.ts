import { collect } from '@zlc/zoho';
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
