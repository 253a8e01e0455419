/** `desk_webhook` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/**
 * `apply` maps it to `POST/PATCH /webhooks`: `name`, `url` = `url` + `?zt=<the handoff's token>` (Desk webhooks
 * have no custom headers; see `deskHookToken` in `@zlc/model`; only the secret's reference is in the plan),
 * `subscriptions` = one key per event with `null`, `isEnabled: true`.
 */
export type DeskWebhookAttributes = {
  name: string;
  /** The URL without the secret parameter. */
  url: string;
  /** `env:NAME`, `env:NAME#other` or `env:NAME#unset` (see shared/webhook-secret.ts). */
  secret: string;
  /** Desk event types, sorted: Ticket_Add, Ticket_Update. */
  events: string[];
  enabled: boolean;
};

export const deskWebhookCodec: AttributeCodec<DeskWebhookAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): DeskWebhookAttributes {
    const r = attributeReader(a, 'desk_webhook');
    return {
      name: r.string('name'),
      url: r.string('url'),
      secret: r.optionalString('secret') ?? '',
      events: r.optionalStringList('events') ?? [],
      enabled: r.boolean('enabled', true),
    };
  },
};
