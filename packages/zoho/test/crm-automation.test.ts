/**
 * The CRM automation client: webhooks and workflow rules in Zoho's documented shapes, paged lists, reads by id.
 *
 * @module-tag e2e
 */
import type { CrmWebhookInput } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ seed: 'default' });
});
afterAll(async () => {
  await harness.close();
});

const ID = `\${!Deals.Id}`;

function hook(name: string): CrmWebhookInput {
  return {
    name,
    url: 'https://runtime.example.com/hooks/crm/h1',
    http_method: 'POST',
    module: 'Deals',
    authentication: { type: 'general' },
    feature_type: 'workflow',
    headers: { module_parameters: [], custom_parameters: [{ name: 'X-Zlc-Secret', value: 's3cret' }] },
    body: {
      type: 'form_data',
      format: null,
      form_data_content: { module_parameters: [{ name: 'id', value: ID }], custom_parameters: [] },
    },
  };
}

const requests = () => harness.events.flatMap((e) => (e.type === 'request' ? [`${e.method} ${e.path}`] : []));

describe('CRM webhooks and workflow rules through the client', () => {
  it('creates a webhook with its module id read once per client, and reads the whole of it back by id', async () => {
    const { crm } = harness.clients;
    const before = requests().length;
    const first = await crm.createWebhook(hook('zlc-one'));
    await crm.createWebhook(hook('zlc-two'));
    const made = requests().slice(before);
    expect(made.filter((r) => r.endsWith('/settings/modules'))).toHaveLength(1);
    const read = await crm.getWebhook(first);
    expect(read).toMatchObject({
      name: 'zlc-one',
      module: { api_name: 'Deals' },
      body: { form_data_content: { module_parameters: [{ name: 'id', value: ID }] } },
      headers: { custom_parameters: [{ name: 'X-Zlc-Secret', value: 's3cret' }] },
    });
    const listed = (await crm.listWebhooks()).find((w) => w.id === first);
    expect(listed).toMatchObject({ name: 'zlc-one', feature_type: 'workflow' });
    expect(listed).not.toHaveProperty('headers');
    expect(await crm.getWebhook('1')).toBeUndefined();
  });

  it('lists every page of webhooks, 200 a page', async () => {
    const { crm } = harness.clients;
    const existing = (await crm.listWebhooks()).length;
    for (let i = existing; i < 201; i++) await crm.createWebhook(hook(`zlc-page-${i}`));
    const before = requests().length;
    const all = await crm.listWebhooks();
    expect(all).toHaveLength(201);
    expect(new Set(all.map((w) => w.id)).size).toBe(201);
    expect(requests().slice(before)).toEqual([
      'GET /crm/v8/settings/automation/webhooks',
      'GET /crm/v8/settings/automation/webhooks',
    ]);
  }, 60_000);

  it('creates an active rule, reads its conditions with inner details or by id, and updates it in part', async () => {
    const { crm } = harness.clients;
    const webhook = await crm.createWebhook(hook('zlc-rule-hook'));
    const criteria = { comparator: 'equal', field: { api_name: 'Stage' }, value: 'Closed Won' };
    const id = await crm.createWorkflowRule({
      name: 'zlc-rule',
      module: 'Deals',
      execute_when: { type: 'create_or_edit', details: { repeat: false } },
      conditions: [
        {
          sequence_number: 1,
          criteria_details: { criteria },
          instant_actions: { actions: [{ type: 'webhooks', id: webhook }] },
        },
      ],
    });
    const summary = (await crm.listWorkflowRules({ module: 'Deals' })).find((r) => r.id === id);
    expect(summary).toMatchObject({ status: { active: true } });
    expect(summary).not.toHaveProperty('conditions');
    const inner = (await crm.listWorkflowRules({ includeInnerDetails: true })).find((r) => r.id === id);
    expect(inner?.conditions).toMatchObject([{ criteria_details: { criteria: { value: 'Closed Won' } } }]);
    await crm.updateWorkflowRule(id, { status: { active: false } });
    expect(await crm.getWorkflowRule(id)).toMatchObject({ status: { active: false }, conditions: inner?.conditions });
    expect(await crm.getWorkflowRule('1')).toBeUndefined();
  });

  it('names an unknown module before sending anything to the automation API', async () => {
    const failure = await harness.clients.crm.createWebhook({ ...hook('zlc-x'), module: 'Spaceships' }).catch((e) => e);
    expect(failure).toMatchObject({ kind: 'not_found', zohoCode: 'INVALID_MODULE', source: 'user' });
    expect(String(failure)).toContain('Spaceships');
  });
});
