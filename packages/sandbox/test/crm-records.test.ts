/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();

async function someAccountId(): Promise<string> {
  const answer = await client.call('GET', '/Accounts?fields=Account_Name');
  return String(first(answer.body).id);
}

describe('creating CRM records', () => {
  it('answers 201 with the new id, times and users of a created deal', async () => {
    const account = await someAccountId();
    const answer = await client.call('POST', '/Deals', {
      data: [
        {
          Deal_Name: 'Test deal',
          Stage: 'Qualification',
          Closing_Date: '2026-12-01',
          Amount: 1200,
          Account_Name: { id: account },
        },
      ],
    });
    expect(answer.status).toBe(201);
    const item = first(answer.body);
    expect(item).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
    const details = obj(item.details);
    expect(details.id).toMatch(/^\d{19}$/);
    expect(details.Created_Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(obj(details.Created_By)).toHaveProperty('name');
  });

  it('stores lookups as id and name and computes the stage probability', async () => {
    const account = await someAccountId();
    const created = await client.call('POST', '/Deals', {
      data: [
        {
          Deal_Name: 'Lookup deal',
          Stage: 'Closed Won',
          Closing_Date: '2026-12-01',
          Amount: 1000,
          Account_Name: account,
        },
      ],
    });
    const read = await client.call('GET', `/Deals/${idOf(created.body)}`);
    expect(read.status).toBe(200);
    const deal = first(read.body);
    expect(obj(deal.Account_Name).id).toBe(account);
    expect(typeof obj(deal.Account_Name).name).toBe('string');
    expect(deal.Probability).toBe(100);
    expect(deal.Expected_Revenue).toBe(1000);
    expect(obj(deal.Owner)).toHaveProperty('email');
  });

  it('refuses a deal without its mandatory fields with MANDATORY_NOT_FOUND and the json path', async () => {
    const answer = await client.call('POST', '/Deals', { data: [{ Deal_Name: 'No stage' }] });
    expect(answer.status).toBe(400);
    expect(first(answer.body)).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      status: 'error',
      details: { api_name: 'Closing_Date', json_path: '$.data[0].Closing_Date' },
    });
  });

  it('refuses a value of the wrong type with INVALID_DATA and the expected data type', async () => {
    const answer = await client.call('POST', '/Deals', {
      data: [{ Deal_Name: 'Bad amount', Stage: 'Qualification', Closing_Date: '2026-12-01', Amount: 'lots' }],
    });
    expect(answer.status).toBe(400);
    expect(first(answer.body)).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Amount', expected_data_type: 'currency' },
    });
  });

  it('refuses an over-long text with its maximum length', async () => {
    const answer = await client.call('POST', '/Accounts', { data: [{ Account_Name: 'x'.repeat(201) }] });
    expect(first(answer.body)).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Account_Name', maximum_length: '200' },
    });
  });

  it('refuses a picklist value the field does not have', async () => {
    const answer = await client.call('POST', '/Deals', {
      data: [{ Deal_Name: 'Odd stage', Stage: 'Almost Won', Closing_Date: '2026-12-01' }],
    });
    expect(first(answer.body)).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Stage' } });
  });

  it('refuses a lookup to a record that does not exist', async () => {
    const answer = await client.call('POST', '/Contacts', {
      data: [{ Last_Name: 'Ghost', Account_Name: { id: '1234567890123456789' } }],
    });
    expect(first(answer.body)).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Account_Name' } });
  });

  it('answers a mixed batch with 207 and one result per record', async () => {
    const answer = await client.call('POST', '/Accounts', { data: [{ Account_Name: 'Batch ok' }, { Website: 'x' }] });
    expect(answer.status).toBe(207);
    expect(list(answer.body).map((i) => i.status)).toEqual(['success', 'error']);
  });

  it('refuses an unknown module with INVALID_MODULE', async () => {
    const answer = await client.call('POST', '/Spaceships', { data: [{ Name: 'x' }] });
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_MODULE', status: 'error' } });
  });

  it('refuses a body without data, with data that is not a list, and more than 100 records', async () => {
    expect((await client.call('POST', '/Leads', {})).body).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'data' },
    });
    expect((await client.call('POST', '/Leads', { data: {} })).body).toMatchObject({ code: 'INVALID_DATA' });
    const many = Array.from({ length: 101 }, (_, i) => ({ Last_Name: `L${i}` }));
    expect((await client.call('POST', '/Leads', { data: many })).body).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('answers malformed JSON with an INVALID_DATA body, not a crash', async () => {
    const answer = await client.call('POST', '/Leads', '{"data": [', { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(obj(answer.body).status).toBe('error');
  });
});

