/**
 * A workflow rule as the API answers it (workflow_rules.yaml `WorkflowRuleSingleGetSchema`): the list without
 * `include_inner_details=true` gives summary-level rules (its GetAllResponses example: no conditions); GET by id and
 * the list with inner details give the conditions with their criteria and actions (GetSuccessResponse example:
 * criteria leaves carry the field's id and `type: "value"`, a webhook action its name).
 */
import type { SandboxContext } from '../core/types.js';
import { type RuleCondition, type RuleCriteria, type WorkflowRuleDoc, webhooks } from './automation-model.js';
import { fieldMap } from './state.js';

function criteriaOf(ctx: SandboxContext, module: string, c: RuleCriteria): Record<string, unknown> {
  if ('group' in c) return { group_operator: c.group_operator, group: c.group.map((g) => criteriaOf(ctx, module, g)) };
  const id = fieldMap(ctx, module).get(c.field.api_name)?.id;
  return {
    comparator: c.comparator,
    field: id === undefined ? { api_name: c.field.api_name } : { api_name: c.field.api_name, id },
    type: 'value',
    value: c.value,
  };
}

function conditionOf(ctx: SandboxContext, module: string, c: RuleCondition): Record<string, unknown> {
  return {
    sequence_number: c.sequence_number,
    instant_actions: {
      actions: c.instant_actions.map((a) => ({ name: webhooks(ctx).get(a.id)?.name ?? '', id: a.id, type: a.type })),
    },
    scheduled_actions: null,
    criteria_details: { criteria: c.criteria === null ? null : criteriaOf(ctx, module, c.criteria) },
    id: c.id,
  };
}

function executeWhenOf(ctx: SandboxContext, rule: WorkflowRuleDoc): Record<string, unknown> {
  const w = rule.execute_when;
  const details: Record<string, unknown> = { trigger_module: rule.module };
  if (w.repeat !== undefined) details.repeat = w.repeat;
  if (w.type === 'field_update') {
    details.criteria = criteriaOf(ctx, rule.module.api_name, w.criteria);
    if (w.match_all !== undefined) details.match_all = w.match_all;
  }
  return { details, type: w.type };
}

export function ruleSummary(ctx: SandboxContext, rule: WorkflowRuleDoc): Record<string, unknown> {
  return {
    created_time: rule.created_time,
    execute_when: executeWhenOf(ctx, rule),
    editable: true,
    module: rule.module,
    deletable: true,
    description: rule.description,
    source: 'crm',
    created_by: rule.created_by,
    last_executed_time: rule.last_executed_time,
    modified_time: rule.modified_time,
    name: rule.name,
    modified_by: rule.modified_by,
    lock: { locked_by: null, message: rule.lock.message, status: rule.lock.status },
    id: rule.id,
    status: { active: rule.active },
  };
}

export function ruleFull(ctx: SandboxContext, rule: WorkflowRuleDoc): Record<string, unknown> {
  return {
    ...ruleSummary(ctx, rule),
    deprecated: false,
    category: 'default',
    conditions: rule.conditions.map((c) => conditionOf(ctx, rule.module.api_name, c)),
  };
}
