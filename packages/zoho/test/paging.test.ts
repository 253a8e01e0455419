/**
 * @module-tag e2e
 * @module-tag slow
 */
import { COQL_MAX_LIMIT, CRM_MAX_BATCH, collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

const TOTAL = 10_000;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ seed: 'empty' });
  const { crm } = harness.clients;
  const batches = Array.from({ length: TOTAL / CRM_MAX_BATCH }, (_, b) =>
    Array.from({ length: CRM_MAX_BATCH }, (_, i) => ({
      Last_Name: `Page ${b * CRM_MAX_BATCH + i}`,
      Company: 'Paging Co',
    })),
  );
  const results = await Promise.all(batches.map((batch) => crm.records.create('Leads', batch)));
  const failed = results.flat().filter((r) => r.status !== 'success');
  if (failed.length > 0) throw new Error(`seeding failed: ${JSON.stringify(failed[0])}`);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

function expectEachOnce(ids: string[]) {
  expect(ids).toHaveLength(TOTAL);
  expect(new Set(ids).size).toBe(TOTAL);
}

describe('pagination over 10,000 records', () => {
  it('returns each CRM record exactly once, switching to page_token past 2,000', async () => {
    harness.events.length = 0;
    const ids = (await collect(harness.clients.crm.records.list('Leads', { fields: ['Last_Name'] }))).map((r) => r.id);
    expectEachOnce(ids);
    const pages = harness.events.filter((e) => e.type === 'request' && e.path === '/crm/v8/Leads');
    expect(pages).toHaveLength(TOTAL / 200);
  });

  it('returns each row of a COQL query exactly once, 200 rows per call (the page coql.yaml documents)', async () => {
    harness.events.length = 0;
    const rows = await collect(
      harness.clients.crm.records.coql("select Last_Name from Leads where Company = 'Paging Co'"),
    );
    expectEachOnce(rows.map((r) => r.id));
    expect(COQL_MAX_LIMIT).toBe(200);
    expect(harness.events.filter((e) => e.type === 'request' && e.path === '/crm/v8/coql').length).toBeLessThanOrEqual(
      TOTAL / COQL_MAX_LIMIT + 1,
    );
  });
});

describe('pagination of Books and Desk lists', () => {
  it('returns each Desk account once across from/limit pages and each Books contact once across pages', async () => {
    const small = await startHarness(
      { seed: 'empty', limits: { books: { perMinute: Number.POSITIVE_INFINITY } } },
      { budgets: { books: { ratePerMinute: 100_000, burst: 1_000 } } },
    );
    try {
      const { desk, books } = small.clients;
      await Promise.all(Array.from({ length: 250 }, (_, i) => desk.accounts.create({ accountName: `Desk page ${i}` })));
      await Promise.all(
        Array.from({ length: 450 }, (_, i) => books.contacts.create({ contact_name: `Books page ${i}` })),
      );

      const accounts = (await collect(desk.accounts.list())).filter((a) => a.accountName.startsWith('Desk page '));
      expect(new Set(accounts.map((a) => a.id)).size).toBe(250);
      expect(accounts).toHaveLength(250);

      const contacts = (await collect(books.contacts.list())).filter((c) => c.contact_name.startsWith('Books page '));
      expect(new Set(contacts.map((c) => c.contact_id)).size).toBe(450);
      expect(contacts).toHaveLength(450);
    } finally {
      await small.close();
    }
  });
});
