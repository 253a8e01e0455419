/**
 * @module-tag e2e
 * @module-tag slow
 */
import { skipUnless } from '@zlc/testkit';
import { describe, expect, it } from 'vitest';
import { booksPerFile, field } from './books-client.js';
import { conformanceAvailable, expectConformance } from './support/index.js';

const file = booksPerFile({ seed: 'default' });
const books = file.books;

skipUnless(conformanceAvailable(), 'Books traffic through the conformance proxy');
describe.skipIf(!conformanceAvailable().ok)('Books traffic through the conformance proxy', () => {
  it('answers every implemented Books operation in the shape of Zoho’s OAS', async () => {
    const org = file.sandbox.org.booksOrganizationId;
    expect((await books('GET', `/organizations`)).status).toBe(200);
    expect((await books('GET', `/organizations/${org}`)).status).toBe(200);
    const currencies = field<{ currency_id: string }[]>(await books('GET', '/settings/currencies'), 'currencies');
    expect((await books('GET', `/settings/currencies/${currencies[0]?.currency_id}`)).status).toBe(200);
    const taxes = field<{ tax_id: string }[]>(await books('GET', '/settings/taxes'), 'taxes');
    expect((await books('GET', `/settings/taxes/${taxes[0]?.tax_id}`)).status).toBe(200);

    const created = await books('POST', '/__sandbox/customfields', {
      module: 'contacts',
      label: 'CRM Account Id',
      is_unique: true,
    });
    expect(created.status).toBe(201);
    await books('POST', '/__sandbox/customfields', { module: 'invoices', label: 'CRM Deal Id', is_unique: true });
    await books('POST', '/__sandbox/customfields', { module: 'estimates', label: 'CRM Deal Id', is_unique: true });
    await books('POST', '/__sandbox/customfields', { module: 'items', label: 'CRM Product Id', is_unique: true });
    await books('POST', '/__sandbox/customfields', { module: 'customerpayments', label: 'Bank Ref' });
    const invoiceFields = field<{ customfield_id: string }[]>(
      await books('GET', '/settings/fields?entity=invoice'),
      'fields',
    );
    expect(field(await books('GET', '/settings/customfields?entity=item'), 'customfields')).toHaveProperty('item');

    const contact = field<{ contact_id: string; contact_persons: { contact_person_id: string }[] }>(
      await books('POST', '/contacts', {
        contact_name: 'Conformance Co',
        company_name: 'Conformance Co',
        billing_address: { address: '1 Main St', city: 'Austin', zip: '73301', country: 'U.S.A' },
        contact_persons: [
          { first_name: 'Con', last_name: 'Form', email: 'con@form.example', is_primary_contact: true },
        ],
        custom_fields: [{ api_name: 'cf_crm_account_id', value: '5725767000000999001' }],
      }),
      'contact',
    );
    const cid = contact.contact_id;
    expect((await books('GET', `/contacts?contact_name_startswith=Conf&per_page=1`)).status).toBe(200);
    expect((await books('GET', `/contacts/${cid}`)).status).toBe(200);
    expect(
      (await books('PUT', `/contacts/${cid}`, { contact_name: 'Conformance Co', contact_type: 'customer', notes: 'n' }))
        .status,
    ).toBe(200);
    const upsert = await books(
      'PUT',
      '/contacts',
      { contact_name: 'Upserted Co', contact_type: 'customer' },
      {
        'X-Unique-Identifier-Key': 'cf_crm_account_id',
        'X-Unique-Identifier-Value': '5725767000000999002',
        'X-Upsert': 'true',
      },
    );
    expect(upsert.status).toBe(200);
    expect((await books('POST', `/contacts/${cid}/inactive`)).status).toBe(200);
    expect((await books('POST', `/contacts/${cid}/active`)).status).toBe(200);

    const [person] = field<{ contact_person_id: string }[]>(
      await books('POST', '/contacts/contactpersons', {
        contact_id: cid,
        first_name: 'Second',
        email: 's@form.example',
      }),
      'contact_person',
    );
    const pid = person?.contact_person_id;
    expect(
      (
        await books('PUT', `/contacts/contactpersons/${pid}`, {
          contact_id: cid,
          first_name: 'Second',
          last_name: 'Person',
        })
      ).status,
    ).toBe(200);
    expect((await books('GET', `/contacts/${cid}/contactpersons`)).status).toBe(200);
    expect((await books('GET', `/contacts/${cid}/contactpersons/${pid}`)).status).toBe(200);
    expect((await books('POST', `/contacts/contactpersons/${pid}/primary`)).status).toBe(200);
    expect(
      (await books('DELETE', `/contacts/contactpersons/${contact.contact_persons[0]?.contact_person_id}`)).status,
    ).toBe(200);

    const item = field<{ item_id: string }>(
      await books('POST', '/items', { name: 'Conformance Widget', rate: 12.5, sku: 'CONF-1', product_type: 'goods' }),
      'item',
    );
    expect((await books('GET', '/items?name_startswith=Conf')).status).toBe(200);
    expect((await books('GET', `/items/${item.item_id}`)).status).toBe(200);
    expect((await books('PUT', `/items/${item.item_id}`, { name: 'Conformance Widget', rate: 13 })).status).toBe(200);
    expect((await books('POST', `/items/${item.item_id}/inactive`)).status).toBe(200);
    expect((await books('POST', `/items/${item.item_id}/active`)).status).toBe(200);
    const upsertHeaders = (key: string, value: string) => ({
      'X-Unique-Identifier-Key': key,
      'X-Unique-Identifier-Value': value,
      'X-Upsert': 'true',
    });
    expect(
      (await books('PUT', '/items', { name: 'Upserted Item', rate: 3 }, upsertHeaders('cf_crm_product_id', 'P-1')))
        .status,
    ).toBe(200);
    expect(
      (await books('PUT', '/items', { name: 'Upserted Item', rate: 4 }, upsertHeaders('cf_crm_product_id', 'P-1')))
        .status,
    ).toBe(200);
    expect(
      (await books('PUT', `/item/${item.item_id}/customfields`, [{ api_name: 'cf_crm_product_id', value: 'P-2' }]))
        .status,
    ).toBe(200);

    const estimate = field<{ estimate_id: string }>(
      await books('POST', '/estimates', {
        customer_id: cid,
        reference_number: 'DEAL-1',
        line_items: [{ item_id: item.item_id, quantity: 2 }],
      }),
      'estimate',
    );
    const eid = estimate.estimate_id;
    expect((await books('GET', '/estimates?reference_number=DEAL-1')).status).toBe(200);
    expect((await books('GET', `/estimates/${eid}`)).status).toBe(200);
    expect(
      (await books('PUT', `/estimates/${eid}`, { customer_id: cid, custom_fields: [], notes: 'updated' })).status,
    ).toBe(200);
    expect(
      (await books('PUT', `/estimate/${eid}/customfields`, [{ api_name: 'cf_crm_deal_id', value: 'E-1' }])).status,
    ).toBe(200);
    const estimateUpsert = { customer_id: cid, custom_fields: [], line_items: [{ item_id: item.item_id }] };
    expect((await books('PUT', '/estimates', estimateUpsert, upsertHeaders('cf_crm_deal_id', 'E-2'))).status).toBe(200);
    expect((await books('PUT', '/estimates', estimateUpsert, upsertHeaders('cf_crm_deal_id', 'E-2'))).status).toBe(200);
    expect((await books('POST', `/estimates/${eid}/submit`)).status).toBe(200);
    expect((await books('POST', `/estimates/${eid}/approve`)).status).toBe(200);
    expect((await books('POST', `/estimates/${eid}/status/sent`)).status).toBe(200);
    expect((await books('POST', `/estimates/${eid}/status/declined`)).status).toBe(200);
    expect((await books('POST', `/estimates/${eid}/status/accepted`)).status).toBe(200);
    expect((await books('POST', `/invoices/fromestimates?estimate_ids=${eid}`)).status).toBe(200);

    const invoice = field<{ invoice_id: string; total: number }>(
      await books('POST', '/invoices', {
        customer_id: cid,
        reference_number: 'DEAL-2',
        line_items: [{ item_id: item.item_id, quantity: 4 }],
        custom_fields: [{ api_name: 'cf_crm_deal_id', value: 'D-2' }],
      }),
      'invoice',
    );
    const iid = invoice.invoice_id;
    expect((await books('GET', '/invoices?status=draft&sort_column=date')).status).toBe(200);
    expect((await books('GET', `/invoices/${iid}`)).status).toBe(200);
    const invoiceUpsert = { customer_id: cid, line_items: [{ item_id: item.item_id }] };
    expect((await books('PUT', '/invoices', invoiceUpsert, upsertHeaders('cf_crm_deal_id', 'D-3'))).status).toBe(200);
    expect((await books('PUT', '/invoices', invoiceUpsert, upsertHeaders('cf_crm_deal_id', 'D-3'))).status).toBe(200);
    const dealField = invoiceFields.find((f) => f.customfield_id !== '')?.customfield_id;
    expect(
      (await books('PUT', `/invoice/${iid}/customfields`, [{ customfield_id: dealField, value: 'D-4' }])).status,
    ).toBe(200);
    expect((await books('GET', `/invoices/${iid}/customfields`)).status).toBe(200);
    expect(
      (
        await books('PUT', `/invoices/${iid}`, {
          customer_id: cid,
          line_items: [{ item_id: item.item_id, quantity: 5 }],
          notes: 'updated',
        })
      ).status,
    ).toBe(200);
    expect((await books('POST', `/invoices/${iid}/submit`)).status).toBe(200);
    expect((await books('POST', `/invoices/${iid}/approve`)).status).toBe(200);
    expect((await books('POST', `/invoices/${iid}/status/sent`)).status).toBe(200);
    const payment = field<{ payment_id: string }>(
      await books('POST', '/customerpayments', {
        customer_id: cid,
        payment_mode: 'cash',
        amount: 10,
        date: '2026-11-26',
        invoices: [{ invoice_id: iid, amount_applied: 10 }],
        invoice_id: iid,
        amount_applied: 10,
      }),
      'payment',
    );
    expect((await books('GET', `/customerpayments?customer_id=${cid}`)).status).toBe(200);
    expect((await books('GET', `/customerpayments/${payment.payment_id}`)).status).toBe(200);
    expect(
      (
        await books('PUT', `/customerpayments/${payment.payment_id}`, {
          customer_id: cid,
          payment_mode: 'cash',
          amount: 10,
          invoices: [{ invoice_id: iid, amount_applied: 10 }],
          invoice_id: iid,
          amount_applied: 10,
          description: 'first',
        })
      ).status,
    ).toBe(200);
    expect((await books('GET', `/invoices/${iid}/payments`)).status).toBe(200);
    expect(
      (
        await books('PUT', `/customerpayment/${payment.payment_id}/customfields`, [
          { api_name: 'cf_bank_ref', value: 'B-1' },
        ])
      ).status,
    ).toBe(200);
    expect((await books('DELETE', `/customerpayments/${payment.payment_id}`)).status).toBe(200);
    expect((await books('POST', `/invoices/${iid}/status/void`)).status).toBe(200);
    expect((await books('POST', `/invoices/${iid}/status/draft`)).status).toBe(200);
    expect((await books('DELETE', `/invoices/${iid}`)).status).toBe(200);
    expect((await books('DELETE', `/estimates/${eid}`)).status).toBe(200);
    expect((await books('GET', '/contacts/1234')).status).toBe(404);

    const proxy = file.proxy;
    if (!proxy) throw new Error('the conformance proxy did not start');
    const report = await proxy.report();
    expectConformance(report, 'sandbox-books');
    expect(report.undocumented.map((u) => u.path)).toEqual([
      '/books/v3/__sandbox/customfields',
      '/books/v3/settings/fields',
      '/books/v3/settings/customfields',
    ]);
  }, 120_000);
});
