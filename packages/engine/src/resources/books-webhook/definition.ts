/**
 * `books_webhook`: the Books invoice webhook (by name) and the workflow rule that sends it, for each
 * `invoice_status` handoff whose trigger asks for one (`webhook: true`), when the model has a runtime URL. Books documents creating a webhook
 * ([Books API: webhooks]) and associating it with a workflow rule in its settings screen ([Books help: workflow
 * actions → webhooks]); zlc relies on no API call for that association, so the setup is a `manual` action with the
 * exact steps. The next plan lists the org's webhooks (`GET /settings/webhooks`) and checks name, module, method,
 * URL and the token header. The poll stays on either way: the webhook only makes the CRM update prompt.
 */
import { BOOKS_TOKEN_HEADER, triggerHandoffs } from '@zlc/model';
import type { BooksWebhook } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { Attributes, RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, type ReadScope, type ResourceDef, str } from '../resource-def.js';
import { handoffOfHookUrl, hookName, hookUrl } from '../shared/webhook-secret.js';
import { type BooksWebhookAttributes, booksWebhookCodec } from './attributes.js';
import { booksWebhookExecutor } from './executor.js';

export type { BooksWebhookAttributes } from './attributes.js';

export function booksWebhookAddress(name: string): string {
  return addressOf('books_webhook', name);
}

/** The exact steps in Books' settings that make (or correct) the webhook and its rule. */
export function booksWebhookSteps(attributes: Attributes): string[] {
  const after = booksWebhookCodec.decode(attributes);
  return [
    'In Zoho Books open Settings → Automation → Workflow Actions → Webhooks and click "+ New Webhook" (or edit the webhook of this name).',
    `Name: ${after.name}; Module: Invoices; Method: ${after.method}; URL: ${after.url}.`,
    `Headers: add ${after.tokenHeader} with the value \`zlc flow books-token ${after.handoff}\` prints (a token for this handoff only, derived from the webhook secret; plans never hold it).`,
    'Body: Default Payload (zlc takes only invoice_id from it and reads the invoice from Books). Leave the Secret empty: zlc checks the token header instead. Save.',
    `Open Settings → Automation → Workflow Rules → "+ New Workflow Rule": Name: ${after.name}; Module: Invoices; Workflow Type: Event Based; Action Type: Edited; Execute the workflow when: any field is updated; Execute when the record is: Edited each time; no criteria.`,
    `Immediate action: Webhook → ${after.name}. Save, and check that the rule is active.`,
    "Run `zlc plan` again: it lists Books' webhooks and checks the name, module, method, URL and token header; Books does not show the rule through the API, so check it in Books (a payment on an invoice reaches the CRM deal within seconds; the poll catches up on anything the webhook misses).",
  ];
}

function remoteOf(h: BooksWebhook, scope: ReadScope): RemoteResource {
  const url = str(h.url) ?? '';
  const handoff = handoffOfHookUrl(url) ?? '';
  const headers = Array.isArray(h.headers) ? h.headers : undefined;
  const header = headers?.find((p) => String(p.param_name ?? '').toLowerCase() === BOOKS_TOKEN_HEADER.toLowerCase());
  const value = str(header?.param_value);
  const current = value !== undefined && handoff !== '' && value === scope.context.booksToken(handoff);
  if (headers === undefined)
    scope.warn(`Books did not show the headers of webhook ${h.webhook_name}: its token header is not checked.`);
  const attributes: BooksWebhookAttributes = {
    name: h.webhook_name,
    handoff,
    entity: str(h.entity) ?? '',
    method: (str(h.method) ?? '').toUpperCase(),
    url,
    // A list without headers cannot show the token: it is taken as set (the runtime refuses a wrong one, 401).
    tokenHeader: headers === undefined ? BOOKS_TOKEN_HEADER : (str(header?.param_name) ?? ''),
    token: headers === undefined || current ? scope.context.secretRef : scope.secretRefOf(value),
  };
  return {
    address: booksWebhookAddress(h.webhook_name),
    type: 'books_webhook',
    product: 'books',
    title: `Books webhook ${h.webhook_name} → ${url}`,
    attributes: booksWebhookCodec.encode(attributes),
    dependsOn: [],
    remoteId: h.webhook_id,
    // The header's value is secret-derived: its reference stands in for it.
    fingerprint: lazyFingerprint(() => ({
      ...h,
      headers: [{ name: attributes.tokenHeader, value: attributes.token }],
    })),
  };
}

export const booksWebhook: ResourceDef = {
  type: 'books_webhook',
  product: 'books',
  immutable: [],
  manual: booksWebhookSteps,
  executor: booksWebhookExecutor,

  desired(model, context): Resource[] {
    if (context.runtimeUrl === undefined) return [];
    const runtimeUrl = context.runtimeUrl;
    return triggerHandoffs(model).flatMap((handoff) => {
      if (handoff.trigger.on !== 'invoice_status' || !handoff.trigger.webhook) return [];
      const name = hookName(handoff.id);
      const attributes: BooksWebhookAttributes = {
        name,
        handoff: handoff.id,
        entity: 'invoice',
        method: 'POST',
        url: hookUrl(runtimeUrl, 'books', handoff.id),
        tokenHeader: BOOKS_TOKEN_HEADER,
        token: context.secretRef,
      };
      return [
        {
          address: booksWebhookAddress(name),
          type: 'books_webhook' as const,
          product: 'books' as const,
          title: `Books webhook ${name} → ${attributes.url}`,
          attributes: booksWebhookCodec.encode(attributes),
          dependsOn: [],
        },
      ];
    });
  },

  /** One call, only when the model wants a Books webhook; keeps zlc's own (`zlc-…`). */
  async read(clients, scope): Promise<RemoteResource[]> {
    if (booksWebhook.desired(scope.model, scope.context).length === 0) return [];
    const hooks = await scope.once<BooksWebhook[]>('books:webhooks', () => clients.books.listWebhooks());
    return hooks.filter((h) => h.webhook_name.startsWith('zlc-')).map((h) => remoteOf(h, scope));
  },
};
