/**
 * Stage gates end to end on the sandbox: a deal that enters Closed Won without the fields the stage requires gets
 * one task for the stage's owner naming them by label, goes back to the stage it came from (`on_missing: revert`),
 * and the stage's handoffs wait; once the data is there and the deal is won again, the task is completed and the
 * handoffs run. Everything arrives through the workflow rules and webhooks apply provisioned.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { pollOnce } from '@zlc/flow';
import { collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealReadyToWin, type FlowWorld, flowWorld } from './support/flow-world.js';

let world: FlowWorld;
const ALL = ['gate-closed-won', 'won-deal-to-books', 'won-deal-to-desk'];

beforeAll(async () => {
  world = await flowWorld(
    {},
    {
      editModel: (text) =>
        text.replace(
          '    owner: sales\n    entry:\n      all:',
          '    owner: sales\n    on_missing: revert\n    entry:\n      all:',
        ),
    },
  );
}, 60_000);
afterAll(async () => {
  await world?.close();
});

async function gateTasks(dealId: string) {
  const query = `select Subject, Description, Status, Owner from Tasks where Subject = 'zlc: Closed Won needs data on ${dealId}'`;
  return collect(world.clients.crm.records.coql(query));
}

async function accountExecutives() {
  const users = await collect(world.clients.crm.users('ActiveUsers'));
  return users.filter((u) => u.role?.name === 'Account Executive').map((u) => u.id);
}

async function booksCustomerCount(accountId: string) {
  const all = await collect(world.clients.books.contacts.list());
  return all.filter((c) =>
    (c.custom_fields ?? []).some((f) => f.api_name === 'cf_crm_account_id' && f.value === accountId),
  ).length;
}

describe('a deal that enters a gated stage without its required fields (on_missing: revert)', () => {
  let won: Awaited<ReturnType<typeof dealReadyToWin>>;

  beforeAll(async () => {
    won = await dealReadyToWin(world.clients, { accountName: 'Gated Goods', noStreet: true, noBillingFrequency: true });
    await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
    await world.settled(won.deal.id, ALL);
  }, 60_000);

  it('gives the stage owner one task naming the missing fields by their labels', async () => {
    const tasks = await gateTasks(won.deal.id);
    expect(tasks).toHaveLength(1);
    const text = String(tasks[0]?.Description);
    expect(text).toContain('Billing Frequency');
    expect(text).toContain('Account Name › Billing Street');
    expect(text).not.toContain('Billing_Frequency');
    const owner = tasks[0]?.Owner as { id?: string } | undefined;
    expect(await accountExecutives()).toContain(owner?.id);
  });

  it('moves the deal back to the stage it came from, and says so on the task', async () => {
    const deal = await world.clients.crm.records.get('Deals', won.deal.id);
    expect(deal?.Stage).toBe('Negotiation');
    const [task] = await gateTasks(won.deal.id);
    expect(String(task?.Description)).toContain('Moved back to Negotiation');
  });

  it('runs no handoff: nothing reaches Books', async () => {
    expect(await booksCustomerCount(won.account.id)).toBe(0);
  });

  it('keeps one task when the gate runs again for the same entry', async () => {
    const entry = (await world.runtime.ledger.list()).find(
      (e) => e.recordId === won.deal.id && e.handoff === 'gate-closed-won',
    );
    if (entry === undefined) throw new Error('no gate entry');
    await world.runtime.ledger.replay(entry.id);
    world.runtime.worker.wake();
    await world.settled(won.deal.id, ALL);
    expect(await gateTasks(won.deal.id)).toHaveLength(1);
  });

  it('completes the task and runs the handoffs once the data is there and the deal is won again', async () => {
    // Later, as people do (Zoho's modified times have whole seconds): entering the stage again is a later version.
    world.sandbox.clock.advance(2_000);
    await world.clients.crm.records.update('Accounts', won.account.id, { Billing_Street: '3 Gate Road' });
    await world.clients.crm.records.update('Deals', won.deal.id, { Billing_Frequency: 'Monthly', Stage: 'Closed Won' });
    await world.settled(won.deal.id, ALL);
    // The workflow rules' webhooks bring the deal back; a poll pass (the safety net) makes sure of it here.
    await pollOnce({ clients: world.clients, model: world.model, ledger: world.runtime.ledger });
    world.runtime.worker.wake();
    await world.settled(won.deal.id, ALL);
    const deal = await world.clients.crm.records.get('Deals', won.deal.id);
    expect(deal?.Stage).toBe('Closed Won');
    expect(await booksCustomerCount(won.account.id)).toBe(1);
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices).toHaveLength(1);
    const tasks = await gateTasks(won.deal.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.Status).toBe('Completed');
  });
});
