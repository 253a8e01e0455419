/**
 * One `workflow_rules[]` item (workflow_rules.yaml `WorkflowRulePostNestedSchema`, `WorkflowRulePutNestedSchema`).
 * Create: `name` (≤ 100, no special characters), `module` ({api_name, id}, both), `execute_when` and `conditions`
 * are required; `status` is not a create key and a rule cannot be created inactive (`CannotCreateInactiveResponse`):
 * new rules are active. Update: every key optional, the module fixed, `status.active` turns the rule on or off.
 */
import type { SandboxContext } from '../core/types.js';
import { ambiguity, invalid, isCrmError, missing, notAllowed, wrongType } from './automation-errors.js';
import type { ModuleRef, WorkflowRuleDoc } from './automation-model.js';
import { type CrmError, crmError } from './errors.js';
import { newConditions, updatedConditions } from './rule-conditions.js';
import { executeWhen, sameTriggerKind } from './rule-trigger.js';
import { isObj, type Obj } from './settings-body.js';
import { modules } from './state.js';

export const MAX_RULE_NAME = 100;
/** The stricter of the create schema (1000) and the GET schema (255). */
export const MAX_RULE_DESCRIPTION = 255;
/**
 * "Special characters are not allowed": which ones, the document does not list. Its own names use letters, digits
 * and `-` (`WORKFLOWRULE-POST`); spaces and `_` are allowed too (sandbox choice); anything else is refused.
 */
const RULE_NAME = /^[\p{L}\p{N} _-]+$/u;
const P = '$.workflow_rules[0]';
const CREATE_KEYS = new Set(['name', 'description', 'module', 'execute_when', 'conditions', 'lock']);
const UPDATE_KEYS = new Set([...CREATE_KEYS, 'id', 'status']);

export type RuleFields = Pick<
  WorkflowRuleDoc,
  'name' | 'description' | 'module' | 'execute_when' | 'conditions' | 'active' | 'lock'
>;

function ruleName(raw: unknown): string | CrmError {
  if (raw === undefined || raw === null) return missing('name', `${P}.name`);
  if (typeof raw !== 'string') return wrongType('name', `${P}.name`, 'text');
  if (raw.length > MAX_RULE_NAME)
    return crmError('INVALID_DATA', 'value too long', {
      api_name: 'name',
      json_path: `${P}.name`,
      maximum_length: MAX_RULE_NAME,
    });
  return RULE_NAME.test(raw) ? raw : invalid('name', `${P}.name`, 'Special characters found');
}

function ruleDescription(raw: unknown): string | null | CrmError {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return wrongType('description', `${P}.description`, 'text');
  return raw.length > MAX_RULE_DESCRIPTION
    ? crmError('INVALID_DATA', 'value too long', {
        api_name: 'description',
        json_path: `${P}.description`,
        maximum_length: MAX_RULE_DESCRIPTION,
      })
    : raw;
}

/** `ModuleOrFieldNestedSchema`: both keys required; "If both id and api_name are provided, they must match." */
export function ruleModule(ctx: SandboxContext, raw: unknown, path: string): ModuleRef | CrmError {
  if (raw === undefined || raw === null) return missing('module', path);
  if (!isObj(raw) || typeof raw.api_name !== 'string' || typeof raw.id !== 'string')
    return isObj(raw)
      ? missing(typeof raw.api_name === 'string' ? 'id' : 'api_name', path)
      : wrongType('module', path, 'jsonobject');
  const found = [...modules(ctx).values()].find((m) => m.id === raw.id);
  if (found === undefined) return invalid('module', path, 'the module name given seems to be invalid');
  if (found.api_name !== raw.api_name)
    return ambiguity(
      { api_name: 'id', json_path: `${path}.id` },
      { api_name: 'api_name', json_path: `${path}.api_name` },
    );
  return { api_name: found.api_name, id: found.id };
}

