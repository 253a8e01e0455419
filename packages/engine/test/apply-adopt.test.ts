/**
 * A create whose object already exists under its natural key (an earlier run's request that landed after this run
 * planned) adopts that object instead of failing: every executor that creates, on the sandbox, with nothing
 * uncertain in this run.
 *
 * @module-tag e2e
 */
import { applyPlan, EXECUTORS, type PlanAction } from '@zlc/engine';
import { startReceiver } from '@zlc/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApplyWorld,
  applyWorld,
  createField,
  createRule,
  createWebhook,
  makePlan,
} from './support/apply-fixtures.js';

let world: ApplyWorld;
beforeEach(async () => {
  world = await applyWorld();
});
afterEach(async () => {
  await world.close();
});

function options() {
  return {
    clients: world.clients,
    identity: world.identity,
    journalDir: world.journalDir,
    lockDir: world.lockDir,
    readRemote: async () => ({ resources: [], calls: 0 }),
    executors: EXECUTORS,
    webhookSecret: 'adopt-test-secret',
  };
}

function createDeskField(apiName: string, label: string): PlanAction {
  return {
    action: 'create',
    address: `desk_field.accounts.${apiName}`,
    type: 'desk_field',
    product: 'desk',
    title: apiName,
    dependsOn: [],
    after: { module: 'accounts', apiName, label, fieldType: 'Text', maxLength: 50 },
  };
}

function createItem(name: string): PlanAction {
  return {
    action: 'create',
    address: `books_item.${name}`,
    type: 'books_item',
    product: 'books',
    title: name,
    dependsOn: [],
    after: { name, rate: 100 },
  };
}

describe('a create that meets "already exists"', () => {
  it('adopts the CRM field, webhook, rule, Desk field and Books item already under its natural key', async () => {
    const { clients } = world;
    const [field] = await clients.crm.createFields('Accounts', [
      { field_label: 'Region Code', api_name: 'Region_Code', data_type: 'text', length: 50 },
    ]);
    if (field?.status !== 'success') throw new Error('the CRM field was not made');
    const hookPlan = createWebhook('zlc-adopt', 'https://flow.example/hooks/crm/adopt');
    const hookId = await clients.crm.createWebhook({
      name: 'zlc-adopt',
      url: 'https://flow.example/hooks/crm/adopt',
      http_method: 'POST',
      module: 'Deals',
      authentication: { type: 'general' },
      feature_type: 'workflow',
    });
    const ruleId = await clients.crm.createWorkflowRule({
      name: 'zlc-adopt',
      module: 'Deals',
      execute_when: { type: 'create', details: { repeat: false } },
      conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: hookId }] } }],
    });
    const deskField = await clients.desk.createField('accounts', {
      displayLabel: 'Partner Code',
      type: 'Text',
      maxLength: 50,
    });
    const item = await clients.books.items.create({ name: 'Onboarding', rate: 100, product_type: 'service' });

    const plan = makePlan(world.identity, [
      [
        createField('Accounts', 'Region_Code', 'Region Code'),
        hookPlan,
        createDeskField('cf_partner_code', 'Partner Code'),
        createItem('Onboarding'),
      ],
      [createRule('zlc-adopt', 'zlc-adopt')],
    ]);
    const result = await applyPlan(plan, options());
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`not applied: ${result.status}`);
    expect(result.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);
    const ids = Object.fromEntries(result.outcomes.map((o) => [o.address, o.status === 'applied' ? o.remoteId : '']));
    expect(ids).toEqual({
      'crm_field.Accounts.Region_Code': field.id,
      'crm_webhook.zlc-adopt': hookId,
      'desk_field.accounts.cf_partner_code': deskField.id,
      'books_item.Onboarding': item.item_id,
      'crm_workflow_rule.zlc-adopt': ruleId,
    });
    expect((await clients.crm.listFields('Accounts')).filter((f) => f.api_name === 'Region_Code')).toHaveLength(1);
    expect((await clients.crm.listWebhooks()).filter((h) => h.name === 'zlc-adopt')).toHaveLength(1);
    expect((await clients.crm.listWorkflowRules()).filter((r) => r.name === 'zlc-adopt')).toHaveLength(1);
  });

  it('keeps the earlier of two Desk webhooks of one name (Desk accepts both) and deletes the one it made', async () => {
    const receiver = await startReceiver();
    try {
      const url = `${receiver.url}/hooks/desk/adopt`;
      const earlier = await world.clients.desk.createWebhook({
        name: 'zlc-adopt',
        url,
        subscriptions: { Ticket_Add: null },
        isEnabled: true,
      });
      const plan = makePlan(world.identity, [
        [
          {
            action: 'create',
            address: 'desk_webhook.zlc-adopt',
            type: 'desk_webhook',
            product: 'desk',
            title: 'zlc-adopt',
            dependsOn: [],
            after: { name: 'zlc-adopt', url, secret: 'env:ZLC_WEBHOOK_SECRET', events: ['Ticket_Add'], enabled: true },
          },
        ],
      ]);
      const result = await applyPlan(plan, options());
      if (result.status !== 'applied') throw new Error(`not applied: ${result.status}`);
      expect(result.outcomes).toMatchObject([{ status: 'applied', remoteId: earlier.id }]);
      const hooks = await world.clients.desk.listWebhooks();
      expect(hooks.filter((h) => h.name === 'zlc-adopt').map((h) => h.id)).toEqual([earlier.id]);
    } finally {
      await receiver.close();
    }
  });

  it('still fails when what exists is another object: a CRM field with the label but another API name', async () => {
    await world.clients.crm.createFields('Accounts', [
      { field_label: 'Region Code', api_name: 'Region_Key', data_type: 'text', length: 50 },
    ]);
    const plan = makePlan(world.identity, [[createField('Accounts', 'Region_Code', 'Region Code')]]);
    const result = await applyPlan(plan, options());
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`not applied: ${result.status}`);
    expect(result.status).toBe('partial');
    const [outcome] = result.outcomes;
    expect(outcome?.status === 'failed' ? outcome.error.zohoCode : undefined).toBe('DUPLICATE_DATA');
  });
});
