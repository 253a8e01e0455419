/** Customer payments: recording one applies it to invoices (balance, status, last payment date); deleting reverts it. */
import type { SandboxContext, SandboxRequest, Store } from '../core/types.js';
import { contactOr404 } from './contacts.js';
import { applyCustomFields } from './custom-fields.js';
import { doesNotExist, invalidParameter, invalidValue, notAllowed } from './errors.js';
import { settleBalance } from './invoice-balance.js';
import { route } from './route.js';
import { type BooksState, nextSequence, type Payment, type PaymentInvoice } from './state.js';
import {
  bodyObject,
  done,
  formatTime,
  isObject,
  type Json,
  listPage,
  ok,
  onlyKnownKeys,
  optArray,
  optDate,
  optId,
  optNumber,
  optString,
  paging,
  round2,
  sortedList,
  sortOrder,
  throughPage,
} from './wire.js';

/** Top-level attributes of Books' create/update customer payment request schema (customer-payments.yml). */
const PAYMENT_KEYS = new Set([
  'customer_id',
  'payment_mode',
  'amount',
  'date',
  'reference_number',
  'description',
  'invoices',
  'exchange_rate',
  'payment_form',
  'bank_charges',
  'custom_fields',
  'location_id',
  'invoice_id',
  'amount_applied',
  'account_id',
  'contact_persons',
  'retainerinvoice_id',
  'tags',
]);
const APPLIED_KEYS = new Set(['invoice_id', 'amount_applied', 'tax_amount_withheld']);

export function paymentOr404(state: BooksState, id: string | undefined): Payment {
  const payment = id ? state.payments.get(id) : undefined;
  if (!payment) throw doesNotExist('Payment');
  return payment;
}

/** Takes a payment's applications off its invoices (before a delete or an update). */
function unapply(state: BooksState, payment: Payment, now: string): void {
  for (const applied of payment.invoices) {
    const invoice = state.invoices.get(applied.invoice_id);
    if (!invoice) continue;
    invoice.payment_made = round2(invoice.payment_made - applied.amount_applied);
    settleBalance(invoice);
    invoice.last_payment_date = lastPaymentDate(state, invoice.invoice_id, payment.payment_id);
    invoice.last_modified_time = now;
    state.invoices.put(invoice.invoice_id, invoice);
  }
}

function lastPaymentDate(state: BooksState, invoiceId: string, exceptPaymentId: string): string {
  let last = '';
  for (const p of state.payments.values()) {
    if (p.payment_id === exceptPaymentId) continue;
    if (p.invoices.some((a) => a.invoice_id === invoiceId) && p.date > last) last = p.date;
  }
  return last;
}