describe('reading, updating and deleting CRM records', () => {
  it('requires the fields parameter on a list, as v8 does', async () => {
    const answer = await client.call('GET', '/Deals');
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'fields' } },
    });
  });

  it('lists only the chosen fields with page info', async () => {
    const answer = await client.call('GET', '/Deals?fields=Deal_Name,Stage&per_page=2');
    expect(answer.status).toBe(200);
    const rows = list(answer.body);
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['Deal_Name', 'Stage', 'id']);
    expect(obj(obj(answer.body).info)).toMatchObject({ per_page: 2, count: 2, page: 1, more_records: true });
  });

  it('refuses an unknown field name, sort field or page size', async () => {
    expect((await client.call('GET', '/Deals?fields=Nope')).body).toMatchObject({ code: 'INVALID_DATA' });
    expect((await client.call('GET', '/Deals?fields=Deal_Name&sort_by=Amount')).body).toMatchObject({
      code: 'INVALID_DATA',
    });
    expect((await client.call('GET', '/Deals?fields=Deal_Name&per_page=201')).body).toMatchObject({
      code: 'INVALID_DATA',
    });
  });

  it('sorts by Modified_Time descending', async () => {
    const answer = await client.call(
      'GET',
      '/Deals?fields=Deal_Name,Modified_Time&sort_by=Modified_Time&sort_order=desc',
    );
    const times = list(answer.body).map((r) => String(r.Modified_Time));
    expect(times).toEqual([...times].sort().reverse());
  });

  it('answers 304 when nothing changed since If-Modified-Since', async () => {
    const answer = await client.call('GET', '/Products?fields=Product_Name', undefined, {
      'If-Modified-Since': '2030-01-01T00:00:00+00:00',
    });
    expect(answer.status).toBe(304);
  });

  it('updates a record by id and shows the new value', async () => {
    const created = await client.call('POST', '/Leads', { data: [{ Last_Name: 'Update me', Company: 'U Ltd' }] });
    const id = idOf(created.body);
    const updated = await client.call('PUT', `/Leads/${id}`, { data: [{ Lead_Status: 'Contacted' }] });
    expect(updated.status).toBe(200);
    expect(first(updated.body)).toMatchObject({ code: 'SUCCESS', message: 'record updated' });
    expect(first((await client.call('GET', `/Leads/${id}`)).body).Lead_Status).toBe('Contacted');
  });

  it('updates many records by the ids in the body and reports an unknown id', async () => {
    const created = await client.call('POST', '/Leads', { data: [{ Last_Name: 'Many', Company: 'M' }] });
    const answer = await client.call('PUT', '/Leads', {
      data: [
        { id: idOf(created.body), Rating: 'Active' },
        { id: '1111111111111111111', Rating: 'Active' },
        { Rating: 'Active' },
      ],
    });
    expect(answer.status).toBe(207);
    expect(list(answer.body).map((i) => i.code)).toEqual(['SUCCESS', 'INVALID_DATA', 'MANDATORY_NOT_FOUND']);
  });

  it('refuses to clear a mandatory field on update', async () => {
    const created = await client.call('POST', '/Accounts', { data: [{ Account_Name: 'Keep name' }] });
    const answer = await client.call('PUT', `/Accounts/${idOf(created.body)}`, { data: [{ Account_Name: null }] });
    expect(first(answer.body)).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Account_Name' } });
  });

  it('deletes records, answers 204 for them afterwards and lists them as deleted', async () => {
    const created = await client.call('POST', '/Products', {
      data: [{ Product_Name: 'Short-lived' }, { Product_Name: 'Also' }],
    });
    const ids = list(created.body).map((i) => String(obj(i.details).id));
    const one = await client.call('DELETE', `/Products/${ids[0]}`);
    expect(first(one.body)).toMatchObject({ code: 'SUCCESS', message: 'record deleted', details: { id: ids[0] } });
    const many = await client.call('DELETE', `/Products?ids=${ids[1]},1111111111111111111`);
    expect(many.status).toBe(207);
    expect((await client.call('GET', `/Products/${ids[0]}`)).status).toBe(204);
    const deleted = await client.call('GET', '/Products/deleted?type=recycle');
    expect(list(deleted.body).map((d) => d.id)).toEqual(expect.arrayContaining(ids));
  });

  it('asks for ids on a bulk delete', async () => {
    expect((await client.call('DELETE', '/Products')).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING' });
  });

  it('counts records', async () => {
    const answer = await client.call('GET', '/Accounts/actions/count');
    expect(obj(answer.body).count).toBeGreaterThanOrEqual(3);
  });
});

