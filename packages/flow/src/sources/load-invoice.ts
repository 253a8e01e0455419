/**
 * The snapshot of an `invoice_status` run: the invoice (as Books shows it now, status and payments included), its
 * customer when a path reads `customer.*`, and the customer's invoices when an aggregate runs over `books:invoices`.
 */
import type { ResolvedHandoff } from '@zlc/model';
import { collect, type ZohoClients } from '@zlc/zoho';
import type { Rec, SourceSnapshot } from '../evaluate/snapshot.js';
import { orUndefined } from '../not-found.js';
import { aggregateModules, fieldsRead } from './handoff-sources.js';

export async function loadInvoiceSnapshot(
  clients: ZohoClients,
  handoff: ResolvedHandoff,
  invoice: Rec,
): Promise<SourceSnapshot> {
  const named: SourceSnapshot['named'] = { record: invoice, invoice };
  const related: Record<string, Rec[]> = {};
  const customerId = typeof invoice.customer_id === 'string' ? invoice.customer_id : undefined;
  const wanted = fieldsRead(handoff).names;
  const reads: Promise<void>[] = [];
  if (customerId !== undefined && wanted.has('customer'))
    reads.push(
      orUndefined(() => clients.books.contacts.get(customerId)).then((c) => {
        named.customer = c;
      }),
    );
  if (customerId !== undefined && aggregateModules(handoff).has('books:invoices'))
    reads.push(
      collect(clients.books.invoices.list({ customer_id: customerId })).then((list) => {
        related['books:invoices'] = list;
      }),
    );
  await Promise.all(reads);
  return { named, lookups: {}, related };
}
