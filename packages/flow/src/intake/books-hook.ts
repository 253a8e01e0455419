/**
 * A Books invoice webhook (`POST /hooks/books/<handoff>`), after its token is checked. The body only names an
 * invoice: its id is the one thing taken from it (the status and amounts it may carry are never trusted). Intake
 * reads the invoice from Books and records the same ledger entry the poll would — (handoff, invoice, the status it
 * reached), versioned by `last_modified_time` — so a webhook and a later poll of the same change are one update.
 *
 * What Books sends is the admin's choice ([Books help: workflow actions → webhooks]): the Default Payload (the
 * module's parameters as JSON; read here from `invoice_id` or `invoice.invoice_id`), or a form body with an
 * `invoice_id` parameter. Anything else is a 400 and nothing is recorded.
 */
import type { ResolvedHandoff } from '@zlc/model';
import { type BooksInvoice, isZohoError, ZohoNotFoundError } from '@zlc/zoho';
import { invoiceTransition } from '../sources/books-poll.js';
import { type Parsed, parseJsonObject } from './parse-events.js';
import { verifyRecords } from './verify-records.js';

/** Books ids are digit strings; anything outside this shape is not an invoice id. */
const INVOICE_ID = /^[0-9A-Za-z_-]{1,40}$/;

function idFrom(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return typeof value === 'string' && INVOICE_ID.test(value) ? value : undefined;
}

function fromJson(text: string): Parsed<string> {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  const nested = body.invoice;
  const raw =
    body.invoice_id ??
    (nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>).invoice_id : undefined);
  if (raw === undefined) return { ok: false, message: 'the body names no invoice_id' };
  const id = idFrom(raw);
  return id === undefined ? { ok: false, message: 'invoice_id is not a Books id' } : { ok: true, value: id };
}

/** The invoice id a Books webhook body names. */
export function parseBooksBody(text: string, contentType: string | undefined): Parsed<string> {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || (type === '' && text.trimStart().startsWith('{'))) return fromJson(text);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const values = new URLSearchParams(text).getAll('invoice_id');
    if (values.length !== 1) return { ok: false, message: 'the form must carry exactly one invoice_id' };
    const id = idFrom(values[0]);
    return id === undefined ? { ok: false, message: 'invoice_id is not a Books id' } : { ok: true, value: id };
  }
  return { ok: false, message: 'the body must be JSON or a urlencoded form' };
}

export type InvoiceRead =
  | { outcome: 'found'; invoice: BooksInvoice }
  | { outcome: 'missing' }
  | { outcome: 'unavailable'; message: string };

/** Reads the invoice within the intake budget; a late or failed read is `unavailable` (the poll sees it later). */
export async function readInvoice(
  read: (id: string) => Promise<BooksInvoice>,
  id: string,
  budgetMs: number,
): Promise<InvoiceRead> {
  const [checked] = await verifyRecords([id], {
    read: async (invoiceId) => {
      try {
        return await read(invoiceId);
      } catch (error) {
        if (error instanceof ZohoNotFoundError) return undefined;
        // Books answers an id it cannot parse as a rejected request: for the sender that invoice does not exist.
        if (isZohoError(error) && error.kind === 'rejected') return undefined;
        throw error;
      }
    },
    budgetMs,
    concurrency: 1,
  });
  if (checked?.outcome === 'found') return { outcome: 'found', invoice: checked.record };
  if (checked?.outcome === 'missing') return { outcome: 'missing' };
  const message = checked?.outcome === 'error' ? checked.message : 'Books did not answer in time';
  return { outcome: 'unavailable', message };
}

/** The ledger key parts of an invoice as Books shows it now, or why the handoff does not track it. */
export function invoiceOffer(
  handoff: ResolvedHandoff,
  invoice: BooksInvoice,
): { transition: string; version?: string } | { ignored: string } {
  if (handoff.trigger.on !== 'invoice_status') return { ignored: `${handoff.id} is not triggered by invoices` };
  const status = String(invoice.status ?? '');
  if (!(handoff.trigger.statuses as string[]).includes(status))
    return { ignored: `invoice ${String(invoice.invoice_id)} is ${status}, which ${handoff.id} does not track` };
  const version = typeof invoice.last_modified_time === 'string' ? invoice.last_modified_time : undefined;
  return { transition: invoiceTransition(status), ...(version === undefined ? {} : { version }) };
}
