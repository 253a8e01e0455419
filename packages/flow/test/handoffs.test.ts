/**
 * The handoffs of the root lifecycle.yaml end to end on the sandbox, through the webhooks its workflow rules and
 * Desk really fire: sales → finance, sales → support, support → sales, missing data, later edits.
 *
 * @module-tag e2e
 */

import { pollOnce } from '@zlc/flow';
import { addCrmSyncedCustomer } from '@zlc/sandbox';
import { conformanceAvailable, expectConformance, skipUnless, waitFor } from '@zlc/testkit';
import { type CrmRecord, collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealReadyToWin, type FlowWorld, flowWorld } from './support/flow-world.js';

let world: FlowWorld;
const BOTH = ['won-deal-to-books', 'won-deal-to-desk'];

beforeAll(async () => {
  world = await flowWorld({}, { conformance: conformanceAvailable().ok });
}, 60_000);
afterAll(async () => {
  await world?.close();
});

async function win(deal: CrmRecord): Promise<void> {
  await world.clients.crm.records.update('Deals', deal.id, { Stage: 'Closed Won' });
}

async function booksCustomersOf(accountId: string) {
  const all = await collect(world.clients.books.contacts.list());
  return all.filter((c) =>
    (c.custom_fields ?? []).some((f) => f.api_name === 'cf_crm_account_id' && f.value === accountId),
  );
}

async function booksEntryOf(dealId: string) {
  return (await world.runtime.ledger.list()).find((e) => e.recordId === dealId && e.handoff === 'won-deal-to-books');
}

/** A deal made ready (with `data`'s gaps), then won, with both handoffs settled. */
async function wonDeal(data: Parameters<typeof dealReadyToWin>[1]) {
  const won = await dealReadyToWin(world.clients, data);
  await win(won.deal);
  await world.settled(won.deal.id, BOTH);
  return won;
}

/** The tasks zlc left on a record (COQL: search would not see a task written a moment ago). */
async function tasksOn(recordId: string) {
  const query = `select Subject, Description from Tasks where Subject like '%blocked on ${recordId}'`;
  return collect(world.clients.crm.records.coql(query));
}

/** The stage gate's task on a deal. */
async function gateTasksOn(recordId: string) {
  const query = `select Subject, Description, Status from Tasks where Subject = 'zlc: Closed Won needs data on ${recordId}'`;
  return collect(world.clients.crm.records.coql(query));
}

/** One poll pass (it re-offers blocked work), then the worker, until the deal's entries settle. */
async function pollAndSettle(dealId: string) {
  await pollOnce({ clients: world.clients, model: world.model, ledger: world.runtime.ledger });
  world.runtime.worker.wake();
  await world.settled(dealId, [...BOTH, 'gate-closed-won']);
}

async function deskAccountsOf(accountId: string) {
  return collect(world.clients.desk.accounts.search({ customField1: `cf_crm_account_id:${accountId}` }));
}

