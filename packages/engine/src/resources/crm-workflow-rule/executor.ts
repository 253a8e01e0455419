/**
 * `crm_workflow_rule` → `POST/PUT/DELETE /settings/automation/workflow_rules` (see `CrmWorkflowRuleAttributes`).
 * The rule names its webhook; the webhook's id comes from this run (an earlier wave may have created it) or from
 * the webhook list. Zoho creates a rule active and takes no `status` on create, so an inactive rule is created,
 * then turned off. An update is partial in Zoho: it names the condition it changes by id and removes, with
 * `_delete: null`, every other condition and action the rule holds.
 */
import type { CrmRuleAction, CrmRuleConditionInput, CrmRuleCriteria, CrmWorkflowRuleUpdate } from '@zlc/zoho';
import { createOnce } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { crmWebhookAddress } from '../crm-webhook/definition.js';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { type CrmWorkflowRuleAttributes, crmWorkflowRuleCodec, type RuleCriteria } from './attributes.js';
import { conditionsOf } from './remote.js';

function toZohoCriteria(c: RuleCriteria): CrmRuleCriteria {
  if ('group' in c) return { group_operator: c.groupOperator, group: c.group.map(toZohoCriteria) };
  return { comparator: c.comparator, field: { api_name: c.field }, value: c.value };
}

async function webhookId(rule: CrmWorkflowRuleAttributes, ctx: ExecutorContext): Promise<string> {
  const made = ctx.remoteIds.get(crmWebhookAddress(rule.webhook));
  if (made !== undefined) return made;
  const hooks = await ctx.once('crm:webhooks', () => ctx.clients.crm.listWebhooks());
  const hook = hooks.find((h) => h.name === rule.webhook);
  if (hook === undefined) throw new Error(`CRM webhook ${rule.webhook} does not exist (the rule calls it)`);
  return hook.id;
}

const triggerOf = (rule: CrmWorkflowRuleAttributes) => ({ type: rule.executeWhen, details: { repeat: rule.repeat } });

function criteriaDetails(rule: CrmWorkflowRuleAttributes): { criteria: CrmRuleCriteria | null } {
  return { criteria: rule.criteria === null ? null : toZohoCriteria(rule.criteria) };
}

/** The update that makes the org's rule `id` what `rule` says: its first condition changed, the rest removed. */
async function ruleUpdate(
  id: string,
  rule: CrmWorkflowRuleAttributes,
  ctx: ExecutorContext,
): Promise<CrmWorkflowRuleUpdate> {
  const hook = await webhookId(rule, ctx);
  const current = await ctx.clients.crm.getWorkflowRule(id);
  const [first, ...rest] = current === undefined ? [] : conditionsOf(current);
  const drop = (a: { type: string; id: string }): CrmRuleAction => ({ type: a.type, id: a.id, _delete: null });
  const kept: CrmRuleConditionInput = {
    ...(first === undefined ? {} : { id: first.id }),
    sequence_number: 1,
    criteria_details: criteriaDetails(rule),
    instant_actions: {
      actions: [
        { type: 'webhooks', id: hook },
        ...(first?.actions ?? []).filter((a) => a.id !== hook).map((a) => drop({ type: a.type, id: a.id })),
      ],
    },
  };
  const removed = rest.map((c): CrmRuleConditionInput => ({ id: c.id, sequence_number: c.sequence, _delete: null }));
  return {
    name: rule.name,
    execute_when: triggerOf(rule),
    status: { active: rule.active },
    conditions: [kept, ...removed],
  };
}

async function createRule(after: Attributes, ctx: ExecutorContext): Promise<string> {
  const rule = crmWorkflowRuleCodec.decode(after);
  const criteria = criteriaDetails(rule);
  const input = {
    name: rule.name,
    module: rule.module,
    execute_when: triggerOf(rule),
    conditions: [
      {
        sequence_number: 1,
        ...(criteria.criteria === null ? {} : { criteria_details: criteria }),
        instant_actions: { actions: [{ type: 'webhooks' as const, id: await webhookId(rule, ctx) }] },
      },
    ],
  };
  const created = await createOnce<{ id: string }>({
    product: 'crm',
    what: `CRM workflow rule ${rule.name}`,
    create: async () => ({ id: await ctx.clients.crm.createWorkflowRule(input) }),
    lookup: async () => (await ctx.clients.crm.listWorkflowRules()).find((r) => r.name === rule.name),
    adoptExisting: true,
    clock: ctx.clock,
    onEvent: ctx.onZohoEvent,
  });
  if (!rule.active) await ctx.clients.crm.updateWorkflowRule(created.id, { status: { active: false } });
  return created.id;
}

export const crmWorkflowRuleExecutor: Executor = {
  create: (action, ctx) => createRule(action.after, ctx),
  async update(action, ctx) {
    const rule = crmWorkflowRuleCodec.decode(action.after);
    await ctx.clients.crm.updateWorkflowRule(action.remoteId, await ruleUpdate(action.remoteId, rule, ctx));
  },
  async remove(action, ctx) {
    // Zoho answers an unknown id with 400, not 404: read it first, so a rule already gone counts as removed.
    await removeUnlessGone(async () => {
      if ((await ctx.clients.crm.getWorkflowRule(action.remoteId)) !== undefined)
        await ctx.clients.crm.deleteWorkflowRule(action.remoteId);
    });
  },
};