function lock(raw: unknown): WorkflowRuleDoc['lock'] | CrmError | undefined {
  if (raw === undefined) return undefined;
  if (!isObj(raw) || (raw.status !== undefined && typeof raw.status !== 'boolean'))
    return invalid('lock', `${P}.lock`, 'invalid data');
  return { status: raw.status === true, message: typeof raw.message === 'string' ? raw.message : null };
}

function unknownKey(item: Obj, keys: Set<string>): CrmError | undefined {
  const extra = Object.keys(item).find((k) => !keys.has(k));
  if (extra === 'status') return invalid('active', `${P}.status.active`, 'invalid data');
  return extra === undefined ? undefined : invalid(extra, `${P}.${extra}`, 'invalid data');
}

/** The fields of a new rule, or the first documented error. */
export function newRule(ctx: SandboxContext, item: Obj): RuleFields | CrmError {
  const extra = unknownKey(item, CREATE_KEYS);
  if (extra) return extra;
  const name = ruleName(item.name);
  if (isCrmError(name)) return name;
  const module = ruleModule(ctx, item.module, `${P}.module`);
  if (isCrmError(module)) return module;
  const trigger = executeWhen(ctx, module, item.execute_when, `${P}.execute_when`);
  if (isCrmError(trigger)) return trigger;
  const conditions = newConditions(
    { ctx, module: module.api_name, repeat: trigger.repeat },
    item.conditions,
    `${P}.conditions`,
  );
  if (isCrmError(conditions)) return conditions;
  const description = ruleDescription(item.description);
  if (isCrmError(description)) return description;
  const locked = lock(item.lock);
  if (isCrmError(locked)) return locked;
  return {
    name,
    description,
    module,
    execute_when: trigger,
    conditions,
    active: true,
    lock: locked ?? { status: false, message: null },
  };
}

function active(raw: unknown, current: boolean): boolean | CrmError {
  if (raw === undefined) return current;
  if (!isObj(raw) || (raw.active !== undefined && typeof raw.active !== 'boolean'))
    return invalid('active', `${P}.status.active`, 'invalid data');
  return typeof raw.active === 'boolean' ? raw.active : current;
}

/** The rule after an update item is applied to `base`, or the first documented error. */
export function updatedRule(ctx: SandboxContext, item: Obj, base: WorkflowRuleDoc): RuleFields | CrmError {
  const extra = unknownKey(item, UPDATE_KEYS);
  if (extra) return extra;
  const name = item.name === undefined ? base.name : ruleName(item.name);
  if (isCrmError(name)) return name;
  if (item.module !== undefined) {
    const module = ruleModule(ctx, item.module, `${P}.module`);
    if (isCrmError(module)) return module;
    // Zoho: "You cannot change the module … of a workflow rule"; the code is the webhooks document's (sandbox choice).
    if (module.id !== base.module.id)
      return notAllowed('module', `${P}.module`, 'old value cannot be changed with new value for this field');
  }
  const trigger =
    item.execute_when === undefined
      ? base.execute_when
      : executeWhen(ctx, base.module, item.execute_when, `${P}.execute_when`);
  if (isCrmError(trigger)) return trigger;
  if (!sameTriggerKind(trigger, base.execute_when)) return invalid('type', `${P}.execute_when.type`, 'invalid data');
  const scope = { ctx, module: base.module.api_name, repeat: trigger.repeat };
  const conditions =
    item.conditions === undefined
      ? base.conditions
      : updatedConditions(scope, item.conditions, base.conditions, `${P}.conditions`);
  if (isCrmError(conditions)) return conditions;
  const description = item.description === undefined ? base.description : ruleDescription(item.description);
  if (isCrmError(description)) return description;
  const locked = lock(item.lock);
  if (isCrmError(locked)) return locked;
  const on = active(item.status, base.active);
  if (isCrmError(on)) return on;
  return {
    name,
    description,
    module: base.module,
    execute_when: trigger,
    conditions,
    active: on,
    lock: locked ?? base.lock,
  };
}
