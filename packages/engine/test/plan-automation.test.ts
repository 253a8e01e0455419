/**
 * CRM webhooks and workflow rules through plan and apply on the sandbox, which answers as webhooks.yaml and
 * workflow_rules.yaml document: summaries from the webhook list (so zlc reads its own webhooks by id), rules with
 * their conditions only on request. An applied org plans no change; hand edits show as one change and converge.
 *
 * @module-tag e2e
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyModel, applyPlan, EXECUTORS, makePlan, type Plan } from '@zlc/engine';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { type CrmWebhookInput, createZohoClients, loadZohoConfig, targetIdentity, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlan as planOfActions } from './support/apply-fixtures.js';
import { modelOf } from './support/plan-builders.js';

const SECRET = 'automation-secret';
const HOOK = 'zlc-won-deal-to-books';
let sandbox: Sandbox;
let clients: ZohoClients;
let identity: string;
let receiver: Server;
let runtimeUrl: string;
let requests: string[] = [];
let partnerHook: string;
const model = modelOf();

const partner: CrmWebhookInput = {
  name: 'Partner sync',
  url: 'https://partner.example.com/deals',
  http_method: 'POST',
  module: 'Deals',
  authentication: { type: 'general' },
  feature_type: 'workflow',
  body: { type: 'none', format: null },
};

function applyOptions() {
  return {
    clients,
    identity,
    journalDir: mkdtempSync(join(tmpdir(), 'zlc-auto-journal-')),
    lockDir: mkdtempSync(join(tmpdir(), 'zlc-auto-lock-')),
    webhookSecret: SECRET,
    runtimeUrlOverride: runtimeUrl,
    allowDataLoss: true,
  };
}

async function planOf(): Promise<Plan> {
  return (await makePlan(clients, model, { target: identity, runtimeUrlOverride: runtimeUrl, webhookSecret: SECRET }))
    .plan;
}

/** The plan's webhook and rule changes. */
async function automationChanges(): Promise<string[]> {
  return (await planOf()).actions
    .filter((a) => a.action !== 'noop' && (a.type === 'crm_webhook' || a.type === 'crm_workflow_rule'))
    .map((a) => `${a.action} ${a.address}`);
}

