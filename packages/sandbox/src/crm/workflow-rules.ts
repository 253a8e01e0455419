/** `/settings/automation/workflow_rules` (Zoho v8 docs: config-workflow, update-workflow, get-all-workflows). */
import type { Handler, SandboxContext } from '../core/types.js';
import {
  type ExecuteType,
  type RuleAction,
  type RuleCondition,
  type RuleCriteria,
  type WorkflowRuleDoc,
  webhooks,
  workflowRules,
} from './automation-model.js';
import { type CrmError, crmError, invalidBody, invalidIdError, mandatoryMissing } from './errors.js';
import {
  duplicateName,
  type ItemResult,
  idsParam,
  isObj,
  itemsAnswer,
  itemsOf,
  listPage,
  type Obj,
  str,
  succeeded,
} from './settings-body.js';
import { currentUser, fieldMap, findModule, now } from './state.js';
import { SUPPORTED_COMPARATORS } from './workflow-fire.js';

const EXECUTE_TYPES: ReadonlySet<string> = new Set(['create', 'edit', 'create_or_edit', 'field_update', 'delete']);
const MAX_CONDITIONS = 10;

function criteria(raw: unknown, path: string, fields: Set<string>): RuleCriteria | null | CrmError {
  if (raw === null || raw === undefined) return null;
  if (!isObj(raw)) return invalidBody('criteria', path);
  if (Array.isArray(raw.group)) {
    const op = str(raw.group_operator)?.toLowerCase();
    if (op !== 'and' && op !== 'or') return invalidBody('group_operator', `${path}.group_operator`);
    const group: RuleCriteria[] = [];
    for (const [i, g] of raw.group.entries()) {
      const c = criteria(g, `${path}.group[${i}]`, fields);
      if (c === null) return mandatoryMissing('criteria', `${path}.group[${i}]`);
      if ('code' in c) return c;
      group.push(c);
    }
    return { group_operator: op, group };
  }
  const comparator = str(raw.comparator);
  if (!comparator) return mandatoryMissing('comparator', `${path}.comparator`);
  if (!SUPPORTED_COMPARATORS.includes(comparator)) return invalidBody('comparator', `${path}.comparator`);
  const apiName = isObj(raw.field) ? str(raw.field.api_name) : undefined;
  if (!apiName) return mandatoryMissing('field', `${path}.field`);
  if (!fields.has(apiName)) return invalidBody('field', `${path}.field`);
  if (raw.value === undefined) return mandatoryMissing('value', `${path}.value`);
  return { comparator, field: { api_name: apiName }, value: raw.value };
}

function toRule(ctx: SandboxContext, item: Obj, base: WorkflowRuleDoc | undefined): WorkflowRuleDoc | CrmError {
  const p = '$.workflow_rules[0]';
  const name = item.name === undefined && base ? base.name : str(item.name);
  if (!name) return mandatoryMissing('name', `${p}.name`);
  if (name.length > 100) return invalidBody('name', `${p}.name`);
  let module = base?.module;
  if (item.module !== undefined) {
    const apiName = isObj(item.module) ? str(item.module.api_name) : str(item.module);
    const found = apiName ? findModule(ctx, apiName) : undefined;
    if (!found) return invalidBody('module', `${p}.module`);
    if (base && base.module.api_name !== found.api_name) {
      return crmError('NOT_ALLOWED', 'module cannot be changed', { api_name: 'module', json_path: `${p}.module` });
    }
    module = { api_name: found.api_name, id: found.id };
  }
  if (!module) return mandatoryMissing('module', `${p}.module`);
  const fields = new Set(fieldMap(ctx, module.api_name).keys());
  let executeWhen = base?.execute_when;
  if (item.execute_when !== undefined) {
    if (!isObj(item.execute_when)) return invalidBody('execute_when', `${p}.execute_when`);
    const type = str(item.execute_when.type);
    if (!type) return mandatoryMissing('type', `${p}.execute_when.type`);
    if (!EXECUTE_TYPES.has(type)) return invalidBody('type', `${p}.execute_when.type`);
    const details = isObj(item.execute_when.details) ? item.execute_when.details : {};
    const watched = Array.isArray(details.fields) ? details.fields : [];
    const names = watched.map((f) => (isObj(f) ? str(f.api_name) : undefined));
    if (type === 'field_update' && names.length === 0)
      return mandatoryMissing('fields', `${p}.execute_when.details.fields`);
    const badField = names.findIndex((n) => n === undefined || !fields.has(n));
    if (badField >= 0) return invalidBody('fields', `${p}.execute_when.details.fields[${badField}]`);
    executeWhen = {
      type: type as ExecuteType,
      details: {
        ...(names.length > 0 ? { fields: names.map((n) => ({ api_name: n ?? '' })) } : {}),
        repeat: details.repeat === true,
        match_all: details.match_all === true,
      },
    };
  }
  if (!executeWhen) return mandatoryMissing('execute_when', `${p}.execute_when`);
  let conditions = base?.conditions;
  if (item.conditions !== undefined) {
    if (!Array.isArray(item.conditions) || item.conditions.length === 0)
      return mandatoryMissing('conditions', `${p}.conditions`);
    if (item.conditions.length > MAX_CONDITIONS)
      return crmError('LIMIT_EXCEEDED', 'Record count exceeded', { limit: MAX_CONDITIONS, api_name: 'conditions' });
    conditions = [];
    for (const [i, raw] of item.conditions.entries()) {
      const cp = `${p}.conditions[${i}]`;
      if (!isObj(raw)) return invalidBody('conditions', cp);
      const crit = criteria(
        isObj(raw.criteria_details) ? raw.criteria_details.criteria : null,
        `${cp}.criteria_details.criteria`,
        fields,
      );
      if (crit !== null && 'code' in crit) return crit;
      const actionsRaw =
        isObj(raw.instant_actions) && Array.isArray(raw.instant_actions.actions)
          ? raw.instant_actions.actions
          : undefined;
      if (!actionsRaw || actionsRaw.length === 0) return mandatoryMissing('instant_actions', `${cp}.instant_actions`);
      const actions: RuleAction[] = [];
      for (const [j, a] of actionsRaw.entries()) {
        const ap = `${cp}.instant_actions.actions[${j}]`;
        if (!isObj(a)) return invalidBody('actions', ap);
        const type = str(a.type);
        const id = str(a.id);
        if (!type) return mandatoryMissing('type', `${ap}.type`);
        if (type !== 'webhooks')
          return crmError('NOT_SUPPORTED', 'only webhook actions are supported by the sandbox', {
            api_name: 'type',
            json_path: `${ap}.type`,
          });
        if (!id) return mandatoryMissing('id', `${ap}.id`);
        const hook = webhooks(ctx).get(id);
        if (!hook || hook.module.api_name !== module.api_name) return invalidBody('id', `${ap}.id`);
        actions.push({ type, id, name: hook.name });
      }
      conditions.push({
        sequence_number: typeof raw.sequence_number === 'number' ? raw.sequence_number : i + 1,
        criteria_details: { criteria: crit },
        instant_actions: { actions },
      } satisfies RuleCondition);
    }
  }
  if (!conditions) return mandatoryMissing('conditions', `${p}.conditions`);
  const active =
    isObj(item.status) && typeof item.status.active === 'boolean' ? item.status.active : (base?.status.active ?? true);
  const time = now(ctx);
  const user = currentUser(ctx);
  return {
    id: base?.id ?? ctx.ids.next('crm'),
    name,
    description: typeof item.description === 'string' ? item.description : (base?.description ?? null),
    module,
    execute_when: executeWhen,
    conditions,
    status: { active },
    created_time: base?.created_time ?? time,
    modified_time: time,
    created_by: base?.created_by ?? user,
    modified_by: user,
  };
}

