/**
 * Webhooks (Webhook.json): `GET/POST /webhooks`, `GET/PATCH/DELETE /webhooks/{webhookId}`. Creating one (or moving
 * it to a new URL) first calls the URL: a GET, then a POST if the GET was not answered 200; without a 200 the
 * webhook is refused. At most 20 webhooks per org, of which 10 enabled (the Enterprise edition's number).
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { deskError, type FieldError, fieldError, invalidData } from './errors.js';
import { type DeskEventType, EVENT_TYPES } from './events.js';
import { listResponse } from './paging.js';
import { deskData, iso, type SubscriptionValue, type WebhookRecord } from './records.js';
import { checkBody, ID_PATTERN, isRecord, type Rules, str } from './validate.js';

export const MAX_WEBHOOKS = 20;
export const MAX_ENABLED_WEBHOOKS = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RULES: Rules = {
  name: { kind: 'string', max: 100, required: true },
  url: { kind: 'string', max: 100, required: true, pattern: /^https?:\/\/[^\s]+$/ },
  description: { kind: 'string', max: 250 },
  subscriptions: { kind: 'object', required: true },
  isEnabled: { kind: 'boolean' },
  ignoreSourceId: { kind: 'string', max: 100, pattern: UUID },
  includeEventsFrom: { kind: 'array', maxItems: 10 },
};

const WITH_DEPARTMENTS: readonly DeskEventType[] = ['Ticket_Add', 'Ticket_Update'];
const WITH_PREV_STATE: readonly DeskEventType[] = ['Ticket_Update', 'Contact_Update', 'Account_Update'];

function readIds(raw: unknown): string[] | null | 'bad' {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) return 'bad';
  const out: string[] = [];
  for (const v of raw) {
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || !ID_PATTERN.test(s)) return 'bad';
    out.push(s);
  }
  return out;
}

function readSubscriptions(
  ctx: SandboxContext,
  raw: Record<string, unknown>,
): { ok: true; value: Record<string, SubscriptionValue> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, SubscriptionValue> = {};
  const departments = deskData(ctx).departments;
  for (const [key, opts] of Object.entries(raw)) {
    const type = EVENT_TYPES.find((t) => t === key);
    const at = `/subscriptions/${key}`;
    if (type === undefined) {
      errors.push(fieldError(at, 'invalid', `'${key}' is not an event the sandbox supports.`));
      continue;
    }
    if (opts !== null && !isRecord(opts)) {
      errors.push(fieldError(at, 'invalid', `'${key}' must be an object or null.`));
      continue;
    }
    const o = opts ?? {};
    const ids = readIds(o.departmentIds ?? o.departmentId);
    if (ids === 'bad') {
      errors.push(fieldError(`${at}/departmentIds`, 'invalid', 'departmentIds must be department ids.'));
      continue;
    }
    const missing = ids?.find((id) => !departments.has(id));
    if (missing !== undefined) {
      errors.push(fieldError(`${at}/departmentIds`, 'invalid', `No department exists with id ${missing}.`));
      continue;
    }
    const fields = o.fields;
    if (
      fields !== undefined &&
      (!Array.isArray(fields) || fields.length > 5 || fields.some((f) => typeof f !== 'string'))
    ) {
      errors.push(fieldError(`${at}/fields`, 'invalid', 'fields must be at most 5 field names.'));
      continue;
    }
    if (o.includePrevState !== undefined && typeof o.includePrevState !== 'boolean') {
      errors.push(fieldError(`${at}/includePrevState`, 'invalid', 'includePrevState must be a boolean.'));
      continue;
    }
    const hasOptions = WITH_DEPARTMENTS.includes(type) || WITH_PREV_STATE.includes(type);
    value[type] = hasOptions
      ? {
          departmentIds: WITH_DEPARTMENTS.includes(type) ? ids : null,
          fields: type === 'Ticket_Update' && Array.isArray(fields) ? fields.map(String) : [],
          includePrevState: WITH_PREV_STATE.includes(type) && o.includePrevState === true,
        }
      : null;
  }
  if (errors.length === 0 && Object.keys(value).length === 0) {
    errors.push(fieldError('/subscriptions', 'missing', 'At least one event must be subscribed.'));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

function subscriptionShape(type: string, sub: SubscriptionValue): unknown {
  if (sub === null) return null;
  if (type === 'Ticket_Add') return { departmentId: null, departmentIds: sub.departmentIds };
  if (type === 'Ticket_Update') {
    return {
      departmentId: null,
      departmentIds: sub.departmentIds,
      fields: sub.fields,
      includePrevState: sub.includePrevState,
    };
  }
  return { includePrevState: sub.includePrevState };
}

export function webhookShape(w: WebhookRecord): Record<string, unknown> {
  const subscriptions: Record<string, unknown> = {};
  for (const [type, sub] of Object.entries(w.subscriptions)) subscriptions[type] = subscriptionShape(type, sub);
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    description: w.description,
    isEnabled: w.isEnabled,
    ignoreSourceId: w.ignoreSourceId,
    includeEventsFrom: w.includeEventsFrom,
    subscriptions,
    type: 'CUSTOMER_WEBHOOK',
    createdBy: w.createdBy,
    createdTime: iso(w.createdTime),
    modifiedTime: iso(w.modifiedTime),
  };
}

/** Desk's check of a webhook URL: GET, then POST; any 200 passes. */
async function urlAnswers(ctx: SandboxContext, url: string, hookId: string): Promise<boolean> {
  const source = `desk_webhook:${hookId}:validation`;
  const get = await ctx.outbound.send({ product: 'desk', source, url, method: 'GET' });
  if (get.status === 200) return true;
  const post = await ctx.outbound.send({
    product: 'desk',
    source,
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[]',
  });
  return post.status === 200;
}

