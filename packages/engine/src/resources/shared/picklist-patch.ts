/**
 * The `pick_list_values` patch that turns a CRM picklist into the wanted list, in order, without deleting what it
 * can keep. Values the model still wants keep their id (records that use them keep their value) and are moved with
 * `sequence_number`; new values are added; a current value is deleted (`_delete`) only when the plan removes it
 * (`removing`: the values the plan showed as removed, whose records it counted as the data impact). A value that
 * is neither wanted nor removed (it appeared after the plan was made) is left where it is, after the wanted ones.
 *
 * Sequence numbers are sent only when the order would otherwise be wrong, for every value the patch places: the
 * wanted values first, then the ones left alone, 1-based after CRM's automatic `-None-` (which is never moved).
 * They rise in the wanted order, so the order is right however the org numbers `-None-`.
 */
import type { CrmPicklistChange, CrmPicklistValue } from '@zlc/zoho';

/** A Deals `Stage` value's extras, set on a new value and changed in place on a kept one. */
export interface StageExtras {
  probability: number;
  forecast_type: string;
}

export interface WantedValue {
  display: string;
  extra?: StageExtras;
}

export type PicklistPatchEntry = CrmPicklistChange;

const NONE = '-None-';

export function picklistPatch(
  current: readonly CrmPicklistValue[],
  wanted: readonly WantedValue[],
  removing: readonly string[],
): PicklistPatchEntry[] {
  const sorted = [...current].sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0));
  const none = sorted.find((v) => v.display_value === NONE);
  const live = sorted.filter((v) => v !== none);
  const wantedNames = new Set(wanted.map((w) => w.display));
  const removed = new Set(removing.filter((name) => !wantedNames.has(name)));
  const byName = new Map(live.map((v) => [v.display_value, v]));
  const deleted = live.filter((v) => removed.has(v.display_value) && v.id !== undefined);
  const leftAlone = live.filter((v) => !wantedNames.has(v.display_value) && !deleted.includes(v));

  // What CRM would hold without sequence numbers: the values kept, in their order, then the new ones.
  const kept = live.filter((v) => !deleted.includes(v)).map((v) => v.display_value);
  const unplaced = [...kept, ...wanted.filter((w) => !byName.has(w.display)).map((w) => w.display)];
  const order = [...wanted.map((w) => w.display), ...leftAlone.map((v) => v.display_value)];
  const reorder = unplaced.some((name, i) => order[i] !== name);
  const offset = none === undefined ? 1 : 2;
  const place = (i: number): { sequence_number?: number } => (reorder ? { sequence_number: i + offset } : {});

  const patch: PicklistPatchEntry[] = deleted.map((v) => ({ id: v.id as string, _delete: true }));
  const added: PicklistPatchEntry[] = [];
  wanted.forEach((w, i) => {
    const have = byName.get(w.display);
    if (have === undefined) {
      added.push({ display_value: w.display, actual_value: w.display, ...(w.extra ?? {}), ...place(i) });
      return;
    }
    const extra = w.extra !== undefined && differs(have, w.extra) ? w.extra : {};
    const entry = { ...extra, ...place(i) };
    if (have.id !== undefined && Object.keys(entry).length > 0) patch.push({ id: have.id, ...entry });
  });
  leftAlone.forEach((v, i) => {
    if (reorder && v.id !== undefined) patch.push({ id: v.id, ...place(wanted.length + i) });
  });
  return [...patch, ...added];
}

function differs(value: CrmPicklistValue, extra: StageExtras): boolean {
  return value.probability !== extra.probability || value.forecast_type !== extra.forecast_type;
}
