/**
 * What a handoff run reads: the lookups its paths walk, from the trigger record as from the records around it, and
 * no record twice.
 *
 * @module-tag e2e
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnapshot } from '@zlc/flow';
import { type ResolvedModel, validateSource } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import type { CrmRecord, ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, ROOT } from './support/flow-world.js';

let sandbox: Sandbox;
let clients: ZohoClients;
let deal: CrmRecord;
let contact: CrmRecord;
let account: CrmRecord;

/** The root model with the desk account step's `website:` and `phone:` lines mapped from other paths. */
function rootWith(website: string, phone: string): ResolvedModel {
  const text = readFileSync(join(ROOT, 'lifecycle.yaml'), 'utf8');
  const lines = 'website: account.Website\n          phone: account.Phone\n          cf_crm_account_id';
  if (!text.includes(lines)) throw new Error('lifecycle.yaml changed: the desk account step is not where it was');
  const checked = validateSource(
    text.replace(lines, `website: ${website}\n          phone: ${phone}\n          cf_crm_account_id`),
  );
  if (!checked.ok) throw new Error(checked.diagnostics.map((d) => d.message).join('; '));
  return checked.resolved;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  clients = clientsFor(sandbox.env);
  const crm = clients.crm.records;
  const none = { lookup: async () => undefined };
  account = await crm.createOnce('Accounts', { Account_Name: 'Lookup Works', Phone: '+1 555 0101' }, none);
  contact = await crm.createOnce(
    'Contacts',
    { Last_Name: 'Hopper', Phone: '+1 555 0199', Account_Name: { id: account.id } },
    none,
  );
  deal = await crm.createOnce(
    'Deals',
    {
      Deal_Name: 'Lookup deal',
      Stage: 'Qualification',
      Closing_Date: '2026-12-31',
      Account_Name: { id: account.id },
      Contact_Name: { id: contact.id },
    },
    none,
  );
}, 60_000);

afterAll(async () => {
  clients?.close();
  await sandbox?.close();
});

async function crmCallsToLoad(model: ResolvedModel) {
  const handoff = model.handoffs.find((h) => h.id === 'won-deal-to-desk');
  if (!handoff) throw new Error('no won-deal-to-desk');
  const before = sandbox.stats().requests.crm;
  const loaded = await loadSnapshot(clients, model, handoff, deal.id);
  if (!loaded.found) throw new Error('deal not found');
  return { snapshot: loaded.snapshot, calls: sandbox.stats().requests.crm - before };
}

describe('the snapshot of a handoff run on a deal', () => {
  it("follows a lookup of the trigger record itself (record.Contact_Name.Phone) into the deal's contact", async () => {
    const { snapshot } = await crmCallsToLoad(rootWith('account.Website', 'record.Contact_Name.Phone'));
    expect(snapshot.lookups[contact.id]?.Phone).toBe('+1 555 0199');
  });

  it('reads a record it already holds no second time when a path reaches it through a lookup', async () => {
    const plain = await crmCallsToLoad(rootWith('account.Website', 'account.Phone'));
    const through = await crmCallsToLoad(rootWith('deal.Account_Name.Website', 'account.Phone'));
    expect(through.calls).toBe(plain.calls);
    expect(through.snapshot.lookups[account.id]?.Account_Name).toBe('Lookup Works');
  });
});
