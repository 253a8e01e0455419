/**
 * What search criteria match, as module_search.yaml (`searchRecords`, parameter `criteria`) documents it:
 * - `equals` "behaves like `contains`" on every field but picklists: `(Company:equals:ABC)` finds `ABC Inc.`;
 * - in single-line values the characters `{ } [ ] ^ : - / ! ? * _ @` and spaces may match one another
 *   (`equals:sales-team@zoho.com` may return `sales_team@zoho.com`): they compare as one separator here;
 * - each data type takes only its documented operators; values must fit the field's type.
 * The sandbox reads `in`, `not_equal` and `starts_with` on text the same way (`in` is any of its values "equals";
 * Zoho's own `(Full_Name:in:Patricia,Boyle,Kate)` example needs that to find "Patricia Boyle").
 */
import type { Criteria } from './criteria.js';
import type { FieldDef, RecordDoc } from './model.js';
import type { QueryProblem } from './search-errors.js';

export type RecordTest = (doc: RecordDoc) => boolean;

type Kind = 'text' | 'exact' | 'multi' | 'lookup' | 'number' | 'date' | 'datetime' | 'boolean';

const ORDERED = ['equals', 'not_equal', 'greater_equal', 'greater_than', 'less_equal', 'less_than', 'between', 'in'];

/** Per data type: how values compare, and the operators module_search.yaml lists for it. */
const TYPES: Record<string, { kind: Kind; operators: readonly string[] }> = {
  text: { kind: 'text', operators: ['equals', 'not_equal', 'starts_with', 'in'] },
  email: { kind: 'text', operators: ['equals', 'not_equal', 'starts_with', 'in'] },
  phone: { kind: 'text', operators: ['equals', 'not_equal', 'starts_with', 'in'] },
  website: { kind: 'text', operators: ['equals', 'not_equal', 'starts_with', 'in'] },
  textarea: { kind: 'text', operators: ['equals', 'not_equal', 'starts_with'] },
  picklist: { kind: 'exact', operators: ['equals', 'not_equal', 'in'] },
  autonumber: { kind: 'exact', operators: ['equals', 'not_equal', 'in'] },
  multiselectpicklist: { kind: 'multi', operators: ['equals', 'not_equal', 'in', 'starts_with'] },
  lookup: { kind: 'lookup', operators: ['equals', 'not_equal', 'in'] },
  ownerlookup: { kind: 'lookup', operators: ['equals', 'not_equal', 'in'] },
  integer: { kind: 'number', operators: ORDERED },
  bigint: { kind: 'number', operators: ORDERED },
  double: { kind: 'number', operators: ORDERED },
  currency: { kind: 'number', operators: ORDERED },
  percent: { kind: 'number', operators: ORDERED },
  date: { kind: 'date', operators: ORDERED },
  datetime: { kind: 'datetime', operators: ORDERED },
  boolean: { kind: 'boolean', operators: ['equals', 'not_equal'] },
};

/** The record id compares like a bigint. */
const ID_FIELD = { kind: 'number' as const, operators: ['equals', 'not_equal', 'in'] };

export const MAX_IN_VALUES = 100;
const EMPTY = `$${'{'}EMPTY}`;

const VALUE_FORMS: Partial<Record<Kind, { test: RegExp; expected: string }>> = {
  number: { test: /^-?\d+(\.\d+)?$/, expected: 'number' },
  date: { test: /^\d{4}-\d{2}-\d{2}$/, expected: 'date' },
  datetime: { test: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/, expected: 'datetime' },
  boolean: { test: /^(true|false)$/i, expected: 'boolean' },
};

/** Lower case, and every run of the interchangeable characters as one space. */
function loose(value: unknown): string {
  return String(value)
    .toLowerCase()
    .replace(/[{}[\]^:\-/!?*_@\s]+/g, ' ')
    .trim();
}

function textEquals(stored: unknown, value: string): boolean {
  return stored !== null && stored !== undefined && stored !== '' && loose(stored).includes(loose(value));
}

function ordered(kind: Kind, stored: unknown, value: string): number | undefined {
  if (stored === null || stored === undefined || stored === '') return undefined;
  if (kind === 'number') return Number(stored) - Number(value);
  if (kind === 'datetime') return Date.parse(String(stored)) - Date.parse(value);
  const a = String(stored);
  return a < value ? -1 : a > value ? 1 : 0;
}

