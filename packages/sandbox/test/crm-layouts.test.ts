/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, list } from './crm-helpers.js';
import { fieldOf, layoutFields, standardLayout } from './crm-settings-helpers.js';

const { client } = crmSandbox();

const patch = (module: string, id: unknown, layout: unknown) =>
  client.call('PATCH', `/settings/layouts/${id}?module=${module}`, { layouts: [layout] });

describe('layouts', () => {
  it('lists the standard layout with sections, required flags and the convert mapping of its module', async () => {
    const fields = await layoutFields(client, 'Leads');
    expect(fields.find((f) => f.api_name === 'Last_Name')?.required).toBe(true);
    expect(fields.find((f) => f.api_name === 'Company')?.required).toBe(true);
    expect(fields.find((f) => f.api_name === 'Email')?.required).toBe(false);
    const leads = await standardLayout(client, 'Leads');
    const contacts = await standardLayout(client, 'Contacts');
    expect(leads.convert_mapping).toMatchObject({
      Contacts: { name: 'Standard', id: contacts.id, display_label: 'Standard' },
      Deals: { fields: [] },
      Accounts: { name: 'Standard' },
    });
    expect((await standardLayout(client, 'Vendors')).convert_mapping).toBeNull();
  });

  it('makes a field mandatory, which record creation then enforces, and optional again', async () => {
    const layout = await standardLayout(client, 'Contacts');
    const section = (layout.sections as Array<Record<string, unknown>>)[0];
    const email = await fieldOf(client, 'Contacts', 'Email');
    const patched = await patch('Contacts', layout.id, {
      sections: [{ id: section?.id, fields: [{ id: email.id, required: true }] }],
    });
    expect(patched.status).toBe(200);
    const refused = await client.call('POST', '/Contacts', { data: [{ Last_Name: 'No email' }] });
    expect(first(refused.body)).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Email' } });
    await patch('Contacts', layout.id, {
      sections: [{ id: section?.id, fields: [{ id: email.id, required: false }] }],
    });
    expect((await client.call('POST', '/Contacts', { data: [{ Last_Name: 'No email' }] })).status).toBe(201);
  });

  it('takes one layout, at most five sections and five fields in all a request', async () => {
    const layout = await standardLayout(client, 'Accounts');
    const sections = layout.sections as Array<Record<string, unknown>>;
    const ids = ((sections[0]?.fields ?? []) as Array<Record<string, unknown>>).map((f) => f.id);
    const six = await patch('Accounts', layout.id, {
      sections: [
        { id: sections[0]?.id, fields: ids.slice(0, 3).map((id) => ({ id })) },
        { id: sections[1]?.id, fields: ids.slice(3, 6).map((id) => ({ id })) },
      ],
    });
    expect(six.status).toBe(400);
    expect(first(six.body, 'layouts')).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 5 } });
    const sixSections = await patch('Accounts', layout.id, {
      sections: Array.from({ length: 6 }, () => ({ id: sections[0]?.id })),
    });
    expect(first(sixSections.body, 'layouts')).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 5 } });
    const two = await client.call('PATCH', `/settings/layouts/${layout.id}?module=Accounts`, {
      layouts: [{ name: 'A' }, { name: 'B' }],
    });
    expect(two.status).toBe(400);
    const five = await patch('Accounts', layout.id, {
      sections: [{ id: sections[0]?.id, fields: ids.slice(0, 5).map((id) => ({ id })) }],
    });
    expect(five.status).toBe(200);
  });

  it('refuses to make a system mandatory field optional, an unknown field, layout or section', async () => {
    const layout = await standardLayout(client, 'Leads');
    const section = (layout.sections as Array<Record<string, unknown>>)[0];
    const lastName = await fieldOf(client, 'Leads', 'Last_Name');
    const optional = await patch('Leads', layout.id, {
      sections: [{ id: section?.id, fields: [{ id: lastName.id, required: false }] }],
    });
    expect(first(optional.body, 'layouts')).toMatchObject({ code: 'NOT_ALLOWED' });
    const unknown = await patch('Leads', layout.id, { sections: [{ id: section?.id, fields: [{ id: '1' }] }] });
    expect(first(unknown.body, 'layouts')).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'id', json_path: '$.layouts[0].sections[0].fields[0].id' },
    });
    expect((await patch('Leads', '1', { sections: [{ id: section?.id }] })).status).toBe(400);
    expect((await client.call('GET', '/settings/layouts/1?module=Leads')).status).toBe(204);
    expect((await client.call('GET', '/settings/layouts')).body).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'module' },
    });
    expect(list((await client.call('GET', '/settings/layouts?module=Deals')).body, 'layouts')).toHaveLength(1);
  });

  it('takes a field out to the unused fields without deleting it', async () => {
    const layout = await standardLayout(client, 'Campaigns');
    const sections = layout.sections as Array<Record<string, unknown>>;
    const description = await fieldOf(client, 'Campaigns', 'Description');
    const out = await patch('Campaigns', layout.id, {
      sections: [{ id: sections[1]?.id, fields: [{ id: description.id, _delete: { permanent: false } }] }],
    });
    expect(out.status).toBe(200);
    expect((await layoutFields(client, 'Campaigns')).some((f) => f.id === description.id)).toBe(false);
    const unused = list((await client.call('GET', '/settings/fields?module=Campaigns&type=unused')).body, 'fields');
    expect(unused.map((f) => f.api_name)).toContain('Description');
    const gone = await patch('Campaigns', layout.id, {
      sections: [{ id: sections[1]?.id, fields: [{ id: description.id, _delete: { permanent: true } }] }],
    });
    expect(first(gone.body, 'layouts')).toMatchObject({ code: 'NOT_SUPPORTED' });
  });
});
