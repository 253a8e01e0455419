/** Comparing a stored field value with a criterion value: workflow criteria and COQL share it (search: `search-match.ts`). */

export type Comparator =
  | 'equals'
  | 'not_equal'
  | 'starts_with'
  | 'ends_with'
  | 'contains'
  | 'not_contains'
  | 'in'
  | 'not_in'
  | 'greater_than'
  | 'greater_equal'
  | 'less_than'
  | 'less_equal'
  | 'between'
  | 'is_empty'
  | 'is_not_empty'
  | 'like'
  | 'not_like';

/** The comparable scalar of a stored value: lookups compare by id and by name; users likewise. */
function scalars(stored: unknown): unknown[] {
  if (stored === null || stored === undefined) return [null];
  if (Array.isArray(stored)) return stored.length === 0 ? [null] : stored;
  if (typeof stored === 'object') {
    const o = stored as Record<string, unknown>;
    return [o.id, o.name].filter((v) => v !== undefined);
  }
  return [stored];
}

function eq(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined || b === '';
  if (typeof a === 'number') return typeof b === 'number' ? a === b : String(a) === String(b) || a === Number(b);
  if (typeof a === 'boolean') return String(a) === String(b);
  return String(a).toLowerCase() === String(b ?? '').toLowerCase();
}

function order(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (typeof a === 'number') {
    const n = typeof b === 'number' ? b : Number(b);
    return Number.isNaN(n) ? undefined : a - n;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'is');
}

export function compare(stored: unknown, op: Comparator, value: unknown): boolean {
  const vals = scalars(stored);
  const list = Array.isArray(value) ? value : [value];
  switch (op) {
    case 'equals':
      return vals.some((v) => list.some((x) => eq(v, x)));
    case 'not_equal':
      return !vals.some((v) => list.some((x) => eq(v, x)));
    case 'in':
      return vals.some((v) => list.some((x) => eq(v, x)));
    case 'not_in':
      return !vals.some((v) => list.some((x) => eq(v, x)));
    case 'starts_with':
      return vals.some((v) => v !== null && String(v).toLowerCase().startsWith(String(value).toLowerCase()));
    case 'ends_with':
      return vals.some((v) => v !== null && String(v).toLowerCase().endsWith(String(value).toLowerCase()));
    case 'contains':
      return vals.some((v) => v !== null && String(v).toLowerCase().includes(String(value).toLowerCase()));
    case 'not_contains':
      return !vals.some((v) => v !== null && String(v).toLowerCase().includes(String(value).toLowerCase()));
    case 'like':
      return vals.some((v) => v !== null && likeToRegExp(String(value)).test(String(v)));
    case 'not_like':
      return !vals.some((v) => v !== null && likeToRegExp(String(value)).test(String(v)));
    case 'greater_than':
      return vals.some((v) => (order(v, value) ?? 0) > 0 && order(v, value) !== undefined);
    case 'greater_equal':
      return vals.some((v) => order(v, value) !== undefined && (order(v, value) ?? -1) >= 0);
    case 'less_than':
      return vals.some((v) => order(v, value) !== undefined && (order(v, value) ?? 1) < 0);
    case 'less_equal':
      return vals.some((v) => order(v, value) !== undefined && (order(v, value) ?? 1) <= 0);
    case 'between': {
      const [lo, hi] = list;
      return vals.some((v) => {
        const a = order(v, lo);
        const b = order(v, hi);
        return a !== undefined && b !== undefined && a >= 0 && b <= 0;
      });
    }
    case 'is_empty':
      return vals.every((v) => v === null || v === '');
    case 'is_not_empty':
      return vals.some((v) => v !== null && v !== '');
  }
}