/** Whether one stored value equals one criteria value, by kind. */
function equalsOne(kind: Kind, stored: unknown, value: string): boolean {
  if (value === EMPTY) return stored === null || stored === undefined || stored === '';
  switch (kind) {
    case 'text':
      return textEquals(stored, value);
    case 'exact':
      return stored !== null && String(stored).toLowerCase() === value.toLowerCase();
    case 'multi':
      return Array.isArray(stored) && stored.some((v) => String(v).toLowerCase() === value.toLowerCase());
    case 'lookup': {
      const o = typeof stored === 'object' && stored !== null ? (stored as { id?: unknown; name?: unknown }) : {};
      return /^\d+$/.test(value) ? o.id === value : textEquals(o.name, value);
    }
    case 'boolean':
      return String(stored) === value.toLowerCase();
    default:
      return ordered(kind, stored, value) === 0;
  }
}

function startsWith(kind: Kind, stored: unknown, value: string): boolean {
  const values = kind === 'multi' && Array.isArray(stored) ? stored : [stored];
  return values.some((v) => v !== null && v !== undefined && loose(v).startsWith(loose(value)));
}

function condition(kind: Kind, field: string, op: string, value: string | string[]): RecordTest {
  const list = Array.isArray(value) ? value : [value];
  const get = (d: RecordDoc): unknown => (field === 'id' ? d.id : d[field]);
  const one = list[0] ?? '';
  switch (op) {
    case 'equals':
      return (d) => equalsOne(kind, get(d), one);
    case 'not_equal':
      return (d) => !equalsOne(kind, get(d), one);
    case 'in':
      return (d) => list.some((v) => equalsOne(kind, get(d), v));
    case 'starts_with':
      return (d) => startsWith(kind, get(d), one);
    case 'between':
      return (d) => {
        const low = ordered(kind, get(d), list[0] ?? '');
        const high = ordered(kind, get(d), list[1] ?? '');
        return low !== undefined && high !== undefined && low >= 0 && high <= 0;
      };
    default: {
      const sign = op === 'greater_than' || op === 'greater_equal' ? 1 : -1;
      const inclusive = op.endsWith('_equal');
      return (d) => {
        const c = ordered(kind, get(d), one);
        return c !== undefined && (c * sign > 0 || (inclusive && c === 0));
      };
    }
  }
}

function checkValues(kind: Kind, apiName: string, op: string, value: string | string[]): QueryProblem | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (op === 'in' && list.length > MAX_IN_VALUES) return { kind: 'in_values', apiName };
  if (op === 'between' && list.length !== 2) return { kind: 'malformed' };
  const form = VALUE_FORMS[kind];
  const bad = form === undefined ? undefined : list.find((v) => v !== EMPTY && !form.test.test(v));
  return bad === undefined || form === undefined ? undefined : { kind: 'value', apiName, expected: form.expected };
}

/** The criteria as one test over records, or the first problem with it. */
export function compileCriteria(criteria: Criteria, fields: ReadonlyMap<string, FieldDef>): RecordTest | QueryProblem {
  if (criteria.kind === 'group') {
    const parts: RecordTest[] = [];
    for (const item of criteria.items) {
      const part = compileCriteria(item, fields);
      if (typeof part !== 'function') return part;
      parts.push(part);
    }
    return criteria.op === 'and' ? (d) => parts.every((p) => p(d)) : (d) => parts.some((p) => p(d));
  }
  const apiName = criteria.field.split('.')[0] ?? criteria.field;
  const def = fields.get(apiName);
  const type = apiName === 'id' ? ID_FIELD : def === undefined ? undefined : TYPES[def.data_type];
  if (type === undefined) {
    const reason = def === undefined ? 'invalid field' : `data type ${def.data_type} is not searchable`;
    return { kind: 'field', apiName: criteria.field, reason };
  }
  if (!type.operators.includes(criteria.op)) return { kind: 'operator', apiName, operator: criteria.op };
  const problem = checkValues(type.kind, apiName, criteria.op, criteria.value);
  return problem ?? condition(type.kind, apiName, criteria.op, criteria.value);
}
