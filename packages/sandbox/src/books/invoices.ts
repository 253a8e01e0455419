/** Invoices: CRUD with computed totals and auto numbers, list filters, upsert. Status actions live in invoice-actions.ts. */
import type { SandboxContext, SandboxRequest } from '../core/types.js';
import { doesNotExist, invalidValue, notAllowed } from './errors.js';
import { INVOICE_FILTERS, INVOICE_STATUSES, invoiceStatus, matchesStatus, settleBalance } from './invoice-balance.js';
import { route } from './route.js';
import {
  chosenNumber,
  type DocumentListKind,
  documentNumber,
  listDocuments,
  readSalesDocument,
  today,
} from './sales-document.js';
import { type BooksState, type Invoice, nextSequence } from './state.js';
import { upsertTarget } from './upsert.js';
import {
  addDays,
  bodyObject,
  done,
  type Json,
  ok,
  onlyKnownKeys,
  optBool,
  optDate,
  optId,
  optNumber,
  optString,
  sortedList,
} from './wire.js';

/** Top-level attributes of Books' create/update invoice request schema (invoices.yml). */
const INVOICE_KEYS = new Set([
  'customer_id',
  'currency_id',
  'contact_persons',
  'contact_persons_associated',
  'invoice_number',
  'place_of_supply',
  'vat_treatment',
  'tax_treatment',
  'is_reverse_charge_applied',
  'gst_treatment',
  'gst_no',
  'cfdi_usage',
  'reference_number',
  'template_id',
  'date',
  'payment_terms',
  'payment_terms_label',
  'due_date',
  'discount',
  'is_discount_before_tax',
  'discount_type',
  'is_inclusive_tax',
  'exchange_rate',
  'location_id',
  'recurring_invoice_id',
  'invoiced_estimate_id',
  'salesperson_name',
  'custom_fields',
  'tags',
  'send',
  'line_items',
  'payment_options',
  'allow_partial_payments',
  'custom_body',
  'custom_subject',
  'notes',
  'terms',
  'shipping_charge',
  'adjustment',
  'adjustment_description',
  'reason',
  'tax_authority_id',
  'tax_exemption_id',
  'billing_address_id',
  'shipping_address_id',
  'avatax_use_code',
  'avatax_exempt_no',
  'tax_id',
  'expense_id',
  'salesorder_item_id',
  'avatax_tax_code',
  'time_entry_ids',
  'batch_payments',
]);

export function renderInvoice(invoice: Invoice, ctx: SandboxContext): Invoice {
  return { ...invoice, status: invoiceStatus(invoice, today(ctx)) };
}

export function invoiceOr404(state: BooksState, id: string | undefined): Invoice {
  const invoice = id ? state.invoices.get(id) : undefined;
  if (!invoice) throw doesNotExist('Invoice');
  return invoice;
}

/** Builds the stored invoice from a create (no `base`) or update body. */
export function readInvoice(
  manualNumber: boolean,
  body: Json,
  state: BooksState,
  ctx: SandboxContext,
  base?: Invoice,
): Invoice {
  onlyKnownKeys(body, INVOICE_KEYS);
  if (base?.status === 'void') throw notAllowed('Void invoices cannot be edited. Convert the invoice to draft first.');
  // Books' update schema requires `line_items` (and `customer_id`) on every update (invoices.yml).
  if (base && body.line_items === undefined) throw invalidValue('line_items');
  const id = base?.invoice_id ?? ctx.ids.next('books');
  const doc = readSalesDocument(body, 'invoices', id, state, ctx, base);
  const number = chosenNumber(manualNumber, body, 'invoice_number', base?.invoice_number, 'Invoice', (n) =>
    [...state.invoices.values()].some((other) => other.invoice_id !== id && other.invoice_number === n),
  );
  const customer = state.contacts.get(doc.customer_id);
  const terms = optNumber(body, 'payment_terms') ?? base?.payment_terms ?? customer?.payment_terms ?? 0;
  if (!Number.isInteger(terms) || terms < 0) throw invalidValue('payment_terms');
  const dueDate =
    optDate(body, 'due_date') ?? (base && body.date === undefined ? base.due_date : addDays(doc.date, terms));
  if (dueDate < doc.date) throw invalidValue('due_date');
  const estimateId = optId(body, 'invoiced_estimate_id') ?? base?.invoiced_estimate_id ?? '';
  if (estimateId && !state.estimates.has(estimateId)) throw doesNotExist('Estimate');
  const paymentMade = base?.payment_made ?? 0;
  if (doc.total < paymentMade) {
    throw notAllowed('The invoice total cannot be less than the payments recorded for it.');
  }
  const invoice: Invoice = {
    ...doc,
    invoice_id: id,
    invoice_number: number ?? documentNumber('INV', 6, nextSequence(state, 'invoice')),
    due_date: dueDate,
    payment_terms: terms,
    payment_terms_label: optString(body, 'payment_terms_label', 100) ?? (terms ? `Net ${terms}` : 'Due on Receipt'),
    status: base?.status ?? 'draft',
    balance: doc.total,
    payment_made: paymentMade,
    credits_applied: base?.credits_applied ?? 0,
    write_off_amount: base?.write_off_amount ?? 0,
    last_payment_date: base?.last_payment_date ?? '',
    invoiced_estimate_id: estimateId,
    is_emailed: base?.is_emailed ?? false,
    is_viewed_by_client: base?.is_viewed_by_client ?? false,
    allow_partial_payments: optBool(body, 'allow_partial_payments') ?? base?.allow_partial_payments ?? true,
  };
  settleBalance(invoice);
  return invoice;
}

