import { beforeAll, describe, expect, it } from 'vitest';
import { booksPerFile, expectConformingAnswers, field } from './books-client.js';

const file = booksPerFile({ seed: 'default' });
const { books } = file;

interface Line {
  line_item_id: string;
  item_id: string;
  name: string;
  rate: number;
  quantity: number;
  item_total: number;
  tax_percentage: number;
}
interface Doc {
  customer_id: string;
  reference_number: string;
  line_items: Line[];
  sub_total: number;
  tax_total: number;
  total: number;
  status: string;
  custom_fields: { api_name: string; value: string }[];
}
interface Estimate extends Doc {
  estimate_id: string;
  estimate_number: string;
}
interface Invoice extends Doc {
  invoice_id: string;
  invoice_number: string;
  balance: number;
  payment_made: number;
  due_date: string;
  date: string;
  last_payment_date: string;
}

let customerId = '';
let otherCustomerId = '';
let taxedItem = { item_id: '', rate: 0 };
let untaxedItem = { item_id: '', rate: 0 };

beforeAll(async () => {
  const contacts = field<{ contact_id: string }[]>(await books('GET', '/contacts'), 'contacts');
  customerId = contacts[0]?.contact_id ?? '';
  otherCustomerId = contacts[1]?.contact_id ?? '';
  const items = field<{ item_id: string; rate: number; tax_id: string }[]>(await books('GET', '/items'), 'items');
  const taxed = items.find((i) => i.tax_id !== '');
  const untaxed = items.find((i) => i.tax_id === '');
  taxedItem = { item_id: taxed?.item_id ?? '', rate: taxed?.rate ?? 0 };
  untaxedItem = { item_id: untaxed?.item_id ?? '', rate: untaxed?.rate ?? 0 };
});

async function createInvoice(extra: Record<string, unknown> = {}, query = ''): Promise<Invoice> {
  const answer = await books('POST', `/invoices${query}`, {
    customer_id: customerId,
    line_items: [{ item_id: untaxedItem.item_id, quantity: 2 }],
    ...extra,
  });
  expect(answer.status).toBe(201);
  return field<Invoice>(answer, 'invoice');
}

