/** `crm_workflow_rule` attributes and their codec. */
import type { Attributes, JsonValue } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/** Zoho's workflow criteria without ids: a leaf or an AND/OR group. */
export type RuleCriteria =
  | { comparator: string; field: string; value: JsonValue }
  | { groupOperator: 'AND' | 'OR'; group: RuleCriteria[] };

/**
 * `apply` maps it to `POST /settings/automation/workflow_rules` in the shape workflow_rules.yaml documents: `name`,
 * `module` (the client adds its id), `execute_when: {type: executeWhen, details: {repeat}}`, `conditions:
 * [{sequence_number: 1, criteria_details: {criteria}, instant_actions: {actions: [{type: "webhooks", id: <id of the
 * webhook named webhook>}]}}]` with criteria `{comparator, field: {api_name}, value}` / `{group_operator, group}`.
 * A rule is created active (create takes no `status`); `PUT …/{id}` sets `status.active` and changes the condition
 * by its id, removing what the rule should not hold (`_delete: null`).
 */
export type CrmWorkflowRuleAttributes = {
  name: string;
  module: string;
  executeWhen: string;
  /** false: fires only when a record starts meeting the criteria (enters the stage). */
  repeat: boolean;
  criteria: RuleCriteria | null;
  /** The name of the webhook the rule calls. */
  webhook: string;
  active: boolean;
  /** What the org's rule holds beyond that (more conditions, other actions), sorted; none in the model. */
  extras: string[];
};

function criteriaOf(raw: JsonValue | undefined): RuleCriteria | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  if (Array.isArray(raw.group))
    return {
      groupOperator: raw.groupOperator === 'OR' ? 'OR' : 'AND',
      group: raw.group.map(criteriaOf).filter((c): c is RuleCriteria => c !== null),
    };
  if (typeof raw.field !== 'string' || typeof raw.comparator !== 'string') return null;
  return { comparator: raw.comparator, field: raw.field, value: raw.value ?? null };
}

export const crmWorkflowRuleCodec: AttributeCodec<CrmWorkflowRuleAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): CrmWorkflowRuleAttributes {
    const r = attributeReader(a, 'crm_workflow_rule');
    return {
      name: r.string('name'),
      module: r.string('module'),
      executeWhen: r.string('executeWhen'),
      repeat: r.boolean('repeat'),
      criteria: criteriaOf(r.json('criteria')),
      webhook: r.string('webhook'),
      active: r.boolean('active', true),
      extras: r.optionalStringList('extras') ?? [],
    };
  },
};