function enabledCount(ctx: SandboxContext): number {
  let n = 0;
  for (const w of deskData(ctx).webhooks.values()) if (w.isEnabled) n++;
  return n;
}

function tooManyEnabled(): SandboxResponse {
  return deskError(
    422,
    'UNPROCESSABLE_ENTITY',
    `Your edition allows at most ${MAX_ENABLED_WEBHOOKS} enabled webhooks.`,
  );
}

function unreachable(): SandboxResponse {
  return invalidData([fieldError('/url', 'invalid', 'The URL did not answer the validation request with 200.')]);
}

function notFound(): SandboxResponse {
  return deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
}

function listWebhooks(_req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  return listResponse([...deskData(ctx).webhooks.values()].map(webhookShape));
}

function getWebhook(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const w = deskData(ctx).webhooks.get(req.params.webhookId ?? '');
  return w === undefined ? notFound() : { status: 200, body: webhookShape(w) };
}

function readIncludeEventsFrom(raw: unknown): string[] | 'bad' {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string' || v.length > 100)) return 'bad';
  return raw.map(String);
}

async function createWebhook(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const checked = checkBody(req.body, RULES, 'create');
  if (!checked.ok) return checked.response;
  const body = checked.body;
  const subs = readSubscriptions(ctx, isRecord(body.subscriptions) ? body.subscriptions : {});
  if (!subs.ok) return invalidData(subs.errors);
  const from = readIncludeEventsFrom(body.includeEventsFrom);
  if (from === 'bad')
    return invalidData([fieldError('/includeEventsFrom', 'invalid', 'includeEventsFrom must be strings.')]);
  const data = deskData(ctx);
  if (data.webhooks.size >= MAX_WEBHOOKS) {
    return deskError(422, 'UNPROCESSABLE_ENTITY', `At most ${MAX_WEBHOOKS} webhooks can be configured.`);
  }
  if (body.isEnabled !== false && enabledCount(ctx) >= MAX_ENABLED_WEBHOOKS) return tooManyEnabled();
  const id = ctx.ids.next('desk');
  const url = str(body, 'url') ?? '';
  if (!(await urlAnswers(ctx, url, id))) return unreachable();
  const now = ctx.clock.now();
  const agent = data.agents.values().next().value;
  const record: WebhookRecord = {
    id,
    name: str(body, 'name') ?? '',
    url,
    description: str(body, 'description') ?? null,
    isEnabled: body.isEnabled !== false,
    ignoreSourceId: str(body, 'ignoreSourceId') ?? null,
    includeEventsFrom: from,
    subscriptions: subs.value,
    createdBy: agent?.id ?? ctx.org.deskOrgId,
    createdTime: now,
    modifiedTime: now,
  };
  data.webhooks.put(id, record);
  return { status: 200, body: webhookShape(record) };
}

async function updateWebhook(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const data = deskData(ctx);
  const w = data.webhooks.get(req.params.webhookId ?? '');
  if (w === undefined) return notFound();
  const checked = checkBody(req.body, RULES, 'update');
  if (!checked.ok) return checked.response;
  const body = checked.body;
  const next: WebhookRecord = { ...w, modifiedTime: ctx.clock.now() };
  if (body.subscriptions !== undefined) {
    const subs = readSubscriptions(ctx, isRecord(body.subscriptions) ? body.subscriptions : {});
    if (!subs.ok) return invalidData(subs.errors);
    next.subscriptions = subs.value;
  }
  if (body.includeEventsFrom !== undefined) {
    const from = readIncludeEventsFrom(body.includeEventsFrom);
    if (from === 'bad')
      return invalidData([fieldError('/includeEventsFrom', 'invalid', 'includeEventsFrom must be strings.')]);
    next.includeEventsFrom = from;
  }
  const name = str(body, 'name');
  if (name === null) return invalidData([fieldError('/name', 'invalid', "'name' cannot be empty.")]);
  if (name !== undefined) next.name = name;
  const description = str(body, 'description');
  if (description !== undefined) next.description = description;
  const ignore = str(body, 'ignoreSourceId');
  if (ignore !== undefined) next.ignoreSourceId = ignore;
  if (typeof body.isEnabled === 'boolean') {
    if (body.isEnabled && !w.isEnabled && enabledCount(ctx) >= MAX_ENABLED_WEBHOOKS) return tooManyEnabled();
    next.isEnabled = body.isEnabled;
  }
  const url = str(body, 'url');
  if (url === null) return invalidData([fieldError('/url', 'invalid', "'url' cannot be empty.")]);
  if (url !== undefined && url !== w.url) {
    if (!(await urlAnswers(ctx, url, w.id))) return unreachable();
    next.url = url;
  }
  data.webhooks.put(w.id, next);
  return { status: 200, body: webhookShape(next) };
}

function deleteWebhook(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const deleted = deskData(ctx).webhooks.delete(req.params.webhookId ?? '');
  return deleted ? { status: 200 } : notFound();
}

export const webhookRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/webhooks', handler: listWebhooks },
  { method: 'POST', path: '/api/v1/webhooks', handler: createWebhook },
  { method: 'GET', path: '/api/v1/webhooks/:webhookId', handler: getWebhook },
  { method: 'PATCH', path: '/api/v1/webhooks/:webhookId', handler: updateWebhook },
  { method: 'DELETE', path: '/api/v1/webhooks/:webhookId', handler: deleteWebhook },
];
