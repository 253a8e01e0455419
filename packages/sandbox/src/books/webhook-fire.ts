/**
 * Sending Books webhooks: after an API call creates or edits invoices, each workflow rule on invoices whose action
 * type matches ("Edited" for an edit, "Created or Edited" for either; a payment applied to an invoice edits it)
 * sends its webhook: a POST to its URL with its query parameters and headers, the body the Default Payload — every
 * parameter of the module as JSON ([Books help: workflow actions → webhooks], "Body"), here `{"invoice": <the
 * invoice as GET returns it>}` (the wrapper key is unverified). Deliveries go through the sandbox's outbound queue,
 * after the API call has answered. Webhooks with method PUT or DELETE, and user-defined bodies, are not sent
 * (unverified: Books documents no placeholder syntax for them); SPEC.md.
 */
import type { Collection, SandboxContext } from '../core/types.js';
import { invoiceStatus } from './invoice-balance.js';
import type { BooksState, Invoice } from './state.js';
import { type BooksWebhook, webhookStore } from './webhook-state.js';
import { formatDate } from './wire.js';

/** Invoice ids written during one call, each with whether the call created it. */
export type InvoiceWrites = Map<string, boolean>;

/** The invoices collection, noting every id `put` writes (and whether it is new) in `writes`. */
export function noteInvoiceWrites(invoices: Collection<Invoice>, writes: InvoiceWrites): Collection<Invoice> {
  return new Proxy(invoices, {
    get(target, prop) {
      if (prop === 'put')
        return (id: string, value: Invoice) => {
          if (!writes.has(id)) writes.set(id, !target.has(id));
          target.put(id, value);
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The Books state of one call, with its invoice writes noted. */
export function withInvoiceWrites(state: BooksState, writes: InvoiceWrites): BooksState {
  let invoices: Collection<Invoice> | undefined;
  return new Proxy(state, {
    get(target, prop) {
      if (prop !== 'invoices') return Reflect.get(target, prop, target);
      invoices ??= noteInvoiceWrites(target.invoices, writes);
      return invoices;
    },
  });
}

function targetUrl(hook: BooksWebhook): string {
  const url = new URL(hook.url);
  for (const p of hook.query_parameters) url.searchParams.append(p.param_name, p.param_value);
  return url.toString();
}

/** Queues the webhooks of the rules the writes match; returns how many were queued. */
export function fireInvoiceRules(ctx: SandboxContext, state: BooksState, writes: InvoiceWrites): number {
  const { webhooks, rules } = webhookStore(ctx);
  if (writes.size === 0 || rules.size === 0) return 0;
  let queued = 0;
  for (const [id, created] of writes) {
    const invoice = state.invoices.get(id);
    if (invoice === undefined) continue;
    for (const rule of rules.values()) {
      if (created && rule.action_type !== 'created_or_edited') continue;
      const hook = webhooks.get(rule.webhook_id);
      if (hook === undefined || hook.method !== 'POST' || hook.raw_data !== '') continue;
      ctx.outbound.enqueue({
        product: 'books',
        source: `books_workflow:${rule.workflow_id}`,
        url: targetUrl(hook),
        method: 'POST',
        headers: Object.fromEntries(hook.headers.map((h) => [h.param_name, h.param_value])),
        // As GET shows it: the status derived for today (invoices.ts renderInvoice; not imported, route.ts loads this).
        body: JSON.stringify({ invoice: { ...invoice, status: invoiceStatus(invoice, formatDate(ctx.clock.now())) } }),
      });
      queued += 1;
    }
  }
  return queued;
}
