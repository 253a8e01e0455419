/**
 * The webhooks a CRM workflow rule calls: the ids of its `webhooks` actions, instant or scheduled, in any condition
 * (workflow_rules.yaml: `conditions[].instant_actions.actions[]` and `scheduled_actions[].actions[]`, each
 * `{type, id}`). Read from a rule as the org lists it; anything else is ignored.
 */
import { isRecord, str } from '../resource-def.js';

function actionLists(condition: Record<string, unknown>): unknown[][] {
  const lists: unknown[][] = [];
  const instant = condition.instant_actions;
  if (isRecord(instant) && Array.isArray(instant.actions)) lists.push(instant.actions);
  const scheduled = condition.scheduled_actions;
  if (Array.isArray(scheduled))
    for (const s of scheduled) if (isRecord(s) && Array.isArray(s.actions)) lists.push(s.actions);
  return lists;
}

export function webhookIdsCalledBy(rule: unknown): string[] {
  if (!isRecord(rule) || !Array.isArray(rule.conditions)) return [];
  const ids: string[] = [];
  for (const condition of rule.conditions) {
    if (!isRecord(condition)) continue;
    for (const list of actionLists(condition))
      for (const action of list) {
        if (!isRecord(action) || !str(action.type)?.toLowerCase().startsWith('webhook')) continue;
        const id = str(action.id);
        if (id !== undefined) ids.push(id);
      }
  }
  return ids;
}
