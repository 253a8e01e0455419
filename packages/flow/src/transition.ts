/** The transition part of a ledger key: what happened to the record that the handoff reacts to. */
import type { ResolvedHandoff } from '@zlc/model';

export function transitionOf(handoff: ResolvedHandoff): string {
  return handoff.trigger.on === 'record_enters_stage' ? `enters:${handoff.trigger.stage}` : 'ticket_event';
}
