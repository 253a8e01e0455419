/**
 * The org's workflow rule (read with inner details) in the attribute shape `desired` produces: the first condition
 * (by `sequence_number`) is the one zlc manages; its first webhook action names the webhook; everything else the rule
 * holds is listed in `extras`, so that a hand-made addition shows as a change and apply removes it.
 */
import type { CrmWorkflowRule } from '@zlc/zoho';
import type { JsonValue } from '../../plan-types.js';
import { isRecord, str } from '../resource-def.js';
import type { CrmWorkflowRuleAttributes, RuleCriteria } from './attributes.js';

/** A condition as read: its id, number, criteria and actions. */
export interface RemoteCondition {
  id: string;
  sequence: number;
  criteria: RuleCriteria | null;
  actions: { type: string; id: string; name: string | undefined }[];
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** Zoho's criteria without ids and display keys (`type: "value"`, field ids), one-entry groups unwrapped. */
export function remoteCriteria(raw: unknown): RuleCriteria | null {
  if (!isRecord(raw)) return null;
  if (Array.isArray(raw.group)) {
    const group = raw.group.map(remoteCriteria).filter((c): c is RuleCriteria => c !== null);
    const op = String(raw.group_operator ?? 'AND').toUpperCase() === 'OR' ? 'OR' : 'AND';
    if (group.length === 1) return group[0] ?? null;
    return { groupOperator: op, group };
  }
  const field = isRecord(raw.field) ? str(raw.field.api_name) : str(raw.field);
  const comparator = str(raw.comparator);
  if (field === undefined || comparator === undefined) return null;
  return { comparator: comparator === 'equals' ? 'equal' : comparator, field, value: toJson(raw.value) };
}

function actionsOf(raw: unknown): RemoteCondition['actions'] {
  const list = isRecord(raw) && Array.isArray(raw.actions) ? raw.actions : [];
  return list.flatMap((a) => {
    const id = isRecord(a) ? str(a.id) : undefined;
    const type = isRecord(a) ? str(a.type) : undefined;
    return isRecord(a) && id !== undefined && type !== undefined ? [{ type, id, name: str(a.name) }] : [];
  });
}

/** The rule's conditions, by sequence number. */
export function conditionsOf(rule: CrmWorkflowRule): RemoteCondition[] {
  const list = Array.isArray(rule.conditions) ? rule.conditions : [];
  return list
    .flatMap((c): RemoteCondition[] => {
      if (!isRecord(c)) return [];
      const details = isRecord(c.criteria_details) ? c.criteria_details : {};
      const sequence = typeof c.sequence_number === 'number' ? c.sequence_number : 0;
      return [
        {
          id: str(c.id) ?? '',
          sequence,
          criteria: remoteCriteria(details.criteria),
          actions: actionsOf(c.instant_actions),
        },
      ];
    })
    .sort((a, b) => a.sequence - b.sequence);
}

/** The rule's attributes; `hookNames` names webhooks by id where an action carries no name. */
export function remoteRuleAttributes(
  rule: CrmWorkflowRule,
  hookNames: ReadonlyMap<string, string>,
): CrmWorkflowRuleAttributes {
  const [first, ...rest] = conditionsOf(rule);
  const hook = first?.actions.find((a) => a.type === 'webhooks');
  const nameOf = (a: { id: string; name: string | undefined }) => a.name ?? hookNames.get(a.id) ?? a.id;
  const extras = [
    ...(first?.actions ?? []).filter((a) => a !== hook).map((a) => `action ${a.type} ${nameOf(a)}`),
    ...rest.map((c) => `condition ${c.sequence}`),
  ].sort();
  const details = rule.execute_when?.details;
  return {
    name: rule.name,
    module: str(rule.module?.api_name) ?? '',
    executeWhen: rule.execute_when?.type ?? '',
    repeat: isRecord(details) && details.repeat === true,
    criteria: first?.criteria ?? null,
    webhook: hook === undefined ? '' : nameOf(hook),
    active: rule.status?.active !== false,
    extras,
  };
}
