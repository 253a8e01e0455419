/**
 * One handoff run for one trigger record: read (snapshot), check the stage and the required data (pure), then the
 * steps in order with their write-backs, and the stage advance. Every effect finds before it creates, so running
 * it again — a retry, a replay, a duplicate event, a restart after a crash — changes nothing twice.
 */
import { gateOfStage, type ResolvedCondition, type ResolvedHandoff, type ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { matches } from '../evaluate/condition.js';
import { fieldOf } from '../evaluate/read-source.js';
import { blockedReason, missingRequirements } from '../evaluate/requirements.js';
import { type EvalScope, isRec, type Rec, type StepOutputs } from '../evaluate/snapshot.js';
import { gateShortfall, knownRecords } from '../gates/gate-fields.js';
import type { StepRecord } from '../ledger/ledger-types.js';
import { StageOwners } from '../owners/stage-owners.js';
import { loadSnapshot } from '../sources/load-snapshot.js';
import { tellOwner } from './blocked-task.js';
import {
  blockingDifferences,
  createMissingItems,
  type ItemCache,
  type ItemLookups,
  lookupItems,
  missingBooksItems,
} from './line-items.js';
import { ownerRecord, runEachStep, runStep, StepRefusedError } from './run-step.js';
import { markDocumentStatus, targetAdapter } from './targets.js';

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
  /** Records a step's outcome durably before the next step starts. */
  onStep: (record: StepRecord) => Promise<void> | void;
  /** The trigger record as intake read it, to save a call. */
  prefetched?: Rec;
  /** Who the stage owner's tasks go to (the worker keeps one, so CRM's users are read once). */
  owners?: StageOwners;
  /** Books items found by earlier runs (the worker's), so a backfill asks for each item once. */
  itemCache?: ItemCache;
}

/** The stage's entry condition, only its tests on the trigger's own module. */
export function entryHolds(condition: ResolvedCondition | undefined, record: Rec, module: string): boolean {
  if (condition === undefined) return true;
  if (condition.kind === 'test') return condition.field.module !== module || matches(condition, record);
  const results = condition.conditions.map((c) => entryHolds(c, record, module));
  return condition.kind === 'all' ? results.every(Boolean) : results.some(Boolean);
}

/** The `equals` tests of a stage's entry (the part of it a record can be moved into), on the stage's module. */
function entryEquals(stage: ResolvedModel['stages'][number]): { field: string; value: unknown }[] {
  const tests = stage.entry === undefined ? [] : stage.entry.kind === 'all' ? stage.entry.conditions : [stage.entry];
  const out: { field: string; value: unknown }[] = [];
  for (const t of tests)
    if (t.kind === 'test' && t.operator === 'equals' && t.field.module === stage.module && t.value !== undefined)
      out.push({ field: t.field.apiName, value: t.value });
  return out;
}

/** A change that moves a record into `advance_to`'s stage: on the trigger record, or on a step's record. */
interface Advance {
  app: ResolvedModel['stages'][number]['app'];
  module: string;
  recordId: string;
  change: Rec;
  onTrigger: boolean;
}

/**
 * Where `advance_to` lives and what moves the record there: the trigger record when the stage is on its module,
 * else the record of the last step that wrote the stage's module (the invoice of an "Invoiced" stage on
 * books:invoices, the Desk account of a "Supported" stage). Only the stage's `equals` tests can be set; a record
 * that already passes them needs no change.
 */
