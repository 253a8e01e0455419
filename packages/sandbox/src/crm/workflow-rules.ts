/**
 * `/settings/automation/workflow_rules` (`../shared/specs/crm-v8-2026/workflow_rules.yaml`): one rule per create or
 * update; the list is summary-level unless `include_inner_details=true`; GET by id is always full (204 when
 * unknown); at most 10 deleted per call; a locked rule is not deleted.
 */
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { badListParam, badModuleParam, invalid, isCrmError, unknownPathId } from './automation-errors.js';
import { bulkIds, itemError, itemSuccess, singleItem } from './automation-items.js';
import { isListQuery, listAnswer, listQuery, nameFilter } from './automation-list.js';
import { type WorkflowRuleDoc, workflowRules } from './automation-model.js';
import { type CrmError, crmError, errorResponse } from './errors.js';
import { newRule, type RuleFields, updatedRule } from './rule-input.js';
import { ruleFull, ruleSummary } from './rule-render.js';
import type { Obj } from './settings-body.js';
import { findModule, now } from './state.js';
import { userRef } from './webhooks.js';

const KEY = 'workflow_rules';
const P = '$.workflow_rules[0]';
const MAX_DELETE = 10;
const LOCKED = 'Sorry, you cannot perform this operation as the record is locked.';

function flag(query: URLSearchParams, name: string): boolean | undefined | 'bad' {
  const v = query.get(name);
  if (v === null) return undefined;
  return v === 'true' ? true : v === 'false' ? false : 'bad';
}

export const listWorkflowRules: Handler = (req, ctx) => {
  const q = listQuery(req.query, 'modified_time');
  if (!isListQuery(q)) return q;
  const module = req.query.get('module');
  if (module !== null && findModule(ctx, module) === undefined) return badModuleParam();
  const active = flag(req.query, 'status_active');
  if (active === 'bad') return badListParam('status_active');
  const inner = flag(req.query, 'include_inner_details');
  if (inner === 'bad') return badListParam('include_inner_details');
  const byName = nameFilter(req.query.get('filter'));
  if (byName === 'bad') return badListParam('filter');
  const type = req.query.get('execute_on');
  const all = [...workflowRules(ctx).values()].filter(
    (r) =>
      (module === null || r.module.api_name.toLowerCase() === module.toLowerCase()) &&
      (active === undefined || r.active === active) &&
      (type === null || r.execute_when.type === type) &&
      (byName === undefined || byName(r.name)),
  );
  return listAnswer(all, q, KEY, (r) => (inner === true ? ruleFull(ctx, r) : ruleSummary(ctx, r)));
};

export const getWorkflowRule: Handler = (req, ctx) => {
  const rule = workflowRules(ctx).get(req.params.id ?? '');
  return rule ? { status: 200, body: { [KEY]: [ruleFull(ctx, rule)] } } : { status: 204 };
};

function store(ctx: SandboxContext, fields: RuleFields, base: WorkflowRuleDoc | undefined): WorkflowRuleDoc | CrmError {
  // Names unique per module: a sandbox choice, as is the message.
  const clash = [...workflowRules(ctx).values()].find(
    (r) => r.name === fields.name && r.module.id === fields.module.id && r.id !== base?.id,
  );
  if (clash) return crmError('DUPLICATE_DATA', 'duplicate data', { api_name: 'name', json_path: `${P}.name` });
  const time = now(ctx);
  const user = userRef(ctx);
  const rule: WorkflowRuleDoc = {
    ...fields,
    id: base?.id ?? ctx.ids.next('crm'),
    last_executed_time: base?.last_executed_time ?? null,
    created_time: base?.created_time ?? time,
    modified_time: time,
    created_by: base?.created_by ?? user,
    modified_by: user,
  };
  workflowRules(ctx).put(rule.id, rule);
  return rule;
}

export const createWorkflowRule: Handler = (req, ctx) => {
  const one = singleItem(req.body, KEY, 'workflow rules limit exceeded');
  if (!one.ok) return one.answer;
  const fields = newRule(ctx, one.item);
  const rule = isCrmError(fields) ? fields : store(ctx, fields, undefined);
  if (isCrmError(rule)) return itemError(KEY, rule);
  return itemSuccess(KEY, 201, rule.id, 'workflow created');
};

