/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list } from './crm-helpers.js';

const { client } = crmSandbox();

describe('the related lists metadata (GET /settings/related_lists)', () => {
  it("lists a module's related lists with the href a client follows to read their records", async () => {
    const answer = await client.call('GET', '/settings/related_lists?module=Accounts');
    expect(answer.status).toBe(200);
    const lists = list(answer.body, 'related_lists');
    expect(lists.map((l) => l.api_name)).toEqual(['Contacts', 'Deals']);
    const contacts = lists[0];
    expect(contacts).toMatchObject({
      sequence_number: '1',
      display_label: 'Contacts',
      module: { api_name: 'Contacts', id: expect.stringMatching(/^\d+$/) },
      href: 'Accounts/{ENTITYID}/Contacts',
      type: 'default',
      status: 'visible',
    });
    expect(contacts?.id).toMatch(/^\d{19}$/);
  });

  it('serves the records of each listed related list through its href', async () => {
    const account = idOf((await client.call('POST', '/Accounts', { data: [{ Account_Name: 'Related Co' }] })).body);
    await client.call('POST', '/Contacts', { data: [{ Last_Name: 'Related', Account_Name: { id: account } }] });
    const lists = list((await client.call('GET', '/settings/related_lists?module=Accounts')).body, 'related_lists');
    for (const l of lists) {
      const href = String(l.href).replace('{ENTITYID}', account);
      const answer = await client.call('GET', `/${href}?fields=id`);
      expect([200, 204]).toContain(answer.status);
    }
    const contacts = await client.call('GET', `/Accounts/${account}/Contacts?fields=Last_Name`);
    expect(first(contacts.body).Last_Name).toBe('Related');
  });

  it('keeps the ids of the related lists from one read to the next, and reads one by id', async () => {
    const before = list((await client.call('GET', '/settings/related_lists?module=Deals')).body, 'related_lists');
    const again = list((await client.call('GET', '/settings/related_lists?module=Deals')).body, 'related_lists');
    expect(again.map((l) => l.id)).toEqual(before.map((l) => l.id));
    const one = await client.call('GET', `/settings/related_lists/${before[0]?.id}?module=Deals`);
    expect(list(one.body, 'related_lists')).toEqual([before[0]]);
    expect((await client.call('GET', '/settings/related_lists/1234567890123456789?module=Deals')).status).toBe(204);
  });

  it('answers 204 for a module with no related list the sandbox serves, or a status no list has', async () => {
    expect((await client.call('GET', '/settings/related_lists?module=Leads')).status).toBe(204);
    expect((await client.call('GET', '/settings/related_lists?module=Accounts&status=user_hidden')).status).toBe(204);
  });

  it('refuses a missing or unknown module, an unknown layout and an unknown status with Zoho error codes', async () => {
    const missing = await client.call('GET', '/settings/related_lists');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'module' } });
    const unknown = await client.call('GET', '/settings/related_lists?module=Martians');
    expect(unknown.body).toMatchObject({ code: 'INVALID_MODULE', details: { param_name: 'module' } });
    const layout = await client.call('GET', '/settings/related_lists?module=Accounts&layout_id=42');
    expect(layout.body).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'layout_id' } });
    const status = await client.call('GET', '/settings/related_lists?module=Accounts&status=gone');
    expect(status.body).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'status' } });
  });

  it('scopes the lists to a layout of the module when layout_id is given', async () => {
    const layout = first((await client.call('GET', '/settings/layouts?module=Accounts')).body, 'layouts');
    const answer = await client.call('GET', `/settings/related_lists?module=Accounts&layout_id=${layout.id}`);
    expect(list(answer.body, 'related_lists')).toHaveLength(2);
  });
});
