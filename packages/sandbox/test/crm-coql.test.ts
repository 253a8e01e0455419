/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();

const coql = (select_query: string) => client.call('POST', '/coql', { select_query });

describe('COQL queries', () => {
  it('selects fields with a where clause, lookups as ids and the record id', async () => {
    const answer = await coql("select Deal_Name, Amount, Account_Name from Deals where Stage = 'Closed Won'");
    expect(answer.status).toBe(200);
    const rows = list(answer.body);
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['Account_Name', 'Amount', 'Deal_Name', 'id']);
    expect(Object.keys(obj(rows[0]?.Account_Name))).toEqual(['id']);
    expect(obj(obj(answer.body).info)).toMatchObject({ count: rows.length, more_records: false });
  });

  it('follows a lookup with a dot path in select and where', async () => {
    const answer = await coql(
      "select Deal_Name, Account_Name.Account_Name from Deals where Account_Name.Account_Name = 'Acme Robotics'",
    );
    const rows = list(answer.body);
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r['Account_Name.Account_Name'] === 'Acme Robotics')).toBe(true);
  });

  it('combines and/or with parentheses, in, like, between and null checks', async () => {
    const q =
      "select Deal_Name from Deals where ((Stage in ('Closed Won', 'Qualification') or Deal_Name like '%spare%') and (Amount between 1000 and 30000 and Next_Step is null))";
    const names = list((await coql(q)).body).map((r) => r.Deal_Name);
    expect(names.sort()).toEqual(['Acme – spare arms', 'Globex – warehouse vision', 'Initech – support renewal']);
    const notIn = list(
      (await coql("select Deal_Name from Deals where Stage not in ('Closed Won') and Amount >= 25000")).body,
    );
    expect(notIn.map((r) => r.Deal_Name).sort()).toEqual(['Acme – line automation', 'Acme – spare arms']);
  });

  it('orders and pages with LIMIT offset, count and LIMIT … OFFSET …', async () => {
    const all = list(
      (await coql('select Deal_Name, Amount from Deals where Amount > 0 order by Amount desc')).body,
    ).map((r) => r.Amount);
    expect(all).toEqual([...all].sort((a, b) => Number(b) - Number(a)));
    const page = await coql('select Amount from Deals where Amount > 0 order by Amount desc limit 1, 2');
    expect(list(page.body).map((r) => r.Amount)).toEqual(all.slice(1, 3));
    expect(obj(obj(page.body).info).more_records).toBe(true);
    const same = await coql('select Amount from Deals where Amount > 0 order by Amount desc limit 2 offset 1');
    expect(list(same.body).map((r) => r.Amount)).toEqual(all.slice(1, 3));
  });

  it('joins user lookups to the user', async () => {
    const rows = list(
      (await coql("select Deal_Name, Owner.email, Owner.full_name from Deals where Stage = 'Closed Won'")).body,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(String(rows[0]?.['Owner.email'])).toMatch(/@/);
    expect((await coql('select Owner.password from Deals')).body).toMatchObject({ code: 'INVALID_QUERY' });
  });

  it('counts and sums with group by', async () => {
    const total = first((await coql('select COUNT(id) from Deals where Amount > 0')).body);
    expect(total['COUNT(id)']).toBeGreaterThanOrEqual(4);
    const byStage = list(
      (await coql('select Stage, COUNT(id), SUM(Amount) from Deals where Amount > 0 group by Stage')).body,
    );
    const won = byStage.find((r) => r.Stage === 'Closed Won');
    expect(won?.['COUNT(id)']).toBeGreaterThanOrEqual(1);
    expect(won?.['SUM(Amount)']).toBeGreaterThanOrEqual(1800);
  });

  it('answers 204 when nothing matches', async () => {
    expect((await coql("select Deal_Name from Deals where Deal_Name = 'nothing like this'")).status).toBe(204);
  });

  it('sees records created through the API', async () => {
    const created = await client.call('POST', '/Leads', { data: [{ Last_Name: 'Coql', Company: 'Query Co' }] });
    const rows = list((await coql(`select Last_Name from Leads where id = '${idOf(created.body)}'`)).body);
    expect(rows.map((r) => r.Last_Name)).toEqual(['Coql']);
  });

  it("answers Zoho's errors for bad queries", async () => {
    expect((await coql('select from Deals')).body).toMatchObject({ code: 'SYNTAX_ERROR', status: 'error' });
    expect(
      (await coql("select Deal_Name from Deals where Stage = 'a' and Amount > 1 and Amount < 5")).body,
    ).toMatchObject({ code: 'SYNTAX_ERROR' });
    expect((await coql('select Nope from Deals')).body).toMatchObject({
      code: 'INVALID_QUERY',
      message: 'column given seems to be invalid',
    });
    expect((await coql('select Deal_Name from Spaceships')).body).toEqual({
      code: 'INVALID_MODULE',
      details: {},
      message: 'the given module is not supported in api',
      status: 'error',
    });
    expect((await coql("select Deal_Name from Deals where Amount = 'lots'")).body).toMatchObject({
      code: 'INVALID_QUERY',
      message: 'value given seems to be invalid for the column',
    });
    expect((await coql('select Deal_Name from Deals limit 99900, 200')).body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { by: 'offset', limit: 100_000 },
    });
    expect((await coql('select Deal_Name, COUNT(id) from Deals')).body).toMatchObject({
      code: 'INVALID_QUERY',
      message: 'unsupported column',
      details: { column_name: 'Deal_Name' },
    });
    expect((await client.call('POST', '/coql', {})).body).toEqual({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'select_query' },
      message: 'mandatory key not found',
      status: 'error',
    });
  });

  it('answers at most 200 rows a call, as the 200 answer of coql.yaml holds, and refuses a larger LIMIT', async () => {
    await client.call('POST', '/Leads', {
      data: Array.from({ length: 100 }, (_, i) => ({ Last_Name: `Paged ${i}`, Company: 'Page Size Co' })),
    });
    await client.call('POST', '/Leads', {
      data: Array.from({ length: 100 }, (_, i) => ({ Last_Name: `Paged ${100 + i}`, Company: 'Page Size Co' })),
    });
    await client.call('POST', '/Leads', { data: [{ Last_Name: 'Paged 200', Company: 'Page Size Co' }] });
    const where = "from Leads where Company = 'Page Size Co'";
    const first = await coql(`select Last_Name ${where}`);
    expect(list(first.body)).toHaveLength(200);
    expect(obj(first.body).info).toEqual({ count: 200, more_records: true });
    const rest = await coql(`select Last_Name ${where} limit 200 offset 200`);
    expect(obj(rest.body).info).toEqual({ count: 1, more_records: false });
    expect((await coql(`select Last_Name ${where} limit 201`)).body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { by: 'limit', limit: 200 },
    });
    expect((await coql(`select Last_Name ${where} limit 0`)).body).toMatchObject({
      code: 'INVALID_DATA',
      message: 'limit should be greater than 0',
    });
    expect((await coql(`select Last_Name ${where} limit many`)).body).toMatchObject({
      code: 'INVALID_QUERY',
      details: { limit: 'many' },
    });
  });

  it("gives the selected fields' metadata when include_meta asks for fields, and refuses other values", async () => {
    const select_query =
      'select Last_Name, First_Name, COUNT(id) from Leads where Last_Name is not null group by Last_Name, First_Name';
    const answer = await client.call('POST', '/coql', { select_query, include_meta: ['fields'] });
    expect(answer.status).toBe(200);
    const fields = obj(obj(answer.body).fields);
    expect(Object.keys(fields).sort()).toEqual(['First_Name', 'Last_Name']);
    expect(obj(fields.Last_Name)).toMatchObject({ api_name: 'Last_Name', data_type: 'text', required: true });
    const refused = async (include_meta: unknown) =>
      (await client.call('POST', '/coql', { select_query, include_meta })).body;
    expect(await refused('fields')).toMatchObject({
      code: 'INVALID_DATA',
      details: { expected_data_type: 'jsonarray' },
    });
    expect(await refused(['layouts'])).toMatchObject({
      code: 'INVALID_DATA',
      details: { json_path: '$.include_meta[0]', supported_values: ['fields'] },
    });
    expect(await refused([7])).toMatchObject({ code: 'INVALID_DATA', details: { expected_data_type: 'text' } });
  });

  it('refuses repeated columns and aliases, orderings on text, and statements other than SELECT', async () => {
    const w = "from Leads where Last_Name = 'x'";
    expect((await coql(`select Last_Name, Last_Name ${w}`)).body).toMatchObject({
      code: 'DUPLICATE_DATA',
      details: { column_name: 'Last_Name' },
    });
    expect((await coql(`select MAX(No_of_Employees), MAX(No_of_Employees) ${w}`)).body).toMatchObject({
      code: 'DUPLICATE_DATA',
      details: { column_name: 'No_of_Employees', aggregate: 'MAX' },
    });
    expect((await coql(`select Last_Name as N, First_Name as N ${w}`)).body).toMatchObject({
      code: 'DUPLICATE_ALIAS',
      details: { alias: 'N', referred_columns: ['Last_Name', 'First_Name'] },
    });
    expect((await coql(`select Last_Name, First_Name as Last_Name ${w}`)).body).toMatchObject({
      code: 'INVALID_QUERY',
      details: { column_name: 'First_Name', alias: 'Last_Name' },
    });
    expect((await coql(`select Last_Name as '' ${w}`)).body).toMatchObject({ code: 'INVALID_ALIAS' });
    expect((await coql("select Last_Name from Leads where Company > 'A'")).body).toMatchObject({
      code: 'INVALID_QUERY',
      details: { reason: 'invalid operator found', column_name: 'Company', operator: '>' },
    });
    expect((await coql("select Last_Name from Leads where not Company = 'A'")).body).toMatchObject({
      code: 'SYNTAX_ERROR',
      details: { operator: 'not' },
    });
    expect((await coql('select Last_Name from Leads where')).body).toMatchObject({
      code: 'SYNTAX_ERROR',
      details: { clause: 'where' },
    });
    expect((await coql("delete from Leads where Last_Name = 'x'")).body).toMatchObject({
      code: 'SYNTAX_ERROR',
      message: 'given coql query not supported',
    });
    expect((await coql(`select Upper(Last_Name) ${w}`)).body).toMatchObject({
      code: 'INVALID_DATA',
      details: { reason: 'unsupported aggregate function', column: 'Upper(Last_Name)' },
    });
    expect((await coql(`select Last_Name ${w} order by Last_Name, Last_Name`)).body).toMatchObject({
      code: 'DUPLICATE_DATA',
    });
  });
});
