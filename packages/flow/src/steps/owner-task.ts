/**
 * One open CRM task on a record for a stage's owner, found again by its exact subject: created once (the client
 * re-sends a create only if a lookup by the subject finds nothing), its description updated when what it says
 * changes, completed when nothing is left to do.
 */
import type { CrmRecord, ZohoClients } from '@zlc/zoho';
import { targetAdapter } from './targets.js';

export interface OwnerTask {
  subject: string;
  description: string;
  /** The CRM module and id of the record the task is about (`What_Id` with `$se_module`). */
  module: string;
  recordId: string;
  /** The CRM user the task is assigned to; the org's default (the API user) when undefined. */
  ownerId?: string;
}

/** The task by its exact subject (COQL: a task created a moment ago is not in search yet). */
async function findTask(clients: ZohoClients, subject: string): Promise<CrmRecord | undefined> {
  const [task] = await clients.crm.records.findExact('Tasks', 'Subject', subject);
  return task;
}

/** Creates the task, or updates the description (and owner) of the one known or found; returns its id. */
export async function upsertOwnerTask(
  clients: ZohoClients,
  task: OwnerTask,
  knownTaskId: string | undefined,
): Promise<string> {
  const owner = task.ownerId === undefined ? {} : { Owner: { id: task.ownerId } };
  const existing = knownTaskId !== undefined ? { id: knownTaskId } : await findTask(clients, task.subject);
  const tasks = targetAdapter(clients, 'crm', 'Tasks');
  if (existing !== undefined && typeof existing.id === 'string') {
    await tasks.update(existing.id, { Description: task.description, ...owner });
    return existing.id;
  }
  const created = await tasks.create(
    {
      Subject: task.subject,
      Description: task.description,
      What_Id: { id: task.recordId },
      $se_module: task.module,
      Status: 'Not Started',
      Priority: 'High',
      ...owner,
    },
    { key: 'Subject', value: task.subject },
  );
  return String(created.id);
}

/** Marks a task done (the data it asked for arrived). */
export async function completeOwnerTask(clients: ZohoClients, taskId: string): Promise<void> {
  await targetAdapter(clients, 'crm', 'Tasks').update(taskId, { Status: 'Completed' });
}
