/**
 * `desk_webhook` → `POST/PATCH/DELETE /webhooks`. Desk webhooks carry no custom headers, so the shared secret
 * travels as a per-handoff token in the URL (`deskHookToken` in `@zlc/model`), made from the executor context's
 * secret, never from the plan.
 */

import { DESK_TOKEN_PARAM, deskHookToken } from '@zlc/model';
import { createOnce, type DeskWebhook, type DeskWebhookInput } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { requireDeskHookAnswers } from '../../runtime-probe.js';
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

function earlierFirst(a: DeskWebhook, b: DeskWebhook): number {
  const at = (h: DeskWebhook) => (typeof h.createdTime === 'string' ? h.createdTime : '');
  if (at(a) !== at(b)) return at(a) < at(b) ? -1 : 1;
  return a.id.length !== b.id.length ? a.id.length - b.id.length : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Desk's documents name no "already exists" answer for a webhook name, so a create that an earlier run sent (and
 * that landed after this run planned) leaves two webhooks of one name. After its create, the executor keeps the
 * earliest of the name — the earlier run's — and deletes the one it just made: the object under the natural key is
 * taken as created, as every other executor does on "already exists".
 */
async function keepEarliest(ctx: ExecutorContext, made: DeskWebhook): Promise<string> {
  const same = (await ctx.clients.desk.listWebhooks()).filter((h) => h.name === made.name).sort(earlierFirst);
  const earliest = same[0];
  if (earliest === undefined || earliest.id === made.id) return made.id;
  await removeUnlessGone(() => ctx.clients.desk.deleteWebhook(made.id));
  ctx.onZohoEvent({ type: 'create_recovered', product: 'desk', what: `Desk webhook ${made.name}`, attempt: 1 });
  return earliest.id;
}

export const deskWebhookExecutor: Executor = {
  async create(action, ctx) {
    const input = deskWebhookInput(action.after, ctx);
    await requireDeskHookAnswers(input.url);
    const hook = await createOnce<DeskWebhook>({
      product: 'desk',
      what: `Desk webhook ${input.name}`,
      create: () => ctx.clients.desk.createWebhook(input),
      lookup: async () => (await ctx.clients.desk.listWebhooks()).find((h) => h.name === input.name),
      adoptExisting: true,
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    return keepEarliest(ctx, hook);
  },
  async update(action, ctx) {
    const input = deskWebhookInput(action.after, ctx);
    if (input.isEnabled) await requireDeskHookAnswers(input.url);
    await ctx.clients.desk.updateWebhook(action.remoteId, input);
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.desk.deleteWebhook(action.remoteId));
  },
};
