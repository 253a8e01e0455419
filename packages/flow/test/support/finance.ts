/** A won deal's invoice in Books and its payment, as finance makes them in the finance → sales tests. */
import { dealReadyToWin, type FlowWorld } from './flow-world.js';

/** A won deal and the draft invoice its handoff made, marked sent by finance. */
export async function invoicedDeal(world: FlowWorld, accountName: string) {
  const won = await dealReadyToWin(world.clients, { accountName });
  await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
  await world.settled(won.deal.id, ['won-deal-to-books', 'won-deal-to-desk']);
  const deal = await world.clients.crm.records.get('Deals', won.deal.id);
  const invoiceId = String(deal?.Books_Invoice_ID ?? '');
  if (invoiceId === '') throw new Error(`deal ${won.deal.id} has no Books invoice`);
  await world.clients.books.invoices.markStatus(invoiceId, 'sent');
  const invoice = await world.clients.books.invoices.get(invoiceId);
  return { ...won, invoiceId, customerId: String(invoice.customer_id) };
}

/** A customer payment of `amount` applied to the invoice, dated the sandbox's today. */
export async function pay(world: FlowWorld, customerId: string, invoiceId: string, amount: number): Promise<void> {
  await world.clients.books.payments.create({
    customer_id: customerId,
    payment_mode: 'banktransfer',
    amount,
    date: new Date(world.sandbox.clock.now()).toISOString().slice(0, 10),
    invoices: [{ invoice_id: invoiceId, amount_applied: amount }],
  });
}
