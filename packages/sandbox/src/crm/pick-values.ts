/**
 * Picklist value changes, shared by the fields PATCH (`pick_list_values`) and the pipeline PUT (`maps`): add a
 * value, change one by `id`, remove one with `_delete:true`, and move one with `sequence_number` (fields.json
 * `pick_list_values.sequence_number`, pipeline.json `maps.sequence_number`).
 */
import { type CrmError, crmError, invalidBody, MESSAGES, mandatoryMissing } from './errors.js';
import type { PickValue } from './model.js';
import { isObj, type Obj, str } from './settings-body.js';

/** The 1-based place an entry asks for, undefined when it asks for none, or the error for a bad one. */
function sequenceOf(item: Obj, path: string): number | undefined | CrmError {
  const raw = item.sequence_number;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0)
    return invalidBody('sequence_number', `${path}.sequence_number`, 'integer');
  return raw;
}

/**
 * Applies the entries to `existing` in order, then places the values whose entry carried a `sequence_number` at
 * that place; the other values keep their relative order in the places left. Every value is numbered from 1 again.
 */
export function pickValues(
  raw: unknown,
  path: string,
  existing: PickValue[],
  nextId: () => string,
  stage: boolean,
): PickValue[] | CrmError {
  if (!Array.isArray(raw)) return invalidBody('pick_list_values', path, 'jsonarray');
  const out = existing.map((v) => ({ ...v }));
  const places = new Map<string, number>();
  for (const [i, item] of raw.entries()) {
    const p = `${path}[${i}]`;
    if (!isObj(item)) return invalidBody('pick_list_values', p, 'jsonobject');
    const place = sequenceOf(item, p);
    if (typeof place === 'object') return place;
    const id = str(item.id);
    if (id) {
      const at = out.findIndex((v) => v.id === id);
      if (at < 0) return invalidBody('id', `${p}.id`);
      if (item._delete === true) {
        out.splice(at, 1);
        places.delete(id);
        continue;
      }
      const cur = out[at] as PickValue;
      if (typeof item.display_value === 'string') cur.display_value = item.display_value;
      if (typeof item.actual_value === 'string') cur.actual_value = item.actual_value;
      if (stage && typeof item.probability === 'number') cur.probability = item.probability;
      if (stage && typeof item.forecast_type === 'string') cur.forecast_type = item.forecast_type;
      if (place !== undefined) places.set(id, place);
      continue;
    }
    const display = str(item.display_value);
    if (!display) return mandatoryMissing('display_value', `${p}.display_value`);
    if (display.length > 120) return invalidBody('display_value', `${p}.display_value`);
    const actual = str(item.actual_value) ?? display;
    if (out.some((v) => v.actual_value === actual || v.display_value === display)) {
      return crmError('DUPLICATE_DATA', MESSAGES.duplicate, {
        api_name: 'display_value',
        json_path: `${p}.display_value`,
      });
    }
    const value: PickValue = {
      id: nextId(),
      display_value: display,
      actual_value: actual,
      sequence_number: out.length + 1,
      type: 'used',
      colour_code: null,
    };
    if (stage) {
      if (typeof item.probability !== 'number' || item.probability < 0 || item.probability > 100)
        return invalidBody('probability', `${p}.probability`, 'integer');
      const forecast = str(item.forecast_type) ?? 'Open';
      if (!['Open', 'Closed Won', 'Closed Lost'].includes(forecast))
        return invalidBody('forecast_type', `${p}.forecast_type`);
      value.probability = item.probability;
      value.forecast_type = forecast;
      value.forecast_category = {
        id: forecast === 'Open' ? '1000000000001' : forecast === 'Closed Won' ? '1000000000002' : '1000000000003',
        name: forecast === 'Open' ? 'Pipeline' : forecast === 'Closed Won' ? 'Closed' : 'Omitted',
      };
    }
    if (place !== undefined) places.set(value.id, place);
    out.push(value);
  }
  return placeInOrder(out, (v) => places.get(v.id));
}

/**
 * Values with a wanted place (1-based; past the end means last) go there, the first asker winning a place two ask
 * for; the others keep their order in the free places.
 */
export function placeInOrder(values: PickValue[], wanted: (v: PickValue) => number | undefined): PickValue[] {
  const slots: (PickValue | undefined)[] = new Array(values.length).fill(undefined);
  const rest: PickValue[] = [];
  for (const v of values) {
    const at = wanted(v);
    const index = at === undefined ? -1 : Math.min(Math.max(at - 1, 0), values.length - 1);
    if (index >= 0 && slots[index] === undefined) slots[index] = v;
    else rest.push(v);
  }
  const out = slots.map((slot) => slot ?? rest.shift());
  return out.flatMap((v, i) => (v ? [{ ...v, sequence_number: i + 1 }] : []));
}
