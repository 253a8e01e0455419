/**
 * A condition's actions (workflow_rules.yaml `InstantActionsNestedSchema`, `ScheduledActionsNestedSchema`): at most 5
 * instant and 5 scheduled actions per condition (the document's introduction). The sandbox runs one action type, a
 * webhook referenced by id (`SimpleAssociateActionSchema`, `type: webhooks`); any other type is refused with the
 * document's `NotAllowedErrorResponse` ("The unsupported action is given") — a limit of the sandbox. On update, actions
 * the request leaves out stay, and `_delete: null` removes one (updateWorkflowRuleById).
 */
import type { SandboxContext } from '../core/types.js';
import {
  ambiguity,
  dependentMissing,
  expectedFieldMissing,
  invalid,
  limitExceeded,
  missing,
  notAllowed,
  wrongType,
} from './automation-errors.js';
import { type RuleAction, webhooks } from './automation-model.js';
import { type CrmError, crmError } from './errors.js';
import { isObj } from './settings-body.js';

export const MAX_ACTIONS = 5;

interface ActionScope {
  ctx: SandboxContext;
  /** The rule's module: its webhooks must be of it. */
  module: string;
  path: string;
}

type ActionEdit = { kind: 'keep'; action: RuleAction } | { kind: 'delete'; id: string };

function action(scope: ActionScope, raw: unknown, i: number, update: boolean): ActionEdit | CrmError {
  const ap = `${scope.path}.actions[${i}]`;
  if (!isObj(raw)) return wrongType('actions', ap, 'jsonobject');
  if (typeof raw.type !== 'string') return invalid('type', `${ap}.type`, 'invalid data');
  const missingId = () =>
    dependentMissing(
      { api_name: 'id', json_path: `${ap}.id` },
      { api_name: 'type', json_path: `${ap}.type` },
      'Dependent Field missing',
    );
  if ('_delete' in raw) {
    if (!update || raw._delete !== null) return invalid('_delete', `${ap}._delete`, 'invalid data');
    return typeof raw.id === 'string' && raw.id !== '' ? { kind: 'delete', id: raw.id } : missingId();
  }
  if (raw.type !== 'webhooks') return notAllowed('type', `${ap}.type`, 'The unsupported action is given');
  if (typeof raw.id !== 'string' || raw.id === '') return missingId();
  const hook = webhooks(scope.ctx).get(raw.id);
  if (hook === undefined) return invalid('id', `${ap}.id`, 'invalid data');
  if (hook.module.api_name !== scope.module)
    return ambiguity(
      { api_name: 'module', json_path: '$.workflow_rules[0].module' },
      { api_name: 'type', json_path: `${ap}.type` },
      'action not supported for this module',
    );
  // A webhook made for another feature (approval process, blueprint …) is not a workflow action (sandbox choice).
  if (hook.feature_type !== 'workflow') return invalid('id', `${ap}.id`, 'invalid data');
  return { kind: 'keep', action: { type: 'webhooks', id: hook.id } };
}

/**
 * The actions of `raw` (`{actions: [...]}`) applied to `current` (empty for a new condition): kept in order,
 * added at the end, removed by `_delete`. At least one must remain, at most 5.
 */
export function instantActions(
  scope: ActionScope,
  raw: unknown,
  current: readonly RuleAction[],
  update: boolean,
): RuleAction[] | CrmError {
  if (!isObj(raw)) return wrongType('instant_actions', scope.path, 'jsonobject');
  if (!Array.isArray(raw.actions)) return missing('actions', `${scope.path}.actions`);
  if (!update && raw.actions.length === 0) return missing('actions', `${scope.path}.actions`);
  const out = [...current];
  const named = new Set<string>();
  for (const [i, item] of raw.actions.entries()) {
    const edit = action(scope, item, i, update);
    if ('code' in edit) return edit;
    const id = edit.kind === 'delete' ? edit.id : edit.action.id;
    if (named.has(id))
      return crmError('DUPLICATE_DATA', 'Duplicate action not allowed', {
        api_name: 'actions',
        json_path: `${scope.path}.actions[${i}]`,
      });
    named.add(id);
    const at = out.findIndex((a) => a.id === id);
    if (edit.kind === 'delete') {
      if (at < 0) return invalid('id', `${scope.path}.actions[${i}].id`, 'invalid data');
      out.splice(at, 1);
    } else if (at < 0) {
      out.push(edit.action);
    }
  }
  if (out.length === 0) return crmError('CANNOT_REMOVE', 'Actions cannot be empty', {});
  if (out.length > MAX_ACTIONS)
    return limitExceeded('actions', `${scope.path}.actions`, MAX_ACTIONS, 'actions limit exceeded');
  return out;
}

/** `execute_after` needs `period` and `unit` (`ScheduledActionsDependentFieldMissingResponse`, `…ExpectedField…`). */
function executeAfter(group: unknown, gp: string): CrmError | undefined {
  const after = isObj(group) ? group.execute_after : undefined;
  const at = (key: string) => ({
    api_name: key,
    json_path: `${gp}.execute_after${key === 'execute_after' ? '' : `.${key}`}`,
  });
  if (!isObj(after))
    return dependentMissing(
      at('execute_after'),
      { api_name: 'actions', json_path: `${gp}.actions` },
      'Dependent Field missing',
    );
  if (after.period === undefined && after.unit === undefined) return expectedFieldMissing([at('period'), at('unit')]);
  for (const key of ['period', 'unit'])
    if (after[key] === undefined) return dependentMissing(at(key), at('execute_after'), 'Dependent Field missing');
  return undefined;
}

/**
 * Scheduled actions are checked for shape and count, then refused: the sandbox has no scheduler (sandbox limit).
 * With `repeat: true` they are refused as the document's `ScheduledActionsRepeatConflictResponse` says.
 */
export function scheduledActions(scope: ActionScope, raw: unknown, repeat: boolean | undefined): CrmError | undefined {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return undefined;
  if (!Array.isArray(raw)) return wrongType('scheduled_actions', scope.path, 'jsonarray');
  const total = raw.reduce<number>((n, g) => n + (isObj(g) && Array.isArray(g.actions) ? g.actions.length : 0), 0);
  if (raw.length > MAX_ACTIONS || total > MAX_ACTIONS)
    return limitExceeded('actions', scope.path, MAX_ACTIONS, 'actions limit exceeded');
  if (repeat === true)
    return crmError('DEPENDENT_MISMATCH', 'Dependent Field is not matching', {
      dependee: { api_name: 'repeat', json_path: '$.workflow_rules[0].execute_when.details.repeat' },
      api_name: 'scheduled_actions',
      json_path: scope.path,
    });
  for (const [i, g] of raw.entries()) {
    const bad = executeAfter(g, `${scope.path}[${i}]`);
    if (bad) return bad;
  }
  return notAllowed('type', `${scope.path}[0].actions[0].type`, 'The unsupported action is given');
}