describe('estimates', () => {
  it('creates an estimate with computed totals and an EST- auto number', async () => {
    const answer = await books('POST', '/estimates', {
      customer_id: customerId,
      reference_number: 'CRM-DEAL-1001',
      expiry_date: '2099-01-31',
      line_items: [
        { item_id: taxedItem.item_id, quantity: 3 },
        { item_id: untaxedItem.item_id, quantity: 1, rate: 100 },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ code: 0, message: 'The estimate has been created' });
    const estimate = field<Estimate>(answer, 'estimate');
    expect(estimate.estimate_number).toMatch(/^EST-\d{5}$/);
    expect(estimate.status).toBe('draft');
    const taxedTotal = taxedItem.rate * 3;
    expect(estimate.sub_total).toBe(taxedTotal + 100);
    expect(estimate.tax_total).toBe(Math.round(taxedTotal * 8.25) / 100);
    expect(estimate.total).toBe(estimate.sub_total + estimate.tax_total);
  });

  it('requires customer_id and line_items and refuses an unknown item', async () => {
    expect((await books('POST', '/estimates', { line_items: [{ name: 'x', rate: 1 }] })).body).toEqual({
      code: 4,
      message: 'Invalid value passed for customer_id',
    });
    expect((await books('POST', '/estimates', { customer_id: customerId })).body).toEqual({
      code: 4,
      message: 'Invalid value passed for line_items',
    });
    const unknownItem = await books('POST', '/estimates', {
      customer_id: customerId,
      line_items: [{ item_id: '460000000000000001' }],
    });
    expect(unknownItem).toMatchObject({ status: 404, body: { code: 1002, message: 'Item does not exist.' } });
    const badLine = await books('POST', '/estimates', { customer_id: customerId, line_items: [{ quantity: 1 }] });
    expect(badLine.body).toMatchObject({ code: 4 });
  });

  it('moves through sent, declined and accepted, and becomes invoiced', async () => {
    const estimate = field<Estimate>(
      await books('POST', '/estimates', {
        customer_id: customerId,
        reference_number: 'CRM-DEAL-2002',
        line_items: [{ item_id: taxedItem.item_id, quantity: 1 }],
      }),
      'estimate',
    );
    const id = estimate.estimate_id;
    expect((await books('POST', `/estimates/${id}/status/accepted`)).status).toBe(400);
    expect((await books('POST', `/estimates/${id}/status/declined`)).status).toBe(400);
    expect((await books('POST', `/estimates/${id}/submit`)).body).toEqual({
      code: 0,
      message: 'The estimate has been successfully submitted for approval',
    });
    expect((await books('POST', `/estimates/${id}/approve`)).body).toEqual({
      code: 0,
      message: 'You have approved the estimate.',
    });
    expect((await books('POST', `/estimates/${id}/status/sent`)).body).toEqual({
      code: 0,
      message: 'Estimate status has been changed to Sent',
    });
    expect((await books('POST', `/estimates/${id}/status/declined`)).body).toMatchObject({ code: 0 });
    expect((await books('POST', `/estimates/${id}/status/accepted`)).body).toEqual({
      code: 0,
      message: 'Estimate status has been changed to Accepted.',
    });
    const converted = await books('POST', `/invoices/fromestimates?estimate_ids=${id}`);
    expect(converted.body).toEqual({ code: 0, message: 'The invoices have been created.' });
    expect(field<Estimate>(await books('GET', `/estimates/${id}`), 'estimate').status).toBe('invoiced');
    const invoices = field<{ invoice_id: string; reference_number: string }[]>(
      await books('GET', '/invoices?reference_number=CRM-DEAL-2002'),
      'invoices',
    );
    expect(invoices).toHaveLength(1);
    expect((await books('PUT', `/estimates/${id}`, { customer_id: customerId })).status).toBe(400);
    expect((await books('POST', `/invoices/fromestimates?estimate_ids=${id}`)).status).toBe(400);
  });

  it('updates, lists by filters and deletes estimates', async () => {
    const estimate = field<Estimate>(
      await books('POST', '/estimates', {
        customer_id: otherCustomerId,
        reference_number: 'CRM-DEAL-3003',
        line_items: [{ name: 'Custom work', rate: 250, quantity: 2 }],
      }),
      'estimate',
    );
    const updated = await books('PUT', `/estimates/${estimate.estimate_id}`, {
      customer_id: otherCustomerId,
      line_items: [{ line_item_id: estimate.line_items[0]?.line_item_id, quantity: 4 }],
    });
    expect(updated.body).toMatchObject({
      code: 0,
      message: 'Estimate information has been updated.',
      estimate: { total: 1000 },
    });
    const byRef = field<{ estimate_id: string }[]>(
      await books('GET', '/estimates?reference_number=CRM-DEAL-3003'),
      'estimates',
    );
    expect(byRef.map((e) => e.estimate_id)).toEqual([estimate.estimate_id]);
    const byCustomer = field<{ customer_id: string }[]>(
      await books('GET', `/estimates?customer_id=${otherCustomerId}&status=draft`),
      'estimates',
    );
    expect(byCustomer.every((e) => e.customer_id === otherCustomerId)).toBe(true);
    expect((await books('GET', '/estimates?status=pondering')).body).toMatchObject({ code: 2 });
    expect((await books('DELETE', `/estimates/${estimate.estimate_id}`)).body).toEqual({
      code: 0,
      message: 'The estimate has been deleted.',
    });
    expect((await books('GET', `/estimates/${estimate.estimate_id}`)).body).toEqual({
      code: 1002,
      message: 'Estimate does not exist.',
    });
  });
});

describe('invoices', () => {
  it('creates an invoice with an INV- number, a due date from the payment terms and a balance', async () => {
    const answer = await books('POST', '/invoices', {
      customer_id: customerId,
      date: '2026-11-01',
      reference_number: 'CRM-DEAL-4004',
      salesperson_name: 'Sam Seller',
      line_items: [{ item_id: taxedItem.item_id, quantity: 2, description: 'two seats' }],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ code: 0, message: 'The invoice has been created.' });
    const invoice = field<Invoice>(answer, 'invoice');
    expect(invoice.invoice_number).toMatch(/^INV-\d{6}$/);
    expect(invoice).toMatchObject({ status: 'draft', date: '2026-11-01', due_date: '2026-12-01', payment_made: 0 });
    expect(invoice.balance).toBe(invoice.total);
    expect(invoice.line_items[0]).toMatchObject({ quantity: 2, rate: taxedItem.rate, tax_percentage: 8.25 });
  });

  it('takes the number given with ignore_auto_number_generation and refuses it twice', async () => {
    const invoice = await createInvoice({ invoice_number: 'ZLC-0001' }, '?ignore_auto_number_generation=true');
    expect(invoice.invoice_number).toBe('ZLC-0001');
    const again = await books('POST', '/invoices?ignore_auto_number_generation=true', {
      customer_id: customerId,
      invoice_number: 'ZLC-0001',
      line_items: [{ item_id: untaxedItem.item_id }],
    });
    expect(again).toMatchObject({ status: 400, body: { code: 3062 } });
  });

  it('carries custom field values the org defines', async () => {
    await books('POST', '/__sandbox/customfields', { module: 'invoices', label: 'CRM Deal Id', is_unique: true });
    const invoice = await createInvoice({
      custom_fields: [{ api_name: 'cf_crm_deal_id', value: '5725767000000123456' }],
    });
    expect(invoice.custom_fields).toEqual([
      expect.objectContaining({ api_name: 'cf_crm_deal_id', value: '5725767000000123456' }),
    ]);
    const upserted = await books(
      'PUT',
      '/invoices',
      { customer_id: customerId, line_items: [{ item_id: untaxedItem.item_id, quantity: 9 }] },
      {
        'X-Unique-Identifier-Key': 'cf_crm_deal_id',
        'X-Unique-Identifier-Value': '5725767000000123456',
      },
    );
    expect(upserted.status).toBe(200);
    expect(field<Invoice>(upserted, 'invoice')).toMatchObject({
      invoice_id: invoice.invoice_id,
      line_items: [{ quantity: 9 }],
    });
    const found = field<{ invoice_id: string }[]>(
      await books('GET', '/invoices?custom_field=5725767000000123456'),
      'invoices',
    );
    expect(found.map((i) => i.invoice_id)).toEqual([invoice.invoice_id]);
    expect(
      field<unknown[]>(await books('GET', '/invoices?custom_field_startswith=5725767000000123'), 'invoices'),
    ).toHaveLength(1);
  });

  it('goes sent, void and back to draft, and shows overdue past its due date', async () => {
    const invoice = await createInvoice({ date: '2020-01-01', due_date: '2020-01-31' });
    const id = invoice.invoice_id;
    expect((await books('POST', `/invoices/${id}/submit`)).body).toMatchObject({ code: 0 });
    expect((await books('POST', `/invoices/${id}/approve`)).body).toEqual({
      code: 0,
      message: 'You have approved the invoice.',
    });
    expect((await books('POST', `/invoices/${id}/status/sent`)).body).toEqual({
      code: 0,
      message: 'Invoice status has been changed to Sent.',
    });
    expect(field<Invoice>(await books('GET', `/invoices/${id}`), 'invoice').status).toBe('overdue');
    const overdue = field<{ invoice_id: string }[]>(await books('GET', '/invoices?status=overdue'), 'invoices');
    expect(overdue.map((i) => i.invoice_id)).toContain(id);
    expect((await books('POST', `/invoices/${id}/status/draft`)).status).toBe(400);
    expect((await books('POST', `/invoices/${id}/submit`)).status).toBe(400);
    expect((await books('POST', `/invoices/${id}/status/void`)).body).toEqual({
      code: 0,
      message: 'Invoice status has been changed to Void.',
    });
    expect(
      (await books('PUT', `/invoices/${id}`, { customer_id: customerId, line_items: [{ name: 'x', rate: 1 }] })).status,
    ).toBe(400);
    expect((await books('POST', `/invoices/${id}/status/draft`)).body).toEqual({
      code: 0,
      message: 'Status of invoice changed from void to draft',
    });
  });

  it('updates a draft invoice with a full body and recomputes its totals', async () => {
    const invoice = await createInvoice();
    const answer = await books('PUT', `/invoices/${invoice.invoice_id}`, {
      customer_id: customerId,
      line_items: [{ item_id: untaxedItem.item_id, quantity: 5 }],
    });
    expect(answer.body).toMatchObject({ code: 0, message: 'Invoice information has been updated.' });
    expect(field<Invoice>(answer, 'invoice').total).toBe(untaxedItem.rate * 5);
    expect((await books('PUT', `/invoices/${invoice.invoice_id}`, { customer_id: customerId })).body).toMatchObject({
      code: 4,
      message: 'Invalid value passed for line_items',
    });
  });

  it('lists invoices by customer, date range and status, newest first, with paging', async () => {
    await createInvoice({ date: '2026-06-01', reference_number: 'RANGE-A' });
    await createInvoice({ date: '2026-06-15', reference_number: 'RANGE-B' });
    await createInvoice({ date: '2026-07-01', reference_number: 'RANGE-C' });
    const refs = async (query: string) =>
      field<{ reference_number: string }[]>(await books('GET', `/invoices?${query}`), 'invoices').map(
        (i) => i.reference_number,
      );
    expect(await refs('date_start=2026-06-01&date_end=2026-06-30&sort_column=date&sort_order=A')).toEqual([
      'RANGE-A',
      'RANGE-B',
    ]);
    expect(await refs('reference_number=RANGE-C')).toEqual(['RANGE-C']);
    expect(await refs('reference_number_startswith=RANGE-')).toEqual(['RANGE-C', 'RANGE-B', 'RANGE-A']);
    const page = await books('GET', `/invoices?customer_id=${customerId}&per_page=2`);
    expect(field<unknown[]>(page, 'invoices')).toHaveLength(2);
    expect(field(page, 'page_context')).toMatchObject({
      has_more_page: true,
      sort_column: 'created_time',
      sort_order: 'D',
    });
    expect((await books('GET', '/invoices?filter_by=Status.Whatever')).body).toMatchObject({ code: 2 });
  });

  it('lists invoices modified strictly after last_modified_time, as invoices.yml words the filter', async () => {
    const created = await createInvoice({ reference_number: 'MODIFIED-AFTER' });
    const read = field<{ last_modified_time: string }>(
      await books('GET', `/invoices/${created.invoice_id}`),
      'invoice',
    );
    const refs = async (time: string) =>
      field<{ reference_number: string }[]>(
        await books('GET', `/invoices?last_modified_time=${encodeURIComponent(time)}`),
        'invoices',
      ).map((i) => i.reference_number);
    expect(await refs(read.last_modified_time)).not.toContain('MODIFIED-AFTER');
    const before = new Date(Date.parse(read.last_modified_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) - 1000);
    const booksTime = `${before.toISOString().slice(0, 19)}+0000`;
    expect(await refs(booksTime)).toContain('MODIFIED-AFTER');
  });

  it('refuses a line with an absurd amount, an unknown customer or a vendor', async () => {
    const huge = await books('POST', '/invoices', {
      customer_id: customerId,
      line_items: [{ name: 'x', rate: 1e300, quantity: 1e10 }],
    });
    expect(huge.body).toMatchObject({ code: 4 });
    const unknown = await books('POST', '/invoices', {
      customer_id: '460000000000000001',
      line_items: [{ name: 'x', rate: 1 }],
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 1002, message: 'Contact does not exist.' } });
    const vendor = field<{ contact_id: string }>(
      await books('POST', '/contacts', { contact_name: 'Supplier Only', contact_type: 'vendor' }),
      'contact',
    );
    const toVendor = await books('POST', '/invoices', {
      customer_id: vendor.contact_id,
      line_items: [{ name: 'x', rate: 1 }],
    });
    expect(toVendor.body).toEqual({ code: 4, message: 'Invalid value passed for customer_id' });
    expect((await books('POST', '/invoices/fromestimates')).body).toMatchObject({ code: 2 });
    expect((await books('POST', '/invoices/fromestimates?estimate_ids=460000000000000001')).status).toBe(404);
  });

  it('deletes a draft invoice', async () => {
    const invoice = await createInvoice();
    expect((await books('DELETE', `/invoices/${invoice.invoice_id}`)).body).toEqual({
      code: 0,
      message: 'The invoice has been deleted.',
    });
    expect((await books('GET', `/invoices/${invoice.invoice_id}`)).body).toEqual({
      code: 1002,
      message: 'Invoice does not exist.',
    });
  });
});

