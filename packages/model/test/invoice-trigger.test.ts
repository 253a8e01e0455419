/** The `invoice_status` trigger (finance → sales): what validates, what is refused and how it resolves. */
import { summarizeModel } from '@zlc/model';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf, makeModel, validate } from './builders.js';

type Sections = Record<string, unknown>;

/** The minimal model plus deal fields and an invoice_status handoff with `edit` applied. */
function financeModel(edit: (handoff: Sections) => void = () => {}): Sections {
  const model = makeModel();
  model.fields = {
    crm: {
      Accounts: [{ api_name: 'Books_Customer_ID', label: 'Books Customer ID', type: 'text', unique: true }],
      Deals: [
        { api_name: 'Amount_Paid', label: 'Amount Paid', type: 'currency' },
        { api_name: 'Invoice_Overdue', label: 'Invoice Overdue', type: 'boolean' },
      ],
    },
    books: { invoices: [{ api_name: 'cf_crm_deal_id', label: 'CRM Deal ID', type: 'string' }] },
  };
  const handoff: Sections = {
    id: 'paid-to-crm',
    trigger: { on: 'invoice_status', statuses: ['paid', 'overdue'] },
    requires: ['invoice.cf_crm_deal_id'],
    on_blocked: 'none',
    steps: [
      {
        id: 'deal',
        target: 'crm:Deals',
        action: 'update',
        match: { by: 'id', value: 'invoice.cf_crm_deal_id' },
        map: {
          Amount_Paid: 'invoice.payment_made',
          Invoice_Overdue: { when: { field: 'status', equals: 'overdue' } },
        },
      },
    ],
  };
  edit(handoff);
  (model.handoffs as Sections[]).push(handoff);
  return model;
}

const stepMap = (h: Sections) => ((h.steps as Sections[])[0] as Sections).map as Sections;

describe('the invoice_status trigger', () => {
  it('validates "when an invoice is paid or overdue, update the deal", and resolves its statuses', () => {
    const result = validate(financeModel());
    expect(diagnosticsOf(result).filter((d) => d.severity === 'error')).toEqual([]);
    if (!result.ok) throw new Error('invalid');
    const handoff = result.resolved.handoffs.find((h) => h.id === 'paid-to-crm');
    expect(handoff?.trigger).toEqual({
      on: 'invoice_status',
      app: 'books',
      module: 'invoices',
      statuses: ['paid', 'overdue'],
      webhook: false,
    });
    expect(handoff?.steps[0]?.mappings[1]?.value).toMatchObject({ kind: 'test' });
    expect(summarizeModel(result.resolved).handoffs).toContainEqual(
      expect.objectContaining({ id: 'paid-to-crm', trigger: 'books invoice paid/overdue' }),
    );
  });

  it('reacts to every status when `statuses` is left out', () => {
    const result = validate(financeModel((h) => (h.trigger = { on: 'invoice_status' })));
    if (!result.ok) throw new Error('invalid');
    const trigger = result.resolved.handoffs.find((h) => h.id === 'paid-to-crm')?.trigger;
    expect(trigger).toMatchObject({ statuses: ['draft', 'sent', 'overdue', 'paid', 'void', 'partially_paid'] });
  });

  it('refuses a status Books does not show, with a did-you-mean', () => {
    const result = validate(financeModel((h) => (h.trigger = { on: 'invoice_status', statuses: ['payed'] })));
    expect(result.ok).toBe(false);
    expect(diagnosticsOf(result)).toContainEqual(
      expect.objectContaining({ path: 'handoffs[1].trigger.statuses[0]', hint: "did you mean 'paid'?" }),
    );
  });

  it('refuses a stage or ticket events on an invoice trigger, and statuses on a stage trigger', () => {
    const invoice = validate(financeModel((h) => (h.trigger = { on: 'invoice_status', stage: 'closed-won' })));
    expect(diagnosticsOf(invoice)).toContainEqual(
      expect.objectContaining({ code: 'invalid-trigger', path: 'handoffs[1].trigger.stage' }),
    );
    const stage = validate(
      financeModel((h) => (h.trigger = { on: 'record_enters_stage', stage: 'closed-won', statuses: ['paid'] })),
    );
    expect(diagnosticsOf(stage)).toContainEqual(
      expect.objectContaining({ code: 'invalid-trigger', path: 'handoffs[1].trigger.statuses' }),
    );
  });

  it('takes `webhook` on an invoice trigger only, polled only by default', () => {
    const polled = validate(financeModel((h) => (h.trigger = { on: 'invoice_status' })));
    if (!polled.ok) throw new Error('invalid');
    expect(polled.resolved.handoffs.find((h) => h.id === 'paid-to-crm')?.trigger).toMatchObject({ webhook: false });
    const hooked = validate(financeModel((h) => (h.trigger = { on: 'invoice_status', webhook: true })));
    if (!hooked.ok) throw new Error('invalid');
    expect(hooked.resolved.handoffs.find((h) => h.id === 'paid-to-crm')?.trigger).toMatchObject({ webhook: true });
    const stage = validate(
      financeModel((h) => (h.trigger = { on: 'record_enters_stage', stage: 'closed-won', webhook: true })),
    );
    expect(diagnosticsOf(stage)).toContainEqual(
      expect.objectContaining({ code: 'invalid-trigger', path: 'handoffs[1].trigger.webhook' }),
    );
  });

  it('names the invoice fields a `when` may test, and a source outside the trigger', () => {
    const when = validate(
      financeModel((h) => (stepMap(h).Invoice_Overdue = { when: { field: 'stats', equals: 'x' } })),
    );
    expect(diagnosticsOf(when)).toContainEqual(
      expect.objectContaining({
        path: 'handoffs[1].steps[0].map.Invoice_Overdue.when.field',
        hint: expect.stringContaining("'status'"),
      }),
    );
    const deal = validate(financeModel((h) => (stepMap(h).Amount_Paid = 'deal.Amount')));
    expect(diagnosticsOf(deal)).toContainEqual(
      expect.objectContaining({ message: "unknown source 'deal'", hint: expect.stringContaining('invoice') }),
    );
  });

  it('needs `where` for an `any` aggregate, and gives a yes/no value', () => {
    const bare = validate(
      financeModel((h) => (stepMap(h).Invoice_Overdue = { aggregate: 'any', of: 'books:invoices' })),
    );
    expect(diagnosticsOf(bare)).toContainEqual(
      expect.objectContaining({ message: "'any' needs the `where` condition it looks for" }),
    );
    const toCurrency = validate(
      financeModel(
        (h) =>
          (stepMap(h).Amount_Paid = {
            aggregate: 'any',
            of: 'books:invoices',
            where: { field: 'status', equals: 'paid' },
          }),
      ),
    );
    expect(diagnosticsOf(toCurrency)).toContainEqual(expect.objectContaining({ code: 'incompatible-mapping' }));
  });
});
