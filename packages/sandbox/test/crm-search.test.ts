/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, list, obj } from './crm-helpers.js';
import { callAdmin } from './support/index.js';

const { client, sandbox } = crmSandbox();

type Query = Readonly<Record<string, string>>;
const search = (module: string, query: Query) => client.call('GET', `/${module}/search?${new URLSearchParams(query)}`);
const ids = async (module: string, query: Query): Promise<string[]> => {
  const answer = await search(module, query);
  return answer.status === 204 ? [] : list(answer.body).map((r) => String(r.id));
};
const create = async (module: string, data: Record<string, unknown>[]): Promise<string[]> => {
  const answer = await client.call('POST', `/${module}`, { data });
  expect(answer.status).toBe(201);
  return list(answer.body).map((r) => String(obj(r.details).id));
};
/** Moves the sandbox clock past the indexing delay, so the records written so far are searchable. */
const indexed = () => sandbox.current.clock.advance(sandbox.current.crm.searchIndexDelayMs() + 1000);

describe('the search index delay', () => {
  it('keeps a record just created out of search (COQL finds it at once) until the delay has passed', async () => {
    const [id] = await create('Accounts', [{ Account_Name: 'Indexing Delay Ltd' }]);
    expect(sandbox.current.crm.searchIndexDelayMs()).toBe(60_000);
    expect(await ids('Accounts', { criteria: '(Account_Name:equals:Indexing Delay Ltd)' })).toEqual([]);
    const coql = await client.call('POST', '/coql', {
      select_query: "select Account_Name from Accounts where Account_Name = 'Indexing Delay Ltd'",
    });
    expect(list(coql.body).map((r) => r.id)).toEqual([id]);
    sandbox.current.clock.advance(55_000);
    expect(await ids('Accounts', { word: 'Indexing Delay' })).toEqual([]);
    sandbox.current.clock.advance(6_000);
    expect(await ids('Accounts', { criteria: '(Account_Name:equals:Indexing Delay Ltd)' })).toEqual([id]);
  });

  it('takes an edited record out of search until it is indexed again', async () => {
    const [id] = await create('Accounts', [{ Account_Name: 'Edited Later Ltd' }]);
    indexed();
    expect(await ids('Accounts', { word: 'Edited Later' })).toEqual([id]);
    await client.call('PUT', `/Accounts/${id}`, { data: [{ Website: 'https://edited.example.com' }] });
    expect(await ids('Accounts', { word: 'Edited Later' })).toEqual([]);
    expect(
      (await client.call('GET', `/Accounts/actions/count?word=${encodeURIComponent('Edited Later')}`)).body,
    ).toEqual({
      count: 0,
    });
    indexed();
    expect(await ids('Accounts', { word: 'Edited Later' })).toEqual([id]);
  });

  it('counts a new record once the delay has passed, and keeps counting it while an edit is indexed', async () => {
    const count = async () => Number(obj((await client.call('GET', '/Accounts/actions/count')).body).count);
    indexed();
    const before = await count();
    const [id] = await create('Accounts', [{ Account_Name: 'Counted Later Ltd' }]);
    expect(await count()).toBe(before);
    indexed();
    expect(await count()).toBe(before + 1);
    await client.call('PUT', `/Accounts/${id}`, { data: [{ Website: 'https://counted.example.com' }] });
    expect(await count()).toBe(before + 1);
  });

  it('is set live over /__sandbox/crm/search-index-delay; 0 makes search immediate', async () => {
    const knob = (body: unknown) => callAdmin(sandbox.current, 'POST', '/__sandbox/crm/search-index-delay', body);
    expect((await knob({ ms: -1 })).status).toBe(400);
    expect((await knob({})).status).toBe(400);
    expect((await knob({ ms: 0 })).body).toEqual({ ms: 0 });
    try {
      const [id] = await create('Accounts', [{ Account_Name: 'Instant Index Ltd' }]);
      expect(await ids('Accounts', { word: 'Instant Index' })).toEqual([id]);
    } finally {
      sandbox.current.crm.setSearchIndexDelayMs(60_000);
    }
    expect(() => sandbox.current.crm.setSearchIndexDelayMs(Number.NaN)).toThrow(RangeError);
  });
});

