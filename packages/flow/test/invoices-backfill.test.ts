/**
 * Invoices that equal deals (the deal's quote lines: quantities, prices, discounts; a difference adjusted or blocked
 * as the model says), the fewest Books calls per won deal, and history left alone until `backfill` (with its dry
 * run) — end to end on the sandbox. `zlc flow backfill` itself: packages/cli/test/flow-backfill-cli.test.ts.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { backfill, pollOnce, runHandoff } from '@zlc/flow';
import { type CrmRecord, collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealReadyToWin, type FlowWorld, flowWorld, rootModel } from './support/flow-world.js';

const SLOW = 240_000;
const BOTH = ['won-deal-to-books', 'won-deal-to-desk'];
/** The root model's invoice step, told what the lines must add up to and what to do when they do not. */
const totalIs = (policy: 'adjust' | 'block') => (text: string) =>
  text.replace(
    /^( +)create_missing_items: false\n/m,
    (line, indent: string) => `${line}${indent}total: deal.Amount\n${indent}when_total_differs: ${policy}\n`,
  );

let world: FlowWorld;

beforeAll(async () => {
  world = await flowWorld({}, { editModel: totalIs('adjust') });
}, SLOW);
afterAll(async () => {
  await world?.close();
});

/** A quote on the deal: each product twice at its unit price, `discount` off the first line. */
async function quote(won: Awaited<ReturnType<typeof dealReadyToWin>>, discount: number): Promise<CrmRecord> {
  return world.clients.crm.records.createOnce(
    'Quotes',
    {
      Subject: `Quote for ${won.deal.id}`,
      Account_Name: { id: won.account.id },
      Deal_Name: { id: won.deal.id },
      Quote_Stage: 'Confirmed',
      Quoted_Items: won.products.map((p, i) => ({
        Product_Name: { id: p.id },
        Quantity: 2,
        List_Price: p.Unit_Price,
        ...(i === 0 ? { Discount: discount } : {}),
      })),
    },
    { lookup: async () => undefined },
  );
}

async function invoiceOf(dealId: string) {
  const found = await collect(world.clients.books.invoices.list({ reference_number: dealId }));
  return found.length === 1 ? world.clients.books.invoices.get(found[0]?.invoice_id ?? '') : undefined;
}