function readPayment(body: Json, state: BooksState, ctx: SandboxContext, base?: Payment): Payment {
  onlyKnownKeys(body, PAYMENT_KEYS);
  const now = formatTime(ctx.clock.now());
  const id = base?.payment_id ?? ctx.ids.next('books');
  const customer = contactOr404(state, optId(body, 'customer_id') ?? invalid('customer_id'));
  const mode = optString(body, 'payment_mode', 100);
  if (!mode) throw invalidValue('payment_mode');
  const amount = optNumber(body, 'amount');
  if (amount === undefined || amount <= 0) throw invalidValue('amount');
  const date = optDate(body, 'date') ?? base?.date;
  if (!date) throw invalidValue('date');
  // The OAS also lists `invoice_id`/`amount_applied` at the top level: one application, used when `invoices` is absent.
  const single =
    body.invoice_id === undefined ? undefined : [{ invoice_id: body.invoice_id, amount_applied: body.amount_applied }];
  const appliedInput = optArray(body, 'invoices', 500) ?? single;
  const applications: PaymentInvoice[] = [];
  const seen = new Set<string>();
  const previous = base?.invoices.map((a) => ({ invoice_id: a.invoice_id, amount_applied: a.amount_applied }));
  for (const raw of appliedInput ?? previous ?? []) {
    if (!isObject(raw)) throw invalidValue('invoices');
    onlyKnownKeys(raw, APPLIED_KEYS);
    const invoiceId = optId(raw, 'invoice_id');
    if (!invoiceId || seen.has(invoiceId)) throw invalidValue('invoice_id');
    seen.add(invoiceId);
    const invoice = state.invoices.get(invoiceId);
    if (!invoice) throw doesNotExist('Invoice');
    if (invoice.customer_id !== customer.contact_id) throw invalidValue('invoice_id');
    if (invoice.status === 'void')
      throw notAllowed(`Payments cannot be recorded for the void invoice ${invoice.invoice_number}.`);
    const applied = optNumber(raw, 'amount_applied');
    if (applied === undefined || applied <= 0) throw invalidValue('amount_applied');
    const already = base?.invoices.find((a) => a.invoice_id === invoiceId)?.amount_applied ?? 0;
    if (applied > round2(invoice.balance + already)) {
      throw notAllowed(`The amount applied exceeds the balance due of invoice ${invoice.invoice_number}.`);
    }
    applications.push({
      invoice_id: invoice.invoice_id,
      invoice_number: invoice.invoice_number,
      date: invoice.date,
      invoice_amount: invoice.total,
      amount_applied: applied,
      balance_amount: round2(invoice.balance + already - applied),
    });
  }
  const totalApplied = round2(applications.reduce((sum, a) => sum + a.amount_applied, 0));
  if (totalApplied > amount) throw notAllowed('The amount applied to invoices exceeds the payment amount.');
  const bankCharges = optNumber(body, 'bank_charges') ?? base?.bank_charges ?? 0;
  const currency = state.currencies.get(customer.currency_id);
  return {
    payment_id: id,
    payment_number: base?.payment_number ?? String(nextSequence(state, 'payment')),
    customer_id: customer.contact_id,
    customer_name: customer.contact_name,
    payment_mode: mode,
    amount,
    unused_amount: round2(amount - totalApplied),
    bank_charges: bankCharges,
    date,
    reference_number: optString(body, 'reference_number', 100) ?? base?.reference_number ?? '',
    description: optString(body, 'description', 2000) ?? base?.description ?? '',
    currency_id: customer.currency_id,
    currency_code: currency?.currency_code ?? customer.currency_code,
    exchange_rate: optNumber(body, 'exchange_rate') ?? base?.exchange_rate ?? 1,
    invoices: applications,
    custom_fields: applyCustomFields(state, 'customerpayments', body.custom_fields, base?.custom_fields ?? [], id),
    created_time: base?.created_time ?? now,
    last_modified_time: now,
  };
}

function invalid(field: string): never {
  throw invalidValue(field);
}

/** Puts a payment's applications on its invoices. */
function apply(state: BooksState, payment: Payment): void {
  for (const applied of payment.invoices) {
    const invoice = state.invoices.get(applied.invoice_id);
    if (!invoice) continue;
    invoice.payment_made = round2(invoice.payment_made + applied.amount_applied);
    if (invoice.status === 'draft') invoice.status = 'sent';
    settleBalance(invoice);
    if (payment.date > invoice.last_payment_date) invoice.last_payment_date = payment.date;
    invoice.last_modified_time = payment.last_modified_time;
    state.invoices.put(invoice.invoice_id, invoice);
  }
}

function listRow(p: Payment) {
  return {
    payment_id: p.payment_id,
    payment_number: p.payment_number,
    invoice_numbers: p.invoices.map((a) => a.invoice_number).join(','),
    customer_id: p.customer_id,
    customer_name: p.customer_name,
    payment_mode: p.payment_mode,
    description: p.description,
    date: p.date,
    reference_number: p.reference_number,
    exchange_rate: p.exchange_rate,
    amount: p.amount,
    unused_amount: p.unused_amount,
    bank_charges: p.bank_charges,
    currency_code: p.currency_code,
    custom_fields: p.custom_fields,
    created_time: p.created_time,
    last_modified_time: p.last_modified_time,
  };
}

