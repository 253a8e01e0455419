/**
 * @module-tag e2e
 */
import { collect, ZohoRejectedError } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ seed: 'default' });
});
afterAll(async () => {
  await harness.close();
});

describe('CRM record writes', () => {
  it('returns every record’s outcome from a batch, the failures with their field', async () => {
    const results = await harness.clients.crm.records.create('Contacts', [
      { Last_Name: 'Batch one' },
      { First_Name: 'No last name' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['success', 'error']);
    expect(results[1]).toMatchObject({ status: 'error', code: 'MANDATORY_NOT_FOUND', field: 'Last_Name', index: 1 });
  });

  it('returns the outcomes when every record of a batch failed', async () => {
    const results = await harness.clients.crm.records.create('Contacts', [{ First_Name: 'A' }, { First_Name: 'B' }]);
    expect(results.map((r) => r.status)).toEqual(['error', 'error']);
  });

  it('throws the classified error for a single-record write that Zoho refuses', async () => {
    const failure = await harness.clients.crm.records
      .createOnce('Contacts', { First_Name: 'Alone' }, { lookup: async () => undefined })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZohoRejectedError);
    expect(failure).toMatchObject({ zohoCode: 'MANDATORY_NOT_FOUND', source: 'user' });
    expect((failure as ZohoRejectedError).details[0]?.field).toBe('Last_Name');
  });

  it('updates by id and deletes, and a repeated delete reports the record as gone', async () => {
    const { crm } = harness.clients;
    const [created] = await crm.records.create('Accounts', [{ Account_Name: 'Update me' }]);
    if (created?.status !== 'success') throw new Error('not created');
    await crm.records.update('Accounts', created.id, { Account_Name: 'Updated' });
    expect((await crm.records.get('Accounts', created.id))?.Account_Name).toBe('Updated');
    expect((await crm.records.delete('Accounts', [created.id]))[0]?.status).toBe('success');
    expect((await crm.records.delete('Accounts', [created.id]))[0]?.status).toBe('error');
    expect(await collect(crm.records.coql("select Account_Name from Accounts where Account_Name = 'Updated'"))).toEqual(
      [],
    );
  });
});

describe('finding one CRM record exactly', () => {
  it('finds a record created a moment ago, while search cannot see it yet', async () => {
    const { crm } = harness.clients;
    const [created] = await crm.records.create('Accounts', [{ Account_Name: 'Exact Find Ltd' }]);
    if (created?.status !== 'success') throw new Error('not created');
    expect(harness.sandbox.crm.searchIndexDelayMs()).toBeGreaterThan(0);
    expect(await collect(crm.records.search('Accounts', { criteria: '(Account_Name:equals:Exact Find Ltd)' }))).toEqual(
      [],
    );
    expect(await crm.records.findExact('Accounts', 'Account_Name', 'Exact Find Ltd')).toEqual([
      { Account_Name: 'Exact Find Ltd', id: created.id },
    ]);
  });

  it('never takes a record whose value only contains the one looked for, or differs in case', async () => {
    const { crm } = harness.clients;
    const results = await crm.records.create('Accounts', [
      { Account_Name: "O'Brien & Co Holdings" },
      { Account_Name: "o'brien & co" },
    ]);
    expect(results.map((r) => r.status)).toEqual(['success', 'success']);
    harness.sandbox.clock.advance(harness.sandbox.crm.searchIndexDelayMs() + 1000);
    // Search's equals matches by containment (module_search.yaml): both records come back.
    const hits = await collect(crm.records.search('Accounts', { criteria: "(Account_Name:equals:O'Brien & Co)" }));
    expect(hits).toHaveLength(2);
    expect(await crm.records.findExact('Accounts', 'Account_Name', "O'Brien & Co")).toEqual([]);
    const [exact] = await crm.records.create('Accounts', [{ Account_Name: "O'Brien & Co" }]);
    expect((await crm.records.findExact('Accounts', 'Account_Name', "O'Brien & Co")).map((r) => r.id)).toEqual([
      exact?.status === 'success' ? exact.id : 'not created',
    ]);
  });

  it('refuses a module or field name that is not an API name, rather than build a query from it', async () => {
    await expect(harness.clients.crm.records.findExact('Accounts', "x' or id", 'v')).rejects.toThrow(RangeError);
  });
});
