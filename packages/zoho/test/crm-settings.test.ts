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
    if (layout === undefined || section === undefined) throw new Error('the Deals layout has no section');
    await crm.updateLayout('Deals', layout.id, {
      sections: [{ api_name: section.api_name, fields: [{ id: created.id, required: true }] }],
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

  it('classifies a refused single settings write by the code in its entry', async () => {
    const { crm } = harness.clients;
    const failure = await crm.updateField('Accounts', '999999999', { field_label: 'Nope' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'rejected', product: 'crm' });
    expect((failure as { zohoCode?: string }).zohoCode).toBeTruthy();
  });
});
