import type { CrmPicklistValue } from '@zlc/zoho';
import { describe, expect, it } from 'vitest';
import { picklistPatch, type WantedValue } from '../src/resources/shared/picklist-patch.js';

/** A picklist as CRM lists it: `-None-` first, then the values numbered from 1 with ids `v1`, `v2` … */
function picklist(...names: string[]): CrmPicklistValue[] {
  return [
    { id: 'none', display_value: '-None-', actual_value: '-None-', sequence_number: 0 },
    ...names.map((name, i) => ({ id: `v${i + 1}`, display_value: name, actual_value: name, sequence_number: i + 1 })),
  ];
}

const wanted = (...names: string[]): WantedValue[] => names.map((display) => ({ display }));
const deletes = (patch: ReturnType<typeof picklistPatch>) => patch.filter((e) => '_delete' in e && e._delete === true);

describe('picklistPatch', () => {
  it('sends nothing when the picklist already matches', () => {
    expect(picklistPatch(picklist('A', 'B', 'C'), wanted('A', 'B', 'C'), [])).toEqual([]);
  });

  it('reorders by sequence number and deletes nothing when only the order changes', () => {
    const patch = picklistPatch(picklist('A', 'B', 'C'), wanted('C', 'A', 'B'), []);
    expect(deletes(patch)).toEqual([]);
    expect(patch).toEqual([
      { id: 'v3', sequence_number: 2 },
      { id: 'v1', sequence_number: 3 },
      { id: 'v2', sequence_number: 4 },
    ]);
  });

  it('appends a new value at the end without touching the others', () => {
    expect(picklistPatch(picklist('A', 'B'), wanted('A', 'B', 'C'), [])).toEqual([
      { display_value: 'C', actual_value: 'C' },
    ]);
  });

  it('places a new value in the middle with sequence numbers, keeping the ids of the others', () => {
    const patch = picklistPatch(picklist('A', 'B'), wanted('A', 'New', 'B'), []);
    expect(deletes(patch)).toEqual([]);
    expect(patch).toEqual([
      { id: 'v1', sequence_number: 2 },
      { id: 'v2', sequence_number: 4 },
      { display_value: 'New', actual_value: 'New', sequence_number: 3 },
    ]);
  });

  it('deletes only the value the plan removes', () => {
    expect(picklistPatch(picklist('A', 'B', 'C'), wanted('A', 'C'), ['B'])).toEqual([{ id: 'v2', _delete: true }]);
  });

  it('never deletes a value the plan does not remove, even if the model no longer lists it', () => {
    const patch = picklistPatch(picklist('A', 'Late', 'B'), wanted('B', 'A'), []);
    expect(deletes(patch)).toEqual([]);
    expect(patch).toEqual([
      { id: 'v3', sequence_number: 2 },
      { id: 'v1', sequence_number: 3 },
      { id: 'v2', sequence_number: 4 },
    ]);
  });

  it('never deletes a wanted value even when the removals name it', () => {
    expect(deletes(picklistPatch(picklist('A', 'B'), wanted('B', 'A'), ['A']))).toEqual([]);
  });

  it('updates the extras of a kept value in place', () => {
    const current: CrmPicklistValue[] = [
      { id: 's1', display_value: 'Qualification', sequence_number: 1, probability: 10, forecast_type: 'Open' },
      { id: 's2', display_value: 'Won', sequence_number: 2, probability: 100, forecast_type: 'Closed Won' },
    ];
    const patch = picklistPatch(
      current,
      [
        { display: 'Won', extra: { probability: 100, forecast_type: 'Closed Won' } },
        { display: 'Qualification', extra: { probability: 20, forecast_type: 'Open' } },
      ],
      [],
    );
    expect(patch).toEqual([
      { id: 's2', sequence_number: 1 },
      { id: 's1', probability: 20, forecast_type: 'Open', sequence_number: 2 },
    ]);
  });
});