function advanceOf(
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  trigger: Rec,
  steps: StepOutputs,
  idKeyOf: (app: Advance['app'], module: string) => string,
): Advance | undefined {
  if (handoff.advanceTo === undefined) return undefined;
  const stage = model.stages.find((s) => s.id === handoff.advanceTo);
  if (stage === undefined) return undefined;
  const onTrigger =
    handoff.trigger.on === 'record_enters_stage' &&
    stage.app === handoff.trigger.app &&
    stage.module === handoff.trigger.module;
  let record: Rec | undefined = onTrigger ? trigger : undefined;
  if (!onTrigger) {
    const step = [...handoff.steps]
      .reverse()
      .find((st) => st.app === stage.app && st.module === stage.module && !st.forEach);
    const output = step === undefined ? undefined : steps[step.id];
    if (step === undefined || !isRec(output)) return undefined;
    record = output;
  }
  const idKey = onTrigger ? 'id' : idKeyOf(stage.app, stage.module);
  const recordId = record?.[idKey];
  if (record === undefined || typeof recordId !== 'string') return undefined;
  const change: Rec = {};
  for (const { field, value } of entryEquals(stage))
    if (String(fieldOf(record, field) ?? '') !== String(value)) change[field] = value;
  if (Object.keys(change).length === 0) return undefined;
  return { app: stage.app, module: stage.module, recordId, change, onTrigger };
}

/** Applies an advance: a CRM or Desk update, or for a Books document's `status` its status action. */
async function advance(clients: ZohoClients, a: Advance): Promise<void> {
  const { status, ...rest } = a.change;
  if (a.app === 'books' && (a.module === 'invoices' || a.module === 'estimates') && status !== undefined) {
    try {
      await markDocumentStatus(clients, a.module, a.recordId, String(status));
    } catch (error) {
      if (error instanceof RangeError) throw new StepRefusedError(`advance_to: ${error.message}`);
      throw error;
    }
    if (Object.keys(rest).length === 0) return;
    await targetAdapter(clients, a.app, a.module).update(a.recordId, rest);
    return;
  }
  await targetAdapter(clients, a.app, a.module).update(a.recordId, a.change);
}

/** Parks the run as blocked, telling the owner in one task (updated when the shortfall changes). */
async function holdBack(
  options: RunHandoffOptions & { owners: StageOwners },
  trigger: Rec,
  previous: Map<string, StepRecord>,
  missing: string[],
): Promise<HandoffResult> {
  const { clients, handoff, owners } = options;
  const reason = blockedReason(handoff, missing);
  if (handoff.onBlocked === 'task' && handoff.trigger.on === 'record_enters_stage') {
    const told = previous.get('_blocked_task');
    if (told?.detail !== reason) {
      const taskId = await tellOwner(clients, owners, handoff, trigger, missing, told?.ids.task);
      await options.onStep({
        stepId: '_blocked_task',
        outcome: told ? 'updated' : 'created',
        ids: { task: taskId },
        detail: reason,
      });
    }
  }
  return { kind: 'blocked', missing, reason };
}

