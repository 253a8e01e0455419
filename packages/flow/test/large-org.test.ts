/**
 * A handoff on an org with history: the `large` seed's 50,000 Books invoices. Every lookup a step makes must be
 * answered by Books' own filters (one page), never by paging through the org's invoices and testing each.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealReadyToWin, type FlowWorld, flowWorld } from './support/flow-world.js';

let world: FlowWorld;

beforeAll(async () => {
  world = await flowWorld({ seed: 'large' });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

function invoiceLists(): number {
  return Object.entries(world.sandbox.stats().routes)
    .filter(([route]) => /\bGET \/books\/v3\/invoices$/.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('a won deal on an org with 50,000 invoices', () => {
  it('finds and creates its invoice with one list call per lookup', async () => {
    const won = await dealReadyToWin(world.clients, { accountName: 'Long History Ltd' });
    const before = invoiceLists();
    await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
    const entries = await world.settled(won.deal.id, ['won-deal-to-books', 'won-deal-to-desk'], 60_000);
    expect(entries.map((e) => e.state)).toEqual(['done', 'done']);
    // A first attempt creates without looking (the ledger knows no earlier one); a lookup, when an attempt's outcome
    // is unknown, is one filtered list by reference number, then one by the unique custom field it carries.
    expect(invoiceLists() - before).toBeLessThanOrEqual(2);
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices).toHaveLength(1);
  }, 90_000);
});
