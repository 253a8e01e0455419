/**
 * `/settings/automation/webhooks` (`../shared/specs/crm-v8-2026/webhooks.yaml`): webhook actions that workflow rules
 * call. One webhook per create or update; the list answers summaries, GET by id the whole webhook (204 when unknown);
 * an update replaces the webhook but not its module; at most 10 deleted per call, none a rule uses.
 */
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { badListParam, badModuleParam, invalid, isCrmError, notAllowed, unknownPathId } from './automation-errors.js';
import { bulkIds, itemError, itemSuccess, singleItem } from './automation-items.js';
import { isListQuery, listAnswer, listQuery, nameFilter } from './automation-list.js';
import { FEATURE_TYPES, rulesUsing, type UserRef, type WebhookDoc, webhooks } from './automation-model.js';
import { type CrmError, crmError, errorResponse } from './errors.js';
import type { Obj } from './settings-body.js';
import { currentUser, findModule, now } from './state.js';
import { webhookInput } from './webhook-input.js';
import { webhookFull, webhookSummary } from './webhook-render.js';

const KEY = 'webhooks';
const MAX_DELETE = 10;
const P = '$.webhooks[0]';

export function userRef(ctx: SandboxContext): UserRef {
  const u = currentUser(ctx);
  return { name: u.name, id: u.id };
}

export const listWebhooks: Handler = (req, ctx) => {
  const q = listQuery(req.query, 'Modified_Time');
  if (!isListQuery(q)) return q;
  const module = req.query.get('module');
  if (module !== null && findModule(ctx, module) === undefined) return badModuleParam();
  const feature = req.query.get('feature_type');
  if (feature !== null && !(FEATURE_TYPES as readonly string[]).includes(feature)) return badListParam('feature_type');
  const related = req.query.get('related_module');
  const byName = nameFilter(req.query.get('filters'));
  if (byName === 'bad') return badListParam('filters');
  const all = [...webhooks(ctx).values()].filter(
    (w) =>
      (module === null || w.module.api_name.toLowerCase() === module.toLowerCase()) &&
      (feature === null || w.feature_type === feature) &&
      (related === null || w.related_module?.api_name === related) &&
      (byName === undefined || byName(w.name)),
  );
  return listAnswer(all, q, KEY, (w) => webhookSummary(ctx, w));
};

export const getWebhook: Handler = (req, ctx) => {
  const hook = webhooks(ctx).get(req.params.id ?? '');
  return hook ? { status: 200, body: { [KEY]: [webhookFull(ctx, hook)] } } : { status: 204 };
};

/** Validates and stores the item as the webhook `base` (an update) or a new one. */
function save(ctx: SandboxContext, item: Obj, base: WebhookDoc | undefined): WebhookDoc | CrmError {
  const input = webhookInput(ctx, item, P, base !== undefined);
  if (isCrmError(input)) return input;
  if (base && base.module.id !== input.module.id)
    return notAllowed('module', `${P}.module`, 'old value cannot be changed with new value for this field');
  // Zoho's Create Webhook page: "Specify a unique name for the webhook"; the message is a sandbox choice.
  const clash = [...webhooks(ctx).values()].find((w) => w.name === input.name && w.id !== base?.id);
  if (clash) return crmError('DUPLICATE_DATA', 'duplicate data', { api_name: 'name', json_path: `${P}.name` });
  const time = now(ctx);
  const user = userRef(ctx);
  const hook: WebhookDoc = {
    ...input,
    id: base?.id ?? ctx.ids.next('crm'),
    created_time: base?.created_time ?? time,
    modified_time: time,
    created_by: base?.created_by ?? user,
    modified_by: user,
  };
  webhooks(ctx).put(hook.id, hook);
  return hook;
}

export const createWebhooks: Handler = (req, ctx) => {
  const one = singleItem(req.body, KEY, "can't pass more than the limit");
  if (!one.ok) return one.answer;
  const hook = save(ctx, one.item, undefined);
  if (isCrmError(hook)) return itemError(KEY, hook);
  return itemSuccess(KEY, 201, hook.id, 'webhook created successfully');
};

/**
 * `PUT /webhooks/{id}` (the path names it: unknown → `InvalidWebhookIdPathResponse1`; an item `id` must be the same)
 * and `PUT /webhooks` (the item's `id` does).
 */
export const updateWebhooks: Handler = (req, ctx) => {
  const one = singleItem(req.body, KEY, "can't pass more than the limit");
  if (!one.ok) return one.answer;
  const item = one.item;
  if (req.params.id !== undefined && !webhooks(ctx).has(req.params.id)) return unknownPathId();
  if (req.params.id !== undefined && item.id !== undefined && item.id !== req.params.id)
    return itemError(KEY, invalid('id', `${P}.id`, 'The ID given is invalid'));
  const id = req.params.id ?? item.id;
  if (id === undefined || id === null)
    return itemError(
      KEY,
      crmError('MANDATORY_NOT_FOUND', 'mandatory param missing', { api_name: 'id', json_path: `${P}.id` }),
    );
  const base = typeof id === 'string' ? webhooks(ctx).get(id) : undefined;
  if (base === undefined) return itemError(KEY, invalid('id', `${P}.id`, 'The ID given is invalid'));
  const hook = save(ctx, item, base);
  if (isCrmError(hook)) return itemError(KEY, hook);
  return itemSuccess(KEY, 200, hook.id, 'webhook updated successfully');
};

const ASSOCIATED = 'This webhook is associated with at least one of Approval Process/Workflow Rules/Blueprint';

/**
 * A webhook any rule calls stays: the delete pages speak of active rules, their error message of any association;
 * the stricter reading (any rule) holds.
 */
export const deleteWebhook: Handler = (req, ctx) => {
  const id = req.params.id ?? '';
  if (!webhooks(ctx).has(id)) return unknownPathId();
  if (rulesUsing(ctx, id).length > 0)
    return errorResponse(400, crmError('NOT_ALLOWED', ASSOCIATED, { resource_path_index: 3 }));
  webhooks(ctx).delete(id);
  return itemSuccess(KEY, 200, id, 'Webhook is deleted');
};

function deleteOne(ctx: SandboxContext, id: string): { ok: boolean; entry: Record<string, unknown> } {
  const error = (code: string, message: string) => ({
    ok: false,
    entry: { code, details: { id }, message, status: 'error' },
  });
  if (!webhooks(ctx).has(id)) return error('INVALID_DATA', 'the id given seems to be invalid');
  if (rulesUsing(ctx, id).length > 0) return error('NOT_ALLOWED', ASSOCIATED);
  webhooks(ctx).delete(id);
  return { ok: true, entry: { code: 'SUCCESS', details: { id }, message: 'Webhook is deleted', status: 'success' } };
}

/** `DELETE /webhooks?ids=` (≤ 10): 200 when all go, 207 for a mix, 400 when none does. */
export const deleteWebhooks: Handler = (req, ctx): SandboxResponse => {
  const ids = bulkIds(req.query);
  if (!Array.isArray(ids)) return ids;
  if (ids.length > MAX_DELETE)
    return errorResponse(
      400,
      crmError('INVALID_DATA', 'Bulk deletion of records limit reached', { param_name: 'ids', limit: MAX_DELETE }),
    );
  const results = ids.map((id) => deleteOne(ctx, id));
  const ok = results.filter((r) => r.ok).length;
  const status = ok === results.length ? 200 : ok === 0 ? 400 : 207;
  return { status, body: { [KEY]: results.map((r) => r.entry) } };
};
