/**
 * `crm_workflow_rule` → `POST/PUT/DELETE /settings/automation/workflow_rules` (see `CrmWorkflowRuleAttributes`).
 * The rule names its webhook; the webhook's id is looked up by name at apply time (it may have been created in
 * an earlier wave of the same run).
 */
import { createOnce } from '@zlc/zoho';
import type { Attributes, JsonValue } from '../../plan-types.js';
import { attr, type Executor, type ExecutorContext, removeUnlessGone } from './executor.js';

function toZohoCriteria(c: JsonValue | undefined): Record<string, unknown> | undefined {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return undefined;
  if (Array.isArray(c.group)) {
    return {
      group_operator: c.groupOperator === 'OR' ? 'OR' : 'AND',
      group: c.group.map(toZohoCriteria).filter((g) => g !== undefined),
    };
  }
  if (typeof c.field !== 'string' || typeof c.comparator !== 'string') return undefined;
  return { comparator: c.comparator, field: { api_name: c.field }, value: c.value ?? null };
}

async function ruleBody(a: Attributes, ctx: ExecutorContext): Promise<Record<string, unknown>> {
  const webhookName = attr(a, 'webhook');
  const hooks = await ctx.once('crm:webhooks', () => ctx.clients.crm.listWebhooks());
  const hook = hooks.find((h) => h.name === webhookName);
  if (hook === undefined) throw new Error(`CRM webhook ${webhookName} does not exist (the rule calls it)`);
  const criteria = toZohoCriteria(a.criteria);
  return {
    name: attr(a, 'name'),
    module: { api_name: attr(a, 'module') },
    execute_when: { type: attr(a, 'executeWhen'), details: { repeat: a.repeat === true } },
    status: { active: a.active !== false },
    conditions: [
      {
        sequence_number: 1,
        ...(criteria === undefined ? {} : { criteria_details: { criteria } }),
        instant_actions: { actions: [{ type: 'webhooks', id: hook.id }] },
      },
    ],
  };
}

export const crmWorkflowRuleExecutor: Executor = {
  async create(action, ctx) {
    const name = attr(action.after, 'name');
    const body = await ruleBody(action.after, ctx);
    const created = await createOnce<{ id: string }>({
      product: 'crm',
      what: `CRM workflow rule ${name}`,
      create: async () => ({ id: await ctx.clients.crm.createWorkflowRule(body) }),
      lookup: async () => (await ctx.clients.crm.listWorkflowRules()).find((r) => r.name === name),
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    return created.id;
  },
  async update(action, ctx) {
    await ctx.clients.crm.updateWorkflowRule(action.remoteId, await ruleBody(action.after, ctx));
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.crm.deleteWorkflowRule(action.remoteId));
  },
};
