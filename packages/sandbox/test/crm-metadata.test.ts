import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();

async function fields(module: string) {
  return list((await client.call('GET', `/settings/fields?module=${module}`)).body, 'fields');
}

describe('the org, its users, roles and profiles', () => {
  it('describes the org', async () => {
    const answer = await client.call('GET', '/org');
    expect(answer.status).toBe(200);
    expect(first(answer.body, 'org')).toMatchObject({ company_name: expect.any(String), currency_symbol: '$' });
  });

  it('lists the users with their roles and profiles, filtered by type', async () => {
    const all = list((await client.call('GET', '/users?type=AllUsers')).body, 'users');
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(obj(all[0]?.role)).toHaveProperty('name');
    const admins = list((await client.call('GET', '/users?type=AdminUsers')).body, 'users');
    expect(admins.every((u) => obj(u.profile).name === 'Administrator')).toBe(true);
    const one = await client.call('GET', `/users/${all[1]?.id}`);
    expect(first(one.body, 'users').id).toBe(all[1]?.id);
    expect((await client.call('GET', '/users?type=Martians')).body).toMatchObject({ code: 'INVALID_DATA' });
    expect((await client.call('GET', '/users/actions/count?type=AllUsers')).body).toEqual({
      count: String(all.length),
    });
  });

  it('lists roles with their hierarchy and profiles', async () => {
    const roles = list((await client.call('GET', '/settings/roles')).body, 'roles');
    expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(['CEO', 'Manager', 'Sales Representative']));
    const manager = roles.find((r) => r.name === 'Manager');
    expect(obj(manager?.reporting_to).name).toBe('CEO');
    expect(first((await client.call('GET', `/settings/roles/${manager?.id}`)).body, 'roles').name).toBe('Manager');
    const profiles = list((await client.call('GET', '/settings/profiles')).body, 'profiles');
    expect(profiles.map((p) => p.name)).toEqual(['Administrator', 'Standard']);
    expect((await client.call('GET', `/settings/profiles/${profiles[0]?.id}`)).status).toBe(200);
  });
});

describe('modules', () => {
  it('lists the standard modules of a new org', async () => {
    const modules = list((await client.call('GET', '/settings/modules')).body, 'modules');
    expect(modules.map((m) => m.api_name)).toEqual(
      expect.arrayContaining([
        'Leads',
        'Contacts',
        'Accounts',
        'Deals',
        'Products',
        'Tasks',
        'Quotes',
        'Invoices',
        'Vendors',
        'Cases',
      ]),
    );
  });

  it('reads one module by api name and refuses an unknown one', async () => {
    expect(first((await client.call('GET', '/settings/modules/Deals')).body, 'modules').api_name).toBe('Deals');
    expect((await client.call('GET', '/settings/modules/Nope')).body).toMatchObject({ code: 'INVALID_MODULE' });
  });
});