function saveRule(ctx: SandboxContext, item: Obj, base: WorkflowRuleDoc | undefined): ItemResult {
  const rule = toRule(ctx, item, base);
  if ('code' in rule) return { ok: false, error: rule };
  const clash = [...workflowRules(ctx).values()].find(
    (r) => r.name === rule.name && r.module.api_name === rule.module.api_name && r.id !== rule.id,
  );
  if (clash) return { ok: false, error: duplicateName('$.workflow_rules[0].name', clash.id) };
  workflowRules(ctx).put(rule.id, rule);
  return succeeded(rule.id, base ? 'workflow rule updated successfully' : 'workflow rule created successfully');
}

export const listWorkflowRules: Handler = (req, ctx) => {
  const module = req.query.get('module');
  const active = req.query.get('status_active');
  const type = req.query.get('execute_on');
  const all = [...workflowRules(ctx).values()].filter(
    (r) =>
      (!module || r.module.api_name === module) &&
      (active === null || String(r.status.active) === active) &&
      (!type || r.execute_when.type === type),
  );
  return listPage(all, req.query, 'workflow_rules');
};

export const getWorkflowRule: Handler = (req, ctx) => {
  const rule = workflowRules(ctx).get(req.params.id ?? '');
  return rule ? { status: 200, body: { workflow_rules: [rule] } } : { status: 204 };
};

export const createWorkflowRule: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'workflow_rules', 1);
  if (!Array.isArray(items)) return items;
  return itemsAnswer('workflow_rules', [saveRule(ctx, items[0] ?? {}, undefined)], 201);
};

export const updateWorkflowRule: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'workflow_rules', 1);
  if (!Array.isArray(items)) return items;
  const item = items[0] ?? {};
  const id = req.params.id ?? str(item.id);
  if (!id)
    return itemsAnswer('workflow_rules', [{ ok: false, error: mandatoryMissing('id', '$.workflow_rules[0].id') }], 200);
  const base = workflowRules(ctx).get(id);
  if (!base) return itemsAnswer('workflow_rules', [{ ok: false, error: invalidIdError(id) }], 200);
  return itemsAnswer('workflow_rules', [saveRule(ctx, item, base)], 200);
};

function deleteRules(ctx: SandboxContext, ids: string[]): ItemResult[] {
  return ids.map((id) => {
    if (!workflowRules(ctx).delete(id)) return { ok: false, error: invalidIdError(id) };
    return succeeded(id, 'workflow rule deleted successfully');
  });
}

export const deleteWorkflowRule: Handler = (req, ctx) =>
  itemsAnswer('workflow_rules', deleteRules(ctx, [req.params.id ?? '']), 200);

export const deleteWorkflowRules: Handler = (req, ctx) => {
  const ids = idsParam(req.query, 100);
  if (!Array.isArray(ids)) return ids;
  return itemsAnswer('workflow_rules', deleteRules(ctx, ids), 200);
};
