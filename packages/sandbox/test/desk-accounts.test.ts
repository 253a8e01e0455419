/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const desk = deskCaller(() => sandbox.current);

async function createAccount(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await desk('POST', '/accounts', body);
  expect(answer.status).toBe(200);
  return obj(answer);
}

function fieldNames(answer: { body: unknown }): string[] {
  const errors = (answer.body as { errors?: { fieldName: string }[] }).errors ?? [];
  return errors.map((e) => e.fieldName);
}

describe('Desk accounts', () => {
  it('creates an account and answers the bare record with a long numeric-string id and ISO timestamps', async () => {
    const account = await createAccount({
      accountName: 'Initech',
      email: 'it@initech.example.com',
      industry: 'Software',
    });
    expect(account.id).toMatch(/^[0-9]{18}$/);
    expect(account.accountName).toBe('Initech');
    expect(account.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(account.cf).toEqual({});
    const again = obj(await desk('GET', `/accounts/${String(account.id)}`));
    expect(again).toEqual(account);
  });

  it('refuses an account without accountName with INVALID_DATA and a missing field', async () => {
    const answer = await desk('POST', '/accounts', { email: 'nobody@example.com' });
    expect(answer.status).toBe(422);
    expect(obj(answer).errorCode).toBe('INVALID_DATA');
    expect((answer.body as { errors: unknown[] }).errors).toEqual([
      { fieldName: '/accountName', errorType: 'missing', errorMessage: expect.any(String) },
    ]);
  });

  it('refuses unknown fields, wrong types and over-long values, all in one answer', async () => {
    const answer = await desk('POST', '/accounts', { accountName: 'x'.repeat(201), phone: 5, colour: 'red' });
    expect(answer.status).toBe(422);
    expect(fieldNames(answer).sort()).toEqual(['/accountName', '/colour', '/phone']);
  });

  it('updates only the given properties with PATCH', async () => {
    const account = await createAccount({ accountName: 'Umbrella', phone: '+1 555 0101' });
    const answer = await desk('PATCH', `/accounts/${String(account.id)}`, { website: 'https://umbrella.example.com' });
    expect(answer.status).toBe(200);
    expect(obj(answer).phone).toBe('+1 555 0101');
    expect(obj(answer).website).toBe('https://umbrella.example.com');
    expect(obj(answer).modifiedTime).toBeTypeOf('string');
  });

  it('refuses to blank accountName and answers 404 for an unknown account', async () => {
    const account = await createAccount({ accountName: 'Hooli' });
    expect((await desk('PATCH', `/accounts/${String(account.id)}`, { accountName: '' })).status).toBe(422);
    expect((await desk('PATCH', `/accounts/${String(account.id)}`, {})).status).toBe(422);
    expect((await desk('GET', '/accounts/189200000000000001')).status).toBe(404);
    expect((await desk('PATCH', '/accounts/189200000000000001', { phone: '1' })).status).toBe(404);
  });

  it('pages with from and limit, answers 204 past the end, and refuses limit over 100', async () => {
    const count = Number(obj(await desk('GET', '/accounts/count')).count);
    const first = data(await desk('GET', '/accounts?from=1&limit=2'));
    const second = data(await desk('GET', '/accounts?from=3&limit=2'));
    expect(first).toHaveLength(2);
    expect(second[0]?.id).not.toBe(first[1]?.id);
    expect((await desk('GET', `/accounts?from=${count + 1}&limit=10`)).status).toBe(204);
    const tooMany = await desk('GET', '/accounts?limit=101');
    expect(tooMany.status).toBe(422);
    expect(obj(tooMany).errorCode).toBe('UNPROCESSABLE_ENTITY');
    expect((await desk('GET', '/accounts?from=abc')).status).toBe(422);
  });

  it('sorts by accountName ascending and descending', async () => {
    const up = data(await desk('GET', '/accounts?sortBy=accountName&limit=100')).map((a) => String(a.accountName));
    const down = data(await desk('GET', '/accounts?sortBy=-accountName&limit=100')).map((a) => String(a.accountName));
    expect(up).toEqual([...up].sort((a, b) => a.localeCompare(b)));
    expect(down).toEqual([...up].reverse());
    expect((await desk('GET', '/accounts?sortBy=colour')).status).toBe(422);
  });

  it('moves accounts to the trash and refuses unknown ids', async () => {
    const account = await createAccount({ accountName: 'Soon Gone' });
    expect((await desk('POST', '/accounts/moveToTrash', { accountIds: [account.id] })).status).toBe(204);
    expect((await desk('GET', `/accounts/${String(account.id)}`)).status).toBe(404);
    expect((await desk('POST', '/accounts/moveToTrash', { accountIds: [account.id] })).status).toBe(422);
    expect((await desk('POST', '/accounts/moveToTrash', { accountIds: [] })).status).toBe(422);
  });
});

describe('Desk contacts', () => {
  it('creates a contact on an account and lists it under the account', async () => {
    const account = await createAccount({ accountName: 'Vandelay' });
    const created = await desk('POST', '/contacts', {
      lastName: 'Costanza',
      firstName: 'George',
      email: 'g@vandelay.example.com',
      accountId: account.id,
    });
    expect(created.status).toBe(200);
    const contact = obj(created);
    expect(contact.account).toEqual({ id: account.id, accountName: 'Vandelay', website: null });
    const under = data(await desk('GET', `/accounts/${String(account.id)}/contacts`));
    expect(under.map((c) => c.id)).toEqual([contact.id]);
    expect(under[0]?.mappingInfo).toMatchObject({ mappingType: 'PRIMARY' });
    const accounts = data(await desk('GET', `/contacts/${String(contact.id)}/accounts`));
    expect(accounts.map((a) => a.id)).toEqual([account.id]);
  });

  it('refuses a contact without lastName, with a bad email, or on an unknown account', async () => {
    const answer = await desk('POST', '/contacts', { firstName: 'Only', email: 'not-an-email', accountId: '1' });
    expect(answer.status).toBe(422);
    expect(fieldNames(answer).sort()).toEqual(['/email', '/lastName']);
    const unknown = await desk('POST', '/contacts', { lastName: 'X', accountId: '189200000000000001' });
    expect(fieldNames(unknown)).toEqual(['/accountId']);
  });

  it('gets, updates, counts and lists contacts; 204 for an account without contacts', async () => {
    const contact = obj(await desk('POST', '/contacts', { lastName: 'Benes', firstName: 'Elaine' }));
    const updated = obj(await desk('PATCH', `/contacts/${String(contact.id)}`, { title: 'Editor' }));
    expect(updated.title).toBe('Editor');
    expect(obj(await desk('GET', `/contacts/${String(contact.id)}`)).title).toBe('Editor');
    const count = Number(obj(await desk('GET', '/contacts/count')).count);
    expect(data(await desk('GET', '/contacts?limit=100')).length).toBe(count);
    const lonely = await createAccount({ accountName: 'Lonely Inc' });
    expect((await desk('GET', `/accounts/${String(lonely.id)}/contacts`)).status).toBe(204);
    expect((await desk('GET', `/contacts/${String(contact.id)}/accounts`)).status).toBe(204);
    expect((await desk('GET', '/contacts/1')).status).toBe(404);
  });

  it('moves contacts to the trash', async () => {
    const contact = obj(await desk('POST', '/contacts', { lastName: 'Kramer' }));
    expect((await desk('POST', '/contacts/moveToTrash', { contactIds: [contact.id] })).status).toBe(204);
    expect((await desk('GET', `/contacts/${String(contact.id)}`)).status).toBe(404);
  });
});

describe('Desk search', () => {
  it('finds accounts by name with wildcards and answers 204 when nothing matches', async () => {
    await createAccount({ accountName: 'Searchable Widgets' });
    const hit = await desk('GET', '/accounts/search?accountName=searchable*');
    expect(hit.status).toBe(200);
    expect(data(hit).map((a) => a.accountName)).toEqual(['Searchable Widgets']);
    expect(obj(hit).count).toBe(1);
    expect((await desk('GET', '/accounts/search?accountName=nothing-like-this')).status).toBe(204);
  });

  it('finds contacts by email', async () => {
    await desk('POST', '/contacts', { lastName: 'Seinfeld', email: 'jerry@example.com' });
    const hit = data(await desk('GET', '/contacts/search?email=jerry@example.com'));
    expect(hit.map((c) => c.lastName)).toEqual(['Seinfeld']);
  });

  it('refuses a limit over 100 and a malformed customField parameter', async () => {
    expect((await desk('GET', '/accounts/search?accountName=a*&limit=101')).status).toBe(422);
    expect((await desk('GET', '/accounts/search?customField1=nocolon')).status).toBe(422);
  });
});