describe('custom field values of stored records', () => {
  it('sets an invoice’s, an estimate’s and an item’s custom fields through their singular paths', async () => {
    await books('POST', '/__sandbox/customfields', { module: 'invoices', label: 'Handoff Ref' });
    await books('POST', '/__sandbox/customfields', { module: 'estimates', label: 'Handoff Ref' });
    await books('POST', '/__sandbox/customfields', { module: 'items', label: 'Handoff Ref' });
    const fields = field<{ customfield_id: string }[]>(await books('GET', '/settings/fields?entity=invoice'), 'fields');
    const handoff = fields.find((f) => 'label' in f && (f as { label: string }).label === 'Handoff Ref');
    const invoice = await createInvoice();
    const answer = await books('PUT', `/invoice/${invoice.invoice_id}/customfields`, [
      { customfield_id: handoff?.customfield_id, value: 'H-1' },
    ]);
    expect(answer.body).toEqual({ code: 0, message: 'Custom Fields Updated Successfully' });
    const read = field<{ api_name: string; value: string }[]>(
      await books('GET', `/invoices/${invoice.invoice_id}/customfields`),
      'custom_fields',
    );
    expect(read).toEqual([expect.objectContaining({ api_name: 'cf_handoff_ref', value: 'H-1' })]);

    const estimate = field<Estimate>(
      await books('POST', '/estimates', { customer_id: customerId, line_items: [{ name: 'x', rate: 1 }] }),
      'estimate',
    );
    expect(
      (
        await books('PUT', `/estimate/${estimate.estimate_id}/customfields`, [
          { api_name: 'cf_handoff_ref', value: 'E-1' },
        ])
      ).status,
    ).toBe(200);
    expect(
      field<Estimate>(await books('GET', `/estimates/${estimate.estimate_id}`), 'estimate').custom_fields[0]?.value,
    ).toBe('E-1');
    expect(
      (await books('PUT', `/item/${untaxedItem.item_id}/customfields`, [{ api_name: 'cf_handoff_ref', value: 'I-1' }]))
        .status,
    ).toBe(200);
    expect((await books('PUT', `/invoice/${invoice.invoice_id}/customfields`, { value: 'not an array' })).status).toBe(
      400,
    );
    expect((await books('PUT', '/invoice/460000000000000001/customfields', [])).body).toMatchObject({ code: 1002 });
  });
});

