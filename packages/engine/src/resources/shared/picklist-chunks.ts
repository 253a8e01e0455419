/**
 * Splits a `pick_list_values` patch into requests of at most `size` entries (fields.yaml: at most 10 per field in
 * one request) that leave the same picklist as the whole patch would: deletions first; then the entries that place
 * a value (`sequence_number`), in rising order, so each request puts its values after the ones already placed;
 * then the new values without a place, in order, so each request appends after the last.
 */
import type { PicklistPatchEntry } from './picklist-patch.js';

const isDelete = (e: PicklistPatchEntry): boolean => '_delete' in e && e._delete === true;

export function picklistChunks(patch: readonly PicklistPatchEntry[], size: number): PicklistPatchEntry[][] {
  const deletes = patch.filter(isDelete);
  const placed = patch
    .filter((e) => !isDelete(e) && typeof e.sequence_number === 'number')
    .sort((a, b) => Number(a.sequence_number) - Number(b.sequence_number));
  const appended = patch.filter((e) => !isDelete(e) && typeof e.sequence_number !== 'number');
  const ordered = [...deletes, ...placed, ...appended];
  const chunks: PicklistPatchEntry[][] = [];
  for (let i = 0; i < ordered.length; i += size) chunks.push(ordered.slice(i, i + size));
  return chunks;
}
