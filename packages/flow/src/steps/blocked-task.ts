/**
 * Tells the stage owner in CRM that a handoff waits for data: one open task on the trigger record naming exactly
 * what is missing, by label. One task per (handoff, record): a later, different shortfall updates its description.
 */
import type { ResolvedHandoff } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Rec } from '../evaluate/snapshot.js';
import type { StageOwners } from '../owners/stage-owners.js';
import { upsertOwnerTask } from './owner-task.js';

export function taskSubject(handoff: ResolvedHandoff, recordId: string): string {
  return `zlc: ${handoff.id} blocked on ${recordId}`;
}

/** A missing `requires` path as people read it: `Account › Billing Street`, `Contacts`; anything else as it is. */
export function requirementLabel(handoff: ResolvedHandoff, path: string): string {
  const source = handoff.requires.find((r) => r.path === path);
  if (source === undefined) return path;
  const name = source.source.charAt(0).toUpperCase() + source.source.slice(1);
  return source.field === undefined ? name : `${name} › ${source.field.label}`;
}

/** Creates (or updates) the task for the stage's owner; returns its id. */
export async function tellOwner(
  clients: ZohoClients,
  owners: StageOwners,
  handoff: ResolvedHandoff,
  trigger: Rec,
  missing: readonly string[],
  knownTaskId: string | undefined,
): Promise<string> {
  const recordId = String(trigger.id);
  const labels = missing.map((m) => requirementLabel(handoff, m));
  const ownerId = await owners.userFor(handoff.owner, trigger);
  return upsertOwnerTask(
    clients,
    {
      subject: taskSubject(handoff, recordId),
      description: `${handoff.description ?? handoff.id}\nMissing: ${labels.join(', ')}.\nFill these in; the handoff then goes on by itself.`,
      module: handoff.trigger.on === 'record_enters_stage' ? handoff.trigger.module : 'Deals',
      recordId,
      ...(ownerId === undefined ? {} : { ownerId }),
    },
    knownTaskId,
  );
}
