/**
 * Picklist value changes of the fields API (`pick_list_values` on create and update): at most 10 entries per field
 * in one request, and a new value names both `display_value` and `actual_value`, each at most 25 characters
 * (fields.yaml). An update also changes a value by `id`, removes one with `_delete: true`, moves one with
 * `sequence_number`, and sets a Deals `Stage` value's `probability` and `forecast_type`: keys fields.yaml's update
 * schema leaves out and Zoho's v8 field documents use (fields.json `pick_list_values`; the v8 SDK's
 * `PickListValue`; SPEC.md "Fields").
 */
import { type CrmError, crmError, invalidBody, MESSAGES, mandatoryMissing } from './errors.js';
import { MAX_PICKLIST_VALUE, PICKLIST_VALUES_PER_REQUEST } from './field-limits.js';
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

const FORECAST_CATEGORY: Record<string, { id: string; name: string }> = {
  Open: { id: '1000000000001', name: 'Pipeline' },
  'Closed Won': { id: '1000000000002', name: 'Closed' },
  'Closed Lost': { id: '1000000000003', name: 'Omitted' },
};

/** A Stage value's `probability` (0–100) and `forecast_type`, checked; the forecast category follows the type. */
function stageProps(item: Obj, p: string, required: boolean): Partial<PickValue> | CrmError {
  const out: Partial<PickValue> = {};
  if (item.probability !== undefined || required) {
    if (typeof item.probability !== 'number' || item.probability < 0 || item.probability > 100)
      return invalidBody('probability', `${p}.probability`, 'integer');
    out.probability = item.probability;
  }
  if (item.forecast_type !== undefined || required) {
    const type = str(item.forecast_type) ?? 'Open';
    const category = FORECAST_CATEGORY[type];
    if (category === undefined) return invalidBody('forecast_type', `${p}.forecast_type`);
    out.forecast_type = type;
    out.forecast_category = category;
  }
  return out;
}

/** A new value's text: present, and within the documented length. */
function valueText(item: Obj, key: 'display_value' | 'actual_value', p: string): string | CrmError {
  const text = str(item[key]);
  if (text === undefined) return mandatoryMissing(key, `${p}.${key}`);
  if (text.length > MAX_PICKLIST_VALUE)
    return crmError('INVALID_DATA', MESSAGES.invalidData, {
      api_name: key,
      json_path: `${p}.${key}`,
      maximum_length: MAX_PICKLIST_VALUE,
    });
  return text;
}

function newValue(item: Obj, p: string, out: PickValue[], nextId: () => string, stage: boolean): PickValue | CrmError {
  const display = valueText(item, 'display_value', p);
  if (typeof display !== 'string') return display;
  const actual = valueText(item, 'actual_value', p);
  if (typeof actual !== 'string') return actual;
  if (out.some((v) => v.actual_value === actual || v.display_value === display))
    return crmError('DUPLICATE_DATA', MESSAGES.duplicate, {
      api_name: 'display_value',
      json_path: `${p}.display_value`,
    });
  const props = stage ? stageProps(item, p, true) : {};
  if ('code' in props) return props;
  const colour = str(item.colour_code);
  return {
    id: nextId(),
    display_value: display,
    actual_value: actual,
    sequence_number: out.length + 1,
    type: 'used',
    colour_code: colour !== undefined && /^#[0-9A-Fa-f]{6}$/.test(colour) ? colour : null,
    ...props,
  };
}

/** Changes one existing value by id; true when it was deleted. */
function changeValue(cur: PickValue, item: Obj, p: string, stage: boolean): CrmError | undefined {
  if (typeof item.display_value === 'string') {
    if (item.display_value.trim() === '' || item.display_value.length > MAX_PICKLIST_VALUE)
      return invalidBody('display_value', `${p}.display_value`);
    cur.display_value = item.display_value;
  }
  // "Once set, this value cannot be changed" (fields.yaml `actual_value`).
  if (item.actual_value !== undefined && item.actual_value !== cur.actual_value)
    return crmError('NOT_ALLOWED', 'the actual value of a picklist option cannot be changed', {
      api_name: 'actual_value',
      json_path: `${p}.actual_value`,
    });
  if (stage) {
    const props = stageProps(item, p, false);
    if ('code' in props) return props;
    Object.assign(cur, props);
  }
  return undefined;
}

/**
 * Applies the entries to `existing` in order, then places the values whose entry carried a `sequence_number` at
 * that place; the other values keep their relative order in the places left. Every value is numbered from 1 again.
 * `deleted` collects the ids the entries removed.
 */
export function pickValues(
  raw: unknown,
  path: string,
  existing: PickValue[],
  nextId: () => string,
  stage: boolean,
  deleted: Set<string> = new Set(),
): PickValue[] | CrmError {
  if (!Array.isArray(raw)) return invalidBody('pick_list_values', path, 'jsonarray');
  if (raw.length > PICKLIST_VALUES_PER_REQUEST)
    return crmError('LIMIT_EXCEEDED', 'Picklist values limit exceeded', {
      limit: PICKLIST_VALUES_PER_REQUEST,
      limit_due_to: [{ api_name: 'pick_list_values', json_path: path }],
    });
  const out = existing.map((v) => ({ ...v }));
  const places = new Map<string, number>();
  for (const [i, item] of raw.entries()) {
    const p = `${path}[${i}]`;
    if (!isObj(item)) return invalidBody('pick_list_values', p, 'jsonobject');
    const place = sequenceOf(item, p);
    if (typeof place === 'object') return place;
    const id = str(item.id);
    if (id === undefined) {
      const value = newValue(item, p, out, nextId, stage);
      if ('code' in value) return value;
      if (place !== undefined) places.set(value.id, place);
      out.push(value);
      continue;
    }
    const at = out.findIndex((v) => v.id === id);
    if (at < 0) return invalidBody('id', `${p}.id`);
    if (item._delete === true) {
      out.splice(at, 1);
      places.delete(id);
      deleted.add(id);
      continue;
    }
    const refused = changeValue(out[at] as PickValue, item, p, stage);
    if (refused) return refused;
    if (place !== undefined) places.set(id, place);
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
