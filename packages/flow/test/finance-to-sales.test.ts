/**
 * Finance → sales end to end on the sandbox: a won deal becomes an invoice (won-deal-to-books), finance records
 * payments in Books the way Zoho takes them (`POST /customerpayments`), and the `invoice-status-to-crm` handoff of
 * the root lifecycle.yaml brings status, amount paid and the overdue flag back to the CRM deal and account.
 *
 * @module-tag e2e
 */
import { pollOnce } from '@zlc/flow';
import { conformanceAvailable, expectConformance } from '@zlc/testkit';
import type { CrmRecord } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicedDeal, pay } from './support/finance.js';
import { type FlowWorld, flowWorld } from './support/flow-world.js';

const FINANCE = 'invoice-status-to-crm';
const DAY = 86_400_000;
let world: FlowWorld;

beforeAll(async () => {
  world = await flowWorld({}, { conformance: conformanceAvailable().ok });
}, 60_000);
afterAll(async () => {
  await world?.close();
});

/** One poll of the finance handoff, then the worker until the invoice's entries settle. */
async function pollFinance() {
  const [result] = await pollOnce({
    clients: world.clients,
    model: world.model,
    ledger: world.runtime.ledger,
    handoffs: [FINANCE],
  });
  world.runtime.worker.wake();
  return result;
}

async function settledInvoice(invoiceId: string) {
  return world.settled(invoiceId, [FINANCE]);
}

async function crm(module: 'Deals' | 'Accounts', id: string): Promise<CrmRecord> {
  const record = await world.clients.crm.records.get(module, id);
  if (record === undefined) throw new Error(`${module} ${id} is gone`);
  return record;
}

describe('finance → sales', () => {
  let history: Awaited<ReturnType<typeof invoicedDeal>>;
  let paid: Awaited<ReturnType<typeof invoicedDeal>>;

  beforeAll(async () => {
    // An invoice paid before the runtime's first poll is history.
    history = await invoicedDeal(world, 'Old Payer Ltd');
    await pay(world, history.customerId, history.invoiceId, 2000);
    const first = await pollFinance();
    expect(first).toMatchObject({ handoff: FINANCE, offered: 0 });
    // Books times have whole seconds: what happens next is after the start.
    world.sandbox.clock.advance(1_000);
  }, 60_000);

  it('leaves invoices paid before the first start alone', async () => {
    const deal = await crm('Deals', history.deal.id);
    expect(deal.Invoice_Status ?? null).toBeNull();
    expect((await world.runtime.ledger.list()).some((e) => e.recordId === history.invoiceId)).toBe(false);
  });

  it('brings a partial payment, then the full payment, to the deal and the account', async () => {
    paid = await invoicedDeal(world, 'Prompt Payer GmbH');
    await pay(world, paid.customerId, paid.invoiceId, 500);
    await pollFinance();
    await settledInvoice(paid.invoiceId);
    expect(await crm('Deals', paid.deal.id)).toMatchObject({
      Invoice_Status: 'Partially Paid',
      Amount_Paid: 500,
      Invoice_Overdue: false,
    });
    expect(await crm('Accounts', paid.account.id)).toMatchObject({
      Last_Invoice_Status: 'Partially Paid',
      Amount_Paid: 500,
      Invoice_Overdue: false,
    });

    await pay(world, paid.customerId, paid.invoiceId, 1500);
    await pollFinance();
    await settledInvoice(paid.invoiceId);
    expect(await crm('Deals', paid.deal.id)).toMatchObject({ Invoice_Status: 'Paid', Amount_Paid: 2000 });
    expect(await crm('Accounts', paid.account.id)).toMatchObject({ Last_Invoice_Status: 'Paid', Amount_Paid: 2000 });
    const entries = (await world.runtime.ledger.list()).filter((e) => e.recordId === paid.invoiceId);
    expect(entries.map((e) => [e.transition, e.state]).sort()).toEqual([
      ['invoice_status:paid', 'done'],
      ['invoice_status:partially_paid', 'done'],
    ]);
  });

  it('changes nothing when the poll runs again', async () => {
    const before = { deal: await crm('Deals', paid.deal.id), account: await crm('Accounts', paid.account.id) };
    const started = world.events.filter((e) => e.type === 'entry_started' && e.handoff === FINANCE).length;
    const again = await pollFinance();
    expect(again).toMatchObject({ offered: 0 });
    await settledInvoice(paid.invoiceId);
    expect(world.events.filter((e) => e.type === 'entry_started' && e.handoff === FINANCE)).toHaveLength(started);
    expect((await crm('Deals', paid.deal.id)).Modified_Time).toBe(before.deal.Modified_Time);
    expect((await crm('Accounts', paid.account.id)).Modified_Time).toBe(before.account.Modified_Time);
  });

  it('sets the overdue flag on the deal and the account once the due date passes unpaid', async () => {
    const late = await invoicedDeal(world, 'Late Payer Inc');
    await pollFinance();
    await settledInvoice(late.invoiceId);
    expect(await crm('Deals', late.deal.id)).toMatchObject({ Invoice_Status: 'Sent', Invoice_Overdue: false });
    // Due 30 days after the deal's closing date: Books shows it overdue from the day after, with no edit.
    world.sandbox.clock.advance(40 * DAY);
    const result = await pollFinance();
    expect(result?.offered).toBe(1);
    await settledInvoice(late.invoiceId);
    expect(await crm('Deals', late.deal.id)).toMatchObject({ Invoice_Status: 'Overdue', Invoice_Overdue: true });
    expect(await crm('Accounts', late.account.id)).toMatchObject({
      Last_Invoice_Status: 'Overdue',
      Invoice_Overdue: true,
    });
    // The paid customer owes nothing: its flag stays down.
    expect(await crm('Accounts', paid.account.id)).toMatchObject({ Invoice_Overdue: false });
    expect(await pollFinance()).toMatchObject({ offered: 0 });
  });
});

describe.skipIf(!conformanceAvailable().ok)("the finance poll's traffic", () => {
  it('conforms to Zoho OpenAPI documents', async () => {
    const report = await world.conformance?.report();
    if (report === undefined) throw new Error('the conformance proxy did not run');
    expectConformance(report, 'flow-finance');
  });
});
