/**
 * CRM workflow rules as `../shared/specs/crm-v8-2026/workflow_rules.yaml` documents them.
 *
 * @module-tag e2e
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearAutomation,
  createHook,
  createRule,
  dealHook,
  dealRule,
  entryOf,
  moduleRef,
} from './crm-automation-helpers.js';
import { crmSandbox, first, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();
const URL = 'https://runtime.example.com/hooks/crm/h1';
const RULES = '/settings/automation/workflow_rules';
let deals: { api_name: string; id: string };
let hook: string;

beforeAll(async () => {
  deals = await moduleRef(client, 'Deals');
});
beforeEach(async () => {
  await clearAutomation(client);
  hook = await createHook(client, dealHook(deals, URL));
});

async function refusal(change: Record<string, unknown>) {
  const answer = await client.call('POST', RULES, {
    workflow_rules: [JSON.parse(JSON.stringify(dealRule(deals, hook, change)))],
  });
  expect(answer.status).toBe(400);
  return entryOf(answer.body, 'workflow_rules');
}

const condition = (seq: number, criteria: unknown, actions: unknown[] = [{ type: 'webhooks', id: hook }]) => ({
  sequence_number: seq,
  criteria_details: { criteria },
  instant_actions: { actions },
});
const stageIs = (value: string) => ({ comparator: 'equal', field: { api_name: 'Stage' }, value });

describe('creating a workflow rule', () => {
  it('creates one active rule per call and refuses a status key', async () => {
    const id = await createRule(client, dealRule(deals, hook));
    const read = first((await client.call('GET', `${RULES}/${id}`)).body, 'workflow_rules');
    expect(read).toMatchObject({ status: { active: true }, module: deals, execute_when: { type: 'create_or_edit' } });
    expect(await refusal({ status: { active: false } })).toMatchObject({ code: 'INVALID_DATA', api_name: 'active' });
    const two = await client.call('POST', RULES, { workflow_rules: [dealRule(deals, hook), dealRule(deals, hook)] });
    expect(entryOf(two.body, 'workflow_rules').code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses more than 10 conditions and more than 5 actions in one', async () => {
    const conditions = Array.from({ length: 11 }, (_, i) => condition(i + 1, stageIs(`S${i}`)));
    expect(await refusal({ conditions })).toMatchObject({ code: 'LIMIT_EXCEEDED', api_name: 'conditions' });
    const hooks = [hook];
    for (let i = 0; i < 5; i++) hooks.push(await createHook(client, dealHook(deals, URL)));
    const six = hooks.map((id) => ({ type: 'webhooks', id }));
    expect(await refusal({ conditions: [condition(1, null, six)] })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      api_name: 'actions',
    });
    await createRule(client, dealRule(deals, hook, { conditions: [condition(1, null, six.slice(0, 5))] }));
  });

  it('refuses names over 100 characters or with special characters', async () => {
    expect(await refusal({ name: 'x'.repeat(101) })).toMatchObject({ message: 'value too long' });
    expect(await refusal({ name: 'Won!' })).toMatchObject({ message: 'Special characters found' });
    await createRule(client, dealRule(deals, hook, { name: 'zlc-won_deal-to-books 2' }));
  });

  it('requires name, module with its id, execute_when and conditions', async () => {
    for (const key of ['name', 'module', 'execute_when', 'conditions'])
      expect(await refusal({ [key]: undefined }), key).toMatchObject({ code: 'MANDATORY_NOT_FOUND', api_name: key });
    expect(await refusal({ module: { api_name: 'Deals' } })).toMatchObject({ code: 'MANDATORY_NOT_FOUND' });
    expect(await refusal({ execute_when: 'create' })).toMatchObject({ code: 'INVALID_DATA', api_name: 'execute_when' });
    expect(await refusal({ execute_when: { type: 'sometimes' } })).toMatchObject({ code: 'INVALID_DATA' });
  });

  it('requires repeat for edit triggers, and a field_update trigger names its field in criteria', async () => {
    expect(await refusal({ execute_when: { type: 'create_or_edit' } })).toMatchObject({
      code: 'DEPENDENT_FIELD_MISSING',
      api_name: 'repeat',
    });
    expect(
      await refusal({
        execute_when: { type: 'field_update', details: { fields: [{ api_name: 'Stage' }], repeat: false } },
      }),
    ).toMatchObject({ code: 'INVALID_DATA', api_name: 'fields' });
    await createRule(
      client,
      dealRule(deals, hook, {
        execute_when: { type: 'field_update', details: { criteria: stageIs(`\${ANYVALUE}`), repeat: false } },
      }),
    );
  });

  it('refuses actions it cannot run, webhooks of another module, and the same webhook twice', async () => {
    const one = (actions: unknown[]) => ({ conditions: [condition(1, null, actions)] });
    expect(await refusal(one([{ type: 'field_updates', id: '1' }]))).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await refusal(one([{ type: 'webhooks' }]))).toMatchObject({ code: 'DEPENDENT_FIELD_MISSING' });
    const leads = await moduleRef(client, 'Leads');
    const leadHook = await createHook(client, {
      ...dealHook(deals, URL),
      module: leads,
      body: undefined,
    });
    expect(await refusal(one([{ type: 'webhooks', id: leadHook }]))).toMatchObject({
      code: 'AMBIGUITY_DURING_PROCESSING',
    });
    expect(
      await refusal(
        one([
          { type: 'webhooks', id: hook },
          { type: 'webhooks', id: hook },
        ]),
      ),
    ).toMatchObject({
      code: 'DUPLICATE_DATA',
    });
    expect(await refusal({ conditions: [condition(1, stageIs('A')), condition(2, stageIs('A'))] })).toMatchObject({
      code: 'ALREADY_USED',
    });
  });
});

describe('reading workflow rules', () => {
  it('lists summaries unless include_inner_details=true; GET by id is full; an unknown id is 204', async () => {
    const id = await createRule(client, dealRule(deals, hook));
    const summary = first((await client.call('GET', `${RULES}?module=Deals`)).body, 'workflow_rules');
    expect(summary).toMatchObject({ id, lock: { status: false }, last_executed_time: null });
    expect(summary).not.toHaveProperty('conditions');
    const inner = first((await client.call('GET', `${RULES}?include_inner_details=true`)).body, 'workflow_rules');
    const byId = first((await client.call('GET', `${RULES}/${id}`)).body, 'workflow_rules');
    expect(inner).toEqual(byId);
    expect(byId.conditions).toMatchObject([
      {
        sequence_number: 1,
        criteria_details: { criteria: { comparator: 'equal', field: { api_name: 'Stage' }, value: 'Closed Won' } },
        instant_actions: { actions: [{ type: 'webhooks', id: hook }] },
      },
    ]);
    expect((await client.call('GET', `${RULES}/1`)).status).toBe(204);
    expect((await client.call('GET', `${RULES}?status_active=false`)).body).toMatchObject({ workflow_rules: [] });
    expect((await client.call('GET', `${RULES}?per_page=500`)).status).toBe(400);
  });
});

describe('updating and deleting workflow rules', () => {
  it('keeps the module, and turns a rule off and on through status.active', async () => {
    const id = await createRule(client, dealRule(deals, hook));
    const off = await client.call('PUT', `${RULES}/${id}`, { workflow_rules: [{ status: { active: false } }] });
    expect(first(off.body, 'workflow_rules')).toMatchObject({ code: 'SUCCESS', message: 'workflow updated' });
    expect(first((await client.call('GET', `${RULES}/${id}`)).body, 'workflow_rules').status).toEqual({
      active: false,
    });
    const leads = await moduleRef(client, 'Leads');
    const moved = await client.call('PUT', `${RULES}/${id}`, { workflow_rules: [{ module: leads }] });
    expect(entryOf(moved.body, 'workflow_rules')).toMatchObject({ code: 'NOT_ALLOWED', api_name: 'module' });
    expect((await client.call('PUT', `${RULES}/1`, { workflow_rules: [{ name: 'x' }] })).body).toMatchObject({
      code: 'INVALID_DATA',
      details: { resource_path_index: 3 },
    });
    const bulk = await client.call('PUT', RULES, { workflow_rules: [{ name: 'x' }] });
    expect(entryOf(bulk.body, 'workflow_rules').code).toBe('MANDATORY_NOT_FOUND');
  });

  it('changes a condition by id, adds one without, removes one with _delete, and keeps what it leaves out', async () => {
    const other = await createHook(client, dealHook(deals, URL));
    const id = await createRule(
      client,
      dealRule(deals, hook, { conditions: [condition(1, stageIs('A')), condition(2, stageIs('B'))] }),
    );
    const read = async () => first((await client.call('GET', `${RULES}/${id}`)).body, 'workflow_rules');
    const [c1, c2] = (await read()).conditions as Array<Record<string, unknown>>;
    const answer = await client.call('PUT', `${RULES}/${id}`, {
      workflow_rules: [
        {
          conditions: [
            {
              id: c1?.id,
              sequence_number: 1,
              instant_actions: {
                actions: [
                  { type: 'webhooks', id: other },
                  { type: 'webhooks', id: hook, _delete: null },
                ],
              },
            },
            { id: c2?.id, sequence_number: 2, _delete: null },
            condition(3, stageIs('C')),
          ],
        },
      ],
    });
    expect(answer.status).toBe(200);
    const after = (await read()).conditions as Array<Record<string, unknown>>;
    expect(after.map((c) => c.sequence_number)).toEqual([1, 3]);
    expect(after[0]).toMatchObject({
      id: c1?.id,
      criteria_details: { criteria: { value: 'A' } },
      instant_actions: { actions: [{ id: other }] },
    });
    const empty = await client.call('PUT', `${RULES}/${id}`, {
      workflow_rules: [
        {
          conditions: [
            {
              id: c1?.id,
              sequence_number: 1,
              instant_actions: { actions: [{ type: 'webhooks', id: other, _delete: null }] },
            },
          ],
        },
      ],
    });
    expect(entryOf(empty.body, 'workflow_rules').code).toBe('CANNOT_REMOVE');
    const unknown = await client.call('PUT', `${RULES}/${id}`, {
      workflow_rules: [{ conditions: [{ id: '1', sequence_number: 1 }] }],
    });
    expect(entryOf(unknown.body, 'workflow_rules').message).toBe('This given conditionid seems to be invalid');
  });

  it('deletes up to 10 per call and answers an unknown path id with 400', async () => {
    const id = await createRule(client, dealRule(deals, hook));
    const mixed = await client.call('DELETE', `${RULES}?ids=${id},1`);
    expect(mixed.status).toBe(207);
    expect(list(mixed.body, 'workflow_rules').map((e) => e.message)).toEqual([
      'WorkFlow Rule deleted successfully',
      'the id given seems to be invalid',
    ]);
    expect((await client.call('DELETE', `${RULES}/${id}`)).status).toBe(400);
    const eleven = Array.from({ length: 11 }, (_, i) => String(i + 1)).join(',');
    expect(obj((await client.call('DELETE', `${RULES}?ids=${eleven}`)).body)).toMatchObject({
      code: 'INVALID_DATA',
      details: { maximum_length: 10, param_name: 'ids' },
    });
    const again = await createRule(client, dealRule(deals, hook));
    expect(first((await client.call('DELETE', `${RULES}/${again}`)).body, 'workflow_rules').message).toBe(
      'workflow deleted',
    );
  });
});
