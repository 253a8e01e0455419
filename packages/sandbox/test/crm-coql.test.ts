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
    expect((await coql('select Deal_Name from Spaceships')).body).toMatchObject({ code: 'INVALID_QUERY' });
    expect((await coql("select Deal_Name from Deals where Amount = 'lots'")).body).toMatchObject({
      code: 'INVALID_QUERY',
      message: 'value given seems to be invalid for the column',
    });
    expect((await coql('select Deal_Name from Deals limit 2001')).body).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect((await coql('select Deal_Name from Deals limit 99000, 2000')).body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    expect((await coql('select Deal_Name, COUNT(id) from Deals')).body).toMatchObject({ code: 'INVALID_QUERY' });
    expect((await client.call('POST', '/coql', {})).status).toBe(400);
  });
});
