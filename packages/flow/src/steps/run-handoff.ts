/**
 * One handoff run for one trigger record: read (snapshot), check the stage and the required data (pure), then the
 * steps in order with their write-backs, and the stage advance. Every effect finds before it creates, so running
 * it again — a retry, a replay, a duplicate event, a restart after a crash — changes nothing twice.
 */
import type { ResolvedCondition, ResolvedHandoff, ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { matches } from '../evaluate/condition.js';
import { fieldOf } from '../evaluate/read-source.js';
import { blockedReason, missingRequirements } from '../evaluate/requirements.js';
import type { EvalScope, Rec, StepOutputs } from '../evaluate/snapshot.js';
import type { StepRecord } from '../ledger/ledger-types.js';
import { loadSnapshot } from '../sources/load-snapshot.js';
import { tellOwner } from './blocked-task.js';
import { missingBooksItems } from './line-items.js';
import { ownerRecord, runEachStep, runStep, StepRefusedError } from './run-step.js';

export type HandoffResult =
  | { kind: 'done'; version?: string; ownVersion: boolean; steps: StepRecord[] }
  | { kind: 'not_in_stage'; detail: string }
  | { kind: 'blocked'; missing: string[]; reason: string }
  | { kind: 'gone'; detail: string };

export interface RunHandoffOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  handoff: ResolvedHandoff;
  recordId: string;
  /** What earlier attempts of this entry recorded, by step id. */
  previous: StepRecord[];
  /** Called after each step, so a crash after it keeps its ids. */
  onStep: (record: StepRecord) => void;
  /** The trigger record as intake read it, to save a call. */
  prefetched?: Rec;
}

/** The stage's entry condition, only its tests on the trigger's own module. */
function entryHolds(condition: ResolvedCondition | undefined, record: Rec, module: string): boolean {
  if (condition === undefined) return true;
  if (condition.kind === 'test') return condition.field.module !== module || matches(condition, record);
  const results = condition.conditions.map((c) => entryHolds(c, record, module));
  return condition.kind === 'all' ? results.every(Boolean) : results.some(Boolean);
}

/** The stage the handoff advances to, as a change of the trigger record (when that stage lives on it). */
function advanceChange(model: ResolvedModel, handoff: ResolvedHandoff, record: Rec): Rec | undefined {
  const trigger = handoff.trigger;
  if (handoff.advanceTo === undefined || trigger.on !== 'record_enters_stage') return undefined;
  const stage = model.stages.find((s) => s.id === handoff.advanceTo);
  if (stage === undefined || stage.app !== trigger.app || stage.module !== trigger.module) return undefined;
  const tests = stage.entry === undefined ? [] : stage.entry.kind === 'all' ? stage.entry.conditions : [stage.entry];
  const change: Rec = {};
  for (const t of tests) {
    if (t.kind === 'test' && t.operator === 'equals' && t.field.module === trigger.module && t.value !== undefined)
      if (String(fieldOf(record, t.field.apiName) ?? '') !== String(t.value)) change[t.field.apiName] = t.value;
  }
  return Object.keys(change).length > 0 ? change : undefined;
}

export async function runHandoff(options: RunHandoffOptions): Promise<HandoffResult> {
  const { clients, model, handoff, recordId } = options;
  const loaded = await loadSnapshot(clients, model, handoff, recordId, options.prefetched);
  if (!loaded.found) return { kind: 'gone', detail: `record ${recordId} does not exist` };
  const { snapshot, trigger } = loaded;
  const steps: StepOutputs = {};
  const scope: EvalScope = { snapshot, steps };
  const previous = new Map(options.previous.map((p) => [p.stepId, p]));
  if (handoff.trigger.on === 'record_enters_stage') {
    const stageId = handoff.trigger.stage;
    const stage = model.stages.find((s) => s.id === stageId);
    if (!entryHolds(stage?.entry, trigger, handoff.trigger.module))
      return { kind: 'not_in_stage', detail: `record ${recordId} is not in stage ${stage?.name ?? stageId}` };
  }
  const missing = missingRequirements(handoff, scope);
  // Products without their Books item (where the model lets zlc create none) hold the run back too, before any write.
  if (missing.length === 0) missing.push(...(await missingBooksItems(clients, handoff, scope)));
  if (missing.length > 0) {
    const reason = blockedReason(handoff, missing);
    if (handoff.onBlocked === 'task' && handoff.trigger.on === 'record_enters_stage') {
      const told = previous.get('_blocked_task');
      if (told?.detail !== reason) {
        const taskId = await tellOwner(clients, handoff, trigger, missing, told?.ids.task);
        options.onStep({
          stepId: '_blocked_task',
          outcome: told ? 'updated' : 'created',
          ids: { task: taskId },
          detail: reason,
        });
      }
    }
    return { kind: 'blocked', missing, reason };
  }
  const records: StepRecord[] = [];
  let wroteTrigger = false;
  for (const step of handoff.steps) {
    const known = previous.get(step.id)?.ids ?? {};
    let record: StepRecord;
    if (step.forEach !== undefined) {
      const run = await runEachStep(clients, step, scope, known);
      steps[step.id] = run.outputs;
      record = run.record;
    } else {
      const run = await runStep(clients, step, scope, Object.values(known)[0]);
      steps[step.id] = run.output;
      record = run.record;
    }
    for (const wb of step.writeBack) {
      const value = (steps[step.id] as Rec)[wb.from];
      const target = ownerRecord(wb.field, scope);
      if (wb.field.app !== 'crm' || target === undefined || typeof target.id !== 'string')
        throw new StepRefusedError(`${step.id}: cannot write back to ${wb.field.ref}`);
      if (value === undefined || String(fieldOf(target, wb.field.apiName) ?? '') === String(value)) continue;
      await clients.crm.records.update(wb.field.module, target.id, { [wb.field.apiName]: String(value) });
      target[wb.field.apiName] = String(value);
      if (target === trigger) wroteTrigger = true;
    }
    records.push(record);
    options.onStep(record);
  }
  const change = advanceChange(model, handoff, trigger);
  if (change !== undefined) {
    await clients.crm.records.update(
      String(handoff.trigger.on === 'record_enters_stage' ? handoff.trigger.module : ''),
      recordId,
      change,
    );
    wroteTrigger = true;
  }
  const version = await versionAfter(clients, handoff, trigger, wroteTrigger);
  return { kind: 'done', steps: records, ownVersion: wroteTrigger, ...(version === undefined ? {} : { version }) };
}

/** The trigger record's modified time after the run (read again when the run itself changed it). */
async function versionAfter(
  clients: ZohoClients,
  handoff: ResolvedHandoff,
  trigger: Rec,
  wrote: boolean,
): Promise<string | undefined> {
  if (handoff.trigger.on !== 'record_enters_stage' || !wrote) return recordVersion(trigger);
  const again = await clients.crm.records.get(handoff.trigger.module, String(trigger.id));
  return again === undefined ? recordVersion(trigger) : recordVersion(again);
}

/** A record's version: CRM `Modified_Time`, Desk `modifiedTime`. */
export function recordVersion(record: Rec): string | undefined {
  const v = record.Modified_Time ?? record.modifiedTime;
  return typeof v === 'string' ? v : undefined;
}
