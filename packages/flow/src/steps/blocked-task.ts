/**
 * Tells the stage owner in CRM that a handoff waits for data: one open task on the trigger record naming exactly
 * what is missing. One task per (handoff, record): a later, different shortfall updates its description.
 */
import type { ResolvedHandoff } from '@zlc/model';
import type { CrmRecord, ZohoClients } from '@zlc/zoho';
import { isRec, type Rec } from '../evaluate/snapshot.js';
import { targetAdapter } from './targets.js';

export function taskSubject(handoff: ResolvedHandoff, recordId: string): string {
  return `zlc: ${handoff.id} blocked on ${recordId}`;
}

/** The task by its exact subject (COQL: a task created a moment ago is not in search yet). */
async function findTask(clients: ZohoClients, subject: string): Promise<CrmRecord | undefined> {
  const [task] = await clients.crm.records.findExact('Tasks', 'Subject', subject);
  return task;
}

/** Creates (or updates) the task; returns its id. */
export async function tellOwner(
  clients: ZohoClients,
  handoff: ResolvedHandoff,
  trigger: Rec,
  missing: readonly string[],
  knownTaskId: string | undefined,
): Promise<string> {
  const recordId = String(trigger.id);
  const subject = taskSubject(handoff, recordId);
  const module = handoff.trigger.on === 'record_enters_stage' ? handoff.trigger.module : 'Deals';
  const owner = isRec(trigger.Owner) && typeof trigger.Owner.id === 'string' ? { id: trigger.Owner.id } : undefined;
  const description = `${handoff.description ?? handoff.id}\nMissing: ${missing.join(', ')}.\nFill these in; the handoff then goes on by itself.`;
  const existing = knownTaskId !== undefined ? { id: knownTaskId } : await findTask(clients, subject);
  const tasks = targetAdapter(clients, 'crm', 'Tasks');
  if (existing !== undefined && typeof existing.id === 'string') {
    await tasks.update(existing.id, { Description: description });
    return existing.id;
  }
  const created = await tasks.create(
    {
      Subject: subject,
      Description: description,
      What_Id: { id: recordId },
      $se_module: module,
      Status: 'Not Started',
      Priority: 'High',
      ...(owner === undefined ? {} : { Owner: owner }),
    },
    { key: 'Subject', value: subject },
  );
  return String(created.id);
}
