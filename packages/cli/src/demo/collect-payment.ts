/**
 * The demo's finance → sales step: finance sends the sample deal's invoice and records its payment in Books, as a
 * person does in Books; the poll of the model's `invoice_status` handoffs brings status and amounts back to CRM.
 */
import { type FlowRuntime, type LedgerEntry, pollOnce } from '@zlc/flow';
import type { ResolvedModel } from '@zlc/model';
import type { Sandbox } from '@zlc/sandbox';
import { collect, type ZohoClients } from '@zlc/zoho';
import { WalkFailed } from './walk-failed.js';

export interface PaymentStep {
  model: ResolvedModel;
  clients: ZohoClients;
  sandbox: Sandbox;
  runtime: FlowRuntime;
  deal: { id: string; accountId: string };
  say(text: string): void;
  settle(recordId: string, handoffs: readonly string[]): Promise<LedgerEntry[]>;
  describe(entry: LedgerEntry): Promise<string>;
}

export async function collectThePayment(step: PaymentStep): Promise<void> {
  const { model, clients, runtime, say } = step;
  const handoffs = model.handoffs.filter((h) => h.trigger.on === 'invoice_status');
  if (handoffs.length === 0) return;
  const ids = handoffs.map((h) => h.id);
  const poll = () => pollOnce({ clients, model, ledger: runtime.ledger, handoffs: ids });
  // The first poll starts the invoice cursor from now; Books times have whole seconds, so the payment comes after it.
  await poll();
  step.sandbox.clock.advance(1_000);
  const [invoice] = await collect(clients.books.invoices.list({ reference_number: step.deal.id }));
  if (invoice === undefined) throw new WalkFailed('the deal has no Books invoice to pay');
  await clients.books.invoices.markStatus(invoice.invoice_id, 'sent');
  const total = Number(invoice.total ?? 0);
  await clients.books.payments.create({
    customer_id: String(invoice.customer_id),
    payment_mode: 'banktransfer',
    amount: total,
    date: new Date(step.sandbox.clock.now()).toISOString().slice(0, 10),
    invoices: [{ invoice_id: invoice.invoice_id, amount_applied: total }],
  });
  say(`\n9. Finance collects: invoice ${String(invoice.invoice_number)} sent and paid in full (${total}) in Books.`);
  say('   The poll reads the invoices Books changed; the runtime updates CRM:\n');
  await poll();
  runtime.worker.wake();
  for (const entry of await step.settle(invoice.invoice_id, ids)) say(await step.describe(entry));
  for (const h of handoffs)
    for (const s of h.steps) {
      if (s.app !== 'crm' || (s.module !== 'Deals' && s.module !== 'Accounts')) continue;
      const record = await clients.crm.records.get(s.module, s.module === 'Deals' ? step.deal.id : step.deal.accountId);
      const values = s.mappings.map((m) => `${m.target.apiName} = ${String(record?.[m.target.apiName])}`);
      say(`   CRM ${s.module === 'Deals' ? 'deal' : 'account'}: ${values.join(', ')}`);
    }
}