function update(ctx: SandboxContext, item: Obj, base: WorkflowRuleDoc): SandboxResponse {
  const unlocks = typeof item.lock === 'object' && item.lock !== null && (item.lock as Obj).status === false;
  if (base.lock.status && !unlocks)
    return itemError(KEY, crmError('RECORD_LOCKED', LOCKED, { api_name: 'id', json_path: `${P}.id` }));
  const fields = updatedRule(ctx, item, base);
  const rule = isCrmError(fields) ? fields : store(ctx, fields, base);
  if (isCrmError(rule)) return itemError(KEY, rule);
  return itemSuccess(KEY, 200, rule.id, 'workflow updated');
}

/** `PUT /workflow_rules/{id}`: an unknown path id is the document's `UrlPathIdMissing`. */
export const updateWorkflowRuleById: Handler = (req, ctx) => {
  const one = singleItem(req.body, KEY, 'workflow rules limit exceeded');
  if (!one.ok) return one.answer;
  const base = workflowRules(ctx).get(req.params.id ?? '');
  return base === undefined ? unknownPathId() : update(ctx, one.item, base);
};

/** `PUT /workflow_rules`: the item names the rule (`NoUrlIdResponse`, `InvalidRuleIdResponse`). */
export const updateWorkflowRule: Handler = (req, ctx) => {
  const one = singleItem(req.body, KEY, 'workflow rules limit exceeded');
  if (!one.ok) return one.answer;
  const id = one.item.id;
  if (id === undefined || id === null)
    return itemError(
      KEY,
      crmError('MANDATORY_NOT_FOUND', 'The workflow processid is mandatory', { api_name: 'id', json_path: `${P}.id` }),
    );
  const base = typeof id === 'string' ? workflowRules(ctx).get(id) : undefined;
  if (base === undefined) return itemError(KEY, invalid('id', `${P}.id`, 'the id given seems to be invalid'));
  return update(ctx, one.item, base);
};

export const deleteWorkflowRule: Handler = (req, ctx) => {
  const id = req.params.id ?? '';
  const rule = workflowRules(ctx).get(id);
  if (rule === undefined) return unknownPathId();
  if (rule.lock.status) return errorResponse(400, crmError('NOT_ALLOWED', LOCKED, { resource_path_index: 3 }));
  workflowRules(ctx).delete(id);
  return itemSuccess(KEY, 200, id, 'workflow deleted');
};

function deleteOne(ctx: SandboxContext, id: string): { ok: boolean; entry: Record<string, unknown> } {
  const error = (code: string, message: string) => ({
    ok: false,
    entry: { code, details: { id }, message, status: 'error' },
  });
  const rule = workflowRules(ctx).get(id);
  if (rule === undefined) return error('INVALID_DATA', 'the id given seems to be invalid');
  if (rule.lock.status) return error('NOT_ALLOWED', LOCKED);
  workflowRules(ctx).delete(id);
  return {
    ok: true,
    entry: { code: 'SUCCESS', details: { id }, message: 'WorkFlow Rule deleted successfully', status: 'success' },
  };
}

/** `DELETE /workflow_rules?ids=` (≤ 10): 200 when all go, 207 for a mix, 400 when none does. */
export const deleteWorkflowRules: Handler = (req, ctx): SandboxResponse => {
  const ids = bulkIds(req.query);
  if (!Array.isArray(ids)) return ids;
  if (ids.length > MAX_DELETE)
    return errorResponse(
      400,
      crmError('INVALID_DATA', 'Ids maximum length exceeded', { maximum_length: MAX_DELETE, param_name: 'ids' }),
    );
  const results = ids.map((id) => deleteOne(ctx, id));
  const ok = results.filter((r) => r.ok).length;
  const status = ok === results.length ? 200 : ok === 0 ? 400 : 207;
  return { status, body: { [KEY]: results.map((r) => r.entry) } };
};