describe('fields', () => {
  it('lists the standard Deal fields with the Stage picklist, probabilities and forecast types', async () => {
    const deal = await fields('Deals');
    const stage = deal.find((f) => f.api_name === 'Stage');
    expect(stage).toMatchObject({ data_type: 'picklist', system_mandatory: true });
    const values = (stage?.pick_list_values as Array<Record<string, unknown>>) ?? [];
    expect(values.map((v) => v.display_value)).toEqual([
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Identify Decision Makers',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
      'Closed Lost to Competition',
    ]);
    expect(values.find((v) => v.display_value === 'Closed Won')).toMatchObject({
      probability: 100,
      forecast_type: 'Closed Won',
    });
  });

  it('asks for the module and refuses an unknown one', async () => {
    expect((await client.call('GET', '/settings/fields')).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING' });
    expect((await client.call('GET', '/settings/fields?module=Nope')).body).toMatchObject({ code: 'INVALID_MODULE' });
  });

  it('creates a custom field whose api name comes from its label, and refuses a duplicate', async () => {
    const created = await client.call('POST', '/settings/fields?module=Accounts', {
      fields: [{ field_label: 'Books Customer ID', data_type: 'text', length: 50 }],
    });
    expect(created.status).toBe(201);
    const id = idOf(created.body, 'fields');
    const field = first((await client.call('GET', `/settings/fields/${id}?module=Accounts`)).body, 'fields');
    expect(field).toMatchObject({ api_name: 'Books_Customer_ID', data_type: 'text', length: 50, custom_field: true });
    const again = await client.call('POST', '/settings/fields?module=Accounts', {
      fields: [{ field_label: 'Books Customer ID', data_type: 'text' }],
    });
    expect(again.status).toBe(400);
    expect(first(again.body, 'fields')).toMatchObject({ code: 'DUPLICATE_DATA' });
    const record = await client.call('POST', '/Accounts', {
      data: [{ Account_Name: 'Linked', Books_Customer_ID: 'BC-1' }],
    });
    const read = first((await client.call('GET', `/Accounts/${idOf(record.body)}`)).body);
    expect(read.Books_Customer_ID).toBe('BC-1');
  });

  it('creates a batch of fields, refusing a duplicate within it, and adds each new field to the layouts once', async () => {
    const batch = await client.call('POST', '/settings/fields?module=Contacts', {
      fields: [
        { field_label: 'Batch One', data_type: 'text' },
        { field_label: 'Batch Two', data_type: 'text' },
        { field_label: 'batch one', data_type: 'text' },
        { field_label: 'Other', api_name: 'Batch_Two', data_type: 'text' },
      ],
    });
    const results = (batch.body as { fields: { code: string }[] }).fields.map((f) => f.code);
    expect(results).toEqual(['SUCCESS', 'SUCCESS', 'DUPLICATE_DATA', 'DUPLICATE_DATA']);
    const layouts = (await client.call('GET', '/settings/layouts?module=Contacts')).body as {
      layouts: { sections: { fields: { api_name: string }[] }[] }[];
    };
    for (const layout of layouts.layouts) {
      const names = layout.sections.flatMap((s) => s.fields.map((f) => f.api_name));
      expect(names.filter((n) => n === 'Batch_One')).toHaveLength(1);
      expect(names.filter((n) => n === 'Batch_Two')).toHaveLength(1);
    }
  });

  it('creates custom fields of every type zlc uses', async () => {
    const specs = [
      { field_label: 'Handoff Notes', data_type: 'textarea' },
      { field_label: 'Billing Email', data_type: 'email' },
      { field_label: 'Billing Phone', data_type: 'phone' },
      {
        field_label: 'Tier',
        data_type: 'picklist',
        pick_list_values: [{ display_value: 'Gold' }, { display_value: 'Silver' }],
      },
      {
        field_label: 'Regions',
        data_type: 'multiselectpicklist',
        pick_list_values: [{ display_value: 'EU' }, { display_value: 'US' }],
      },
      { field_label: 'Go Live', data_type: 'date' },
      { field_label: 'Handed Off At', data_type: 'datetime' },
      { field_label: 'Seats', data_type: 'integer' },
      { field_label: 'External Number', data_type: 'bigint' },
      { field_label: 'Score', data_type: 'double' },
      { field_label: 'Invoiced Amount', data_type: 'currency' },
      { field_label: 'Discount Rate', data_type: 'percent' },
      { field_label: 'Synced', data_type: 'boolean' },
      { field_label: 'Portal', data_type: 'website' },
      { field_label: 'Primary Product', data_type: 'lookup', lookup: { module: { api_name: 'Products' } } },
      { field_label: 'Handoff Number', data_type: 'autonumber', autonumber: { prefix: 'H-', start_number: 1 } },
    ];
    const answer = await client.call('POST', '/settings/fields?module=Deals', { fields: specs });
    expect(answer.status).toBe(201);
    expect(list(answer.body, 'fields').every((f) => f.status === 'success')).toBe(true);
    const byName = new Map((await fields('Deals')).map((f) => [f.api_name, f]));
    expect(byName.get('Tier')?.data_type).toBe('picklist');
    expect(obj(obj(byName.get('Primary_Product')?.lookup).module).api_name).toBe('Products');
  });

  it('refuses fields without label or type, with an unknown type, and picklists without values', async () => {
    const answer = await client.call('POST', '/settings/fields?module=Leads', {
      fields: [
        { data_type: 'text' },
        { field_label: 'No type' },
        { field_label: 'Weird', data_type: 'hologram' },
        { field_label: 'Empty pick', data_type: 'picklist' },
      ],
    });
    expect(answer.status).toBe(400);
    expect(list(answer.body, 'fields').map((f) => f.code)).toEqual([
      'MANDATORY_NOT_FOUND',
      'MANDATORY_NOT_FOUND',
      'INVALID_DATA',
      'MANDATORY_NOT_FOUND',
    ]);
  });

  it('adds, renames and removes picklist values on update', async () => {
    const created = await client.call('POST', '/settings/fields?module=Contacts', {
      fields: [
        {
          field_label: 'Segment',
          data_type: 'picklist',
          pick_list_values: [{ display_value: 'SMB' }, { display_value: 'Mid' }],
        },
      ],
    });
    const id = idOf(created.body, 'fields');
    const read = async () => first((await client.call('GET', `/settings/fields/${id}?module=Contacts`)).body, 'fields');
    const mid = ((await read()).pick_list_values as Array<Record<string, unknown>>).find(
      (v) => v.display_value === 'Mid',
    );
    const patched = await client.call('PATCH', `/settings/fields/${id}?module=Contacts`, {
      fields: [{ pick_list_values: [{ display_value: 'Enterprise' }, { id: mid?.id, _delete: true }] }],
    });
    expect(patched.status).toBe(200);
    const names = ((await read()).pick_list_values as Array<Record<string, unknown>>).map((v) => v.display_value);
    expect(names).toEqual(['-None-', 'SMB', 'Enterprise']);
  });

  it('adds a Deal stage with its probability through the bulk update', async () => {
    const stage = (await fields('Deals')).find((f) => f.api_name === 'Stage');
    const answer = await client.call('PATCH', '/settings/fields?module=Deals', {
      fields: [
        {
          id: stage?.id,
          pick_list_values: [{ display_value: 'Onboarding', probability: 100, forecast_type: 'Closed Won' }],
        },
      ],
    });
    expect(answer.status).toBe(200);
    const after = (await fields('Deals')).find((f) => f.api_name === 'Stage');
    expect(after?.pick_list_values).toContainEqual(
      expect.objectContaining({ display_value: 'Onboarding', probability: 100 }),
    );
    const deal = await client.call('POST', '/Deals', {
      data: [{ Deal_Name: 'Onboarded', Stage: 'Onboarding', Closing_Date: '2026-12-12' }],
    });
    expect(deal.status).toBe(201);
  });

  it('deletes a custom field but refuses a standard one', async () => {
    const created = await client.call('POST', '/settings/fields?module=Leads', {
      fields: [{ field_label: 'Temp', data_type: 'text' }],
    });
    const id = idOf(created.body, 'fields');
    const deleted = await client.call('DELETE', `/settings/fields/${id}?module=Leads`);
    expect(first(deleted.body, 'fields')).toMatchObject({ code: 'SUCCESS', details: { id } });
    expect((await client.call('GET', `/settings/fields/${id}?module=Leads`)).status).toBe(204);
    const lastName = (await fields('Leads')).find((f) => f.api_name === 'Last_Name');
    expect((await client.call('DELETE', `/settings/fields/${lastName?.id}?module=Leads`)).status).toBe(400);
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
    expect((await fields('Leads')).find((f) => f.id === id)).toMatchObject({
      api_name: 'Old_Name',
      field_label: 'Old Name',
    });

    const renamed = await client.call('POST', `/__sandbox/fields/${id}/rename?module=Leads`, { api_name: 'New_Name' });
    expect(first(renamed.body, 'fields')).toMatchObject({ code: 'SUCCESS', details: { id } });
    expect((await fields('Leads')).find((f) => f.id === id)?.api_name).toBe('New_Name');
    const record = first((await client.call('GET', `/Leads/${leadId}`)).body, 'data');
    expect(record.New_Name).toBe('kept');
    expect(record).not.toHaveProperty('Old_Name');
    const layout = first((await client.call('GET', '/settings/layouts?module=Leads')).body, 'layouts');
    const placed = (layout.sections as Array<Record<string, unknown>>).flatMap(
      (s) => s.fields as Array<Record<string, unknown>>,
    );
    expect(placed.find((f) => f.id === id)?.api_name).toBe('New_Name');
    const clash = await client.call('POST', `/__sandbox/fields/${id}/rename?module=Leads`, { api_name: 'Last_Name' });
    expect(clash.status).toBe(400);
  });

  it('lists the values of a picklist', async () => {
    const stage = (await fields('Deals')).find((f) => f.api_name === 'Stage');
    const answer = await client.call('GET', `/settings/fields/${stage?.id}/pick_list_values?module=Deals`);
    expect(list(answer.body, 'pick_list_values').length).toBeGreaterThanOrEqual(9);
  });
});

describe('layouts', () => {
  it('lists the standard layout with sections and required flags', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Leads')).body, 'layouts');
    const sectionFields = (layout.sections as Array<Record<string, unknown>>).flatMap(
      (s) => s.fields as Array<Record<string, unknown>>,
    );
    expect(sectionFields.find((f) => f.api_name === 'Last_Name')?.required).toBe(true);
    expect(sectionFields.find((f) => f.api_name === 'Company')?.required).toBe(true);
    expect(sectionFields.find((f) => f.api_name === 'Email')?.required).toBe(false);
  });

  it('makes a field mandatory, which record creation then enforces', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Contacts')).body, 'layouts');
    const section = (layout.sections as Array<Record<string, unknown>>)[0];
    const patched = await client.call('PATCH', `/settings/layouts/${layout.id}?module=Contacts`, {
      layouts: [{ sections: [{ id: section?.id, fields: [{ api_name: 'Email', required: true }] }] }],
    });
    expect(patched.status).toBe(200);
    const refused = await client.call('POST', '/Contacts', { data: [{ Last_Name: 'No email' }] });
    expect(first(refused.body)).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Email' } });
    await client.call('PATCH', '/settings/layouts?module=Contacts', {
      layouts: [{ id: layout.id, sections: [{ id: section?.id, fields: [{ api_name: 'Email', required: false }] }] }],
    });
    expect((await client.call('POST', '/Contacts', { data: [{ Last_Name: 'No email' }] })).status).toBe(201);
  });

  it('refuses to make a system mandatory field optional and an unknown layout or section', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Leads')).body, 'layouts');
    const section = (layout.sections as Array<Record<string, unknown>>)[0];
    const answer = await client.call('PATCH', `/settings/layouts/${layout.id}?module=Leads`, {
      layouts: [{ sections: [{ id: section?.id, fields: [{ api_name: 'Last_Name', required: false }] }] }],
    });
    expect(answer.status).toBe(400);
    expect(
      (await client.call('PATCH', '/settings/layouts/1?module=Leads', { layouts: [{ sections: [] }] })).status,
    ).toBe(400);
    expect((await client.call('GET', '/settings/layouts/1?module=Leads')).status).toBe(204);
    expect((await client.call('GET', '/settings/layouts')).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING' });
  });
});