describe('a deal that enters Closed Won with its required data', () => {
  let won: Awaited<ReturnType<typeof dealReadyToWin>>;

  beforeAll(async () => {
    won = await dealReadyToWin(world.clients, { accountName: 'Acme Analytics' });
    await win(won.deal);
    await world.settled(won.deal.id, BOTH);
  }, 60_000);

  it('becomes one Books customer with its contact persons, and the Books id is written back to the account', async () => {
    const customers = await booksCustomersOf(won.account.id);
    expect(customers).toHaveLength(1);
    const customer = await world.clients.books.contacts.get(customers[0]?.contact_id ?? '');
    expect(customer.contact_name).toBe('Acme Analytics');
    const persons = await collect(world.clients.books.contactPersons.list(customer.contact_id));
    expect(persons.map((p) => p.last_name).sort()).toEqual(['Lovelace', 'Turing']);
    const account = await world.clients.crm.records.get('Accounts', won.account.id);
    expect(account?.Books_Customer_ID).toBe(customer.contact_id);
  });

  it('gets one draft invoice carrying the deal in reference_number, with a line per product, linked on the deal', async () => {
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices).toHaveLength(1);
    const invoice = await world.clients.books.invoices.get(invoices[0]?.invoice_id ?? '');
    expect(invoice.status).toBe('draft');
    expect(invoice.reference_number).toBe(won.deal.id);
    expect(invoice.total).toBeGreaterThanOrEqual(2000);
    expect(Array.isArray(invoice.line_items) ? invoice.line_items.length : 0).toBe(2);
    const deal = await world.clients.crm.records.get('Deals', won.deal.id);
    expect(deal?.Books_Invoice_ID).toBe(invoice.invoice_id);
  });

  it("reached the runtime through Zoho's webhook, whose form body takes the deal id from its Deals.Id merge field (a module parameter)", async () => {
    const summary = (await world.clients.crm.listWebhooks()).find((h) => h.name === 'zlc-won-deal-to-books');
    const hook = await world.clients.crm.getWebhook(summary?.id ?? '');
    expect(hook).toMatchObject({
      feature_type: 'workflow',
      authentication: { type: 'general' },
      body: { type: 'form_data', form_data_content: { module_parameters: [{ name: 'id', value: `\${!Deals.Id}` }] } },
    });
    expect(hook?.headers?.custom_parameters?.map((p) => p.name)).toEqual(['X-Zlc-Secret']);
    const delivered = world.sandbox.outbound
      .log()
      .filter((d) => d.source.startsWith('workflow_rule:') && d.url.endsWith('/hooks/crm/won-deal-to-books'));
    expect(delivered.map((d) => d.status)).toContain(202);
    const accepted = world.events.filter(
      (e) => e.type === 'intake_accepted' && e.source === 'webhook' && e.recordId === won.deal.id,
    );
    // The stage gates of Opportunity and Closed Won are fed the same way, beside the handoffs.
    expect(accepted.map((e) => (e.type === 'intake_accepted' ? e.handoff : '')).sort()).toEqual([
      'gate-closed-won',
      'gate-opportunity',
      ...BOTH,
    ]);
  });

  it('becomes one Desk account with what was sold, the deal value and the owner, and its contacts', async () => {
    const accounts = await deskAccountsOf(won.account.id);
    expect(accounts).toHaveLength(1);
    const desk = await world.clients.desk.accounts.get(accounts[0]?.id ?? '');
    expect(String(desk.cf?.cf_products_sold)).toContain('Analytics Cloud');
    expect(Number(desk.cf?.cf_deal_value)).toBe(2000);
    expect(desk.cf?.cf_account_owner).toBeTruthy();
    // It lands with an agent of the Supported stage owner's team (Onboarding, in Customer Success): not the API
    // user, nor the department's first agent, who is not in the team.
    const departments = await collect(world.clients.desk.departments());
    const success = departments.find((d) => d.name === 'Customer Success');
    const agents = await collect(world.clients.desk.agents({ departmentIds: success?.id ?? '' }));
    const teams = await world.clients.desk.teamsInDepartment(success?.id ?? '');
    const onboarding = teams.find((t) => t.name === 'Onboarding');
    expect(onboarding?.derivedAgents).toEqual([desk.ownerId]);
    expect(agents.map((a) => a.id)).toContain(desk.ownerId);
    expect(agents[0]?.id).not.toBe(desk.ownerId);
    const contacts = await collect(world.clients.desk.contacts.search({ accountId: desk.id }));
    expect(contacts.map((c) => c.lastName).sort()).toEqual(['Lovelace', 'Turing']);
    const account = await world.clients.crm.records.get('Accounts', won.account.id);
    expect(account?.Desk_Account_ID).toBe(desk.id);
  });

  it('is one ledger entry per handoff even when the webhook arrives twice', async () => {
    const url = `${world.runtime.url}/hooks/crm/won-deal-to-books`;
    const body = new URLSearchParams({ handoff: 'won-deal-to-books', id: won.deal.id, module: 'Deals' });
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(url, { method: 'POST', headers: { 'x-zlc-secret': 'flow-test-secret' }, body });
      expect(answer.status).toBe(202);
    }
    await world.settled(won.deal.id, BOTH);
    const entries = (await world.runtime.ledger.list()).filter(
      (e) => e.recordId === won.deal.id && BOTH.includes(e.handoff),
    );
    expect(entries.map((e) => `${e.handoff}:${e.state}`).sort()).toEqual([
      'won-deal-to-books:done',
      'won-deal-to-desk:done',
    ]);
    expect(await booksCustomersOf(won.account.id)).toHaveLength(1);
  });

  it('keeps its draft invoice in step when the closed deal is edited, without a second customer, invoice or Desk account', async () => {
    await world.clients.crm.records.update('Deals', won.deal.id, { Deal_Name: 'Acme Analytics renewal' });
    await pollAndSettle(won.deal.id);
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices).toHaveLength(1);
    const invoice = await world.clients.books.invoices.get(invoices[0]?.invoice_id ?? '');
    expect(invoice.notes).toContain('Acme Analytics renewal');
    expect(await booksCustomersOf(won.account.id)).toHaveLength(1);
    expect(await deskAccountsOf(won.account.id)).toHaveLength(1);
  });

  it('shows Desk tickets on the CRM account: open count and last ticket, as tickets are created and closed', async () => {
    const [deskAccount] = await deskAccountsOf(won.account.id);
    const [deskContact] = await collect(world.clients.desk.contacts.search({ accountId: deskAccount?.id ?? '' }));
    const [department] = await collect(world.clients.desk.departments());
    const ticket = await world.clients.desk.tickets.create({
      subject: 'Dashboard does not load',
      departmentId: department?.id ?? '',
      contactId: deskContact?.id ?? '',
    });
    await world.settled(ticket.id, ['tickets-to-crm']);
    const open = await world.clients.crm.records.get('Accounts', won.account.id);
    expect(open?.Open_Tickets).toBe(1);
    expect(open?.Last_Ticket_At).toBeTruthy();

    await world.clients.desk.tickets.update(ticket.id, { status: 'Closed' });
    let closed = open;
    await waitFor(
      async () => {
        await world.sandbox.outbound.drain();
        closed = await world.clients.crm.records.get('Accounts', won.account.id);
        return closed?.Open_Tickets === 0;
      },
      'the closed ticket to reach the CRM account',
      90_000,
    );
    expect(closed?.Open_Tickets).toBe(0);
  });
});

