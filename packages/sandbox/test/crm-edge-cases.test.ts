/**
 * @module-tag e2e
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHook, createRule, dealHook, moduleRef } from './crm-automation-helpers.js';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

const { client, sandbox } = crmSandbox();

let server: Server;
let receiverUrl = '';
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      bodies.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

describe('reads of single settings objects', () => {
  it('answers 204 for unknown users, roles, profiles, webhooks and rules', async () => {
    for (const path of [
      '/users/1',
      '/settings/roles/1',
      '/settings/profiles/1',
      '/settings/automation/webhooks/1',
      '/settings/automation/workflow_rules/1',
    ]) {
      expect((await client.call('GET', path)).status, path).toBe(204);
    }
  });

  it('refuses an unknown module status filter, and answers 204 for the pick list values of a field without them', async () => {
    expect((await client.call('GET', '/settings/modules?status=strange')).body).toMatchObject({ code: 'INVALID_DATA' });
    const fields = list((await client.call('GET', '/settings/fields?module=Deals')).body, 'fields');
    const name = fields.find((f) => f.api_name === 'Deal_Name');
    const answer = await client.call('GET', `/settings/fields/${name?.id}/pick_list_values?module=Deals`);
    // pick_list_values.yaml: "If the specified field exists but is not of a pick list type, … 204 No Content".
    expect(answer.status).toBe(204);
  });
});

describe('related lists', () => {
  it('links several products at once and lists the deals of a product', async () => {
    const deal = first((await client.call('GET', '/Deals?fields=Deal_Name&per_page=1')).body);
    const made = await client.call('POST', '/Products', {
      data: [{ Product_Name: 'Bulk A' }, { Product_Name: 'Bulk B' }],
    });
    const ids = list(made.body).map((r) => String(obj(r.details).id));
    const linked = await client.call('PUT', `/Deals/${deal.id}/Products`, { data: ids.map((id) => ({ id })) });
    expect(linked.status).toBe(200);
    const deals = await client.call('GET', `/Products/${ids[0]}/Deals?fields=Deal_Name`);
    expect(list(deals.body).map((d) => d.id)).toEqual([deal.id]);
    const mixed = await client.call('PUT', `/Deals/${deal.id}/Products`, { data: [{ id: ids[1] }, { id: '1' }] });
    expect(mixed.status).toBe(207);
  });

  it('shows the deals of an account and of a contact through their lookups', async () => {
    const deal = first((await client.call('GET', '/Deals?fields=Deal_Name,Account_Name,Contact_Name&per_page=1')).body);
    const account = obj(deal.Account_Name).id;
    const contact = obj(deal.Contact_Name).id;
    expect(
      list((await client.call('GET', `/Accounts/${account}/Deals?fields=Deal_Name`)).body).map((d) => d.id),
    ).toContain(deal.id);
    expect(
      list((await client.call('GET', `/Contacts/${contact}/Deals?fields=Deal_Name`)).body).map((d) => d.id),
    ).toContain(deal.id);
  });

  it('refuses an unknown related list, an unknown parent, a missing fields parameter and unlinking what is not linked', async () => {
    const deal = first((await client.call('GET', '/Deals?fields=Deal_Name&per_page=1')).body);
    expect((await client.call('GET', `/Deals/${deal.id}/Spaceships?fields=Name`)).status).toBe(400);
    expect((await client.call('GET', '/Deals/1/Products?fields=Product_Name')).body).toMatchObject({
      code: 'INVALID_DATA',
    });
    expect((await client.call('GET', `/Deals/${deal.id}/Products`)).body).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
    });
    expect((await client.call('DELETE', `/Deals/${deal.id}/Products/1`)).status).toBe(400);
    expect((await client.call('PUT', `/Accounts/${deal.id}/Contacts/1`, { data: [{}] })).status).toBe(400);
  });
});

describe('records: more filters', () => {
  it('counts records that match criteria and refuses an unknown deleted type', async () => {
    const all = obj((await client.call('GET', '/Deals/actions/count')).body).count;
    const won = obj((await client.call('GET', '/Deals/actions/count?criteria=(Stage:equals:Closed Won)')).body).count;
    expect(Number(won)).toBeLessThan(Number(all));
    expect((await client.call('GET', '/Deals/deleted?type=shredded')).body).toMatchObject({ code: 'INVALID_DATA' });
  });

  it('lists only the records named by ids', async () => {
    const two = list((await client.call('GET', '/Accounts?fields=Account_Name&per_page=2')).body).map((r) =>
      String(r.id),
    );
    const answer = await client.call('GET', `/Accounts?fields=Account_Name&ids=${two.join(',')}`);
    expect(list(answer.body).map((r) => r.id)).toEqual(two);
  });
});

describe('automation settings: bulk routes', () => {
  it('updates a webhook and a rule named in the body, and deletes several by ids', async () => {
    const accounts = await moduleRef(client, 'Accounts');
    const hookBody = { ...dealHook(accounts, `${receiverUrl}/a`, { name: 'Bulk hook' }), body: undefined };
    const hook = await createHook(client, hookBody);
    const updated = await client.call('PUT', '/settings/automation/webhooks', {
      webhooks: [{ ...hookBody, id: hook, url: `${receiverUrl}/b` }],
    });
    expect(first(updated.body, 'webhooks')).toMatchObject({ code: 'SUCCESS' });
    expect(
      (
        await client.call('PUT', '/settings/automation/webhooks', {
          webhooks: [{ ...hookBody, url: `${receiverUrl}/b` }],
        })
      ).status,
    ).toBe(400);
    const ruleId = await createRule(client, {
      name: 'Bulk rule',
      module: accounts,
      execute_when: { type: 'create' },
      conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: hook }] } }],
    });
    const renamed = await client.call('PUT', '/settings/automation/workflow_rules', {
      workflow_rules: [{ id: ruleId, name: 'Bulk rule 2' }],
    });
    expect(first(renamed.body, 'workflow_rules')).toMatchObject({ code: 'SUCCESS' });
    expect(
      (await client.call('PUT', '/settings/automation/workflow_rules', { workflow_rules: [{ name: 'x' }] })).status,
    ).toBe(400);
    const rules = await client.call('DELETE', `/settings/automation/workflow_rules?ids=${ruleId},1`);
    expect(rules.status).toBe(207);
    const hooks = await client.call('DELETE', `/settings/automation/webhooks?ids=${hook}`);
    expect(first(hooks.body, 'webhooks')).toMatchObject({ code: 'SUCCESS' });
    expect((await client.call('DELETE', '/settings/automation/webhooks')).body).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
    });
  });

  it('fires a delete rule when a record is deleted', async () => {
    const leads = await moduleRef(client, 'Leads');
    const hook = await createHook(
      client,
      dealHook(leads, `${receiverUrl}/deleted`, {
        name: 'On delete',
        headers: undefined,
        body: {
          type: 'raw',
          format: 'Text',
          raw_data_content: `lead-deleted \${!Leads.Id}`,
        },
      }),
    );
    await createRule(client, {
      name: 'Lead deleted',
      module: leads,
      execute_when: { type: 'delete' },
      conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: hook }] } }],
    });
    const lead = await client.call('POST', '/Leads', { data: [{ Last_Name: 'Gone', Company: 'G' }] });
    bodies.length = 0;
    await client.call('DELETE', `/Leads/${idOf(lead.body)}`);
    await sandbox.current.outbound.drain();
    expect(bodies).toEqual([`lead-deleted ${idOf(lead.body)}`]);
  });
});

describe('notification channels: filters and removal', () => {
  it('lists channels by module and refuses to delete an unknown channel', async () => {
    await client.call('POST', '/actions/watch', {
      watch: [{ channel_id: 1000000077001, events: ['Contacts.create'], notify_url: `${receiverUrl}/n` }],
    });
    expect(
      list((await client.call('GET', '/actions/watch?module=Contacts')).body, 'watch').map((w) => w.channel_id),
    ).toContain('1000000077001');
    expect((await client.call('GET', '/actions/watch?module=Vendors')).status).toBe(204);
    const answer = await client.call('DELETE', '/actions/watch?channel_ids=42');
    expect(answer.status).toBe(202);
    expect(first(answer.body, 'watch')).toMatchObject({ code: 'INVALID_DATA' });
  });
});
