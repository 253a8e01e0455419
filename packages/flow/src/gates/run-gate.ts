/**
 * One stage-gate check for one record that entered a gated stage: read the record (and the records its lookups
 * reach for other modules' fields), name what is missing by label, and tell the stage's owner with one CRM task —
 * kept exactly once through the ledger (`_gate_task`), updated when the shortfall changes, completed once nothing
 * is missing. With `on_missing: revert` the deal also goes back to the stage it came from (the task says so). A
 * shortfall that stays is `blocked`, so the poll's re-checks see the data arrive; the handoffs of the stage wait on
 * the same check (`gateShortfall`).
 */
import type { ResolvedGate, ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Rec } from '../evaluate/snapshot.js';
import type { StepRecord } from '../ledger/ledger-types.js';
import type { StageOwners } from '../owners/stage-owners.js';
import { completeOwnerTask, upsertOwnerTask } from '../steps/owner-task.js';
import { entryHolds, type HandoffResult, recordVersion } from '../steps/run-handoff.js';
import { gateRecords, missingGateFields } from './gate-fields.js';
import { revertTarget } from './revert.js';

export interface RunGateOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  gate: ResolvedGate;
  recordId: string;
  previous: StepRecord[];
  onStep: (record: StepRecord) => Promise<void> | void;
  owners: StageOwners;
  prefetched?: Rec;
}

export function gateTaskSubject(gate: ResolvedGate, recordId: string): string {
  return `zlc: ${gate.stage.name} needs data on ${recordId}`;
}

/** What the gate's task says: the missing labels, what waits, and where the record went. */
function taskText(model: ResolvedModel, gate: ResolvedGate, missing: string[], movedTo: string | undefined): string {
  const waiting = model.handoffs
    .filter((h) => h.trigger.on === 'record_enters_stage' && h.trigger.stage === gate.stage.id)
    .map((h) => h.id);
  const lines = [`Entered ${gate.stage.name} without: ${missing.join(', ')}.`];
  if (movedTo !== undefined) lines.push(`Moved back to ${movedTo} until these are filled in.`);
  else if (gate.onMissing === 'revert') lines.push('Could not move it back: its stage history shows no earlier stage.');
  lines.push(
    waiting.length > 0
      ? `Fill these in; ${waiting.join(', ')} then go${waiting.length === 1 ? 'es' : ''} on by ${waiting.length === 1 ? 'itself' : 'themselves'}.`
      : 'Fill these in.',
  );
  return lines.join('\n');
}

async function passed(options: RunGateOptions, trigger: Rec): Promise<HandoffResult> {
  const told = options.previous.find((p) => p.stepId === '_gate_task');
  const closed = options.previous.some((p) => p.stepId === '_gate_task_done');
  const taskId = told?.ids.task;
  if (taskId !== undefined && !closed) {
    await completeOwnerTask(options.clients, taskId);
    await options.onStep({ stepId: '_gate_task_done', outcome: 'updated', ids: { task: taskId } });
  }
  const version = recordVersion(trigger);
  return { kind: 'done', ownVersion: false, steps: [], ...(version === undefined ? {} : { version }) };
}

export async function runGate(options: RunGateOptions): Promise<HandoffResult> {
  const { clients, gate, recordId } = options;
  const trigger = options.prefetched ?? (await clients.crm.records.get(gate.module, recordId));
  if (trigger === undefined) return { kind: 'gone', detail: `record ${recordId} does not exist` };
  if (!entryHolds(gate.stage.entry, trigger, gate.module))
    return { kind: 'not_in_stage', detail: `record ${recordId} is not in stage ${gate.stage.name}` };
  const missing = missingGateFields(gate, trigger, await gateRecords(clients, gate, trigger));
  if (missing.length === 0) return passed(options, trigger);
  const target = gate.onMissing === 'revert' ? await revertTarget(clients, gate, trigger) : undefined;
  const description = taskText(options.model, gate, missing, target?.value);
  const told = options.previous.find((p) => p.stepId === '_gate_task');
  if (told?.detail !== description) {
    const ownerId = await options.owners.userFor(gate.stage.owner, trigger);
    const task = {
      subject: gateTaskSubject(gate, recordId),
      description,
      module: gate.module,
      recordId,
      ...(ownerId === undefined ? {} : { ownerId }),
    };
    const taskId = await upsertOwnerTask(clients, task, told?.ids.task);
    await options.onStep({
      stepId: '_gate_task',
      outcome: told ? 'updated' : 'created',
      ids: { task: taskId },
      detail: description,
    });
  }
  const reason = `${gate.stage.name} is missing: ${missing.join(', ')}`;
  if (target === undefined) return { kind: 'blocked', missing, reason };
  await clients.crm.records.update(gate.module, recordId, { [target.field]: target.value });
  // Done with this entry into the stage; entering it again is a later version, which re-opens the entry.
  const version = recordVersion(trigger);
  return { kind: 'done', ownVersion: false, steps: [], ...(version === undefined ? {} : { version }) };
}
