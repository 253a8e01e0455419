/**
 * A rule's `execute_when` (workflow_rules.yaml `ExecuteWhenNestedSchema`): a JSON object ("Passing a string … returns
 * an INVALID_DATA error") with `type` and `details`. The sandbox fires the record triggers create, edit,
 * create_or_edit and delete (`ExecuteWhenT1Simple`: details `{repeat, trigger_module}`) and field_update
 * (`ExecuteWhenT2FieldUpdate`: details `{criteria, match_all, repeat, trigger_module}`, the watched field inside
 * `criteria`); other types are refused with the supported values. `repeat` is required for the edit-type triggers
 * (`TriggerDependentFieldMissingResponse1`; which types need it is a sandbox choice), and `trigger_module` must be the
 * rule's module.
 */
import type { SandboxContext } from '../core/types.js';
import { dependentMissing, invalid, isCrmError, missing, unsupported } from './automation-errors.js';
import { type ExecuteWhen, type ModuleRef, RECORD_TRIGGERS, type RecordTrigger } from './automation-model.js';
import type { CrmError } from './errors.js';
import { ruleCriteria } from './rule-criteria.js';
import { isObj, type Obj } from './settings-body.js';

const TYPES = [...RECORD_TRIGGERS, 'field_update'] as const;
const NEEDS_REPEAT = new Set(['edit', 'create_or_edit', 'field_update']);
const T1_KEYS = new Set(['repeat', 'trigger_module']);
const T2_KEYS = new Set(['criteria', 'match_all', 'repeat', 'trigger_module']);

function triggerModule(module: ModuleRef, raw: unknown, path: string): CrmError | undefined {
  if (raw === undefined) return undefined;
  if (!isObj(raw) || raw.api_name !== module.api_name || (raw.id !== undefined && raw.id !== module.id))
    return invalid('trigger_module', path, 'invalid data');
  return undefined;
}

function detailsOf(raw: Obj, path: string): Obj | CrmError {
  const details = raw.details ?? {};
  return isObj(details) ? details : invalid('details', `${path}.details`, 'invalid data');
}

export function executeWhen(
  ctx: SandboxContext,
  module: ModuleRef,
  raw: unknown,
  path: string,
): ExecuteWhen | CrmError {
  if (raw === undefined || raw === null) return missing('execute_when', path);
  if (!isObj(raw)) return invalid('execute_when', path, 'invalid data');
  if (raw.type === undefined || raw.type === null) return missing('type', `${path}.type`);
  const type = TYPES.find((t) => t === raw.type);
  if (type === undefined) return unsupported('type', `${path}.type`, TYPES, 'invalid data');
  const details = detailsOf(raw, path);
  if (isCrmError(details)) return details;
  const keys = type === 'field_update' ? T2_KEYS : T1_KEYS;
  const extra = Object.keys(details).find((k) => !keys.has(k));
  if (extra !== undefined) return invalid(extra, `${path}.details.${extra}`, 'invalid data');
  const badModule = triggerModule(module, details.trigger_module, `${path}.details.trigger_module`);
  if (badModule) return badModule;
  if (details.repeat !== undefined && typeof details.repeat !== 'boolean')
    return invalid('repeat', `${path}.details.repeat`, 'invalid data');
  const repeat = details.repeat as boolean | undefined;
  if (repeat === undefined && NEEDS_REPEAT.has(type))
    return dependentMissing(
      { api_name: 'repeat', json_path: `${path}.details.repeat` },
      { api_name: 'type', json_path: `${path}.type` },
      'Dependent Field missing',
    );
  if (type !== 'field_update') return { type: type as RecordTrigger, repeat };
  if (details.criteria === undefined || details.criteria === null)
    return missing('criteria', `${path}.details.criteria`);
  const criteria = ruleCriteria(ctx, module.api_name, details.criteria, `${path}.details.criteria`);
  if (criteria === null || isCrmError(criteria)) return criteria ?? missing('criteria', `${path}.details.criteria`);
  const matchAll = typeof details.match_all === 'boolean' ? details.match_all : undefined;
  return { type, repeat, match_all: matchAll, criteria };
}

/** Triggers change only within their kind (updateWorkflowRule: "Triggers may be updated only within the same type"). */
export function sameTriggerKind(a: ExecuteWhen, b: ExecuteWhen): boolean {
  return (a.type === 'field_update') === (b.type === 'field_update');
}
