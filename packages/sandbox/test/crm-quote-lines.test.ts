/**
 * Quote line items (SPEC.md "Quote line items"): rows checked, Zoho's amounts computed, the deal's quotes listed.
 *
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();

async function make(module: string, record: Record<string, unknown>) {
  return client.call('POST', `/${module}`, { data: [record] });
}

async function setup() {
  const account = idOf((await make('Accounts', { Account_Name: `Quoted ${Date.now()}` })).body);
  const deal = idOf(
    (
      await make('Deals', {
        Deal_Name: 'Quoted deal',
        Stage: 'Qualification',
        Closing_Date: '2026-12-31',
        Account_Name: { id: account },
      })
    ).body,
  );
  const product = idOf((await make('Products', { Product_Name: 'Widget', Product_Code: 'W-1', Unit_Price: 500 })).body);
  return { account, deal, product };
}

describe('a quote with line items', () => {
  it('keeps each row with its total, discount and net total, and the quote its grand total', async () => {
    const { account, deal, product } = await setup();
    const created = await make('Quotes', {
      Subject: 'Q1',
      Account_Name: { id: account },
      Deal_Name: { id: deal },
      Quoted_Items: [
        { Product_Name: { id: product }, Quantity: 2, Discount: 100 },
        { Product_Name: { id: product }, Quantity: 1, List_Price: 300 },
      ],
    });
    expect(created.status).toBe(201);
    const quote = first((await client.call('GET', `/Quotes/${idOf(created.body)}`)).body);
    const rows = (quote.Quoted_Items as Record<string, unknown>[]).map((r) => [
      obj(r.Product_Name).name,
      r.Quantity,
      r.List_Price,
      r.Discount,
      r.Total,
      r.Net_Total,
    ]);
    expect(rows).toEqual([
      ['Widget', 2, 500, 100, 1000, 900],
      ['Widget', 1, 300, 0, 300, 300],
    ]);
    expect(quote.Grand_Total).toBe(1200);
  });

  it("is one of the deal's quotes, read through the Deals → Quotes related list", async () => {
    const { account, deal, product } = await setup();
    const quote = idOf(
      (
        await make('Quotes', {
          Subject: 'Q2',
          Account_Name: { id: account },
          Deal_Name: { id: deal },
          Quoted_Items: [{ Product_Name: { id: product }, Quantity: 1 }],
        })
      ).body,
    );
    const related = await client.call('GET', `/Deals/${deal}/Quotes?fields=Subject`);
    expect(list(related.body).map((q) => q.id)).toEqual([quote]);
  });

  it('refuses a row without a quantity, naming its path', async () => {
    const { account, product } = await setup();
    const answer = await make('Quotes', {
      Subject: 'Q3',
      Account_Name: { id: account },
      Quoted_Items: [{ Product_Name: { id: product } }],
    });
    expect(first(answer.body)).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Quantity', json_path: '$.data[0].Quoted_Items[0].Quantity' },
    });
  });

  it('refuses a row naming no product that exists, a discount above its total, and a key Zoho computes', async () => {
    const { account, product } = await setup();
    const bad = async (row: Record<string, unknown>) =>
      first((await make('Quotes', { Subject: 'Q4', Account_Name: { id: account }, Quoted_Items: [row] })).body);
    expect(await bad({ Product_Name: { id: '1234567890' }, Quantity: 1 })).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Product_Name' },
    });
    expect(await bad({ Product_Name: { id: product }, Quantity: 1, Discount: 600 })).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Discount' },
    });
    expect(await bad({ Product_Name: { id: product }, Quantity: 1, Total: 1 })).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Total' },
    });
  });

  it('on update appends rows without an id, changes and removes the rows it names, and keeps the others', async () => {
    const { account, product } = await setup();
    const row = (quantity: number) => ({ Product_Name: { id: product }, Quantity: quantity });
    const created = await make('Quotes', {
      Subject: 'Q8',
      Account_Name: { id: account },
      Quoted_Items: [row(1), row(2), row(3)],
    });
    const id = idOf(created.body);
    const read = async () => first((await client.call('GET', `/Quotes/${id}`)).body);
    const [one, two] = (await read()).Quoted_Items as Record<string, unknown>[];
    const update = (items: unknown[]) => client.call('PUT', `/Quotes/${id}`, { data: [{ Quoted_Items: items }] });
    expect((await update([{ id: one?.id, Quantity: 5 }, { id: two?.id, _delete: null }, row(4)])).status).toBe(200);
    const quote = await read();
    expect((quote.Quoted_Items as Record<string, unknown>[]).map((r) => [r.Quantity, r.sequence_number])).toEqual([
      [5, 1],
      [3, 2],
      [4, 3],
    ]);
    expect(quote.Grand_Total).toBe(6000);
    expect(first((await update([{ id: '1', Quantity: 1 }])).body)).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'id', json_path: '$.data[0].Quoted_Items[0].id' },
    });
  });

  it('takes at most 100 rows, as any subform field', async () => {
    const { account, product } = await setup();
    const rows = (n: number) => Array.from({ length: n }, () => ({ Product_Name: { id: product }, Quantity: 1 }));
    const hundred = await make('Quotes', { Subject: 'Q6', Account_Name: { id: account }, Quoted_Items: rows(100) });
    expect(hundred.status).toBe(201);
    const more = await make('Quotes', { Subject: 'Q7', Account_Name: { id: account }, Quoted_Items: rows(101) });
    expect(first(more.body)).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Quoted_Items' } });
  });

  it('needs its line items', async () => {
    const { account } = await setup();
    const answer = await make('Quotes', { Subject: 'Q5', Account_Name: { id: account } });
    expect(first(answer.body)).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Quoted_Items' } });
  });
});
