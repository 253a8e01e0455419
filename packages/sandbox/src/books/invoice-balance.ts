/** An invoice's balance and the status Books derives from it (paid, partially paid, overdue). */
import type { Invoice, InvoiceStatus } from './state.js';
import { round2 } from './wire.js';

/** Recomputes `balance` and the stored status after totals or payments changed. */
export function settleBalance(invoice: Invoice): void {
  invoice.balance = round2(invoice.total - invoice.payment_made - invoice.credits_applied - invoice.write_off_amount);
  if (invoice.status === 'void' || invoice.status === 'draft') return;
  if (invoice.balance <= 0 && invoice.total > 0) invoice.status = 'paid';
  else if (invoice.payment_made > 0) invoice.status = 'partially_paid';
  else invoice.status = 'sent';
}

/** The status Books shows on `on` (YYYY-MM-DD): an unpaid sent invoice past its due date reads `overdue`. */
export function invoiceStatus(invoice: Invoice, on: string): InvoiceStatus {
  if (
    (invoice.status === 'sent' || invoice.status === 'partially_paid') &&
    invoice.due_date < on &&
    invoice.balance > 0
  ) {
    return 'overdue';
  }
  return invoice.status;
}

/** Matches a `status` list filter value (Books also accepts `unpaid` and `viewed`). */
export function matchesStatus(invoice: Invoice, status: string, on: string): boolean {
  const shown = invoiceStatus(invoice, on);
  switch (status) {
    case 'unpaid':
      return shown === 'sent' || shown === 'overdue' || shown === 'partially_paid';
    case 'viewed':
      return invoice.is_viewed_by_client;
    case 'sent':
      return shown === 'sent';
    default:
      return shown === status;
  }
}

export const INVOICE_STATUSES = new Set([
  'draft',
  'sent',
  'overdue',
  'paid',
  'void',
  'unpaid',
  'partially_paid',
  'viewed',
]);

export const INVOICE_FILTERS: Record<string, string> = {
  'Status.All': 'all',
  'Status.Draft': 'draft',
  'Status.Sent': 'sent',
  'Status.OverDue': 'overdue',
  'Status.Paid': 'paid',
  'Status.Void': 'void',
  'Status.Unpaid': 'unpaid',
  'Status.PartiallyPaid': 'partially_paid',
  'Status.Viewed': 'viewed',
};
