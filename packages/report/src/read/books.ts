/**
 * Books through its list endpoints at 200 a page ([B:contacts, invoices, customer-payments, currency]):
 * - invoices: a delta filters `last_modified_time` (invoices modified after it, [B:invoices]);
 * - contacts: newest first by `last_modified_time` ([B:contacts] sort_column), read until older than the watermark;
 * - payments: newest first by `created_time`, read until older; a payment edited or deleted later changes its
 *   invoices, so a changed invoice whose customer's payments no longer add up re-reads that customer's payments;
 * - currencies: every time (one call): the rates amounts are converted with.
 */
import type { BooksInvoice, BooksPayment, ZohoClients } from '@zlc/zoho';
import type { CurrencyFact, CustomerFact, InvoiceFact, PaymentFact } from '../facts.js';
import { day, type Json, num, text, utc } from './parse.js';
import type { Batch, ReadContext, SourceReader } from './source.js';

const BATCH = 1_000;

/** Books' time format for `last_modified_time` (`2026-11-26T10:00:00+0000`). */
function booksTime(iso: string): string {
  return `${iso.slice(0, 19)}+0000`;
}

async function drain<T>(
  source: AsyncIterable<T>,
  toFact: (item: T) => readonly [string, unknown] | undefined,
  ctx: ReadContext,
  stop?: (item: T) => boolean,
): Promise<void> {
  let batch: (readonly [string, unknown])[] = [];
  for await (const item of source) {
    if (stop?.(item) === true) break;
    const fact = toFact(item);
    if (fact !== undefined) batch.push(fact);
    if (batch.length >= BATCH) {
      await ctx.emit(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await ctx.emit(batch as Batch);
}

export function currenciesReader(): SourceReader {
  return {
    source: 'books:currencies',
    shape: 'currency_code,exchange_rate',
    delta: false,
    async read(ctx) {
      const list = await ctx.clients.books.listCurrencies();
      await ctx.emit(
        list.map((c): [string, CurrencyFact] => [
          String(c.currency_code),
          { code: String(c.currency_code), isBase: c.is_base_currency === true, rate: num(c, 'exchange_rate') ?? 1 },
        ]),
      );
    },
  };
}

export function contactsReader(): SourceReader {
  return {
    source: 'books:contacts',
    shape: 'contact_id,contact_name,currency_code',
    delta: true,
    async read(ctx, mode, since) {
      const query =
        mode === 'delta'
          ? { contact_type: 'customer', sort_column: 'last_modified_time', sort_order: 'D' }
          : { contact_type: 'customer' };
      const floor = since === undefined ? undefined : booksTime(since);
      await drain(
        ctx.clients.books.contacts.list(query),
        (c): [string, CustomerFact] => [
          String(c.contact_id),
          {
            id: String(c.contact_id),
            name: String(c.contact_name ?? c.contact_id),
            currencyCode: String(c.currency_code ?? ''),
          },
        ],
        ctx,
        (c) => mode === 'delta' && floor !== undefined && String(c.last_modified_time ?? '') < floor,
      );
    },
  };
}

export function invoiceFact(i: Json): InvoiceFact {
  return {
    id: String(i.invoice_id),
    number: text(i, 'invoice_number') ?? '',
    customerId: text(i, 'customer_id') ?? '',
    customerName: text(i, 'customer_name') ?? '',
    date: day(text(i, 'date')) ?? '',
    dueDate: day(text(i, 'due_date')) ?? '',
    status: text(i, 'status') ?? '',
    total: num(i, 'total') ?? 0,
    balance: num(i, 'balance') ?? 0,
    currencyCode: text(i, 'currency_code') ?? '',
    exchangeRate: num(i, 'exchange_rate') ?? 1,
    referenceNumber: text(i, 'reference_number') ?? '',
  };
}

export function invoicesReader(): SourceReader {
  return {
    source: 'books:invoices',
    shape: 'invoice_id,status,date,due_date,total,balance,currency,reference_number',
    delta: true,
    async read(ctx, mode, since) {
      const query = mode === 'delta' && since !== undefined ? { last_modified_time: booksTime(since) } : {};
      await drain(
        ctx.clients.books.invoices.list(query),
        (i: BooksInvoice) => [String(i.invoice_id), invoiceFact(i)],
        ctx,
      );
    },
  };
}

function paymentFact(p: Json): PaymentFact {
  return {
    id: String(p.payment_id),
    customerId: text(p, 'customer_id') ?? '',
    date: day(text(p, 'date')) ?? '',
    amount: num(p, 'amount') ?? 0,
    currencyCode: text(p, 'currency_code') ?? '',
    exchangeRate: num(p, 'exchange_rate') ?? 1,
    createdTime: utc(text(p, 'created_time')) ?? '',
  };
}

export function paymentsReader(): SourceReader {
  return {
    source: 'books:payments',
    shape: 'payment_id,customer_id,date,amount,currency',
    delta: true,
    async read(ctx, mode, since) {
      const query = { sort_column: 'created_time', sort_order: 'D' };
      const floor = since === undefined ? undefined : Date.parse(since);
      await drain(
        ctx.clients.books.payments.list(query),
        (p: BooksPayment) => [String(p.payment_id), paymentFact(p)],
        ctx,
        (p) => mode === 'delta' && floor !== undefined && Date.parse(utc(text(p, 'created_time')) ?? '') < floor,
      );
      if (mode === 'delta') await repairPayments(ctx);
    },
  };
}

/**
 * Customers whose stored payments disagree with their invoices (Σ payment_made ≠ Σ payments applied): a payment was
 * edited or deleted after it was read. Their payments are read again, by customer.
 */
async function repairPayments(ctx: ReadContext): Promise<void> {
  const invoices = (await ctx.stored('books:invoices')) as InvoiceFact[];
  const payments = (await ctx.stored('books:payments')) as PaymentFact[];
  const paidOnInvoices = new Map<string, number>();
  for (const i of invoices)
    if (i.status !== 'void' && i.status !== 'draft')
      paidOnInvoices.set(i.customerId, (paidOnInvoices.get(i.customerId) ?? 0) + (i.total - i.balance));
  const paid = new Map<string, number>();
  for (const p of payments) paid.set(p.customerId, (paid.get(p.customerId) ?? 0) + p.amount);
  const off = [...new Set([...paidOnInvoices.keys(), ...paid.keys()])].filter(
    (c) => Math.abs((paidOnInvoices.get(c) ?? 0) - (paid.get(c) ?? 0)) >= 0.005,
  );
  for (const customerId of off) {
    const fresh: [string, PaymentFact][] = [];
    for await (const p of ctx.clients.books.payments.list({ customer_id: customerId }))
      fresh.push([String(p.payment_id), paymentFact(p)]);
    const keep = new Set(fresh.map(([id]) => id));
    await ctx.gone(payments.filter((p) => p.customerId === customerId && !keep.has(p.id)).map((p) => p.id));
    await ctx.emit(fresh);
  }
}

export type { ZohoClients };
