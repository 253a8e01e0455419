/**
 * Runs active workflow rules after record writes and queues their webhook actions. A rule's conditions are tried in
 * `sequence_number` order and the first whose criteria match runs its instant actions (criteria `null` matches
 * every record). Edit-type rules fire only when the record starts to match, unless `execute_when.details.repeat` is
 * true, as Zoho's "repeat this workflow" option does; a field_update rule fires when a field its trigger criteria
 * name changes and the new value meets them (`${ANYVALUE}`: any change).
 */
import type { SandboxContext } from '../core/types.js';
import {
  type ExecuteWhen,
  type RuleCondition,
  type RuleCriteria,
  type WorkflowRuleDoc,
  webhooks,
  workflowRules,
} from './automation-model.js';
import { type Comparator, compare } from './compare.js';
import type { ModuleDef, RecordDoc } from './model.js';
import { ANY_VALUE, criteriaFields } from './rule-criteria.js';
import { fieldList, now } from './state.js';
import type { RecordEvent } from './triggers.js';
import { webhookRequest } from './webhook-request.js';

const EMPTY = `$${'{'}EMPTY}`;
const NOT_EMPTY = `$${'{'}NOTEMPTY}`;

const COMPARATORS: Record<string, Comparator> = {
  equal: 'equals',
  not_equal: 'not_equal',
  greater_than: 'greater_than',
  greater_equal: 'greater_equal',
  less_than: 'less_than',
  less_equal: 'less_equal',
  contains: 'contains',
  like: 'contains',
  not_contains: 'not_contains',
  not_like: 'not_contains',
  starts_with: 'starts_with',
  ends_with: 'ends_with',
  in: 'in',
  not_in: 'not_in',
  between: 'between',
};

export function matchRuleCriteria(doc: RecordDoc, c: RuleCriteria | null): boolean {
  if (c === null) return true;
  if ('group' in c) {
    return c.group_operator === 'OR'
      ? c.group.some((g) => matchRuleCriteria(doc, g))
      : c.group.every((g) => matchRuleCriteria(doc, g));
  }
  const value = doc[c.field.api_name];
  if (c.comparator === ANY_VALUE || c.value === ANY_VALUE) return true;
  const empty = c.value === EMPTY || c.value === NOT_EMPTY;
  if (empty) {
    const wantsEmpty = (c.value === EMPTY) === (c.comparator === 'equal');
    return compare(value, wantsEmpty ? 'is_empty' : 'is_not_empty', null);
  }
  return compare(value, COMPARATORS[c.comparator] ?? 'equals', c.value);
}

function firstMatching(conditions: RuleCondition[], doc: RecordDoc): RuleCondition | undefined {
  return [...conditions]
    .sort((a, b) => a.sequence_number - b.sequence_number)
    .find((c) => matchRuleCriteria(doc, c.criteria));
}

function applies(w: ExecuteWhen, event: RecordEvent): boolean {
  switch (w.type) {
    case 'create':
      return event.operation === 'insert';
    case 'edit':
      return event.operation === 'update';
    case 'create_or_edit':
      return event.operation === 'insert' || event.operation === 'update';
    case 'delete':
      return event.operation === 'delete';
    case 'field_update':
      return (
        event.operation === 'update' &&
        criteriaFields(w.criteria).some((f) => event.changed.includes(f)) &&
        matchRuleCriteria(event.doc, w.criteria)
      );
  }
}

/** The condition whose actions run for this event, if any. */
function conditionFor(rule: WorkflowRuleDoc, event: RecordEvent): RuleCondition | undefined {
  if (!applies(rule.execute_when, event)) return undefined;
  const condition = firstMatching(rule.conditions, event.doc);
  if (condition === undefined) return undefined;
  const w = rule.execute_when;
  if (event.operation === 'update' && w.repeat !== true && w.type !== 'field_update' && event.previous) {
    const before = firstMatching(rule.conditions, event.previous);
    if (before && before.sequence_number === condition.sequence_number && condition.criteria !== null) return undefined;
  }
  return condition;
}

export function runWorkflowRules(ctx: SandboxContext, mod: ModuleDef, events: RecordEvent[]): void {
  const rules = [...workflowRules(ctx).values()].filter((r) => r.active && r.module.api_name === mod.api_name);
  if (rules.length === 0) return;
  const fields = fieldList(ctx, mod.api_name);
  for (const event of events) {
    for (const rule of rules) {
      const condition = conditionFor(rule, event);
      if (condition === undefined) continue;
      workflowRules(ctx).put(rule.id, { ...rule, last_executed_time: now(ctx) });
      for (const action of condition.instant_actions) {
        const hook = webhooks(ctx).get(action.id);
        if (hook)
          ctx.outbound.enqueue({
            product: 'crm',
            source: `workflow_rule:${rule.id}`,
            ...webhookRequest(hook, fields, event.doc),
          });
      }
    }
  }
}