describe('customer payments', () => {
  it('counts a sent invoice’s balance in its customer’s outstanding receivable', async () => {
    const customer = field<{ contact_id: string }>(
      await books('POST', '/contacts', { contact_name: 'Receivable Check' }),
      'contact',
    );
    const invoice = await createInvoice({
      customer_id: customer.contact_id,
      line_items: [{ name: 'Owed', rate: 75, quantity: 2 }],
    });
    const before = await books('GET', `/contacts/${customer.contact_id}`);
    expect(before.body).toMatchObject({ contact: { outstanding_receivable_amount: 0 } });
    await books('POST', `/invoices/${invoice.invoice_id}/status/sent`);
    const after = await books('GET', `/contacts/${customer.contact_id}`);
    expect(after.body).toMatchObject({ contact: { outstanding_receivable_amount: 150 } });
    const unpaid = field<{ contact_id: string }[]>(await books('GET', '/contacts?filter_by=Status.Unpaid'), 'contacts');
    expect(unpaid.map((c) => c.contact_id)).toContain(customer.contact_id);
  });

  it('records a partial then a full payment and moves the invoice to partially_paid then paid', async () => {
    const invoice = await createInvoice({ line_items: [{ name: 'Service block', rate: 1000, quantity: 1 }] });
    await books('POST', `/invoices/${invoice.invoice_id}/status/sent`);
    const first = await books('POST', '/customerpayments', {
      customer_id: customerId,
      payment_mode: 'banktransfer',
      amount: 400,
      date: '2026-11-20',
      reference_number: 'WIRE-1',
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 400 }],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ code: 0, message: 'The payment has been created.', payment: { amount: 400 } });
    const partial = field<Invoice>(await books('GET', `/invoices/${invoice.invoice_id}`), 'invoice');
    expect(partial).toMatchObject({
      status: 'partially_paid',
      balance: 600,
      payment_made: 400,
      last_payment_date: '2026-11-20',
    });

    const second = await books('POST', '/customerpayments', {
      customer_id: customerId,
      payment_mode: 'cash',
      amount: 600,
      date: '2026-11-25',
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 600 }],
    });
    const paid = field<Invoice>(await books('GET', `/invoices/${invoice.invoice_id}`), 'invoice');
    expect(paid).toMatchObject({ status: 'paid', balance: 0, last_payment_date: '2026-11-25' });

    const listed = field<{ payment_id: string; amount: number }[]>(
      await books('GET', `/customerpayments?customer_id=${customerId}&sort_column=date&sort_order=A`),
      'customer_payments',
    );
    expect(listed.map((p) => p.amount)).toEqual([400, 600]);
    const onInvoice = field<{ amount: number }[]>(
      await books('GET', `/invoices/${invoice.invoice_id}/payments`),
      'payments',
    );
    expect(onInvoice.map((p) => p.amount)).toEqual([400, 600]);
    expect((await books('DELETE', `/invoices/${invoice.invoice_id}`)).status).toBe(400);
    expect((await books('POST', `/invoices/${invoice.invoice_id}/status/void`)).status).toBe(400);

    const secondId = field<{ payment_id: string }>(second, 'payment').payment_id;
    expect((await books('DELETE', `/customerpayments/${secondId}`)).body).toEqual({
      code: 0,
      message: 'The payment has been deleted.',
    });
    const reopened = field<Invoice>(await books('GET', `/invoices/${invoice.invoice_id}`), 'invoice');
    expect(reopened).toMatchObject({ status: 'partially_paid', balance: 600, last_payment_date: '2026-11-20' });
  });

  it('updates a payment and re-applies it', async () => {
    const invoice = await createInvoice({ line_items: [{ name: 'Block', rate: 300, quantity: 1 }] });
    const payment = field<{ payment_id: string }>(
      await books('POST', '/customerpayments', {
        customer_id: customerId,
        payment_mode: 'cash',
        amount: 100,
        date: '2026-11-20',
        invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 100 }],
      }),
      'payment',
    );
    const updated = await books('PUT', `/customerpayments/${payment.payment_id}`, {
      customer_id: customerId,
      payment_mode: 'cash',
      amount: 300,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 300 }],
    });
    expect(updated.body).toMatchObject({ code: 0, message: 'The payment details have been updated.' });
    expect(field<Invoice>(await books('GET', `/invoices/${invoice.invoice_id}`), 'invoice')).toMatchObject({
      status: 'paid',
      balance: 0,
    });
    expect((await books('GET', `/customerpayments/${payment.payment_id}`)).body).toMatchObject({
      payment: { amount: 300 },
    });
  });

  it('refuses payments that are incomplete, exceed the balance or name another customer’s invoice', async () => {
    const invoice = await createInvoice({ line_items: [{ name: 'Small', rate: 50, quantity: 1 }] });
    const base = { customer_id: customerId, payment_mode: 'cash', date: '2026-11-20' };
    expect((await books('POST', '/customerpayments', { ...base })).body).toEqual({
      code: 4,
      message: 'Invalid value passed for amount',
    });
    expect((await books('POST', '/customerpayments', { ...base, amount: 10, date: '20/11/2026' })).body).toMatchObject({
      code: 4,
    });
    const tooMuch = await books('POST', '/customerpayments', {
      ...base,
      amount: 80,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 80 }],
    });
    expect(tooMuch.status).toBe(400);
    const overApplied = await books('POST', '/customerpayments', {
      ...base,
      amount: 10,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 20 }],
    });
    expect(overApplied.status).toBe(400);
    const otherCustomers = await books('POST', '/customerpayments', {
      ...base,
      customer_id: otherCustomerId,
      amount: 10,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 10 }],
    });
    expect(otherCustomers.body).toMatchObject({ code: 4, message: 'Invalid value passed for invoice_id' });
    expect((await books('GET', '/customerpayments/460000000000000001')).body).toEqual({
      code: 1002,
      message: 'Payment does not exist.',
    });
  });
});

expectConformingAnswers(file, 'sandbox-books-sales');
