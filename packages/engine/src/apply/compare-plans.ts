/**
 * `comparePlans(saved, now)`: what a saved plan says against the plan made again from the model and the org at
 * apply time. A saved plan is a record of what a person reviewed, never instructions: apply runs the plan it makes
 * itself, and only when the saved one says the same — action by action, by kind, address, the Zoho id it touches
 * and its attributes (before and after). The creation time, the order of actions and waves, titles and counts are
 * derived, so they are not compared; but a saved plan that hides data loss the org holds (an update, replace or
 * removal whose impact the file leaves out) differs. Pure.
 */
import { diffAttributes } from '../diff.js';
import type { ActionKind, Address, AttributeChange, Attributes, JsonValue, Plan, PlanAction } from '../plan-types.js';

export type PlanDifference =
  /** The model and org call for this action; the saved plan does not have it. */
  | { address: Address; change: 'missing'; now: ActionKind }
  /** The saved plan has this action; the model and org do not call for it. */
  | { address: Address; change: 'extra'; saved: ActionKind }
  /** Both have an action here, and they differ (kind, id or attributes). */
  | { address: Address; change: 'changed'; saved: ActionKind; now: ActionKind; details: AttributeChange[] }
  /** The saved plan lists this address more than once (a planner never does). */
  | { address: Address; change: 'repeated' };

const LOSES_DATA = new Set<ActionKind>(['update', 'replace', 'remove']);

function attributesOf(action: PlanAction, side: 'before' | 'after'): Attributes | undefined {
  if (side === 'after') return 'after' in action ? action.after : undefined;
  return 'before' in action ? action.before : undefined;
}

/** A change whose absent side is left out (rendered as "(none)"). */
function change(path: string, before: JsonValue | undefined, after: JsonValue | undefined): AttributeChange {
  return { path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
}

function prefixed(prefix: string, changes: AttributeChange[]): AttributeChange[] {
  return changes.map((c) => ({ ...c, path: `${prefix}/${c.path}` }));
}

/** The parts of two actions at one address that differ; `before` is the saved plan's side, `after` the new one's. */
function actionDetails(saved: PlanAction, now: PlanAction): AttributeChange[] {
  const details: AttributeChange[] = [];
  if (saved.action !== now.action) details.push({ path: 'action', before: saved.action, after: now.action });
  if (saved.type !== now.type) details.push({ path: 'type', before: saved.type, after: now.type });
  const savedId = 'remoteId' in saved ? saved.remoteId : undefined;
  const nowId = 'remoteId' in now ? now.remoteId : undefined;
  if (savedId !== nowId) details.push(change('remoteId', savedId, nowId));
  for (const side of ['before', 'after'] as const) {
    const a = attributesOf(saved, side);
    const b = attributesOf(now, side);
    if (a === undefined && b === undefined) continue;
    details.push(...prefixed(side, diffAttributes(a ?? {}, b ?? {})));
  }
  const savedFrom = saved.action === 'manual' ? saved.movedFrom : undefined;
  const nowFrom = now.action === 'manual' ? now.movedFrom : undefined;
  if (savedFrom !== nowFrom) details.push(change('movedFrom', savedFrom, nowFrom));
  const lost = now.impact?.count ?? 0;
  if (LOSES_DATA.has(now.action) && lost > 0 && saved.impact === undefined)
    details.push(change('impact', undefined, now.impact?.message));
  return details;
}

export function comparePlans(saved: Plan, now: Plan): PlanDifference[] {
  const savedAt = new Map(saved.actions.map((a) => [a.address, a]));
  const nowAt = new Map(now.actions.map((a) => [a.address, a]));
  const differences: PlanDifference[] = [];
  const addresses = [...new Set([...savedAt.keys(), ...nowAt.keys()])].sort();
  for (const address of addresses) {
    const s = savedAt.get(address);
    const n = nowAt.get(address);
    if (s === undefined && n !== undefined) {
      if (n.action !== 'noop') differences.push({ address, change: 'missing', now: n.action });
    } else if (n === undefined && s !== undefined) {
      if (s.action !== 'noop') differences.push({ address, change: 'extra', saved: s.action });
    } else if (s !== undefined && n !== undefined) {
      const details = actionDetails(s, n);
      if (details.length > 0) differences.push({ address, change: 'changed', saved: s.action, now: n.action, details });
    }
  }
  for (const address of repeated(saved.actions)) differences.push({ address, change: 'repeated' });
  return differences;
}

function repeated(actions: readonly PlanAction[]): Address[] {
  const seen = new Set<Address>();
  const twice = new Set<Address>();
  for (const a of actions) (seen.has(a.address) ? twice : seen).add(a.address);
  return [...twice].sort();
}
