/**
 * `crm_webhook` → `POST/PUT/DELETE /settings/automation/webhooks`. The plan holds only a reference to the shared
 * secret; the value comes from the executor context (the environment) and goes only into the request.
 */
import { createOnce } from '@zlc/zoho';
import type { Attributes, JsonValue } from '../../plan-types.js';
import { attr, type Executor, type ExecutorContext, removeUnlessGone } from './executor.js';

function nameValues(raw: JsonValue | undefined): { name: string; value: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p) =>
    typeof p === 'object' &&
    p !== null &&
    !Array.isArray(p) &&
    typeof p.name === 'string' &&
    typeof p.value === 'string'
      ? [{ name: p.name, value: p.value }]
      : [],
  );
}

/** The request body of a webhook, secret included. */
export function crmWebhookBody(a: Attributes, ctx: ExecutorContext): Record<string, unknown> {
  const secretHeader = attr(a, 'secretHeader');
  const secret = ctx.webhookSecret;
  return {
    name: attr(a, 'name'),
    url: attr(a, 'url'),
    http_method: typeof a.httpMethod === 'string' ? a.httpMethod : 'POST',
    module: { api_name: attr(a, 'module') },
    headers: { custom_parameters: secret === undefined ? [] : [{ name: secretHeader, value: secret }] },
    body: { type: 'form_data', custom_parameters: nameValues(a.body) },
  };
}

export const crmWebhookExecutor: Executor = {
  async create(action, ctx) {
    const name = attr(action.after, 'name');
    const body = crmWebhookBody(action.after, ctx);
    const created = await createOnce<{ id: string }>({
      product: 'crm',
      what: `CRM webhook ${name}`,
      create: async () => ({ id: await ctx.clients.crm.createWebhook(body) }),
      lookup: async () => (await ctx.clients.crm.listWebhooks()).find((h) => h.name === name),
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    return created.id;
  },
  async update(action, ctx) {
    await ctx.clients.crm.updateWebhook(action.remoteId, crmWebhookBody(action.after, ctx));
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.crm.deleteWebhook(action.remoteId));
  },
};
