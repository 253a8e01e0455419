/** Invoice status actions (sent, void, draft, submit, approve) and creating invoices from estimates. */
import type { SandboxContext } from '../core/types.js';
import { invalidParameter, notAllowed } from './errors.js';
import { estimateOr404, estimateStatus } from './estimates.js';
import { invoiceStatus, settleBalance } from './invoice-balance.js';
import { invoiceOr404 } from './invoices.js';
import { route } from './route.js';
import { documentNumber, today } from './sales-document.js';
import { type BooksState, type Invoice, nextSequence } from './state.js';
import { addDays, done, formatTime, ok } from './wire.js';

function save(state: BooksState, ctx: SandboxContext, invoice: Invoice): void {
  invoice.last_modified_time = formatTime(ctx.clock.now());
  state.invoices.put(invoice.invoice_id, invoice);
}

function markSent(state: BooksState, ctx: SandboxContext, id: string | undefined) {
  const invoice = invoiceOr404(state, id);
  if (invoice.status === 'void') throw notAllowed('Void invoices cannot be marked as sent.');
  if (invoice.status === 'draft') {
    invoice.status = 'sent';
    settleBalance(invoice);
    save(state, ctx, invoice);
  }
  return done('Invoice status has been changed to Sent.');
}

function markVoid(state: BooksState, ctx: SandboxContext, id: string | undefined) {
  const invoice = invoiceOr404(state, id);
  if (invoice.payment_made > 0) {
    throw notAllowed('Invoices with recorded payments cannot be voided. Delete the payments first.');
  }
  invoice.status = 'void';
  save(state, ctx, invoice);
  return done('Invoice status has been changed to Void.');
}

function markDraft(state: BooksState, ctx: SandboxContext, id: string | undefined) {
  const invoice = invoiceOr404(state, id);
  if (invoice.status !== 'void') throw notAllowed('Only void invoices can be converted to draft.');
  invoice.status = 'draft';
  settleBalance(invoice);
  save(state, ctx, invoice);
  return done('Status of invoice changed from void to draft');
}

function approval(state: BooksState, ctx: SandboxContext, id: string | undefined, message: string) {
  const invoice = invoiceOr404(state, id);
  if (invoiceStatus(invoice, today(ctx)) !== 'draft')
    throw notAllowed('Only draft invoices can be submitted or approved.');
  return done(message);
}

/** `POST /invoices/fromestimates?estimate_ids=…`: one draft invoice per estimate, which becomes `invoiced`. */
function fromEstimates(state: BooksState, ctx: SandboxContext, idsParam: string | null) {
  const ids = (idsParam ?? '').split(',').filter((s) => s !== '');
  if (ids.length === 0 || ids.length > 25) throw invalidParameter('estimate_ids');
  const estimates = ids.map((id) => estimateOr404(state, id));
  for (const estimate of estimates) {
    if (estimateStatus(estimate, today(ctx)) === 'invoiced') {
      throw notAllowed(`The estimate ${estimate.estimate_number} has already been invoiced.`);
    }
  }
  const now = formatTime(ctx.clock.now());
  for (const estimate of estimates) {
    const customer = state.contacts.get(estimate.customer_id);
    const terms = customer?.payment_terms ?? 0;
    const date = today(ctx);
    const invoice: Invoice = {
      customer_id: estimate.customer_id,
      customer_name: estimate.customer_name,
      currency_id: estimate.currency_id,
      currency_code: estimate.currency_code,
      exchange_rate: estimate.exchange_rate,
      date,
      reference_number: estimate.reference_number,
      line_items: estimate.line_items.map((l) => ({ ...l, line_item_id: ctx.ids.next('books') })),
      sub_total: estimate.sub_total,
      tax_total: estimate.tax_total,
      total: estimate.total,
      taxes: estimate.taxes,
      discount: estimate.discount,
      adjustment: estimate.adjustment,
      is_inclusive_tax: estimate.is_inclusive_tax,
      price_precision: estimate.price_precision,
      salesperson_name: estimate.salesperson_name,
      notes: estimate.notes,
      terms: estimate.terms,
      custom_fields: [],
      zcrm_potential_id: estimate.zcrm_potential_id,
      billing_address: estimate.billing_address,
      shipping_address: estimate.shipping_address,
      created_time: now,
      last_modified_time: now,
      invoice_id: ctx.ids.next('books'),
      invoice_number: documentNumber('INV', 6, nextSequence(state, 'invoice')),
      due_date: addDays(date, terms),
      payment_terms: terms,
      payment_terms_label: terms ? `Net ${terms}` : 'Due on Receipt',
      status: 'draft',
      balance: estimate.total,
      payment_made: 0,
      credits_applied: 0,
      write_off_amount: 0,
      last_payment_date: '',
      invoiced_estimate_id: estimate.estimate_id,
      is_emailed: false,
      is_viewed_by_client: false,
      allow_partial_payments: true,
    };
    state.invoices.put(invoice.invoice_id, invoice);
    estimate.status = 'invoiced';
    estimate.last_modified_time = now;
    state.estimates.put(estimate.estimate_id, estimate);
  }
  return done('The invoices have been created.');
}

export const invoiceActionRoutes = [
  route('POST', '/invoices/fromestimates', (req, state, ctx) =>
    fromEstimates(state, ctx, req.query.get('estimate_ids')),
  ),
  route('POST', '/invoices/:invoice_id/status/sent', (req, state, ctx) => markSent(state, ctx, req.params.invoice_id)),
  route('POST', '/invoices/:invoice_id/status/void', (req, state, ctx) => markVoid(state, ctx, req.params.invoice_id)),
  route('POST', '/invoices/:invoice_id/status/draft', (req, state, ctx) =>
    markDraft(state, ctx, req.params.invoice_id),
  ),
  route('POST', '/invoices/:invoice_id/submit', (req, state, ctx) =>
    approval(state, ctx, req.params.invoice_id, 'The invoice has been submitted for approval successfully.'),
  ),
  route('POST', '/invoices/:invoice_id/approve', (req, state, ctx) =>
    approval(state, ctx, req.params.invoice_id, 'You have approved the invoice.'),
  ),
  route('GET', '/invoices/:invoice_id/payments', (req, state) => {
    const invoice = invoiceOr404(state, req.params.invoice_id);
    const payments = [...state.payments.values()].flatMap((p) =>
      p.invoices
        .filter((applied) => applied.invoice_id === invoice.invoice_id)
        .map((applied) => ({
          payment_id: p.payment_id,
          payment_number: Number(p.payment_number),
          invoice_id: invoice.invoice_id,
          invoice_payment_id: p.payment_id,
          payment_mode: p.payment_mode,
          description: p.description,
          date: p.date,
          reference_number: p.reference_number,
          exchange_rate: p.exchange_rate,
          amount: applied.amount_applied,
          bank_charges: p.bank_charges,
        })),
    );
    return ok({ payments });
  }),
];
