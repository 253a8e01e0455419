/**
 * The poll of `invoice_status` handoffs: Books invoices whose status or payments changed. A Books webhook is an
 * admin's manual step that an org may skip (and one can be lost), so each pass reads `GET /invoices?last_modified_time=<cursor − 1 s>`
 * (invoices modified since, [B:invoices] list invoices) and — because an invoice turns overdue with the calendar,
 * not by an edit — `GET /invoices?status=overdue&due_date_start=<day the ledger started>`. Each (invoice,
 * status) is one ledger entry: a status reached is applied once, the same state seen again is a duplicate, and a
 * later modified time (another payment) re-opens it. A new ledger starts from now: history is left alone.
 */
import type { ResolvedHandoff } from '@zlc/model';
import type { BooksInvoice } from '@zlc/zoho';
import { isNewer } from '../ledger/ledger.js';
import { type PollOptions, type PollResult, pollOffers } from '../poll.js';

/** The transition part of an invoice's ledger key: the status it reached. */
export function invoiceTransition(status: string): string {
  return `invoice_status:${status}`;
}

/** A time as Books writes `last_modified_time` (`2026-12-07T07:10:00+0000`, [B:invoices] list parameters). */
export function booksTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/** The two cursors of a handoff; a first start sets both to now. */
async function cursors(options: PollOptions, handoff: ResolvedHandoff) {
  const { ledger } = options;
  const modifiedName = `poll:${handoff.id}`;
  const overdueName = `poll:${handoff.id}:overdue_from`;
  let since = await ledger.cursor(modifiedName);
  let overdueFrom = await ledger.cursor(overdueName);
  if (since === undefined || overdueFrom === undefined) {
    const now = Date.now();
    // Books times have whole seconds, and the poll asks for changes after the second before its cursor: a cursor
    // at the next whole second leaves the start's own second as history and sees every later one, whether Books
    // reads "modified after" as strictly after or as at or after.
    since ??= booksTime(Math.ceil(now / 1000) * 1000);
    overdueFrom ??= new Date(now).toISOString().slice(0, 10);
    await ledger.setCursor(modifiedName, since);
    await ledger.setCursor(overdueName, overdueFrom);
  }
  return { modifiedName, since, overdueFrom };
}

export async function pollInvoices(options: PollOptions, handoff: ResolvedHandoff): Promise<PollResult> {
  const { clients, ledger } = options;
  const trigger = handoff.trigger;
  if (trigger.on !== 'invoice_status') throw new Error(`${handoff.id} is not triggered by invoices`);
  const { modifiedName, since, overdueFrom } = await cursors(options, handoff);
  let latest = since;
  let seen = 0;
  const offers = pollOffers(options, handoff.id);
  const offer = async (invoice: BooksInvoice) => {
    seen += 1;
    const version = typeof invoice.last_modified_time === 'string' ? invoice.last_modified_time : undefined;
    if (version !== undefined && isNewer(version, latest)) latest = version;
    const status = String(invoice.status ?? '');
    if (!(trigger.statuses as string[]).includes(status)) return;
    const recordId = String(invoice.invoice_id);
    await offers.add(recordId, invoiceTransition(status), version);
  };
  // invoices.yml says "modified after": asking from a second earlier also sees the cursor's own second whichever way
  // Books reads it; what was seen already is a duplicate in the ledger.
  const parsed = Date.parse(since);
  const from = Number.isNaN(parsed) ? since : booksTime(parsed - 1000);
  for await (const invoice of clients.books.invoices.list({ last_modified_time: from })) await offer(invoice);
  if (trigger.statuses.includes('overdue'))
    for await (const invoice of clients.books.invoices.list({ status: 'overdue', due_date_start: overdueFrom }))
      await offer(invoice);
  let offered = await offers.done();
  // Blocked invoices (no deal link yet) are looked at again when their re-check is due.
  offered += await ledger.reopenDueBlocked(handoff.id);
  if (latest !== since) await ledger.setCursor(modifiedName, latest);
  const result = { handoff: handoff.id, seen, offered };
  options.onEvent?.({ type: 'poll_done', ...result, cursor: latest });
  return result;
}
