/** The plan of the root model's finance → sales handoff: its trigger, the fields it writes, and those fields made. */
import { plan, renderPlanText } from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import { desiredOf, modelOf, optionsFor } from './support/plan-builders.js';

const model = modelOf();
const desired = desiredOf(model);

describe('the invoice_status handoff in a plan', () => {
  const result = plan(desired, [], optionsFor(model));

  it('names the Books trigger and every CRM field it writes in the business summary', () => {
    const handoff = result.summary.handoffs.find((h) => h.id === 'invoice-status-to-crm');
    expect(handoff?.trigger).toBe(
      'a Books invoice is sent, partially_paid, paid, overdue, void (polled by last modified time, and overdue invoices by due date)',
    );
    expect(handoff?.writes).toEqual([
      'crm:Deals.Invoice_Status',
      'crm:Deals.Amount_Paid',
      'crm:Deals.Invoice_Overdue',
      'crm:Accounts.Last_Invoice_Status',
      'crm:Accounts.Amount_Paid',
      'crm:Accounts.Invoice_Overdue',
    ]);
    const text = renderPlanText(result);
    expect(text).toContain('invoice-status-to-crm: when a Books invoice is sent');
    expect(text).toContain('    writes crm:Deals.Invoice_Status, crm:Deals.Amount_Paid');
  });

  it('creates the CRM fields the handoff writes, and no webhook for it', () => {
    const creates = result.actions.filter((a) => a.action === 'create').map((a) => a.address);
    for (const field of [
      'crm_field.Deals.Invoice_Status',
      'crm_field.Deals.Amount_Paid',
      'crm_field.Deals.Invoice_Overdue',
      'crm_field.Accounts.Last_Invoice_Status',
      'crm_field.Accounts.Amount_Paid',
      'crm_field.Accounts.Invoice_Overdue',
    ])
      expect(creates).toContain(field);
    // The Books trigger is polled: unlike the stage handoffs, it gets no workflow rule or webhook.
    expect(creates.some((a) => a.endsWith('.zlc-won-deal-to-books'))).toBe(true);
    expect(creates.filter((a) => a.endsWith('.zlc-invoice-status-to-crm'))).toEqual([]);
  });
});