describe('a deal that enters Closed Won without a field the stage requires (on_missing: task)', () => {
  let won: Awaited<ReturnType<typeof dealReadyToWin>>;

  beforeAll(async () => {
    won = await wonDeal({ accountName: 'Blocked Corp', noStreet: true });
  }, 60_000);

  it('creates nothing in Books, the handoff waits on the gate, and the stage owner gets one task naming the label', async () => {
    const entry = await booksEntryOf(won.deal.id);
    expect(entry?.state).toBe('blocked');
    expect(entry?.reason).toContain('waits for Closed Won: Account Name › Billing Street');
    expect(await booksCustomersOf(won.account.id)).toHaveLength(0);
    // The gate tells the owner; the waiting handoffs add no task of their own.
    expect(await tasksOn(won.deal.id)).toHaveLength(0);
    const tasks = await gateTasksOn(won.deal.id);
    expect(tasks).toHaveLength(1);
    expect(String(tasks[0]?.Description)).toContain('Account Name › Billing Street');
    expect((await world.clients.crm.records.get('Deals', won.deal.id))?.Stage).toBe('Closed Won');
  });

  it('goes on by itself once the data is complete, and the task is completed', async () => {
    await world.clients.crm.records.update('Accounts', won.account.id, { Billing_Street: '2 Side Street' });
    await world.clients.crm.records.update('Deals', won.deal.id, { Description: 'street added' });
    await pollAndSettle(won.deal.id);
    const entry = await booksEntryOf(won.deal.id);
    expect(entry?.state).toBe('done');
    expect(await booksCustomersOf(won.account.id)).toHaveLength(1);
    const tasks = await gateTasksOn(won.deal.id);
    expect(tasks.map((t) => t.Status)).toEqual(['Completed']);
  });
});

