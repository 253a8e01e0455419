/**
 * `crm_workflow_rule` → `POST/PUT/DELETE /settings/automation/workflow_rules` (see `CrmWorkflowRuleAttributes`).
 * The rule names its webhook; the webhook's id is looked up by name at apply time (it may have been created in
 * an earlier wave of the same run).
 */
import { createOnce } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { crmWorkflowRuleCodec, type RuleCriteria } from './attributes.js';

function toZohoCriteria(c: RuleCriteria): Record<string, unknown> {
  if ('group' in c) return { group_operator: c.groupOperator, group: c.group.map(toZohoCriteria) };
  return { comparator: c.comparator, field: { api_name: c.field }, value: c.value };
}

async function ruleBody(a: Attributes, ctx: ExecutorContext): Promise<Record<string, unknown>> {
  const rule = crmWorkflowRuleCodec.decode(a);
  const hooks = await ctx.once('crm:webhooks', () => ctx.clients.crm.listWebhooks());
  const hook = hooks.find((h) => h.name === rule.webhook);
  if (hook === undefined) throw new Error(`CRM webhook ${rule.webhook} does not exist (the rule calls it)`);
  const criteria = rule.criteria === null ? undefined : toZohoCriteria(rule.criteria);
  return {
    name: rule.name,
    module: { api_name: rule.module },
    execute_when: { type: rule.executeWhen, details: { repeat: rule.repeat } },
    status: { active: rule.active },
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
    const { name } = crmWorkflowRuleCodec.decode(action.after);
    const body = await ruleBody(action.after, ctx);
    const created = await createOnce<{ id: string }>({
      product: 'crm',
      what: `CRM workflow rule ${name}`,
      create: async () => ({ id: await ctx.clients.crm.createWorkflowRule(body) }),
      lookup: async () => (await ctx.clients.crm.listWorkflowRules()).find((r) => r.name === name),
      adoptExisting: true,
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
