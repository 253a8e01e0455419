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
