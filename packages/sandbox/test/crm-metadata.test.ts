/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();

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
    const executive = roles.find((r) => r.name === 'Account Executive');
    expect(obj(executive?.reporting_to).name).toBe('Manager');
    expect(first((await client.call('GET', `/settings/roles/${manager?.id}`)).body, 'roles').name).toBe('Manager');
    const profiles = list((await client.call('GET', '/settings/profiles')).body, 'profiles');
    // Zoho's two profiles, and the custom Sales profile of the default seed's team.
    expect(profiles.map((p) => p.name)).toEqual(['Administrator', 'Standard', 'Sales']);
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