function listRow(i: Invoice, on: string) {
  return {
    invoice_id: i.invoice_id,
    customer_name: i.customer_name,
    customer_id: i.customer_id,
    status: invoiceStatus(i, on),
    invoice_number: i.invoice_number,
    reference_number: i.reference_number,
    date: i.date,
    due_date: i.due_date,
    currency_id: i.currency_id,
    currency_code: i.currency_code,
    total: i.total,
    balance: i.balance,
    payment_made: i.payment_made,
    last_payment_date: i.last_payment_date,
    salesperson_name: i.salesperson_name,
    is_emailed: i.is_emailed,
    is_viewed_by_client: i.is_viewed_by_client,
    custom_fields: i.custom_fields,
    exchange_rate: i.exchange_rate,
    adjustment: i.adjustment,
    write_off_amount: i.write_off_amount,
    created_time: i.created_time,
    last_modified_time: i.last_modified_time,
  };
}

const SORTS: Record<string, (i: Invoice) => string | number> = {
  customer_name: (i) => i.customer_name.toLowerCase(),
  invoice_number: (i) => i.invoice_number,
  date: (i) => i.date,
  due_date: (i) => i.due_date,
  total: (i) => i.total,
  balance: (i) => i.balance,
  created_time: (i) => i.created_time,
  last_modified_time: (i) => i.last_modified_time,
};

const LIST: DocumentListKind<Invoice> = {
  key: 'invoices',
  reportName: 'Invoices',
  filters: INVOICE_FILTERS,
  statuses: INVOICE_STATUSES,
  matchesStatus,
  sorts: SORTS,
  numberField: 'invoice_number',
  numberOf: (i) => i.invoice_number,
  extraFilters: (q) => {
    const dueStart = q.get('due_date_start');
    const dueEnd = q.get('due_date_end');
    return [(i) => dueStart === null || i.due_date >= dueStart, (i) => dueEnd === null || i.due_date <= dueEnd];
  },
  row: listRow,
};

/** `status`: 201 for `POST /invoices`; an upsert that creates answers 200, the only status invoices.yml gives it. */
function create(req: SandboxRequest, body: Json, state: BooksState, ctx: SandboxContext, status = 201) {
  const invoice = readInvoice(req.query.get('ignore_auto_number_generation') === 'true', body, state, ctx);
  if (req.query.get('send') === 'true' || body.send === true) {
    invoice.status = 'sent';
    settleBalance(invoice);
  }
  state.invoices.put(invoice.invoice_id, invoice);
  return done('The invoice has been created.', { invoice: renderInvoice(invoice, ctx) }, status);
}

function update(req: SandboxRequest, body: Json, base: Invoice, state: BooksState, ctx: SandboxContext) {
  const manual = req.query.get('ignore_auto_number_generation') === 'true';
  const invoice = readInvoice(manual, body, state, ctx, base);
  state.invoices.put(invoice.invoice_id, invoice);
  return done('Invoice information has been updated.', { invoice: renderInvoice(invoice, ctx) });
}

export const invoiceRoutes = [
  route('POST', '/invoices', (req, state, ctx) => create(req, bodyObject(req), state, ctx)),
  route('GET', '/invoices', (req, state, ctx) =>
    listDocuments(LIST, req.query, state.invoices, today(ctx), (sort) =>
      sortedList(ctx.store, 'books:invoices', state.invoices, sort),
    ),
  ),
  route('PUT', '/invoices', (req, state, ctx) => {
    const body = bodyObject(req);
    const target = upsertTarget(req, state, 'invoices', body);
    if (target.kind === 'missing') throw doesNotExist('Invoice');
    if (target.kind === 'create') return create(req, target.body, state, ctx, 200);
    return update(req, body, invoiceOr404(state, target.id), state, ctx);
  }),
  route('GET', '/invoices/:invoice_id', (req, state, ctx) =>
    ok({ invoice: renderInvoice(invoiceOr404(state, req.params.invoice_id), ctx) }),
  ),
  route('PUT', '/invoices/:invoice_id', (req, state, ctx) =>
    update(req, bodyObject(req), invoiceOr404(state, req.params.invoice_id), state, ctx),
  ),
  route('DELETE', '/invoices/:invoice_id', (req, state) => {
    const invoice = invoiceOr404(state, req.params.invoice_id);
    if (invoice.payment_made > 0) {
      throw notAllowed('Invoices with recorded payments cannot be deleted. Delete the payments first.');
    }
    state.invoices.delete(invoice.invoice_id);
    return done('The invoice has been deleted.');
  }),
];
