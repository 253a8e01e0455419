/** The transition part of a ledger key: what happened to the record that the handoff reacts to. */
import type { ResolvedHandoff } from '@zlc/model';

export function transitionOf(handoff: ResolvedHandoff): string {
  // Invoice entries are keyed by the status reached (`invoice_status:paid`, see books-poll.ts); this is the kind.
  if (handoff.trigger.on === 'invoice_status') return 'invoice_status';
  return handoff.trigger.on === 'record_enters_stage' ? `enters:${handoff.trigger.stage}` : 'ticket_event';
}
