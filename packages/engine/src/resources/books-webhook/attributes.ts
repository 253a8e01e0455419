/** `books_webhook` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/**
 * A Books invoice webhook that feeds an `invoice_status` handoff, and what `GET /settings/webhooks` shows of it.
 * Only the token's reference is in the plan (see `booksHookToken` in `@zlc/model`).
 */
export type BooksWebhookAttributes = {
  name: string;
  /** The handoff it feeds. */
  handoff: string;
  /** Books' entity: `invoice`. */
  entity: string;
  method: string;
  url: string;
  /** The custom header that carries the token (`X-Zlc-Token`); empty when the webhook has none. */
  tokenHeader: string;
  /** `env:NAME` when the header holds the handoff's token of the current secret, else `#other` or `#unset`. */
  token: string;
};

export const booksWebhookCodec: AttributeCodec<BooksWebhookAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): BooksWebhookAttributes {
    const r = attributeReader(a, 'books_webhook');
    return {
      name: r.string('name'),
      handoff: r.string('handoff'),
      entity: r.string('entity'),
      method: r.string('method'),
      url: r.string('url'),
      tokenHeader: r.optionalString('tokenHeader') ?? '',
      token: r.optionalString('token') ?? '',
    };
  },
};
