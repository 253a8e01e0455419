/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { booksPerFile, expectConformingAnswers, field } from './books-client.js';

const file = booksPerFile({ seed: 'default' });
const { books } = file;

interface Item {
  item_id: string;
  name: string;
  rate: number;
  sku: string;
  status: string;
  tax_id: string;
  tax_percentage: string;
  custom_fields: { api_name: string; value: string }[];
}

async function createItem(body: Record<string, unknown>): Promise<Item> {
  const answer = await books('POST', '/items', body);
  expect(answer.status).toBe(201);
  return field<Item>(answer, 'item');
}

describe('items', () => {
  it('creates an item with a tax and reads it back', async () => {
    const taxes = field<{ tax_id: string; tax_percentage: number }[]>(await books('GET', '/settings/taxes'), 'taxes');
    const tax = taxes[0];
    const answer = await books('POST', '/items', {
      name: 'Onboarding Package',
      rate: 1500,
      sku: 'SRV-ONB',
      description: 'Two weeks of onboarding',
      product_type: 'service',
      tax_id: tax?.tax_id,
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ code: 0, message: 'The item has been added.' });
    const item = field<Item>(answer, 'item');
    expect(item).toMatchObject({ name: 'Onboarding Package', rate: 1500, status: 'active', tax_id: tax?.tax_id });
    expect(item.tax_percentage).toBe(`${tax?.tax_percentage}%`);
    expect((await books('GET', `/items/${item.item_id}`)).body).toMatchObject({ code: 0, item: { sku: 'SRV-ONB' } });
  });

  it('requires name and rate, and refuses a bad product_type, tax or duplicate name', async () => {
    expect((await books('POST', '/items', { rate: 1 })).body).toEqual({
      code: 4,
      message: 'Invalid value passed for name',
    });
    expect((await books('POST', '/items', { name: 'No Rate' })).body).toEqual({
      code: 4,
      message: 'Invalid value passed for rate',
    });
    expect((await books('POST', '/items', { name: 'Bad Type', rate: 1, product_type: 'rocket' })).body).toMatchObject({
      code: 4,
    });
    expect(
      (await books('POST', '/items', { name: 'Bad Tax', rate: 1, tax_id: '460000000000000001' })).body,
    ).toMatchObject({
      code: 4,
      message: 'Invalid value passed for tax_id',
    });
    expect((await books('POST', '/items', { name: 'Consulting Hour', rate: 1 })).body).toMatchObject({ code: 3062 });
    expect((await books('POST', '/items', { name: 'Rate Text', rate: 'ten' })).status).toBe(400);
  });

  it('updates an item with a full body and refuses a partial one', async () => {
    const item = await createItem({ name: 'Updatable', rate: 10 });
    const answer = await books('PUT', `/items/${item.item_id}`, { name: 'Updatable', rate: 12, description: 'now 12' });
    expect(answer.body).toMatchObject({ code: 0, message: 'Item details have been saved.', item: { rate: 12 } });
    expect((await books('PUT', `/items/${item.item_id}`, { rate: 13 })).status).toBe(400);
  });

  it('lists items with name filters, sku, search text and paging', async () => {
    await createItem({ name: 'Zeta Widget', rate: 5, sku: 'ZW-1' });
    await createItem({ name: 'Zeta Gadget', rate: 7, sku: 'ZG-1' });
    const names = async (query: string) =>
      field<{ name: string }[]>(await books('GET', `/items?${query}`), 'items').map((i) => i.name);
    expect(await names('name_startswith=zeta')).toEqual(['Zeta Gadget', 'Zeta Widget']);
    expect(await names('name=Zeta%20Widget')).toEqual(['Zeta Widget']);
    expect(await names('sku=ZG-1')).toEqual(['Zeta Gadget']);
    expect(await names('search_text=widget')).toEqual(['Zeta Widget']);
    expect(await names('name_startswith=zeta&sort_column=rate&sort_order=D')).toEqual(['Zeta Gadget', 'Zeta Widget']);
    const page = await books('GET', '/items?per_page=3');
    expect(field<unknown[]>(page, 'items')).toHaveLength(3);
    expect(field(page, 'page_context')).toMatchObject({ per_page: 3, has_more_page: true, report_name: 'Items' });
  });

  it('marks items inactive and active, and filters by status', async () => {
    const item = await createItem({ name: 'Seasonal', rate: 3 });
    expect((await books('POST', `/items/${item.item_id}/inactive`)).body).toEqual({
      code: 0,
      message: 'The item has been marked as inactive.',
    });
    const inactive = field<{ item_id: string }[]>(await books('GET', '/items?filter_by=Status.Inactive'), 'items');
    expect(inactive.map((i) => i.item_id)).toEqual([item.item_id]);
    expect((await books('POST', `/items/${item.item_id}/active`)).body).toMatchObject({ code: 0 });
  });

  it('deletes an unused item and refuses to delete one an invoice uses', async () => {
    const unused = await createItem({ name: 'Disposable', rate: 1 });
    expect((await books('DELETE', `/items/${unused.item_id}`)).body).toEqual({
      code: 0,
      message: 'The item has been deleted.',
    });
    expect((await books('GET', `/items/${unused.item_id}`)).body).toEqual({
      code: 1002,
      message: 'Item does not exist.',
    });
    const used = await createItem({ name: 'Invoiced Thing', rate: 1 });
    const customer = field<{ contact_id: string }[]>(await books('GET', '/contacts'), 'contacts')[0];
    await books('POST', '/invoices', { customer_id: customer?.contact_id, line_items: [{ item_id: used.item_id }] });
    expect((await books('DELETE', `/items/${used.item_id}`)).status).toBe(400);
  });

  it('upserts an item by a unique custom field', async () => {
    await books('POST', '/__sandbox/customfields', { module: 'items', label: 'CRM Product Id', is_unique: true });
    const headers = {
      'X-Unique-Identifier-Key': 'cf_crm_product_id',
      'X-Unique-Identifier-Value': 'P-77',
      'X-Upsert': 'true',
    };
    const created = await books('PUT', '/items', { name: 'Synced Product', rate: 99 }, headers);
    expect(created.status).toBe(200);
    const updated = await books('PUT', '/items', { name: 'Synced Product', rate: 109 }, headers);
    expect(updated.status).toBe(200);
    expect(field<Item>(updated, 'item')).toMatchObject({ item_id: field<Item>(created, 'item').item_id, rate: 109 });
    expect(field<Item>(updated, 'item').custom_fields[0]).toMatchObject({
      api_name: 'cf_crm_product_id',
      value: 'P-77',
    });
  });
});

expectConformingAnswers(file, 'sandbox-books-items');
