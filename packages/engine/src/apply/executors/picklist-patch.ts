/**
 * The `pick_list_values` patch that turns a CRM picklist into the wanted list, in order. CRM keeps the values a
 * patch leaves alone in their order and appends new ones, so the values kept are the longest prefix of the wanted
 * list already present in the same order; every other current value is deleted (`_delete`) and the rest of the
 * wanted list is added after them. Deletes come first, so a value deleted and added again is never a duplicate.
 */
import type { CrmPicklistValue } from '@zlc/zoho';

export interface WantedValue {
  display: string;
  /** Extra properties for a new or kept value (Stage: `probability`, `forecast_type`). */
  extra?: Record<string, string | number>;
}

export type PicklistPatchEntry = Record<string, string | number | boolean>;

export function picklistPatch(
  current: readonly CrmPicklistValue[],
  wanted: readonly WantedValue[],
): PicklistPatchEntry[] {
  const live = [...current]
    .filter((v) => v.display_value !== '-None-')
    .sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0));
  const kept: CrmPicklistValue[] = [];
  let from = 0;
  for (const w of wanted) {
    const at = live.findIndex((v, i) => i >= from && v.display_value === w.display);
    if (at < 0) break;
    kept.push(live[at] as CrmPicklistValue);
    from = at + 1;
  }
  const keptIds = new Set(kept.map((v) => v.id));
  const patch: PicklistPatchEntry[] = [];
  for (const v of live) if (v.id !== undefined && !keptIds.has(v.id)) patch.push({ id: v.id, _delete: true });
  kept.forEach((v, i) => {
    const extra = wanted[i]?.extra;
    if (v.id !== undefined && extra !== undefined && differs(v, extra)) patch.push({ id: v.id, ...extra });
  });
  for (const w of wanted.slice(kept.length))
    patch.push({ display_value: w.display, actual_value: w.display, ...(w.extra ?? {}) });
  return patch;
}

function differs(value: CrmPicklistValue, extra: Record<string, string | number>): boolean {
  return Object.entries(extra).some(([key, wanted]) => value[key] !== wanted);
}