/** Waits until the runtime has no work pending or running (the earlier scenarios' write-backs settle). */
async function quiet(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const counts = await world.runtime.ledger.counts();
    if (counts.pending + counts.running === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the runtime never went quiet');
}

/** The writes (POST, PUT, PATCH, DELETE) the org has answered so far, in every product. */
function zohoWrites(): number {
  const routes = world.sandbox.stats().routes as Record<string, number>;
  return Object.entries(routes)
    .filter(
      ([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !route.includes('/coql') && !route.includes('oauth'),
    )
    .reduce((sum, [, n]) => sum + n, 0);
}

async function booksRequests(): Promise<number> {
  return world.sandbox.stats().requests.books;
}

describe('a won deal whose quote has quantity 2 and a discount', () => {
  it(
    'gets an invoice equal to the deal amount, its lines carrying the quantities, prices and discount',
    async () => {
      // Products 1,200 and 800, two of each (4,000), 400 off the first line: 3,600.
      const won = await dealReadyToWin(world.clients, { accountName: 'Twice Ltd', amount: 3600 });
      await quote(won, 400);
      await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
      const [books] = await world.settled(won.deal.id, ['won-deal-to-books'], SLOW);
      expect(books?.state).toBe('done');
      const invoice = await invoiceOf(won.deal.id);
      expect(invoice?.total).toBe(3600);
      expect(invoice?.adjustment ?? 0).toBe(0);
      const lines = (invoice?.line_items ?? []) as { quantity?: number; rate?: number; discount_amount?: number }[];
      expect(lines.map((l) => [l.quantity, l.rate])).toEqual([
        [2, 1200],
        [2, 800],
      ]);
      expect(lines[0]?.discount_amount).toBe(400);
    },
    SLOW,
  );

  it(
    'costs one Books call per item not seen before, then two: the customer upsert and the invoice create',
    async () => {
      const won = await dealReadyToWin(world.clients, { accountName: 'Frugal Ltd', amount: 3600 });
      await quote(won, 400);
      const before = await booksRequests();
      await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
      await world.settled(won.deal.id, BOTH, SLOW);
      const calls = (await booksRequests()) - before;
      // Two items of a new catalogue (one look each), the customer, the invoice.
      expect(calls).toBe(4);
      expect((await invoiceOf(won.deal.id))?.total).toBe(3600);
    },
    SLOW,
  );
});

describe('a won deal whose lines do not add up to its amount', () => {
  it(
    'with when_total_differs: adjust, gets the difference as the invoice adjustment, so the invoice equals the deal',
    async () => {
      const won = await dealReadyToWin(world.clients, { accountName: 'Adjusted Ltd', amount: 4000 });
      await quote(won, 400);
      await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
      await world.settled(won.deal.id, ['won-deal-to-books'], SLOW);
      const invoice = await invoiceOf(won.deal.id);
      expect(invoice?.adjustment).toBe(400);
      expect(invoice?.total).toBe(4000);
    },
    SLOW,
  );

  it(
    'with when_total_differs: block, creates nothing in Books and tells the owner the difference in a task',
    async () => {
      const model = await rootModel(totalIs('block'));
      const handoff = model.handoffs.find((h) => h.id === 'won-deal-to-books');
      if (handoff === undefined) throw new Error('no won-deal-to-books');
      const won = await dealReadyToWin(world.clients, { accountName: 'Blocked Ltd', amount: 4000 });
      await quote(won, 400);
      // Won without workflow rules: no webhook, so the runtime (adjusting) never sees it; the blocking model runs it.
      await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' }, []);
      const recorded: string[] = [];
      const result = await runHandoff({
        clients: world.clients,
        model,
        handoff,
        recordId: won.deal.id,
        previous: [],
        onStep: (r) => void recorded.push(r.stepId),
      });
      expect(result.kind).toBe('blocked');
      const sentence = 'they add up to 3600.00, a difference of 400.00';
      expect(result.kind === 'blocked' ? result.reason : '').toContain(sentence);
      expect(recorded).toEqual(['_blocked_task']);
      const tasks = await collect(
        world.clients.crm.records.coql(`select Description from Tasks where Subject like '%blocked on ${won.deal.id}'`),
      );
      expect(tasks.map((t) => String(t.Description))).toEqual([expect.stringContaining(sentence)]);
      expect(await invoiceOf(won.deal.id)).toBeUndefined();
    },
    SLOW,
  );
});

/** The seed's deal won before the runtime started (2026-01-05): history. */
async function historicDeal(): Promise<CrmRecord> {
  const [deal] = await collect(
    world.clients.crm.records.coql(`select id, Deal_Name from Deals where Deal_Name = 'Initech – support renewal'`),
  );
  if (deal === undefined) throw new Error('the seed has no Initech deal');
  return deal;
}

describe('an org with history', () => {
  it(
    'a first start does nothing to it: the poll looks no further back than the ledger',
    async () => {
      const deal = await historicDeal();
      await pollOnce({ clients: world.clients, model: world.model, ledger: world.runtime.ledger });
      const entries = await world.runtime.ledger.list();
      expect(entries.filter((e) => e.recordId === deal.id)).toEqual([]);
      expect(await invoiceOf(deal.id)).toBeUndefined();
    },
    SLOW,
  );

  it(
    'backfill --dry-run lists it with what its runs would do, and changes nothing',
    async () => {
      const deal = await historicDeal();
      const entries = (await world.runtime.ledger.list()).length;
      await quiet();
      const writesBefore = zohoWrites();
      const found = await backfill({
        clients: world.clients,
        model: world.model,
        since: new Date('2026-01-01'),
        dryRun: true,
      });
      const mine = found.records.filter((r) => r.recordId === deal.id);
      expect(mine.map((r) => r.handoff).sort()).toEqual(BOTH);
      expect(mine.every((r) => r.preview !== undefined && r.offered === undefined)).toBe(true);
      expect((await world.runtime.ledger.list()).length).toBe(entries);
      expect(zohoWrites()).toBe(writesBefore);
      // Reads only (item lookups), nothing written.
      expect(await invoiceOf(deal.id)).toBeUndefined();
    },
    SLOW,
  );

  it(
    'backfill --since processes from that date: an earlier record is left out, a later one recorded as backfill',
    async () => {
      const deal = await historicDeal();
      const later = await backfill({
        clients: world.clients,
        model: world.model,
        ledger: world.runtime.ledger,
        since: new Date('2026-02-01'),
        dryRun: false,
      });
      expect(later.records.map((r) => r.recordId)).not.toContain(deal.id);
      const from = await backfill({
        clients: world.clients,
        model: world.model,
        ledger: world.runtime.ledger,
        since: new Date('2026-01-05'),
        dryRun: false,
      });
      expect(from.records.filter((r) => r.recordId === deal.id).map((r) => r.offered)).toEqual(['created', 'created']);
      const entries = (await world.runtime.ledger.list()).filter((e) => e.recordId === deal.id);
      expect(entries.map((e) => e.source)).toEqual(['backfill', 'backfill']);
    },
    SLOW,
  );
});
