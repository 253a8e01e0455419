/** `desk_webhook`: a Desk webhook (by name) subscribed to the ticket events a handoff listens to. */
import type { TicketEvent } from '@zlc/model';
import type { DeskWebhook } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, type ResourceDef } from '../resource-def.js';
import { handoffOfHookUrl, hookName, hookUrl, splitDeskToken } from '../shared/webhook-secret.js';
import { type DeskWebhookAttributes, deskWebhookCodec } from './attributes.js';
import { deskWebhookExecutor } from './executor.js';

export type { DeskWebhookAttributes } from './attributes.js';

const EVENT_TYPES: Record<TicketEvent, string> = {
  created: 'Ticket_Add',
  updated: 'Ticket_Update',
  closed: 'Ticket_Update',
  reopened: 'Ticket_Update',
};

export function deskWebhookAddress(name: string): string {
  return addressOf('desk_webhook', name);
}

export const deskWebhook: ResourceDef = {
  type: 'desk_webhook',
  product: 'desk',
  immutable: [],
  executor: deskWebhookExecutor,

  desired(model, context): Resource[] {
    if (context.runtimeUrl === undefined) return [];
    const runtimeUrl = context.runtimeUrl;
    const out: Resource[] = [];
    for (const handoff of model.handoffs) {
      const trigger = handoff.trigger;
      if (trigger.on !== 'ticket_event') continue;
      const name = hookName(handoff.id);
      const events = [...new Set(trigger.events.map((e) => EVENT_TYPES[e] ?? 'Ticket_Update'))].sort();
      const attributes: DeskWebhookAttributes = {
        name,
        url: new URL(hookUrl(runtimeUrl, 'desk', handoff.id)).toString(),
        secret: context.secretRef,
        events,
        enabled: true,
      };
      out.push({
        address: deskWebhookAddress(name),
        type: 'desk_webhook',
        product: 'desk',
        title: `Desk webhook ${name} (${events.join(', ')}) → ${attributes.url}`,
        attributes: deskWebhookCodec.encode(attributes),
        dependsOn: [],
      });
    }
    return out;
  },

  /** One call; keeps zlc's own webhooks (`zlc-…`) and those named in `remove:`. */
  async read(clients, scope): Promise<RemoteResource[]> {
    const removed = new Set(scope.model.remove.flatMap((r) => (r.kind === 'webhook' ? [r.name] : [])));
    const hooks = await scope.once<DeskWebhook[]>('desk:webhooks', () => clients.desk.listWebhooks());
    return hooks
      .filter((h) => h.name.startsWith('zlc-') || removed.has(h.name))
      .map((h) => {
        const { url, token } = splitDeskToken(h.url ?? '');
        const handoffId = handoffOfHookUrl(url);
        // The URL carries a per-handoff token, not the secret: it stands for the current secret when it matches.
        const current = token !== undefined && handoffId !== undefined && token === scope.context.deskToken(handoffId);
        const attributes: DeskWebhookAttributes = {
          name: h.name,
          url,
          secret: current ? scope.context.secretRef : scope.secretRefOf(token),
          events: Object.keys(h.subscriptions ?? {}).sort(),
          enabled: h.isEnabled !== false,
        };
        return {
          address: deskWebhookAddress(h.name),
          type: 'desk_webhook' as const,
          product: 'desk' as const,
          title: `Desk webhook ${h.name} (${attributes.events.join(', ')}) → ${url}`,
          attributes: deskWebhookCodec.encode(attributes),
          dependsOn: [],
          remoteId: h.id,
          fingerprint: lazyFingerprint(() => ({ ...h, url })),
        };
      });
  },
};