describe('the Deals pipeline', () => {
  it('shows the Standard pipeline with the stages of the Stage picklist', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Deals')).body, 'layouts');
    const answer = await client.call('GET', `/settings/pipeline?layout_id=${layout.id}`);
    const pipeline = first(answer.body, 'pipeline');
    expect(pipeline).toMatchObject({ display_value: 'Standard', default: true });
    expect((pipeline.maps as Array<Record<string, unknown>>).map((m) => m.display_value)).toContain('Closed Won');
    expect((await client.call('GET', `/settings/pipeline/${pipeline.id}?layout_id=${layout.id}`)).status).toBe(200);
    expect((await client.call('GET', '/settings/pipeline')).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING' });
  });

  it('reorders, adds and removes stages through the pipeline, which the Stage picklist shows', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Deals')).body, 'layouts');
    const pipeline = first((await client.call('GET', `/settings/pipeline?layout_id=${layout.id}`)).body, 'pipeline');
    const maps = pipeline.maps as Array<Record<string, unknown>>;
    const lost = maps.find((m) => m.display_value === 'Closed Lost to Competition');
    const won = maps.find((m) => m.display_value === 'Closed Won');
    const answer = await client.call('PUT', `/settings/pipeline/${pipeline.id}?layout_id=${layout.id}`, {
      pipeline: [
        {
          id: pipeline.id,
          display_value: 'Standard',
          maps: [
            { id: lost?.id, _delete: true },
            { id: won?.id, sequence_number: 1 },
            { display_value: 'Renewal', probability: 80, forecast_type: 'Open', sequence_number: 2 },
          ],
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(first(answer.body, 'pipeline')).toMatchObject({ code: 'SUCCESS' });
    const stage = (await fields('Deals')).find((f) => f.api_name === 'Stage');
    const names = ((stage?.pick_list_values ?? []) as Array<Record<string, unknown>>).map((v) => v.display_value);
    expect(names.slice(0, 2)).toEqual(['Closed Won', 'Renewal']);
    expect(names).not.toContain('Closed Lost to Competition');
    expect((await client.call('PUT', `/settings/pipeline/1?layout_id=${layout.id}`, { pipeline: [{}] })).status).toBe(
      400,
    );
  });
});
