/**
 * Books webhooks ([Books API: webhooks], https://www.zoho.com/books/api/v3/webhooks/): `POST /settings/webhooks`
 * creates one with the documented arguments and limits; `GET /settings/webhooks` lists them (unverified: the page
 * is read for its create call only; SPEC.md). A webhook does nothing alone: Books sends it when a workflow rule
 * whose action it is fires ([Books help: workflow actions → webhooks]). Rules are made in Books' settings screen;
 * the sandbox's stand-in for that screen is `POST /books/v3/__sandbox/workflowrules` (and
 * `PUT /books/v3/__sandbox/webhooks/{id}` to edit a webhook there; SPEC.md), and
 * `webhook-fire.ts` sends the webhooks of the rules an invoice change matches.
 */
import type { SandboxContext } from '../core/types.js';
import { doesNotExist, invalidValue, tooLong } from './errors.js';
import { route } from './route.js';
import { type BooksWebhook, type BooksWorkflowRule, type NameValue, webhookStore } from './webhook-state.js';
import { bodyObject, done, formatTime, type Json, ok, onlyKnownKeys, optArray, optString, reqString } from './wire.js';

/** The create call's documented arguments ([Books API: webhooks] "Create a webhook"). */
const WEBHOOK_KEYS = new Set([
  'entity',
  'webhook_name',
  'description',
  'method',
  'url',
  'entity_parameters',
  'additional_parameters',
  'headers',
  'user_defined_format_name',
  'user_defined_format_value',
  'secret',
  'body_type',
  'raw_data',
  'form_data',
  'query_parameters',
  'events',
  'is_new_response_format',
  'placeholder',
  'is_hidden',
  'lock_type',
]);
const PAIR_LISTS = [
  'entity_parameters',
  'additional_parameters',
  'headers',
  'form_data',
  'query_parameters',
] as const satisfies readonly (keyof BooksWebhook)[];
const METHODS = new Set(['POST', 'PUT', 'DELETE']);

function pairs(body: Json, key: string): NameValue[] {
  const list = optArray(body, key, 100) ?? [];
  return list.map((raw) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidValue(key);
    const item = raw as Json;
    onlyKnownKeys(item, new Set(['param_name', 'param_value']));
    return { param_name: reqString(item, 'param_name', 200), param_value: optString(item, 'param_value', 5000) ?? '' };
  });
}

function readUrl(body: Json): string {
  const url = reqString(body, 'url', 5000);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidValue('url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidValue('url');
  return url;
}

function readSecret(body: Json): string | undefined {
  const secret = optString(body, 'secret', 1000);
  if (secret === undefined) return undefined;
  // Documented: "Min-len [12], Max-len [50], alphanumeric only".
  if (secret.length > 50) throw tooLong('secret', 50);
  if (!/^[A-Za-z0-9]{12,}$/.test(secret)) throw invalidValue('secret');
  return secret;
}

function readWebhook(body: Json, ctx: SandboxContext): BooksWebhook {
  onlyKnownKeys(body, WEBHOOK_KEYS);
  const method = (optString(body, 'method', 10) ?? 'POST').toUpperCase();
  if (!METHODS.has(method)) throw invalidValue('method');
  const events = (optArray(body, 'events', 100) ?? []).map((e) => {
    if (typeof e !== 'string') throw invalidValue('events');
    return e;
  });
  const secret = readSecret(body);
  const hook: BooksWebhook = {
    webhook_id: ctx.ids.next('books'),
    webhook_name: reqString(body, 'webhook_name', 50),
    description: optString(body, 'description', 100) ?? '',
    entity: reqString(body, 'entity', 100),
    method,
    url: readUrl(body),
    entity_parameters: [],
    additional_parameters: [],
    headers: [],
    form_data: [],
    query_parameters: [],
    body_type: optString(body, 'body_type', 100) ?? 'application/json',
    raw_data: optString(body, 'raw_data', 100_000) ?? '',
    events,
    ...(secret === undefined ? {} : { secret }),
    created_time: formatTime(ctx.clock.now()),
  };
  for (const key of PAIR_LISTS) hook[key] = pairs(body, key);
  return hook;
}

/** A webhook as the API shows it: the signing secret is write-only. */
export function renderWebhook(hook: BooksWebhook): Json {
  const { secret: _secret, ...shown } = hook;
  return { ...shown, has_secret: hook.secret !== undefined };
}

/** The stand-in's rule: when an invoice is created or edited, send the webhook. */
function readRule(body: Json, ctx: SandboxContext): BooksWorkflowRule {
  onlyKnownKeys(body, new Set(['workflow_name', 'entity', 'action_type', 'webhook_id']));
  const entity = reqString(body, 'entity', 50);
  if (entity !== 'invoice') throw invalidValue('entity');
  const actionType = reqString(body, 'action_type', 50);
  if (actionType !== 'edited' && actionType !== 'created_or_edited') throw invalidValue('action_type');
  const webhookId = reqString(body, 'webhook_id', 30);
  if (!webhookStore(ctx).webhooks.has(webhookId)) throw doesNotExist('Webhook');
  return {
    workflow_id: ctx.ids.next('books'),
    workflow_name: reqString(body, 'workflow_name', 100),
    entity,
    action_type: actionType,
    webhook_id: webhookId,
  };
}

export const webhookRoutes = [
  route('POST', '/settings/webhooks', (req, _state, ctx) => {
    const hook = readWebhook(bodyObject(req), ctx);
    for (const other of webhookStore(ctx).webhooks.values())
      if (other.webhook_name === hook.webhook_name) throw invalidValue('webhook_name');
    webhookStore(ctx).webhooks.put(hook.webhook_id, hook);
    return done('The webhook has been created.', { webhook: renderWebhook(hook) }, 201);
  }),
  route('GET', '/settings/webhooks', (_req, _state, ctx) => {
    return ok({ webhooks: [...webhookStore(ctx).webhooks.values()].map(renderWebhook) });
  }),
  // Sandbox-only: editing a webhook in Books' settings screen (the stand-in's way to correct one), same body as create.
  route('PUT', '/__sandbox/webhooks/:webhook_id', (req, _state, ctx) => {
    const { webhooks } = webhookStore(ctx);
    const existing = webhooks.get(req.params.webhook_id ?? '');
    if (existing === undefined) throw doesNotExist('Webhook');
    const edited = { ...readWebhook(bodyObject(req), ctx), webhook_id: existing.webhook_id };
    edited.created_time = existing.created_time;
    webhooks.put(existing.webhook_id, edited);
    return done('The webhook has been updated.', { webhook: renderWebhook(edited) });
  }),
  route('POST', '/__sandbox/workflowrules', (req, _state, ctx) => {
    const rule = readRule(bodyObject(req), ctx);
    webhookStore(ctx).rules.put(rule.workflow_id, rule);
    return done('The workflow rule has been created.', { workflow: rule }, 201);
  }),
];
