/**
 * The settings lists (modules, fields, layouts) and aggregate COQL answers are cached between requests (on the
 * large org they are ~0.5 MB a module); every write must show in the very next read.
 *
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, type Json, list } from './crm-helpers.js';

const { client, sandbox } = crmSandbox();

async function fields(module: string, type?: string): Promise<Json[]> {
  const answer = await client.call('GET', `/settings/fields?module=${module}${type ? `&type=${type}` : ''}`);
  return answer.status === 204 ? [] : list(answer.body, 'fields');
}
async function layoutFields(module: string): Promise<Json[]> {
  const layout = first((await client.call('GET', `/settings/layouts?module=${module}`)).body, 'layouts');
  return (layout.sections as Json[]).flatMap((s) => s.fields as Json[]);
}
async function count(query: string): Promise<unknown> {
  const answer = await client.call('POST', '/coql', { select_query: query });
  return first(answer.body)['COUNT(id)'];
}

describe('cached metadata answers', () => {
  it('assemble the lists from cached parts that read exactly as each field and layout read alone', async () => {
    const same = async (module: string) => {
      for (const f of await fields(module)) {
        const alone = first((await client.call('GET', `/settings/fields/${f.id}?module=${module}`)).body, 'fields');
        expect(f).toEqual(alone);
      }
      const layouts = list((await client.call('GET', `/settings/layouts?module=${module}`)).body, 'layouts');
      for (const l of layouts) {
        const alone = first((await client.call('GET', `/settings/layouts/${l.id}?module=${module}`)).body, 'layouts');
        expect(l).toEqual(alone);
      }
      return layouts;
    };
    const [layout] = await same('Deals');
    const created = await client.call('POST', '/settings/fields?module=Deals', {
      fields: [{ field_label: 'Parts Probe', data_type: 'text' }],
    });
    const id = idOf(created.body, 'fields');
    await client.call('PATCH', `/settings/fields/${id}?module=Deals`, { fields: [{ field_label: 'Parts Renamed' }] });
    const section = ((layout?.sections ?? []) as Json[])[0];
    await client.call('PATCH', `/settings/layouts/${layout?.id}?module=Deals`, {
      layouts: [{ sections: [{ id: section?.id, fields: [{ id, required: true }] }] }],
    });
    const after = await same('Deals');
    const probe = ((after[0]?.sections ?? []) as Json[]).flatMap((s) => s.fields as Json[]).find((f) => f.id === id);
    expect(probe).toMatchObject({ field_label: 'Parts Renamed', required: true });
  });

  it('show a created field in the next fields and layouts lists', async () => {
    await fields('Leads');
    await layoutFields('Leads');
    const created = await client.call('POST', '/settings/fields?module=Leads', {
      fields: [{ field_label: 'Cache Probe', data_type: 'text' }],
    });
    expect(created.status).toBe(201);
    expect((await fields('Leads')).map((f) => f.api_name)).toContain('Cache_Probe');
    expect((await layoutFields('Leads')).map((f) => f.api_name)).toContain('Cache_Probe');
  });

  it('show a renamed field and a changed picklist in the next lists', async () => {
    const created = await client.call('POST', '/settings/fields?module=Contacts', {
      fields: [
        {
          field_label: 'Tier Probe',
          data_type: 'picklist',
          pick_list_values: [{ display_value: 'Gold', actual_value: 'Gold' }],
        },
      ],
    });
    const id = idOf(created.body, 'fields');
    expect((await fields('Contacts')).find((f) => f.id === id)?.field_label).toBe('Tier Probe');
    await layoutFields('Contacts');
    await client.call('PATCH', `/settings/fields/${id}?module=Contacts`, {
      fields: [
        { field_label: 'Tier Renamed', pick_list_values: [{ display_value: 'Silver', actual_value: 'Silver' }] },
      ],
    });
    expect((await fields('Contacts')).find((f) => f.id === id)?.field_label).toBe('Tier Renamed');
    const after = (await layoutFields('Contacts')).find((f) => f.id === id);
    expect(after?.field_label).toBe('Tier Renamed');
    expect(((after?.pick_list_values ?? []) as Json[]).map((v) => v.display_value)).toEqual([
      '-None-',
      'Gold',
      'Silver',
    ]);
  });

  it('drop a deleted field from the next fields and layouts lists', async () => {
    const created = await client.call('POST', '/settings/fields?module=Accounts', {
      fields: [{ field_label: 'Gone Soon', data_type: 'text' }],
    });
    const id = idOf(created.body, 'fields');
    expect((await fields('Accounts')).some((f) => f.id === id)).toBe(true);
    expect((await layoutFields('Accounts')).some((f) => f.id === id)).toBe(true);
    await client.call('DELETE', `/settings/fields/${id}?module=Accounts`);
    expect((await fields('Accounts')).some((f) => f.id === id)).toBe(false);
    expect((await layoutFields('Accounts')).some((f) => f.id === id)).toBe(false);
  });

  it('show a layout change in the next layouts list and in the unused fields', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Deals')).body, 'layouts');
    const section = (layout.sections as Json[])[0];
    const description = (await layoutFields('Deals')).find((f) => f.api_name === 'Description');
    expect(description?.required).toBe(false);
    expect((await fields('Deals', 'unused')).some((f) => f.api_name === 'Description')).toBe(false);
    await client.call('PATCH', `/settings/layouts/${layout.id}?module=Deals`, {
      layouts: [{ sections: [{ id: section?.id, fields: [{ id: description?.id, required: true }] }] }],
    });
    expect((await layoutFields('Deals')).find((f) => f.api_name === 'Description')?.required).toBe(true);
    await client.call('PATCH', `/settings/layouts/${layout.id}?module=Deals`, {
      layouts: [{ sections: [{ id: section?.id, fields: [{ id: description?.id, _delete: { permanent: false } }] }] }],
    });
    expect((await layoutFields('Deals')).some((f) => f.api_name === 'Description')).toBe(false);
    const unused = (await fields('Deals', 'unused')).find((f) => f.api_name === 'Description');
    expect(unused?.layout_associations).toEqual([]);
  });

  it('count records created and deleted since the last identical COQL count', async () => {
    const query = "select COUNT(id) from Leads where Last_Name = 'Cache Probe'";
    const before = Number(await count(query));
    const created = await client.call('POST', '/Leads', {
      data: [{ Last_Name: 'Cache Probe', Company: 'Probe Inc' }],
    });
    expect(created.status).toBe(201);
    expect(await count(query)).toBe(before + 1);
    await client.call('DELETE', `/Leads/${idOf(created.body)}`);
    expect(await count(query)).toBe(before);
  });

  it('show the seed again after a reset', async () => {
    await client.call('POST', '/settings/fields?module=Vendors', {
      fields: [{ field_label: 'Before Reset', data_type: 'text' }],
    });
    expect((await fields('Vendors')).some((f) => f.api_name === 'Before_Reset')).toBe(true);
    sandbox.current.reset();
    expect((await fields('Vendors')).some((f) => f.api_name === 'Before_Reset')).toBe(false);
  });
});
