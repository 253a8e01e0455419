/**
 * A webhook as the API answers it (webhooks.yaml `AutomationWebhooksResponse`): the list carries summaries only
 * ("headers, body, authentication, url_parameters, and date_time_format are omitted", `getWebhooks`); GET by id
 * carries the whole configuration (`getWebhookById` Success200).
 */
import type { SandboxContext } from '../core/types.js';
import { rulesUsing, type WebhookBody, type WebhookDoc } from './automation-model.js';

export function webhookSummary(ctx: SandboxContext, hook: WebhookDoc): Record<string, unknown> {
  return {
    created_time: hook.created_time,
    lock_status: { locked: false, message: null },
    editable: true,
    module: hook.module,
    related_module: hook.related_module,
    deletable: true,
    description: hook.description,
    source: 'user',
    created_by: hook.created_by,
    url: hook.url,
    feature_type: hook.feature_type,
    http_method: hook.http_method,
    modified_time: hook.modified_time,
    // "associated with at least one active Workflow Rule" (AutomationWebhooksResponse.associated).
    associated: rulesUsing(ctx, hook.id).some((r) => r.active),
    name: hook.name,
    modified_by: hook.modified_by,
    id: hook.id,
  };
}

function bodyOf(body: WebhookBody): Record<string, unknown> {
  if (body.type === 'raw') return { type: 'raw', format: body.format, raw_data_content: body.raw_data_content };
  if (body.type === 'none') return { type: 'none', format: null };
  return { type: 'form_data', format: null, form_data_content: body.form_data_content };
}

export function webhookFull(ctx: SandboxContext, hook: WebhookDoc): Record<string, unknown> {
  return {
    ...webhookSummary(ctx, hook),
    ...(hook.headers === null ? {} : { headers: hook.headers }),
    url_parameters: hook.url_parameters,
    ...(hook.body === null ? {} : { body: bodyOf(hook.body) }),
    date_time_format: hook.date_time_format,
    // The Success200 example shows a general webhook with an empty connection name.
    authentication:
      hook.authentication.type === 'general'
        ? { type: 'general', connection_name: '' }
        : { type: 'connection', connection_name: hook.authentication.connection_name },
  };
}
