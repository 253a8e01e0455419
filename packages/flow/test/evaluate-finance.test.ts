/** The finance → sales mappings are pure: an invoice and its customer's invoices in, the CRM deal and account values out. */
import { buildPayload, type SourceSnapshot } from '@zlc/flow';
import type { ResolvedModel, ResolvedStep } from '@zlc/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { rootModel } from './support/flow-world.js';

let model: ResolvedModel;
beforeAll(async () => {
  model = await rootModel();
});

function step(id: string): ResolvedStep {
  const found = model.handoffs.find((h) => h.id === 'invoice-status-to-crm')?.steps.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

function snapshot(invoice: Record<string, unknown>, invoices: Record<string, unknown>[]): SourceSnapshot {
  return { named: { record: invoice, invoice }, lookups: {}, related: { 'books:invoices': invoices } };
}

describe('invoice status to CRM', () => {
  const overdue = { invoice_id: 'I1', status: 'overdue', payment_made: 250, total: 1000 };
  const paid = { invoice_id: 'I2', status: 'paid', payment_made: 400, total: 400 };

  it('gives the deal its invoice status as a CRM label, the amount paid and the overdue flag from the invoice', () => {
    const scope = { snapshot: snapshot(overdue, [overdue, paid]), steps: {} };
    expect(buildPayload('crm', step('crm-deal').mappings, scope)).toEqual({
      Invoice_Status: 'Overdue',
      Amount_Paid: 250,
      Invoice_Overdue: true,
    });
    const paidScope = { snapshot: snapshot(paid, [overdue, paid]), steps: {} };
    expect(buildPayload('crm', step('crm-deal').mappings, paidScope)).toMatchObject({ Invoice_Overdue: false });
  });

  it("gives the account the sum paid over all the customer's invoices, and overdue when any of them is", () => {
    const scope = { snapshot: snapshot(paid, [overdue, paid]), steps: {} };
    expect(buildPayload('crm', step('crm-account').mappings, scope)).toEqual({
      Last_Invoice_Status: 'Paid',
      Amount_Paid: 650,
      Invoice_Overdue: true,
    });
    const settled = { snapshot: snapshot(paid, [paid]), steps: {} };
    expect(buildPayload('crm', step('crm-account').mappings, settled)).toMatchObject({ Invoice_Overdue: false });
  });
});
