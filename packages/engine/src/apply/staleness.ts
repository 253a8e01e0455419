/**
 * Per-object staleness of a saved plan: every object an action touches is read again (one list call per module
 * and type, through the planner's own readers) and compared with what the plan saw — by fingerprint for the
 * objects it read, by absence for the ones it would create. Pure: the reading is the caller's.
 */
import { canonicalJson } from '../fingerprint.js';
import type { AttributeChange, Attributes, Plan, RemoteResource, ResourceType } from '../plan-types.js';
import type { StaleObject } from './apply-types.js';

/** The resource types whose objects the plan changes (manual steps and noops change nothing). */
export function typesTouched(plan: Plan): ResourceType[] {
  const types = new Set<ResourceType>();
  for (const a of plan.actions) if (a.action !== 'noop' && a.action !== 'manual') types.add(a.type);
  return [...types].sort();
}

export function findStaleObjects(plan: Plan, current: readonly RemoteResource[]): StaleObject[] {
  const now = new Map(current.map((r) => [r.address, r]));
  const stale: StaleObject[] = [];
  for (const action of plan.actions) {
    const found = now.get(action.address);
    switch (action.action) {
      case 'create':
        if (found !== undefined)
          stale.push({
            address: action.address,
            type: action.type,
            change: 'created',
            changes: topLevelChanges({}, found.attributes),
          });
        break;
      case 'update':
      case 'replace':
      case 'remove': {
        if (found === undefined) {
          stale.push({ address: action.address, type: action.type, change: 'deleted', changes: [] });
          break;
        }
        const planned = plan.fingerprints[action.address];
        if (planned !== found.fingerprint() || found.remoteId !== action.remoteId)
          stale.push({
            address: action.address,
            type: action.type,
            change: 'changed',
            changes: topLevelChanges(action.before, found.attributes),
          });
        break;
      }
      case 'manual':
      case 'noop':
        break;
    }
  }
  return stale;
}

/** Top-level attribute differences, `before` being what the plan saw. */
function topLevelChanges(before: Attributes, after: Attributes): AttributeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: AttributeChange[] = [];
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (canonicalJson(b) === canonicalJson(a)) continue;
    const change: AttributeChange = { path: key };
    if (b !== undefined) change.before = b;
    if (a !== undefined) change.after = a;
    changes.push(change);
  }
  return changes;
}