describe('what search criteria match', () => {
  it('finds with equals every record that contains the value, not only the equal one', async () => {
    const [exact, longer, other] = await create('Accounts', [
      { Account_Name: 'Prefix Co' },
      { Account_Name: 'Prefix Co Holdings' },
      { Account_Name: 'Unrelated Ltd' },
    ]);
    indexed();
    const found = await ids('Accounts', { criteria: '(Account_Name:equals:Prefix Co)' });
    expect(found.sort()).toEqual([exact, longer].sort());
    expect(found).not.toContain(other);
    expect(await ids('Accounts', { criteria: '(Account_Name:in:Holdings,Nothing)' })).toEqual([longer]);
  });

  it('treats the characters Zoho names (- _ @ : / …) as interchangeable', async () => {
    const [dash, underscore] = await create('Contacts', [
      { Last_Name: 'Dash', Email: 'sales-team@zoho.example' },
      { Last_Name: 'Underscore', Email: 'sales_team@zoho.example' },
    ]);
    indexed();
    const found = await ids('Contacts', { criteria: '(Email:equals:sales-team@zoho.example)' });
    expect(found.sort()).toEqual([dash, underscore].sort());
  });

  it('keeps equals exact on picklists', async () => {
    const [contacted, notContacted] = await create('Leads', [
      { Last_Name: 'Reached', Company: 'Pick Co', Lead_Status: 'Contacted' },
      { Last_Name: 'Waiting', Company: 'Pick Co', Lead_Status: 'Not Contacted' },
    ]);
    indexed();
    const found = await ids('Leads', { criteria: '((Company:equals:Pick Co)and(Lead_Status:equals:Contacted))' });
    expect(found).toEqual([contacted]);
    expect(found).not.toContain(notContacted);
  });

  it('finds by part of an email, by phone digits and by word, taking criteria first when several are given', async () => {
    const [id] = await create('Contacts', [
      { Last_Name: 'Searchable', Email: 'find.me@example.com', Phone: '+1 555 9999' },
    ]);
    indexed();
    for (const query of [{ email: 'find.me' }, { phone: '555-9999' }, { word: 'Searchable' }] as Query[])
      expect(await ids('Contacts', query)).toContain(id);
    expect(await ids('Contacts', { criteria: '(Last_Name:equals:nobody here)', word: 'Searchable' })).toEqual([]);
  });

  it('sorts by id, newest first, unless sort_by and sort_order say otherwise', async () => {
    await create('Accounts', [{ Account_Name: 'Sort B Ltd' }, { Account_Name: 'Sort A Ltd' }]);
    indexed();
    const byDefault = await search('Accounts', { word: 'Sort' });
    const rows = list(byDefault.body);
    expect(rows.map((r) => r.Account_Name)).toEqual(['Sort A Ltd', 'Sort B Ltd']);
    expect(obj(obj(byDefault.body).info)).toMatchObject({ sort_by: 'id', sort_order: 'desc', page: 1, count: 2 });
    const byName = await search('Accounts', { word: 'Sort', sort_by: 'Account_Name', sort_order: 'desc' });
    expect(list(byName.body).map((r) => r.Account_Name)).toEqual(['Sort B Ltd', 'Sort A Ltd']);
  });
});

describe("search's documented limits and errors", () => {
  const criteria = async (text: string) => (await search('Deals', { criteria: text })).body;

  it('takes at most 100 values in an in criterion and 10 conditions', async () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`).join(',');
    expect((await search('Deals', { criteria: `(Deal_Name:in:${values(100)})` })).status).toBe(204);
    expect(await criteria(`(Deal_Name:in:${values(101)})`)).toMatchObject({
      code: 'INVALID_QUERY',
      message: 'Only 100 values are allowed in "IN" criteria',
    });
    const conditions = (n: number) => `(${Array.from({ length: n }, (_, i) => `(Deal_Name:equals:d${i})`).join('or')})`;
    expect((await search('Deals', { criteria: conditions(10) })).status).toBe(204);
    expect(await criteria(conditions(11))).toMatchObject({ code: 'CRITERIA_LIMIT_EXCEEDED' });
  });

  it("refuses an operator the field's type does not take, a value of another type, and unknown fields", async () => {
    expect(await criteria('(Deal_Name:greater_than:A)')).toMatchObject({
      code: 'INVALID_QUERY',
      details: { api_name: 'Deal_Name', operator: 'greater_than' },
    });
    expect(await criteria('(Deal_Name:not_in:A,B)')).toMatchObject({ code: 'INVALID_QUERY' });
    expect(await criteria('(Amount:equals:lots)')).toMatchObject({
      code: 'INVALID_QUERY',
      details: { api_name: 'Amount', expected_data_type: 'number' },
    });
    expect(await criteria('(Nope:equals:1)')).toMatchObject({ code: 'INVALID_QUERY', details: { api_name: 'Nope' } });
    expect(await criteria('Deal_Name:equals:x')).toEqual({
      code: 'INVALID_QUERY',
      details: {},
      message: 'Invalid query formed',
      status: 'error',
    });
  });

  it('reaches the first 2,000 matches only (LIMIT_REACHED past them)', async () => {
    expect((await search('Deals', { word: 'zz', page: '10' })).status).toBe(204);
    const beyond: Query[] = [
      { word: 'zz', page: '11' },
      { word: 'zz', per_page: '10', page: '201' },
    ];
    for (const query of beyond) {
      expect((await search('Deals', query)).body).toEqual({
        code: 'LIMIT_REACHED',
        details: { limit: '2000' },
        message: 'maximum response iteration limit reached',
        status: 'error',
      });
    }
  });

  it('names the missing search parameter, and refuses values outside the documented ones', async () => {
    expect((await client.call('GET', '/Deals/search')).body).toEqual({
      code: 'EXPECTED_PARAM_MISSING',
      details: { param_names: ['criteria', 'email', 'phone', 'word'] },
      message: 'one of the expected parameter is missing',
      status: 'error',
    });
    const invalid: Query[] = [
      { word: 'a' },
      { phone: '12' },
      { phone: 'call me' },
      { word: 'zz', per_page: '0' },
      { word: 'zz', per_page: '201' },
      { word: 'zz', page: 'two' },
      { word: 'zz', sort_order: 'up' },
      { word: 'zz', sort_by: 'Nope' },
      { word: 'zz', fields: 'Nope' },
      { word: 'zz', approval_state: 'maybe' },
    ];
    for (const query of invalid) {
      expect((await search('Deals', query)).body, JSON.stringify(query)).toMatchObject({ code: 'INVALID_REQUEST' });
    }
    expect((await search('Nope', { word: 'zz' })).body).toMatchObject({
      code: 'INVALID_MODULE',
      details: { resource_path_index: 0 },
    });
  });

  it('finds seeded deals by criteria with and', async () => {
    const answer = await search('Deals', { criteria: '((Stage:equals:Closed Won)and(Amount:greater_equal:1000))' });
    expect(answer.status).toBe(200);
    for (const d of list(answer.body)) {
      expect(d.Stage).toBe('Closed Won');
      expect(Number(d.Amount)).toBeGreaterThanOrEqual(1000);
    }
  });
});