describe('upserting CRM records', () => {
  it('inserts when nothing matches and updates when the duplicate check field matches', async () => {
    const body = {
      data: [{ Last_Name: 'Upsert', Email: 'upsert@example.com', Company: 'Up' }],
      duplicate_check_fields: ['Email'],
    };
    const inserted = await client.call('POST', '/Leads/upsert', body);
    expect(first(inserted.body)).toMatchObject({ action: 'insert', message: 'record added' });
    const again = await client.call('POST', '/Leads/upsert', {
      ...body,
      data: [{ Email: 'upsert@example.com', Last_Name: 'Upserted' }],
    });
    expect(first(again.body)).toMatchObject({ action: 'update', duplicate_field: 'Email', message: 'record updated' });
    expect(idOf(again.body)).toBe(idOf(inserted.body));
  });

  it('refuses duplicate_check_fields that are not fields of the module', async () => {
    const answer = await client.call('POST', '/Leads/upsert', {
      data: [{ Last_Name: 'x' }],
      duplicate_check_fields: ['Nope'],
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_DATA' } });
  });
});

describe('deal products', () => {
  it('links products to a deal, lists them and unlinks them', async () => {
    const deal = first((await client.call('GET', '/Deals?fields=Deal_Name&per_page=1')).body);
    const product = await client.call('POST', '/Products', { data: [{ Product_Name: 'Line item', Unit_Price: 99.5 }] });
    const productId = idOf(product.body);
    const linked = await client.call('PUT', `/Deals/${deal.id}/Products/${productId}`, { data: [{}] });
    expect(first(linked.body)).toMatchObject({ code: 'SUCCESS' });
    const products = await client.call('GET', `/Deals/${deal.id}/Products?fields=Product_Name,Unit_Price`);
    expect(list(products.body)).toContainEqual(expect.objectContaining({ id: productId, Unit_Price: 99.5 }));
    const unlinked = await client.call('DELETE', `/Deals/${deal.id}/Products/${productId}`);
    expect(first(unlinked.body)).toMatchObject({ code: 'SUCCESS' });
  });

  it('shows the contacts of an account through the lookup', async () => {
    const account = first((await client.call('GET', '/Accounts?fields=Account_Name&per_page=1')).body);
    const contacts = await client.call('GET', `/Accounts/${account.id}/Contacts?fields=Last_Name,Account_Name`);
    for (const c of list(contacts.body)) expect(obj(c.Account_Name).id).toBe(account.id);
  });
});
