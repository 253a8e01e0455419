/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, type Json } from './crm-helpers.js';
import { layoutFields } from './crm-settings-helpers.js';

const { client } = crmSandbox();

/** The field as the module's Standard layout shows it: the fields API carries no picklist values. */
async function field(module: string, id: string): Promise<Json> {
  const found = (await layoutFields(client, module)).find((f) => f.id === id);
  if (found === undefined) throw new Error(`no field ${id} in the ${module} layout`);
  return found;
}

function values(f: Json): Json[] {
  return [...((f.pick_list_values ?? []) as Json[])].sort(
    (a, b) => Number(a.sequence_number) - Number(b.sequence_number),
  );
}

const names = (f: Json) => values(f).map((v) => v.display_value);
const idOfValue = (f: Json, name: string) => values(f).find((v) => v.display_value === name)?.id;

async function stageField(): Promise<Json> {
  const stage = (await layoutFields(client, 'Deals')).find((f) => f.api_name === 'Stage');
  if (stage === undefined) throw new Error('no Stage field');
  return stage;
}

describe('picklist order through the fields PATCH', () => {
  it('moves a value to the place its sequence number names; the others keep their order and every id stays', async () => {
    const created = await client.call('POST', '/settings/fields?module=Accounts', {
      fields: [
        {
          field_label: 'Region',
          data_type: 'picklist',
          pick_list_values: ['North', 'East', 'South', 'West'].map((v) => ({ display_value: v, actual_value: v })),
        },
      ],
    });
    const id = idOf(created.body, 'fields');
    const before = await field('Accounts', id);
    const patched = await client.call('PATCH', `/settings/fields/${id}?module=Accounts`, {
      fields: [{ pick_list_values: [{ id: idOfValue(before, 'West'), sequence_number: 2 }] }],
    });
    expect(patched.status).toBe(200);
    const after = await field('Accounts', id);
    expect(names(after)).toEqual(['-None-', 'West', 'North', 'East', 'South']);
    expect(values(after).map((v) => v.sequence_number)).toEqual([1, 2, 3, 4, 5]);
    for (const name of ['North', 'East', 'South', 'West']) expect(idOfValue(after, name)).toBe(idOfValue(before, name));
  });

  it('swaps two Deal stages without deleting either, then places a stage it adds', async () => {
    const stage = await stageField();
    const before = names(stage);
    const won = idOfValue(stage, 'Closed Won');
    const lost = idOfValue(stage, 'Closed Lost');
    const wonAt = before.indexOf('Closed Won') + 1;
    const lostAt = before.indexOf('Closed Lost') + 1;
    const swapped = await client.call('PATCH', `/settings/fields/${stage.id}?module=Deals`, {
      fields: [
        {
          pick_list_values: [
            { id: won, sequence_number: lostAt },
            { id: lost, sequence_number: wonAt },
          ],
        },
      ],
    });
    expect(swapped.status).toBe(200);
    const after = await stageField();
    const expected = [...before];
    expected[wonAt - 1] = 'Closed Lost';
    expected[lostAt - 1] = 'Closed Won';
    expect(names(after)).toEqual(expected);
    expect([idOfValue(after, 'Closed Won'), idOfValue(after, 'Closed Lost')]).toEqual([won, lost]);

    const added = await client.call('PATCH', `/settings/fields/${stage.id}?module=Deals`, {
      fields: [
        {
          pick_list_values: [
            {
              display_value: 'Discovery',
              actual_value: 'Discovery',
              probability: 15,
              forecast_type: 'Open',
              sequence_number: 2,
            },
          ],
        },
      ],
    });
    expect(added.status).toBe(200);
    expect(names(await stageField())).toEqual([expected[0], 'Discovery', ...expected.slice(1)]);
  });

  it('refuses a sequence number that is not a whole number, changing nothing', async () => {
    const stage = await stageField();
    const answer = await client.call('PATCH', `/settings/fields/${stage.id}?module=Deals`, {
      fields: [{ pick_list_values: [{ id: idOfValue(stage, 'Qualification'), sequence_number: 'first' }] }],
    });
    expect(first(answer.body, 'fields')).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'sequence_number', expected_data_type: 'integer' },
    });
    expect(names(await stageField())).toEqual(names(stage));
  });
});
