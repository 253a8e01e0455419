/**
 * The `large` seed: on top of `default`, 5,000 customers and 50,000 invoices over the last two years with a mix of
 * statuses and the payments that paid them. Deterministic (seeded PRNG) and built in one pass.
 */
import { createPrng } from '../core/prng.js';
import type { SandboxContext } from '../core/types.js';
import { settleBalance } from './invoice-balance.js';
import { totalsOf } from './sales-document.js';
import { seedContact } from './seed-contact.js';
import {
  type BooksState,
  type Contact,
  type Currency,
  type Invoice,
  type Item,
  type LineItem,
  nextSequence,
  type Payment,
} from './state.js';
import { addDays, formatDate, formatTime, round2 } from './wire.js';

export const LARGE_CUSTOMERS = 5_000;
export const LARGE_INVOICES = 50_000;
const DAY = 86_400_000;

/** The seed's random choices, in one seeded sequence so that every run builds the same org. */
interface Dice {
  next: () => number;
  pick: <T>(list: readonly T[]) => T;
}

export function seedLarge(state: BooksState, ctx: SandboxContext, usd: Currency): void {
  const rand = createPrng(20_261_126);
  const dice: Dice = { next: rand.next, pick: (list) => list[Math.floor(rand.next() * list.length)]! };
  const items = [...state.items.values()];
  const customers = largeCustomers(ctx, usd, dice);
  const now = ctx.clock.now();
  const today = formatDate(now);
  // Document numbers from local counters, stored once at the end (one write instead of one per document).
  const numbers = { invoice: nextSequence(state, 'invoice'), payment: nextSequence(state, 'payment') };
  for (let i = 0; i < LARGE_INVOICES; i++) {
    const customer = customers[i % LARGE_CUSTOMERS] as Contact;
    const date = formatDate(now - Math.floor(dice.next() * 730) * DAY);
    const lines = lineItems(ctx, items, dice.pick, dice.next);
    const invoice = largeInvoice(ctx, customer, i, date, lines, numbers.invoice++);
    const roll = dice.next();
    // Mostly settled history; recent or unlucky ones stay open.
    invoice.status = roll < 0.05 ? 'draft' : roll < 0.08 ? 'void' : 'sent';
    settleBalance(invoice);
    if (invoice.status === 'sent' && roll < 0.85) {
      const paid = roll < 0.75 ? invoice.total : round2(invoice.total / 2);
      const payDate = minDate(addDays(date, Math.floor(dice.next() * 40)), today);
      state.payments.put(...paymentFor(String(numbers.payment++), ctx, customer, invoice, paid, payDate));
      invoice.payment_made = paid;
      invoice.last_payment_date = payDate;
      settleBalance(invoice);
    }
    if (invoice.balance > 0 && invoice.status !== 'draft' && invoice.status !== 'void') {
      customer.outstanding_receivable_amount = round2(customer.outstanding_receivable_amount + invoice.balance);
    }
    state.invoices.put(invoice.invoice_id, invoice);
  }
  for (const customer of customers) state.contacts.put(customer.contact_id, customer);
  state.counters.put('invoice', { next: numbers.invoice });
  state.counters.put('payment', { next: numbers.payment });
}

/** The customers, not yet stored: their receivables grow with the invoices. */
function largeCustomers(ctx: SandboxContext, usd: Currency, dice: Dice): Contact[] {
  const customers: Contact[] = [];
  for (let i = 1; i <= LARGE_CUSTOMERS; i++) {
    const n = String(i).padStart(4, '0');
    const contact = seedContact(
      ctx,
      usd,
      `Customer ${n}`,
      { first: 'Contact', last: n, email: `billing${n}@customer.example` },
      dice.pick([0, 15, 30, 45]),
    );
    contact.has_transaction = true;
    customers.push(contact);
  }
  return customers;
}

/** The `i`th invoice, a draft with nothing paid yet. */
function largeInvoice(
  ctx: SandboxContext,
  customer: Contact,
  i: number,
  date: string,
  lines: LineItem[],
  invoiceNumber: number,
): Invoice {
  const time = formatTime(Date.parse(`${date}T09:00:00Z`) + (i % 3600) * 1000);
  return {
    customer_id: customer.contact_id,
    customer_name: customer.contact_name,
    currency_id: customer.currency_id,
    currency_code: customer.currency_code,
    exchange_rate: 1,
    date,
    reference_number: `DEAL-${100_000 + i}`,
    line_items: lines,
    ...totalsOf(lines, 0),
    discount: 0,
    adjustment: 0,
    is_inclusive_tax: false,
    price_precision: 2,
    salesperson_name: '',
    notes: '',
    terms: '',
    custom_fields: [],
    zcrm_potential_id: '',
    billing_address: customer.billing_address,
    shipping_address: customer.shipping_address,
    created_time: time,
    last_modified_time: time,
    invoice_id: ctx.ids.next('books'),
    invoice_number: `INV-${String(invoiceNumber).padStart(6, '0')}`,
    due_date: addDays(date, customer.payment_terms),
    payment_terms: customer.payment_terms,
    payment_terms_label: customer.payment_terms_label,
    status: 'draft',
    balance: 0,
    payment_made: 0,
    credits_applied: 0,
    write_off_amount: 0,
    last_payment_date: '',
    invoiced_estimate_id: '',
    is_emailed: false,
    is_viewed_by_client: false,
    allow_partial_payments: true,
  };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function lineItems(
  ctx: SandboxContext,
  items: readonly Item[],
  pick: (l: readonly Item[]) => Item,
  next: () => number,
): LineItem[] {
  const count = 1 + Math.floor(next() * 3);
  const lines: LineItem[] = [];
  for (let order = 1; order <= count; order++) {
    const item = pick(items);
    const quantity = 1 + Math.floor(next() * 10);
    lines.push({
      line_item_id: ctx.ids.next('books'),
      item_id: item.item_id,
      name: item.name,
      description: '',
      item_order: order,
      product_type: item.product_type,
      rate: item.rate,
      bcy_rate: item.rate,
      quantity,
      unit: item.unit,
      discount: 0,
      discount_amount: 0,
      tax_id: item.tax_id,
      tax_name: item.tax_name,
      tax_type: item.tax_id ? 'tax' : '',
      tax_percentage: item.tax_percentage,
      item_total: round2(item.rate * quantity),
      line_item_category: 'line_item',
    });
  }
  return lines;
}

function paymentFor(
  paymentNumber: string,
  ctx: SandboxContext,
  customer: Contact,
  invoice: Invoice,
  amount: number,
  date: string,
): [string, Payment] {
  const id = ctx.ids.next('books');
  const time = formatTime(Date.parse(`${date}T12:00:00Z`));
  return [
    id,
    {
      payment_id: id,
      payment_number: paymentNumber,
      customer_id: customer.contact_id,
      customer_name: customer.contact_name,
      payment_mode: amount > 1000 ? 'banktransfer' : 'creditcard',
      amount,
      unused_amount: 0,
      bank_charges: 0,
      date,
      reference_number: invoice.reference_number,
      description: '',
      currency_id: invoice.currency_id,
      currency_code: invoice.currency_code,
      exchange_rate: 1,
      invoices: [
        {
          invoice_id: invoice.invoice_id,
          invoice_number: invoice.invoice_number,
          date: invoice.date,
          invoice_amount: invoice.total,
          amount_applied: amount,
          balance_amount: round2(invoice.total - amount),
        },
      ],
      custom_fields: [],
      created_time: time,
      last_modified_time: time,
    },
  ];
}