/** Runs one step (with its write-backs); the ledger hears of the attempt before its first write. */
async function runOneStep(
  options: RunHandoffOptions & { owners: StageOwners },
  step: ResolvedHandoff['steps'][number],
  scope: EvalScope,
  previous: Map<string, StepRecord>,
  items: ItemLookups,
): Promise<{ record: StepRecord; wroteTrigger: boolean }> {
  const { clients } = options;
  const earlier = previous.get(step.id);
  const known = earlier?.ids ?? {};
  if (earlier === undefined) await options.onStep({ stepId: step.id, outcome: 'attempted', ids: {} });
  if (step.lineItems) await createMissingItems(clients, step.lineItems, scope, items, options.itemCache ?? new Map());
  let record: StepRecord;
  if (step.forEach !== undefined) {
    const run = await runEachStep(clients, step, scope, known, items);
    scope.steps[step.id] = run.outputs;
    record = run.record;
  } else {
    const run = await runStep(clients, step, scope, {
      known: Object.values(known)[0],
      fresh: earlier === undefined,
      items,
      defaults: await stepDefaults(options.model, options.handoff, step, options.owners),
    });
    scope.steps[step.id] = run.output;
    record = run.record;
  }
  let wroteTrigger = false;
  for (const wb of step.writeBack) {
    const value = (scope.steps[step.id] as Rec)[wb.from];
    const target = ownerRecord(wb.field, scope);
    if (wb.field.app !== 'crm' || target === undefined || typeof target.id !== 'string')
      throw new StepRefusedError(`${step.id}: cannot write back to ${wb.field.ref}`);
    if (value === undefined || String(fieldOf(target, wb.field.apiName) ?? '') === String(value)) continue;
    await targetAdapter(clients, 'crm', wb.field.module).update(target.id, { [wb.field.apiName]: String(value) });
    target[wb.field.apiName] = String(value);
    if (target === scope.snapshot.named.record) wroteTrigger = true;
  }
  await options.onStep(record);
  return { record, wroteTrigger };
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
    // The stage's gate tells its owner what is missing; the handoff only waits for it (no task of its own).
    const gate = gateOfStage(model, stageId);
    const short = gate === undefined ? [] : await gateShortfall(clients, gate, trigger, snapshotRecords(scope));
    if (short.length > 0)
      return {
        kind: 'blocked',
        missing: short,
        reason: `${handoff.id} waits for ${stage?.name ?? stageId}: ${short.join(', ')}`,
      };
  }
  if (
    handoff.trigger.on === 'invoice_status' &&
    !(handoff.trigger.statuses as string[]).includes(String(trigger.status))
  )
    return {
      kind: 'not_in_stage',
      detail: `invoice ${recordId} is ${String(trigger.status)}, not ${handoff.trigger.statuses.join('/')}`,
    };
  const withOwners = { ...options, owners: options.owners ?? new StageOwners(clients) };
  const missing = missingRequirements(handoff, scope);
  const items =
    missing.length === 0 ? await lookupItems(clients, handoff, scope, options.itemCache ?? new Map()) : new Map();
  // Products without their Books item (where the model lets zlc create none), and lines that differ from the deal
  // amount where the model says block, hold the run back too, before any write.
  if (missing.length === 0) missing.push(...missingBooksItems(handoff, scope, items));
  if (missing.length === 0) missing.push(...blockingDifferences(handoff, scope, items));
  if (missing.length > 0) return holdBack(withOwners, trigger, previous, missing);
  const records: StepRecord[] = [];
  let wroteTrigger = false;
  for (const step of handoff.steps) {
    const run = await runOneStep(withOwners, step, scope, previous, items);
    records.push(run.record);
    wroteTrigger ||= run.wroteTrigger;
  }
  const moving = advanceOf(model, handoff, trigger, steps, (app, module) => targetAdapter(clients, app, module).idKey);
  if (moving !== undefined) {
    await advance(clients, moving);
    if (moving.onTrigger) wroteTrigger = true;
  }
  const version = await versionAfter(clients, handoff, trigger, wroteTrigger);
  return { kind: 'done', steps: records, ownVersion: wroteTrigger, ...(version === undefined ? {} : { version }) };
}

/**
 * What a step sets beyond its mappings: a Desk account goes to an agent of the owner of the stage Desk accounts are
 * in (the handoff's `advance_to`, else the first such stage), unless the model maps `ownerId` itself.
 */
async function stepDefaults(
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  step: ResolvedHandoff['steps'][number],
  owners: StageOwners,
): Promise<Rec> {
  if (step.app !== 'desk' || step.module !== 'accounts' || step.mappings.some((m) => m.target.apiName === 'ownerId'))
    return {};
  const onAccounts = model.stages.filter((s) => s.app === 'desk' && s.module === 'accounts');
  const stage = onAccounts.find((s) => s.id === handoff.advanceTo) ?? onAccounts[0];
  const agent = await owners.deskAgentFor(stage?.owner);
  return agent === undefined ? {} : { ownerId: agent };
}

/** The records a run's snapshot holds, by id (a gate check reads no record twice). */
function snapshotRecords(scope: EvalScope): Map<string, Rec> {
  const { named, lookups } = scope.snapshot;
  return knownRecords([...Object.values(named), ...Object.values(lookups)]);
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

/** A record's version: CRM `Modified_Time`, Desk `modifiedTime`, Books `last_modified_time`. */
export function recordVersion(record: Rec): string | undefined {
  const v = record.Modified_Time ?? record.modifiedTime ?? record.last_modified_time;
  return typeof v === 'string' ? v : undefined;
}