describe('a closed deal with a product Books has no item for (the model lets zlc create none)', () => {
  let won: Awaited<ReturnType<typeof dealReadyToWin>>;

  beforeAll(async () => {
    won = await wonDeal({ accountName: 'Itemless Ltd', noBooksItem: true });
  }, 60_000);

  it('creates nothing in Books and is blocked, naming the SKU that has no Books item', async () => {
    const entry = await booksEntryOf(won.deal.id);
    expect(entry?.state).toBe('blocked');
    const sku = String(won.products[1]?.Product_Code ?? `SKU-${won.account.id}-800`);
    expect(entry?.reason).toContain(`a Books item with SKU ${sku}`);
    expect(await booksCustomersOf(won.account.id)).toHaveLength(0);
  });

  it('goes on once finance adds the item, with every invoice line on a Books item', async () => {
    const sku = `SKU-${won.account.id}-800`;
    await world.clients.books.items.createOnce({
      name: `Onboarding ${won.account.id}`,
      rate: 800,
      sku,
      product_type: 'service',
    });
    await pollAndSettle(won.deal.id);
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices).toHaveLength(1);
    const invoice = await world.clients.books.invoices.get(invoices[0]?.invoice_id ?? '');
    const lines = Array.isArray(invoice.line_items) ? (invoice.line_items as { item_id?: unknown }[]) : [];
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => typeof l.item_id === 'string' && l.item_id !== '')).toBe(true);
  });
});

describe('a closed deal whose account Zoho’s native CRM ↔ Books sync already put in Books', () => {
  let won: Awaited<ReturnType<typeof dealReadyToWin>>;
  let synced: string;

  beforeAll(async () => {
    won = await dealReadyToWin(world.clients, { accountName: 'Synced Signals' });
    synced = await addCrmSyncedCustomer(world.sandbox, { id: won.account.id, name: 'Synced Signals' });
    await win(won.deal);
    await world.settled(won.deal.id, BOTH);
  }, 60_000);

  it('adopts the synced customer (found by zcrm_account_id) instead of making a second one', async () => {
    expect((await booksEntryOf(won.deal.id))?.state).toBe('done');
    const named = await collect(world.clients.books.contacts.list({ contact_name: 'Synced Signals' }));
    expect(named.map((c) => c.contact_id)).toEqual([synced]);
    const linked = await collect(world.clients.books.contacts.list({ zcrm_account_id: won.account.id }));
    expect(linked.map((c) => c.contact_id)).toEqual([synced]);
    // zlc's own link fields are now on that customer, the account points at it, and so does the invoice.
    expect((await booksCustomersOf(won.account.id)).map((c) => c.contact_id)).toEqual([synced]);
    const account = await world.clients.crm.records.get('Accounts', won.account.id);
    expect(account?.Books_Customer_ID).toBe(synced);
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices.map((i) => i.customer_id)).toEqual([synced]);
  });
});

skipUnless(conformanceAvailable(), "the runtime's traffic through the conformance proxy");
describe.skipIf(!conformanceAvailable().ok)("the runtime's traffic", () => {
  it("fits Zoho's OpenAPI documents", async () => {
    const report = await world.conformance?.report();
    if (report === undefined) throw new Error('the conformance proxy did not run');
    expectConformance(report, 'flow-handoffs');
  });
});
