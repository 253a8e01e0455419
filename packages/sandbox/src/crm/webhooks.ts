/** `/settings/automation/webhooks`: webhook actions that workflow rules call (Zoho v8 docs, create-webhook). */
import type { Handler, SandboxContext } from '../core/types.js';
import { type ParamSet, type WebhookDoc, webhooks, workflowRules } from './automation-model.js';
import { crmError, invalidBody, invalidIdError, mandatoryMissing } from './errors.js';
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
import { currentUser, findModule, now } from './state.js';

const METHODS = new Set(['POST', 'GET', 'PUT', 'PATCH', 'DELETE']);
const NO_WEBHOOK_MODULES = new Set(['Notes', 'Calls']);

function paramSet(raw: unknown, path: string): ParamSet | { error: string } {
  if (raw === undefined || raw === null) return { module_parameters: [], custom_parameters: [] };
  if (!isObj(raw)) return { error: path };
  const out: ParamSet = { module_parameters: [], custom_parameters: [] };
  for (const key of ['module_parameters', 'custom_parameters'] as const) {
    const list = raw[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return { error: `${path}.${key}` };
    for (const [i, p] of list.entries()) {
      if (!isObj(p) || typeof p.name !== 'string' || typeof p.value !== 'string')
        return { error: `${path}.${key}[${i}]` };
      out[key].push({ name: p.name, value: p.value });
    }
  }
  return out;
}

function validUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Builds the stored webhook from a request item (`base` = the current one, for updates). */
function toWebhook(
  ctx: SandboxContext,
  item: Obj,
  i: number,
  base: WebhookDoc | undefined,
): WebhookDoc | ReturnType<typeof invalidBody> {
  const p = `$.webhooks[${i}]`;
  const name = item.name === undefined && base ? base.name : str(item.name);
  if (name === undefined)
    return item.name === undefined ? mandatoryMissing('name', `${p}.name`) : invalidBody('name', `${p}.name`);
  if (name.length > 50) return invalidBody('name', `${p}.name`);
  const url = item.url === undefined && base ? base.url : str(item.url);
  if (url === undefined)
    return item.url === undefined ? mandatoryMissing('url', `${p}.url`) : invalidBody('url', `${p}.url`);
  if (!validUrl(url)) return invalidBody('url', `${p}.url`);
  const method = item.http_method === undefined && base ? base.http_method : str(item.http_method)?.toUpperCase();
  if (method === undefined) return mandatoryMissing('http_method', `${p}.http_method`);
  if (!METHODS.has(method)) return invalidBody('http_method', `${p}.http_method`);
  let module = base?.module;
  if (item.module !== undefined) {
    const apiName = isObj(item.module) ? str(item.module.api_name) : str(item.module);
    const found = apiName ? findModule(ctx, apiName) : undefined;
    if (!found || NO_WEBHOOK_MODULES.has(found.api_name)) return invalidBody('module', `${p}.module`);
    module = { api_name: found.api_name, id: found.id };
  }
  if (!module) return mandatoryMissing('module', `${p}.module`);
  const headers = item.headers === undefined && base ? base.headers : paramSet(item.headers, `${p}.headers`);
  if ('error' in headers) return invalidBody('headers', headers.error);
  const urlParams =
    item.url_parameters === undefined && base
      ? base.url_parameters
      : paramSet(item.url_parameters, `${p}.url_parameters`);
  if ('error' in urlParams) return invalidBody('url_parameters', urlParams.error);
  let body = base?.body ?? {
    type: 'none',
    module_parameters: [],
    custom_parameters: [],
    raw_data_content: null,
    raw_data_type: null,
  };
  if (item.body !== undefined && item.body !== null) {
    if (!isObj(item.body)) return invalidBody('body', `${p}.body`);
    const type = str(item.body.type) ?? 'none';
    if (type !== 'none' && type !== 'form_data' && type !== 'raw') return invalidBody('type', `${p}.body.type`);
    const params = paramSet(item.body, `${p}.body`);
    if ('error' in params) return invalidBody('body', params.error);
    const rawType = str(item.body.raw_data_type) ?? (type === 'raw' ? 'json' : null);
    if (rawType !== null && !['json', 'text', 'xml', 'html'].includes(rawType))
      return invalidBody('raw_data_type', `${p}.body.raw_data_type`);
    const content = item.body.raw_data_content;
    if (type === 'raw' && typeof content !== 'string')
      return mandatoryMissing('raw_data_content', `${p}.body.raw_data_content`);
    body = {
      type,
      ...params,
      raw_data_content: typeof content === 'string' ? content : null,
      raw_data_type: rawType as WebhookDoc['body']['raw_data_type'],
    };
  }
  const auth =
    isObj(item.authentication) && item.authentication.type === 'connection'
      ? { type: 'connection' as const }
      : { type: 'general' as const };
  const time = now(ctx);
  const user = currentUser(ctx);
  return {
    id: base?.id ?? ctx.ids.next('crm'),
    name,
    description: typeof item.description === 'string' ? item.description : (base?.description ?? null),
    url,
    http_method: method as WebhookDoc['http_method'],
    module,
    authentication: item.authentication === undefined && base ? base.authentication : auth,
    headers,
    url_parameters: urlParams,
    body,
    created_time: base?.created_time ?? time,
    modified_time: time,
    created_by: base?.created_by ?? user,
    modified_by: user,
  };
}

function save(
  ctx: SandboxContext,
  items: Obj[],
  idFor: (item: Obj) => string | undefined | null,
  create: boolean,
): ItemResult[] {
  return items.map((item, i) => {
    const id = idFor(item);
    const base = id ? webhooks(ctx).get(id) : undefined;
    if (!create && !base)
      return { ok: false, error: id ? invalidIdError(id) : mandatoryMissing('id', `$.webhooks[${i}].id`) };
    const hook = toWebhook(ctx, item, i, base);
    if ('code' in hook) return { ok: false, error: hook };
    const clash = [...webhooks(ctx).values()].find((w) => w.name === hook.name && w.id !== hook.id);
    if (clash) return { ok: false, error: duplicateName(`$.webhooks[${i}].name`, clash.id) };
    webhooks(ctx).put(hook.id, hook);
    return succeeded(hook.id, create ? 'webhook created successfully' : 'webhook updated successfully');
  });
}

export const listWebhooks: Handler = (req, ctx) => {
  const module = req.query.get('module');
  const all = [...webhooks(ctx).values()].filter((w) => !module || w.module.api_name === module);
  return listPage(all, req.query, 'webhooks');
};

export const getWebhook: Handler = (req, ctx) => {
  const hook = webhooks(ctx).get(req.params.id ?? '');
  return hook ? { status: 200, body: { webhooks: [hook] } } : { status: 204 };
};

export const createWebhooks: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'webhooks', 10);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'webhooks',
    save(ctx, items, () => undefined, true),
    201,
  );
};

