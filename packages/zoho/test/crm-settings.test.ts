/**
 * @module-tag e2e
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ seed: 'default' });
});
afterAll(async () => {
  await harness.close();
});

describe('CRM settings writes', () => {
  it('creates a custom field, marks it required in a layout, and reads both back', async () => {
    const { crm } = harness.clients;
    const [created] = await crm.createFields('Deals', [
      { field_label: 'Invoice Reference', data_type: 'text', length: 40 },
    ]);
    if (created?.status !== 'success') throw new Error(`field not created: ${JSON.stringify(created)}`);
    const field = (await crm.listFields('Deals')).find((f) => f.id === created.id);
    expect(field).toMatchObject({ field_label: 'Invoice Reference', custom_field: true });

    const layout = (await crm.listLayouts('Deals'))[0];
    const section = layout?.sections?.[0];
    if (layout === undefined || section?.id === undefined) throw new Error('the Deals layout has no section');
    await crm.updateLayout('Deals', layout.id, {
      sections: [{ id: section.id, fields: [{ id: created.id, required: true }] }],
    });
    const after = (await crm.listLayouts('Deals')).find((l) => l.id === layout.id);
    const placed = after?.sections?.flatMap((s) => s.fields ?? []).find((f) => f.id === created.id);
    expect(placed?.required).toBe(true);
  });

  it('reports a duplicate field label as that entry’s error with Zoho’s code', async () => {
    const { crm } = harness.clients;
    await crm.createFields('Accounts', [{ field_label: 'Twice', data_type: 'text' }]);
    const [again] = await crm.createFields('Accounts', [{ field_label: 'Twice', data_type: 'text' }]);
    expect(again).toMatchObject({ status: 'error', code: 'DUPLICATE_DATA' });
  });

  it('reads picklist values from the layout and the values endpoint, not from the fields list', async () => {
    const { crm } = harness.clients;
    const [made] = await crm.createFields('Contacts', [
      {
        field_label: 'Segment',
        data_type: 'picklist',
        pick_list_values: [
          { display_value: 'SMB', actual_value: 'SMB' },
          { display_value: 'Mid', actual_value: 'Mid' },
        ],
      },
    ]);
    if (made?.status !== 'success') throw new Error(`field not created: ${JSON.stringify(made)}`);
    const listed = (await crm.listFields('Contacts')).find((f) => f.id === made.id);
    expect(listed?.pick_list_values).toEqual([]);
    const layout = (await crm.listLayouts('Contacts'))[0];
    const placed = layout?.sections?.flatMap((s) => s.fields ?? []).find((f) => f.id === made.id);
    expect(placed?.pick_list_values?.map((v) => v.display_value)).toEqual(['-None-', 'SMB', 'Mid']);
    const values = await crm.listPicklistValues('Contacts', made.id);
    expect(values.map((v) => v.display_value)).toEqual(['-None-', 'SMB', 'Mid']);
  });

  it('maps a new Stage value into the pipeline of the Deals layout', async () => {
    const { crm } = harness.clients;
    const stage = (await crm.listFields('Deals')).find((f) => f.api_name === 'Stage');
    if (stage === undefined) throw new Error('no Stage field');
    await crm.updateField('Deals', stage.id, {
      pick_list_values: [{ display_value: 'Pilot', actual_value: 'Pilot', probability: 30, forecast_type: 'Open' }],
    });
    const value = (await crm.listPicklistValues('Deals', stage.id)).find((v) => v.display_value === 'Pilot');
    const layout = (await crm.listLayouts('Deals'))[0];
    if (layout === undefined || value?.id === undefined) throw new Error('no Pilot stage or Deals layout');
    const [pipeline] = await crm.listPipelines(layout.id);
    if (pipeline === undefined) throw new Error('no pipeline');
    expect(pipeline.maps?.map((m) => m.display_value)).not.toContain('Pilot');
    await crm.updatePipeline(layout.id, pipeline.id, { maps: [{ id: value.id, sequence_number: 2 }] });
    const [after] = await crm.listPipelines(layout.id);
    expect(after?.maps?.[1]).toMatchObject({ display_value: 'Pilot', id: value.id });
  });

  it('classifies a refused single settings write by the code in its entry', async () => {
    const { crm } = harness.clients;
    const failure = await crm.updateField('Accounts', '999999999', { field_label: 'Nope' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'rejected', product: 'crm' });
    expect((failure as { zohoCode?: string }).zohoCode).toBeTruthy();
  });
});
