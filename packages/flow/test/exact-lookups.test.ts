/**
 * The runtime finds CRM records by exact equality, never by a search hit: Zoho's search matches `equals` by
 * containment and misses a record for a while after it is written (module_search.yaml). The sandbox behaves so
 * (its search index delay is on by default), and these lookups must still find exactly the right record.
 *
 * @module-tag e2e
 */
import type { ResolvedHandoff } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { collect, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageOwners } from '../src/owners/stage-owners.js';
import { tellOwner } from '../src/steps/blocked-task.js';
import { targetAdapter } from '../src/steps/targets.js';
import { clientsFor, rootModel } from './support/flow-world.js';

let sandbox: Sandbox;
let clients: ZohoClients;
let handoff: ResolvedHandoff;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'default' });
  clients = clientsFor(sandbox.env);
  const model = await rootModel();
  const first = model.handoffs.find((h) => h.trigger.on === 'record_enters_stage');
  if (first === undefined) throw new Error('the root model has no stage handoff');
  handoff = first;
});

afterAll(async () => {
  clients.close();
  await sandbox.close();
});

const accountsNamed = async (name: string) =>
  collect(clients.crm.records.coql(`select Account_Name from Accounts where Account_Name = '${name}'`));

describe('finding the CRM record a step writes', () => {
  it('never picks a record whose value only contains the one looked for', async () => {
    await clients.crm.records.create('Accounts', [{ Account_Name: 'Lookup Ltd Holdings' }]);
    sandbox.clock.advance(sandbox.crm.searchIndexDelayMs() + 1000);
    const adapter = targetAdapter(clients, 'crm', 'Accounts');
    expect(await adapter.find('Account_Name', 'Lookup Ltd')).toBeUndefined();
  });

  it('finds a record created a moment ago, inside the search indexing delay, with all its fields', async () => {
    const [created] = await clients.crm.records.create('Accounts', [{ Account_Name: 'Just Made Ltd', Phone: '555' }]);
    const adapter = targetAdapter(clients, 'crm', 'Accounts');
    const found = await adapter.find('Account_Name', 'Just Made Ltd');
    expect(found).toMatchObject({ id: created?.status === 'success' ? created.id : '?', Phone: '555' });
  });

  it('after an ambiguous create finds the record it made instead of making a second', async () => {
    sandbox.faults.set([
      { product: 'crm', method: 'POST', path: '/crm/v8/Accounts', kind: 'drop', when: 'after', times: 1 },
    ]);
    try {
      const adapter = targetAdapter(clients, 'crm', 'Accounts');
      const record = await adapter.create(
        { Account_Name: 'Dropped Answer Ltd' },
        { key: 'Account_Name', value: 'Dropped Answer Ltd' },
      );
      expect(record.id).toBeTruthy();
      expect(await accountsNamed('Dropped Answer Ltd')).toHaveLength(1);
    } finally {
      sandbox.faults.clear();
    }
  });
});

describe('telling a stage owner what a handoff waits for', () => {
  it('keeps one task when told twice in a row (the first task is not in search yet)', async () => {
    const [deal] = await clients.crm.records.create('Deals', [
      { Deal_Name: 'Waiting deal', Stage: 'Qualification', Closing_Date: '2026-12-31' },
    ]);
    if (deal?.status !== 'success') throw new Error('deal not created');
    const trigger = { id: deal.id };
    const owners = new StageOwners(clients);
    const first = await tellOwner(clients, owners, handoff, trigger, ['account.Billing_Street'], undefined);
    const second = await tellOwner(clients, owners, handoff, trigger, ['account.Billing_City'], undefined);
    expect(second).toBe(first);
    const tasks = await collect(
      clients.crm.records.coql(`select Subject, Description from Tasks where Subject like '%blocked on ${deal.id}'`),
    );
    expect(tasks).toHaveLength(1);
    expect(String(tasks[0]?.Description)).toContain('Account › Billing City');
  });
});
