/**
 * The `desk_field` executor against the sandbox, through the real Desk client: creates and updates go out in the
 * shapes Field.json documents (the sandbox refuses anything else), and a picklist's values reach every layout.
 *
 * @module-tag e2e
 */
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { createZohoClients, type DeskModule, loadZohoConfig, systemClock, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateAction } from '../src/plan-types.js';
import { type DeskFieldAttributes, deskFieldCodec } from '../src/resources/desk-field/attributes.js';
import { deskFieldExecutor } from '../src/resources/desk-field/executor.js';
import type { ExecutorContext } from '../src/resources/executor.js';

let sandbox: Sandbox;
let clients: ZohoClients;

beforeAll(async () => {
  sandbox = await startSandbox({});
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox config does not load');
  clients = createZohoClients(loaded.config);
});
afterAll(async () => {
  clients.close();
  await sandbox.close();
});

function context(): ExecutorContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    clients,
    clock: systemClock,
    onZohoEvent: () => {},
    remoteIds: new Map(),
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!memo.has(key)) memo.set(key, load());
      return memo.get(key) as Promise<T>;
    },
  };
}

async function create(a: DeskFieldAttributes): Promise<string> {
  const address = `desk_field.${a.module}.${a.apiName}`;
  return deskFieldExecutor.create({ address, title: address, after: deskFieldCodec.encode(a) }, context());
}

function update(id: string, before: DeskFieldAttributes, after: DeskFieldAttributes): Promise<void> {
  const action: UpdateAction = {
    action: 'update',
    address: `desk_field.${after.module}.${after.apiName}`,
    type: 'desk_field',
    product: 'desk',
    title: after.apiName,
    dependsOn: [],
    remoteId: id,
    before: deskFieldCodec.encode(before),
    after: deskFieldCodec.encode(after),
    changes: [],
  };
  return deskFieldExecutor.update(action, context());
}

/** A picklist's values as each layout of the module shows them. */
async function valuesPerLayout(module: DeskModule, apiName: string): Promise<unknown[]> {
  const layouts = await clients.desk.listLayouts(module);
  const out: unknown[] = [];
  for (const summary of layouts) {
    const layout = await clients.desk.getLayout(summary.id);
    const sections = (layout.sections ?? []) as { fields: { apiName: string; allowedValues?: unknown }[] }[];
    out.push(sections.flatMap((s) => s.fields).find((f) => f.apiName === apiName)?.allowedValues);
  }
  return out;
}

describe('the desk_field executor', () => {
  it('creates a picklist without values in its body, then gives every layout of the module its values', async () => {
    const tier: DeskFieldAttributes = {
      module: 'tickets',
      apiName: 'cf_support_tier',
      label: 'Support Tier',
      fieldType: 'Picklist',
      values: ['Bronze', 'Silver', 'Gold'],
    };
    const id = await create(tier);
    const field = await clients.desk.getField(id);
    expect(field.pickListValues).toEqual([{ value: 'Bronze' }, { value: 'Silver' }, { value: 'Gold' }]);
    const layouts = await valuesPerLayout('tickets', 'cf_support_tier');
    expect(layouts.length).toBeGreaterThan(1);
    expect(layouts.every((v) => JSON.stringify(v) === JSON.stringify(['Bronze', 'Silver', 'Gold']))).toBe(true);

    await update(id, tier, { ...tier, values: ['Bronze', 'Gold', 'Platinum'] });
    expect((await valuesPerLayout('tickets', 'cf_support_tier'))[0]).toEqual(['Bronze', 'Gold', 'Platinum']);
  });

  it('updates a Text field with its whole documented shape: the label and maxLength change in place', async () => {
    const ref: DeskFieldAttributes = {
      module: 'accounts',
      apiName: 'cf_customer_ref',
      label: 'Customer Ref',
      fieldType: 'Text',
      maxLength: 50,
    };
    const id = await create(ref);
    await update(id, ref, { ...ref, label: 'Customer Reference', maxLength: 120 });
    expect(await clients.desk.getField(id)).toMatchObject({
      apiName: 'cf_customer_ref',
      displayLabel: 'Customer Reference',
      maxLength: 120,
    });
  });

  it('keeps a Number field’s maxLength from the org and changes a Currency field’s decimals in place', async () => {
    const seats: DeskFieldAttributes = { module: 'accounts', apiName: 'cf_seats', label: 'Seats', fieldType: 'Number' };
    const seatsId = await create(seats);
    await update(seatsId, seats, { ...seats, label: 'Licensed Seats' });
    expect(await clients.desk.getField(seatsId)).toMatchObject({ displayLabel: 'Licensed Seats', maxLength: 9 });

    const value: DeskFieldAttributes = {
      module: 'accounts',
      apiName: 'cf_contract_value',
      label: 'Contract Value',
      fieldType: 'Currency',
      decimals: 2,
    };
    const valueId = await create(value);
    await update(valueId, value, { ...value, decimals: 4 });
    expect(await clients.desk.getField(valueId)).toMatchObject({ decimalPlaces: 4 });
  });

  it('says which Desk types it cannot create through the fields API instead of sending them', async () => {
    const fax: DeskFieldAttributes = {
      module: 'contacts',
      apiName: 'cf_fax_line',
      label: 'Fax Line',
      fieldType: 'Fax',
    };
    await expect(create(fax)).rejects.toThrow(/cannot create or change a Fax field/);
  });
});