const SORTS: Record<string, (p: Payment) => string | number> = {
  customer_name: (p) => p.customer_name.toLowerCase(),
  payment_number: (p) => Number(p.payment_number),
  payment_mode: (p) => p.payment_mode,
  date: (p) => p.date,
  amount: (p) => p.amount,
  reference_number: (p) => p.reference_number,
  created_time: (p) => p.created_time,
};

const FILTERS = new Set(['Payments.All', 'PaymentMode.All']);

function listPayments(req: SandboxRequest, state: BooksState, store: Store) {
  const q = req.query;
  const filterBy = q.get('filter_by') ?? 'Payments.All';
  if (!FILTERS.has(filterBy) && !filterBy.startsWith('PaymentMode.')) throw invalidParameter('filter_by');
  const mode = filterBy.startsWith('PaymentMode.') && filterBy !== 'PaymentMode.All' ? filterBy.slice(12) : null;
  const sortColumn = q.get('sort_column') ?? 'created_time';
  const sortKey = SORTS[sortColumn];
  if (!sortKey) throw invalidParameter('sort_column');
  const order = sortOrder(q, 'D');
  const eq: [string, (p: Payment) => string][] = [
    ['customer_id', (p) => p.customer_id],
    ['reference_number', (p) => p.reference_number],
    ['date', (p) => p.date],
    ['payment_mode', (p) => p.payment_mode],
  ];
  const customerName = q.get('customer_name')?.toLowerCase();
  const amount = q.get('amount');
  const search = q.get('search_text')?.toLowerCase();
  const dateStart = q.get('date_start');
  const dateEnd = q.get('date_end');
  const keep = (p: Payment) => {
    for (const [name, get] of eq) {
      const v = q.get(name);
      if (v !== null && get(p) !== v) return false;
    }
    if (mode !== null && p.payment_mode.toLowerCase() !== mode.toLowerCase()) return false;
    if (customerName && !p.customer_name.toLowerCase().includes(customerName)) return false;
    if (amount !== null && p.amount !== Number(amount)) return false;
    if (dateStart !== null && p.date < dateStart) return false;
    if (dateEnd !== null && p.date > dateEnd) return false;
    if (search && !`${p.payment_number}\n${p.reference_number}\n${p.customer_name}`.toLowerCase().includes(search)) {
      return false;
    }
    return true;
  };
  // The payments in the list's order are kept between calls: a page is found without sorting them all.
  const sorted = sortedList(store, 'books:customerpayments', state.payments, {
    column: sortColumn,
    key: sortKey,
    order,
  });
  const rows = throughPage(sorted, keep, paging(q));
  return listPage(
    'customer_payments',
    rows,
    paging(q),
    {
      reportName: 'Customer Payments',
      appliedFilter: filterBy,
      sortColumn,
      sortOrder: order,
    },
    listRow,
  );
}

export const paymentRoutes = [
  route('POST', '/customerpayments', (req, state, ctx) => {
    const payment = readPayment(bodyObject(req), state, ctx);
    state.payments.put(payment.payment_id, payment);
    apply(state, payment);
    return done('The payment has been created.', { payment }, 201);
  }),
  route('GET', '/customerpayments', (req, state, ctx) => listPayments(req, state, ctx.store)),
  route('GET', '/customerpayments/:payment_id', (req, state) =>
    ok({ payment: paymentOr404(state, req.params.payment_id) }),
  ),
  route('PUT', '/customerpayments/:payment_id', (req, state, ctx) => {
    const base = paymentOr404(state, req.params.payment_id);
    const payment = readPayment(bodyObject(req), state, ctx, base);
    unapply(state, base, payment.last_modified_time);
    state.payments.put(payment.payment_id, payment);
    apply(state, payment);
    return done('The payment details have been updated.', { payment });
  }),
  route('DELETE', '/customerpayments/:payment_id', (req, state, ctx) => {
    const payment = paymentOr404(state, req.params.payment_id);
    state.payments.delete(payment.payment_id);
    unapply(state, payment, formatTime(ctx.clock.now()));
    return done('The payment has been deleted.');
  }),
];