async function idOf(kind: 'webhook' | 'rule', name: string): Promise<string> {
  const list = kind === 'webhook' ? await clients.crm.listWebhooks() : await clients.crm.listWorkflowRules();
  const found = list.find((x) => x.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found.id;
}

async function converge(): Promise<void> {
  const result = await applyModel(model, applyOptions());
  if (result.status === 'refused') throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  expect(await automationChanges()).toEqual([]);
}

beforeAll(async () => {
  receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  runtimeUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zlc`;
  sandbox = await startSandbox({});
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox config does not load');
  identity = targetIdentity(loaded.config);
  clients = createZohoClients(loaded.config, {
    onEvent: (e) => {
      if (e.type === 'request' && e.product === 'crm') requests.push(`${e.method} ${e.path}`);
    },
  });
  partnerHook = await clients.crm.createWebhook(partner);
  const applied = await applyModel(model, applyOptions());
  if (applied.status === 'refused') throw new Error(`refused: ${JSON.stringify(applied.refusal)}`);
}, 60_000);
afterAll(async () => {
  clients.close();
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('CRM webhooks and workflow rules, planned and applied', () => {
  it('plans no change after apply, reading each of its own webhooks by id and no one else’s', async () => {
    requests = [];
    expect(await automationChanges()).toEqual([]);
    const byId = requests.filter((r) => /^GET \/crm\/v8\/settings\/automation\/webhooks\/\d+$/.test(r));
    const names = [HOOK, 'zlc-won-deal-to-desk', 'zlc-gate-lead', 'zlc-gate-opportunity', 'zlc-gate-closed-won'];
    const ids = await Promise.all(names.map((name) => idOf('webhook', name)));
    expect(byId.sort()).toEqual(ids.map((id) => `GET /crm/v8/settings/automation/webhooks/${id}`).sort());
    expect(byId.join()).not.toContain(partnerHook);
  });

  it('created the webhook in Zoho’s documented shape, with the record id as a module parameter', async () => {
    const hook = await clients.crm.getWebhook(await idOf('webhook', HOOK));
    expect(hook).toMatchObject({
      http_method: 'POST',
      feature_type: 'workflow',
      authentication: { type: 'general' },
      headers: { module_parameters: [], custom_parameters: [{ name: 'X-Zlc-Secret', value: SECRET }] },
      body: {
        type: 'form_data',
        format: null,
        form_data_content: {
          module_parameters: [{ name: 'id', value: `\${!Deals.Id}` }],
          custom_parameters: [
            { name: 'handoff', value: 'won-deal-to-books' },
            { name: 'module', value: 'Deals' },
          ],
        },
      },
    });
  });

  it('shows a webhook edited by hand as one change without the secret, and apply writes it whole again', async () => {
    const id = await idOf('webhook', HOOK);
    await clients.crm.updateWebhook(id, {
      ...partner,
      name: HOOK,
      url: `${runtimeUrl}/hooks/crm/won-deal-to-books`,
      headers: { module_parameters: [], custom_parameters: [{ name: 'X-Extra', value: 'by hand' }] },
      body: {
        type: 'form_data',
        format: null,
        form_data_content: { module_parameters: [{ name: 'id', value: `\${!Deals.Deal_Name}` }] },
      },
    });
    const plan = await planOf();
    expect(plan.actions.filter((a) => a.action === 'update').map((a) => a.address)).toContain(`crm_webhook.${HOOK}`);
    expect(JSON.stringify(plan)).not.toContain(SECRET);
    await converge();
    const hook = await clients.crm.getWebhook(id);
    expect(hook?.headers?.custom_parameters).toEqual([{ name: 'X-Zlc-Secret', value: SECRET }]);
  });

  it('shows a condition and an action added by hand as one change, and apply takes them out again', async () => {
    const id = await idOf('rule', HOOK);
    const rule = await clients.crm.getWorkflowRule(id);
    const [condition] = (rule?.conditions ?? []) as Array<{ id: string }>;
    await clients.crm.updateWorkflowRule(id, {
      conditions: [
        {
          id: condition?.id ?? '',
          sequence_number: 1,
          instant_actions: { actions: [{ type: 'webhooks', id: partnerHook }] },
        },
        {
          sequence_number: 2,
          criteria_details: { criteria: { comparator: 'equal', field: { api_name: 'Stage' }, value: 'Closed Lost' } },
          instant_actions: { actions: [{ type: 'webhooks', id: partnerHook }] },
        },
      ],
    });
    expect(await automationChanges()).toEqual([`update crm_workflow_rule.${HOOK}`]);
    await converge();
    const after = await clients.crm.getWorkflowRule(id);
    expect(after?.conditions).toHaveLength(1);
    expect(after?.conditions?.[0]).toMatchObject({
      id: condition?.id,
      instant_actions: { actions: [{ type: 'webhooks', id: await idOf('webhook', HOOK) }] },
    });
  });

  it('turns a rule switched off by hand on again', async () => {
    const id = await idOf('rule', HOOK);
    await clients.crm.updateWorkflowRule(id, { status: { active: false } });
    expect(await automationChanges()).toEqual([`update crm_workflow_rule.${HOOK}`]);
    await converge();
    expect((await clients.crm.getWorkflowRule(id))?.status).toEqual({ active: true });
  });

  it('counts a webhook and a rule already gone as removed', async () => {
    const gone = (type: 'crm_webhook' | 'crm_workflow_rule') => ({
      action: 'remove' as const,
      address: `${type}.zlc-gone`,
      type,
      product: 'crm' as const,
      title: 'gone',
      dependsOn: [],
      before: {},
      remoteId: '5725767000000000001',
      reason: 'named in remove:',
    });
    const plan = planOfActions(identity, [[gone('crm_workflow_rule')], [gone('crm_webhook')]]);
    const result = await applyPlan(plan, {
      ...applyOptions(),
      readRemote: async () => ({ resources: [], calls: 0 }),
      checkStaleness: false,
      executors: EXECUTORS,
    });
    if (result.status !== 'applied') throw new Error(`not applied: ${JSON.stringify(result)}`);
    expect(result.summary.removed).toBe(2);
  });
});
