/** Tests a resolved condition on one record. Pure. */
import type { ResolvedCondition } from '@zlc/model';
import { fieldOf, isEmpty, plain } from './read-source.js';
import type { Rec } from './snapshot.js';

function compare(a: unknown, b: unknown): number | undefined {
  const x = typeof a === 'number' ? a : Number(a);
  const y = typeof b === 'number' ? b : Number(b);
  if (!Number.isNaN(x) && !Number.isNaN(y) && a !== '' && b !== '') return x - y;
  const s = Date.parse(String(a));
  const t = Date.parse(String(b));
  if (!Number.isNaN(s) && !Number.isNaN(t)) return s - t;
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
}

export function matches(condition: ResolvedCondition, record: Rec): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.conditions.every((c) => matches(c, record));
    case 'any':
      return condition.conditions.some((c) => matches(c, record));
    case 'test': {
      const value = plain(fieldOf(record, condition.field.apiName));
      const expected = condition.value;
      const list = Array.isArray(expected) ? expected : [expected];
      switch (condition.operator) {
        case 'equals':
          return !isEmpty(value) && same(value, expected);
        case 'not_equals':
          return isEmpty(value) || !same(value, expected);
        case 'in':
          return list.some((v) => same(value, v));
        case 'not_in':
          return !list.some((v) => same(value, v));
        case 'empty':
          return isEmpty(value);
        case 'not_empty':
          return !isEmpty(value);
        case 'greater_than': {
          const c = compare(value, expected);
          return c !== undefined && c > 0;
        }
        case 'less_than': {
          const c = compare(value, expected);
          return c !== undefined && c < 0;
        }
      }
    }
  }
}