export const updateWebhooks: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'webhooks', 10);
  if (!Array.isArray(items)) return items;
  const fromPath = req.params.id;
  return itemsAnswer(
    'webhooks',
    save(ctx, items, (item) => fromPath ?? str(item.id), false),
    200,
  );
};

function deleteIds(ctx: SandboxContext, ids: string[]): ItemResult[] {
  return ids.map((id) => {
    if (!webhooks(ctx).has(id)) return { ok: false, error: invalidIdError(id) };
    const used = [...workflowRules(ctx).values()].filter((r) =>
      r.conditions.some((c) => c.instant_actions.actions.some((a) => a.id === id)),
    );
    if (used.length > 0) {
      return {
        ok: false,
        error: crmError('CANNOT_DELETE', 'webhook is associated with workflow rules', {
          id,
          associated_rules: used.map((r) => r.id),
        }),
      };
    }
    webhooks(ctx).delete(id);
    return succeeded(id, 'webhook deleted successfully');
  });
}

export const deleteWebhook: Handler = (req, ctx) => itemsAnswer('webhooks', deleteIds(ctx, [req.params.id ?? '']), 200);

export const deleteWebhooks: Handler = (req, ctx) => {
  const ids = idsParam(req.query, 10);
  if (!Array.isArray(ids)) return ids;
  return itemsAnswer('webhooks', deleteIds(ctx, ids), 200);
};
