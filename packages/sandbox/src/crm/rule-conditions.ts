/**
 * A rule's conditions (workflow_rules.yaml `ConditionsNestedSchema`): 1 – 10 per rule (the update schema's 20 is
 * the looser of the two; 10 holds), each with a unique `sequence_number`, `criteria_details` an object when present
 * (`criteria: null` matches every record), and instant or scheduled actions. On update, conditions the request
 * leaves out stay, one with an existing `id` is changed, one without an id is added, `_delete: null` removes it.
 */
import type { SandboxContext } from '../core/types.js';
import { invalid, isCrmError, limitExceeded, missing, wrongType } from './automation-errors.js';
import type { RuleCondition, RuleCriteria } from './automation-model.js';
import { type CrmError, crmError } from './errors.js';
import { instantActions, scheduledActions } from './rule-actions.js';
import { ruleCriteria } from './rule-criteria.js';
import { isObj, type Obj } from './settings-body.js';

export const MAX_CONDITIONS = 10;

export interface ConditionScope {
  ctx: SandboxContext;
  module: string;
  repeat: boolean | undefined;
}

function criteriaOf(scope: ConditionScope, raw: Obj, cp: string): RuleCriteria | null | undefined | CrmError {
  if (!('criteria_details' in raw)) return undefined;
  const details = raw.criteria_details;
  if (!isObj(details)) return invalid('criteria_details', `${cp}.criteria_details`, 'invalid data');
  const relational = details.relational_criteria;
  if (isObj(relational) && (relational.criteria ?? null) !== null)
    // Criteria on a related module are not emulated (sandbox limit).
    return invalid('relational_criteria', `${cp}.criteria_details.relational_criteria`, 'invalid data');
  return ruleCriteria(scope.ctx, scope.module, details.criteria, `${cp}.criteria_details.criteria`);
}

/** One condition of the request, new (`current` undefined) or applied to an existing one. */
function condition(
  scope: ConditionScope,
  raw: Obj,
  cp: string,
  current: RuleCondition | undefined,
): RuleCondition | CrmError {
  const seq = raw.sequence_number ?? current?.sequence_number;
  if (seq === undefined || seq === null) return missing('sequence_number', `${cp}.sequence_number`);
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1)
    return wrongType('sequence_number', `${cp}.sequence_number`, 'integer');
  const criteria = criteriaOf(scope, raw, cp);
  if (isCrmError(criteria)) return criteria;
  const scheduled = scheduledActions(
    { ctx: scope.ctx, module: scope.module, path: `${cp}.scheduled_actions` },
    raw.scheduled_actions,
    scope.repeat,
  );
  if (scheduled) return scheduled;
  if (raw.instant_actions === undefined && current === undefined)
    return missing('instant_actions', `${cp}.instant_actions`);
  const actions =
    raw.instant_actions === undefined
      ? (current?.instant_actions ?? [])
      : instantActions(
          { ctx: scope.ctx, module: scope.module, path: `${cp}.instant_actions` },
          raw.instant_actions,
          current?.instant_actions ?? [],
          current !== undefined,
        );
  if (isCrmError(actions)) return actions;
  return {
    id: current?.id ?? scope.ctx.ids.next('crm'),
    sequence_number: seq,
    criteria: criteria === undefined ? (current?.criteria ?? null) : criteria,
    instant_actions: actions,
  };
}

/** Checks what holds for the whole list: count, unique sequence numbers, no criteria twice (`ALREADY_USED`). */
function wholeList(list: RuleCondition[], path: string): CrmError | undefined {
  if (list.length === 0) return missing('conditions', path);
  if (list.length > MAX_CONDITIONS)
    return limitExceeded('conditions', path, MAX_CONDITIONS, 'conditions limit exceeded');
  const seqs = new Set<number>();
  const criteria = new Map<string, number>();
  for (const [i, c] of list.entries()) {
    if (seqs.has(c.sequence_number)) return invalid('sequence_number', `${path}[${i}].sequence_number`, 'invalid data');
    seqs.add(c.sequence_number);
    const key = JSON.stringify(c.criteria);
    const earlier = criteria.get(key);
    if (earlier !== undefined)
      return crmError('ALREADY_USED', 'duplicate criteria details.', {
        api_name: 'criteria_details',
        exists_in: { api_name: 'criteria_details', json_path: `${path}[${earlier}].criteria_details` },
        json_path: `${path}[${i}].criteria_details`,
      });
    criteria.set(key, i);
  }
  return undefined;
}

/** The conditions of a new rule. */
export function newConditions(scope: ConditionScope, raw: unknown, path: string): RuleCondition[] | CrmError {
  if (raw === undefined || raw === null) return missing('conditions', path);
  if (!Array.isArray(raw)) return wrongType('conditions', path, 'jsonarray');
  if (raw.length > MAX_CONDITIONS)
    return limitExceeded('conditions', path, MAX_CONDITIONS, 'conditions limit exceeded');
  const out: RuleCondition[] = [];
  for (const [i, c] of raw.entries()) {
    if (!isObj(c)) return wrongType('conditions', `${path}[${i}]`, 'jsonobject');
    if ('id' in c || '_delete' in c) return invalid('id' in c ? 'id' : '_delete', `${path}[${i}]`, 'invalid data');
    const made = condition(scope, c, `${path}[${i}]`, undefined);
    if (isCrmError(made)) return made;
    out.push(made);
  }
  return wholeList(out, path) ?? out;
}

/** The conditions after an update's `conditions` are applied to `current`. */
export function updatedConditions(
  scope: ConditionScope,
  raw: unknown,
  current: readonly RuleCondition[],
  path: string,
): RuleCondition[] | CrmError {
  if (!Array.isArray(raw)) return wrongType('conditions', path, 'jsonarray');
  let out = [...current];
  for (const [i, c] of raw.entries()) {
    const cp = `${path}[${i}]`;
    if (!isObj(c)) return wrongType('conditions', cp, 'jsonobject');
    const id = c.id ?? null;
    const at = id === null ? -1 : out.findIndex((x) => x.id === id);
    if (id !== null && at < 0) return invalid('id', `${cp}.id`, 'This given conditionid seems to be invalid');
    if ('_delete' in c) {
      if (at < 0 || c._delete !== null) return invalid('_delete', `${cp}._delete`, 'invalid data');
      out = out.filter((x) => x.id !== id);
      continue;
    }
    const made = condition(scope, c, cp, at < 0 ? undefined : out[at]);
    if (isCrmError(made)) return made;
    if (at < 0) out.push(made);
    else out[at] = made;
  }
  if (out.length === 0)
    return crmError('CANNOT_REMOVE', 'Conditions cannot be empty', { api_name: 'conditions', json_path: path });
  return wholeList(out, path) ?? out;
}
