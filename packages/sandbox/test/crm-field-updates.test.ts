/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';
import { dealsPipeline, fieldOf, fieldsOf, layoutValues, names } from './crm-settings-helpers.js';

const { client } = crmSandbox();

describe('updating fields', () => {
  it('adds, renames and removes picklist values, but never changes an actual value', async () => {
    const created = await client.call('POST', '/settings/fields?module=Contacts', {
      fields: [
        {
          field_label: 'Segment',
          data_type: 'picklist',
          pick_list_values: [
            { display_value: 'SMB', actual_value: 'SMB' },
            { display_value: 'Mid', actual_value: 'Mid' },
          ],
        },
      ],
    });
    const id = idOf(created.body, 'fields');
    const mid = (await layoutValues(client, 'Contacts', 'Segment')).find((v) => v.display_value === 'Mid');
    const patched = await client.call('PATCH', `/settings/fields/${id}?module=Contacts`, {
      fields: [
        {
          pick_list_values: [
            { display_value: 'Enterprise', actual_value: 'Enterprise' },
            { id: mid?.id, _delete: true },
          ],
        },
      ],
    });
    expect(patched.status).toBe(200);
    expect(names(await layoutValues(client, 'Contacts', 'Segment'))).toEqual(['-None-', 'SMB', 'Enterprise']);
    const smb = (await layoutValues(client, 'Contacts', 'Segment')).find((v) => v.display_value === 'SMB');
    const renamed = await client.call('PATCH', `/settings/fields/${id}?module=Contacts`, {
      fields: [{ pick_list_values: [{ id: smb?.id, display_value: 'Small Business' }] }],
    });
    expect(renamed.status).toBe(200);
    const frozen = await client.call('PATCH', `/settings/fields/${id}?module=Contacts`, {
      fields: [{ pick_list_values: [{ id: smb?.id, actual_value: 'Small' }] }],
    });
    expect(first(frozen.body, 'fields')).toMatchObject({ code: 'NOT_ALLOWED', details: { api_name: 'actual_value' } });
  });

  it('takes at most five fields and ten picklist values a call', async () => {
    const six = Array.from({ length: 6 }, () => ({ id: '1', field_label: 'x' }));
    const refused = await client.call('PATCH', '/settings/fields?module=Contacts', { fields: six });
    expect(refused.body).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 5 } });
    const segment = await fieldOf(client, 'Contacts', 'Segment');
    const eleven = Array.from({ length: 11 }, (_, i) => ({ display_value: `S${i}`, actual_value: `S${i}` }));
    const tooMany = await client.call('PATCH', `/settings/fields/${segment.id}?module=Contacts`, {
      fields: [{ pick_list_values: eleven }],
    });
    expect(first(tooMany.body, 'fields')).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 10 } });
  });

  it('adds a Deal stage with its probability; the stage is in no pipeline until a pipeline maps it', async () => {
    const stage = await fieldOf(client, 'Deals', 'Stage');
    const answer = await client.call('PATCH', '/settings/fields?module=Deals', {
      fields: [
        {
          id: stage.id,
          pick_list_values: [
            { display_value: 'Onboarding', actual_value: 'Onboarding', probability: 100, forecast_type: 'Closed Won' },
          ],
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(await layoutValues(client, 'Deals', 'Stage')).toContainEqual(
      expect.objectContaining({ display_value: 'Onboarding', probability: 100, forecast_type: 'Closed Won' }),
    );
    const { pipeline } = await dealsPipeline(client);
    expect((pipeline.maps as Array<Record<string, unknown>>).map((m) => m.display_value)).not.toContain('Onboarding');
  });

  it('deletes a custom field but refuses a standard one, and one a workflow rule uses', async () => {
    const created = await client.call('POST', '/settings/fields?module=Leads', {
      fields: [
        { field_label: 'Temp', data_type: 'text' },
        { field_label: 'Watched', data_type: 'text' },
      ],
    });
    const [temp, watched] = list(created.body, 'fields').map((f) => obj(f.details).id);
    const deleted = await client.call('DELETE', `/settings/fields/${temp}?module=Leads`);
    expect(first(deleted.body, 'fields')).toMatchObject({ code: 'SUCCESS', details: { id: temp } });
    expect((await client.call('GET', `/settings/fields/${temp}?module=Leads`)).status).toBe(204);
    const lastName = await fieldOf(client, 'Leads', 'Last_Name');
    expect((await client.call('DELETE', `/settings/fields/${lastName.id}?module=Leads`)).status).toBe(400);

    const leads = first((await client.call('GET', '/settings/modules/Leads')).body, 'modules');
    const module = { api_name: 'Leads', id: leads.id };
    // A webhook in webhooks.yaml's documented shape, for the rule's one action.
    const hook = await client.call('POST', '/settings/automation/webhooks', {
      webhooks: [
        {
          name: 'Watched hook',
          url: 'http://127.0.0.1:9/hook',
          http_method: 'POST',
          module,
          authentication: { type: 'general' },
          feature_type: 'workflow',
        },
      ],
    });
    const rule = await client.call('POST', '/settings/automation/workflow_rules', {
      workflow_rules: [
        {
          name: 'Uses Watched',
          module,
          execute_when: {
            type: 'field_update',
            details: {
              criteria: { comparator: 'equal', field: { api_name: 'Watched' }, value: `\${ANYVALUE}` },
              repeat: false,
            },
          },
          conditions: [
            {
              sequence_number: 1,
              criteria_details: { criteria: null },
              instant_actions: { actions: [{ type: 'webhooks', id: idOf(hook.body, 'webhooks') }] },
            },
          ],
        },
      ],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const refused = await client.call('DELETE', `/settings/fields/${watched}?module=Leads`);
    expect(refused.body).toMatchObject({ code: 'NOT_ALLOWED', details: { resource_path_index: 2 } });
    expect((await fieldsOf(client, 'Leads')).some((f) => f.id === watched)).toBe(true);
  });

  it('refuses a new API name through the API, and renames a field through the stand-in for the settings UI', async () => {
    const created = await client.call('POST', '/settings/fields?module=Leads', {
      fields: [{ field_label: 'Old Name', data_type: 'text' }],
    });
    const id = idOf(created.body, 'fields');
    const lead = await client.call('POST', '/Leads', {
      data: [{ Last_Name: 'Rename', Company: 'R', Old_Name: 'kept' }],
    });
    const leadId = idOf(lead.body, 'data');
    const refused = await client.call('PATCH', `/settings/fields/${id}?module=Leads`, {
      fields: [{ api_name: 'New_Name', field_label: 'New Name' }],
    });
    expect(first(refused.body, 'fields')).toMatchObject({ code: 'NOT_ALLOWED', details: { api_name: 'api_name' } });
    expect((await fieldsOf(client, 'Leads')).find((f) => f.id === id)).toMatchObject({
      api_name: 'Old_Name',
      field_label: 'Old Name',
    });

    const renamed = await client.call('POST', `/__sandbox/fields/${id}/rename?module=Leads`, { api_name: 'New_Name' });
    expect(first(renamed.body, 'fields')).toMatchObject({ code: 'SUCCESS', details: { id } });
    expect((await fieldsOf(client, 'Leads')).find((f) => f.id === id)?.api_name).toBe('New_Name');
    const record = first((await client.call('GET', `/Leads/${leadId}`)).body, 'data');
    expect(record.New_Name).toBe('kept');
    expect(record).not.toHaveProperty('Old_Name');
    const clash = await client.call('POST', `/__sandbox/fields/${id}/rename?module=Leads`, { api_name: 'Last_Name' });
    expect(clash.status).toBe(400);
    const bad = await client.call('POST', `/__sandbox/fields/${id}/rename?module=Leads`, { api_name: 'New__Name' });
    expect(bad.status).toBe(400);
  });
});
