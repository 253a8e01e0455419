/**
 * `desk_webhook` → `POST/PATCH/DELETE /webhooks`. Desk webhooks carry no custom headers, so the shared secret
 * travels as a per-handoff token in the URL (`deskHookToken` in `@zlc/model`), made from the executor context's
 * secret, never from the plan.
 */

import { DESK_TOKEN_PARAM, deskHookToken } from '@zlc/model';
import { createOnce, type DeskWebhook, type DeskWebhookInput } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { handoffOfHookUrl } from '../shared/webhook-secret.js';
import { deskWebhookCodec } from './attributes.js';

export function deskWebhookInput(attributes: Attributes, ctx: ExecutorContext): DeskWebhookInput {
  const a = deskWebhookCodec.decode(attributes);
  const url = new URL(a.url);
  const handoffId = handoffOfHookUrl(url.toString());
  if (ctx.webhookSecret !== undefined && handoffId !== undefined)
    url.searchParams.set(DESK_TOKEN_PARAM, deskHookToken(ctx.webhookSecret, handoffId));
  return {
    name: a.name,
    url: url.toString(),
    subscriptions: Object.fromEntries(a.events.map((e) => [e, null])),
    isEnabled: a.enabled,
  };
}

export const deskWebhookExecutor: Executor = {
  async create(action, ctx) {
    const input = deskWebhookInput(action.after, ctx);
    const hook = await createOnce<DeskWebhook>({
      product: 'desk',
      what: `Desk webhook ${input.name}`,
      create: () => ctx.clients.desk.createWebhook(input),
      lookup: async () => (await ctx.clients.desk.listWebhooks()).find((h) => h.name === input.name),
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    return hook.id;
  },
  async update(action, ctx) {
    await ctx.clients.desk.updateWebhook(action.remoteId, deskWebhookInput(action.after, ctx));
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.desk.deleteWebhook(action.remoteId));
  },
};
