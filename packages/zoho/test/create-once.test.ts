/**
 * @module-tag e2e
 */
import { accessToken, callApi } from '@zlc/testkit';
import { collect, ZohoUnavailableError } from '@zlc/zoho';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ seed: 'default' });
});
afterEach(async () => {
  await harness.close();
});

async function someCustomerAndItem() {
  const { books } = harness.clients;
  const customer = await books.contacts.create({ contact_name: `Create-once customer ${Date.now()}` });
  const item = (await collect(books.items.list()))[0];
  if (item === undefined) throw new Error('the default seed has no Books item');
  return { customerId: customer.contact_id, itemId: item.item_id };
}

async function invoicesWithReference(reference: string) {
  return (await collect(harness.clients.books.invoices.list({ reference_number: reference }))).filter(
    (i) => i.reference_number === reference,
  );
}

describe('creates under faults', () => {
  it('creates one invoice when the connection drops after Books stored it', async () => {
    const { customerId, itemId } = await someCustomerAndItem();
    harness.sandbox.faults.set([
      { product: 'books', method: 'POST', path: '/books/v3/invoices', kind: 'drop', when: 'after', times: 1 },
    ]);
    const invoice = await harness.clients.books.invoices.createOnce({
      customer_id: customerId,
      reference_number: 'DEAL-DROP-1',
      line_items: [{ item_id: itemId, quantity: 1, rate: 100 }],
    });
    expect(invoice.reference_number).toBe('DEAL-DROP-1');
    expect(await invoicesWithReference('DEAL-DROP-1')).toHaveLength(1);
    expect(harness.events.filter((e) => e.type === 'create_recovered')).toHaveLength(1);
  });

  it('creates one invoice when Books answers 5xx before storing it', async () => {
    const { customerId, itemId } = await someCustomerAndItem();
    harness.sandbox.faults.set([
      { product: 'books', method: 'POST', path: '/books/v3/invoices', kind: 'error', times: 2 },
    ]);
    const invoice = await harness.clients.books.invoices.createOnce({
      customer_id: customerId,
      reference_number: 'DEAL-5XX-1',
      line_items: [{ item_id: itemId, quantity: 2, rate: 50 }],
    });
    expect(invoice.invoice_id).toBeTruthy();
    expect(await invoicesWithReference('DEAL-5XX-1')).toHaveLength(1);
    expect(harness.events.filter((e) => e.type === 'create_retried')).toHaveLength(2);
  });

  it('never re-sends a plain create whose connection dropped', async () => {
    const { customerId, itemId } = await someCustomerAndItem();
    harness.sandbox.faults.set([
      { product: 'books', method: 'POST', path: '/books/v3/invoices', kind: 'drop', when: 'after', times: 1 },
    ]);
    const failure = await harness.clients.books.invoices
      .create({
        customer_id: customerId,
        reference_number: 'DEAL-PLAIN-1',
        line_items: [{ item_id: itemId, rate: 1, quantity: 1 }],
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZohoUnavailableError);
    expect((failure as ZohoUnavailableError).delivery).toBe('unknown');
    expect(await invoicesWithReference('DEAL-PLAIN-1')).toHaveLength(1);
  });

  it('upserts a CRM record once when the connection drops, because the upsert is itself idempotent', async () => {
    const { crm } = harness.clients;
    harness.sandbox.faults.set([
      { product: 'crm', method: 'POST', path: '/crm/v8/Leads/upsert', kind: 'drop', when: 'after', times: 1 },
    ]);
    const results = await crm.records.upsert(
      'Leads',
      [{ Last_Name: 'Upsert-once', Company: 'Once Inc', Email: 'upsert-once@example.com' }],
      ['Email'],
    );
    expect(results[0]).toMatchObject({ status: 'success' });
    expect(await crm.records.findExact('Leads', 'Email', 'upsert-once@example.com')).toHaveLength(1);
  });

  it('creates one CRM record when the connection drops after CRM stored it, finding it by COQL', async () => {
    const { crm } = harness.clients;
    harness.sandbox.faults.set([
      { product: 'crm', method: 'POST', path: '/crm/v8/Accounts', kind: 'drop', when: 'after', times: 1 },
    ]);
    const lookup = async () =>
      (await collect(crm.records.coql("select Account_Name from Accounts where Account_Name = 'Once Ltd'")))[0];
    const record = await crm.records.createOnce('Accounts', { Account_Name: 'Once Ltd' }, { lookup });
    expect(record.id).toBeTruthy();
    const all = await collect(crm.records.coql("select Account_Name from Accounts where Account_Name = 'Once Ltd'"));
    expect(all).toHaveLength(1);
  });

  it('upserts a Books invoice by a unique custom field once when the connection drops', async () => {
    const { sandbox, clients } = harness;
    // the admin's manual step: a unique custom field on invoices (Books has no API to create one)
    const made = await callApi(
      sandbox,
      await accessToken(sandbox),
      'POST',
      `/books/v3/__sandbox/customfields?organization_id=${sandbox.org.booksOrganizationId}`,
      { module: 'invoice', label: 'CRM Deal ID', api_name: 'cf_crm_deal_id', is_unique: true },
    );
    expect(made.status).toBe(201);
    expect((await clients.books.listCustomFields('invoice')).map((f) => f.api_name)).toContain('cf_crm_deal_id');

    const { customerId, itemId } = await someCustomerAndItem();
    sandbox.faults.set([
      { product: 'books', method: 'PUT', path: '/books/v3/invoices', kind: 'drop', when: 'after', times: 1 },
    ]);
    const invoice = await clients.books.invoices.upsert(
      { key: 'cf_crm_deal_id', value: 'DEAL-UPSERT-1' },
      {
        customer_id: customerId,
        reference_number: 'DEAL-UPSERT-1',
        line_items: [{ item_id: itemId, quantity: 1, rate: 10 }],
      },
    );
    expect(invoice.invoice_id).toBeTruthy();
    expect(await invoicesWithReference('DEAL-UPSERT-1')).toHaveLength(1);
    expect(harness.events).toContainEqual(
      expect.objectContaining({ type: 'retry', method: 'PUT', path: '/books/v3/invoices' }),
    );
  });

  it('creates one Desk account when the connection drops after Desk stored it, finding it by search', async () => {
    const { desk } = harness.clients;
    harness.sandbox.faults.set([
      { product: 'desk', method: 'POST', path: '/api/v1/accounts', kind: 'drop', when: 'after', times: 1 },
    ]);
    const lookup = async () => (await collect(desk.accounts.search({ accountName: 'Dropped Desk Ltd' })))[0];
    const account = await desk.accounts.createOnce({ accountName: 'Dropped Desk Ltd' }, lookup);
    expect(account.accountName).toBe('Dropped Desk Ltd');
    expect(await collect(desk.accounts.search({ accountName: 'Dropped Desk Ltd' }))).toHaveLength(1);
  });
});
