/**
 * `crm_webhook` → `POST/PUT/DELETE /settings/automation/webhooks`. The plan holds only a reference to the shared
 * secret; the value comes from the executor context (the environment) and goes only into the request.
 */
import { createOnce } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { crmWebhookCodec } from './attributes.js';

/** The request body of a webhook, secret included. */
export function crmWebhookBody(a: Attributes, ctx: ExecutorContext): Record<string, unknown> {
  const hook = crmWebhookCodec.decode(a);
  const secret = ctx.webhookSecret;
  return {
    name: hook.name,
    url: hook.url,
    http_method: hook.httpMethod,
    module: { api_name: hook.module },
    headers: { custom_parameters: secret === undefined ? [] : [{ name: hook.secretHeader, value: secret }] },
    body: { type: 'form_data', custom_parameters: hook.body },
  };
}

export const crmWebhookExecutor: Executor = {
  async create(action, ctx) {
    const { name } = crmWebhookCodec.decode(action.after);
    const body = crmWebhookBody(action.after, ctx);
    const created = await createOnce<{ id: string }>({
      product: 'crm',
      what: `CRM webhook ${name}`,
      create: async () => ({ id: await ctx.clients.crm.createWebhook(body) }),
      lookup: async () => (await ctx.clients.crm.listWebhooks()).find((h) => h.name === name),
      adoptExisting: true,
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
