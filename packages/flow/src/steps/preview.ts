/**
 * What a handoff run would do for one record, without doing it: the reads a run makes (snapshot, Books items), then
 * the same pure checks (stage, required data, items, totals) and, per step, the effect it would have. Writes nothing,
 * to Zoho or to the ledger: `backfill --dry-run` shows this before anything happens.
 */
import type { ResolvedHandoff, ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { fieldOf } from '../evaluate/read-source.js';
import { missingRequirements } from '../evaluate/requirements.js';
import type { EvalScope, Rec } from '../evaluate/snapshot.js';
import { loadSnapshot } from '../sources/load-snapshot.js';
import {
  blockingDifferences,
  buildLineItems,
  type ItemCache,
  lookupItems,
  missingBooksItems,
  totalDifference,
} from './line-items.js';
import { entryHolds } from './run-handoff.js';
import { ownerRecord } from './run-step.js';

export type Preview =
  | { kind: 'would_run'; effects: string[] }
  | { kind: 'would_block'; missing: string[] }
  | { kind: 'not_in_stage' | 'gone' };

/** One step's intended effect, in a sentence. Pure. */
function effectOf(step: ResolvedHandoff['steps'][number], scope: EvalScope, lines: Rec[] | undefined): string {
  const target = `${step.app}:${step.module}`;
  if (step.forEach !== undefined) return `${step.id}: find or create one ${target} per ${step.forEach.path}`;
  const match = step.match;
  const linked =
    match?.by === 'link_field' ? fieldOf(ownerRecord(match.field, scope) ?? {}, match.field.apiName) : undefined;
  let text =
    typeof linked === 'string' && linked !== ''
      ? `${step.id}: keep ${target} ${linked} in step (linked by ${match?.by === 'link_field' ? match.field.ref : ''})`
      : step.action === 'update'
        ? `${step.id}: update ${target}`
        : `${step.id}: create ${target} unless found by ${match?.by ?? 'its unique value'}`;
  if (lines !== undefined && step.lineItems !== undefined) {
    text += ` with ${lines.length} line(s)`;
    const check = totalDifference(step.lineItems, scope, lines);
    if (check !== undefined) text += ` and an adjustment of ${check.difference.toFixed(2)}`;
  }
  return text;
}

export async function previewHandoff(
  clients: ZohoClients,
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  recordId: string,
  itemCache: ItemCache,
): Promise<Preview> {
  const loaded = await loadSnapshot(clients, model, handoff, recordId);
  if (!loaded.found) return { kind: 'gone' };
  const scope: EvalScope = { snapshot: loaded.snapshot, steps: {} };
  if (handoff.trigger.on === 'record_enters_stage') {
    const stageId = handoff.trigger.stage;
    const stage = model.stages.find((s) => s.id === stageId);
    if (!entryHolds(stage?.entry, loaded.trigger, handoff.trigger.module)) return { kind: 'not_in_stage' };
  }
  const missing = missingRequirements(handoff, scope);
  const items = missing.length === 0 ? await lookupItems(clients, handoff, scope, itemCache) : new Map();
  if (missing.length === 0) missing.push(...missingBooksItems(handoff, scope, items));
  if (missing.length === 0) missing.push(...blockingDifferences(handoff, scope, items));
  if (missing.length > 0) return { kind: 'would_block', missing };
  const effects = handoff.steps.map((step) =>
    effectOf(step, scope, step.lineItems === undefined ? undefined : buildLineItems(step.lineItems, scope, items)),
  );
  if (handoff.advanceTo !== undefined) effects.push(`then: advance to ${handoff.advanceTo}`);
  return { kind: 'would_run', effects };
}
