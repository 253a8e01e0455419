/**
 * The search API's `criteria` parameter: `((Stage:equals:Closed Won)and(Amount:greater_than:1000))`.
 * Values escape `(`, `)` and `,` with a backslash; `in` takes comma-separated values.
 */
import { type Comparator, compare } from './compare.js';
import type { RecordDoc } from './model.js';

export type Criteria =
  | { kind: 'cond'; field: string; op: Comparator; value: string | string[] }
  | { kind: 'group'; op: 'and' | 'or'; items: Criteria[] };

const SEARCH_OPS: ReadonlySet<string> = new Set([
  'equals',
  'not_equal',
  'starts_with',
  'in',
  'not_in',
  'greater_than',
  'greater_equal',
  'less_than',
  'less_equal',
  'between',
]);

const EMPTY = `$${'{'}EMPTY}`;

export class CriteriaError extends Error {}

export function parseCriteria(text: string): Criteria {
  let pos = 0;
  const peek = (): string => text[pos] ?? '';
  const expect = (ch: string): void => {
    if (text[pos] !== ch) throw new CriteriaError(`expected ${ch} at ${pos}`);
    pos++;
  };
  const parseExpr = (): Criteria => {
    const items: Criteria[] = [parseGroup()];
    let op: 'and' | 'or' | undefined;
    for (;;) {
      const rest = text.slice(pos).toLowerCase();
      const next = rest.startsWith('and') ? 'and' : rest.startsWith('or') ? 'or' : undefined;
      if (!next) break;
      if (op && op !== next) throw new CriteriaError('mixed and/or without parentheses');
      op = next;
      pos += next.length;
      items.push(parseGroup());
    }
    return items.length === 1 ? (items[0] as Criteria) : { kind: 'group', op: op ?? 'and', items };
  };
  const parseGroup = (): Criteria => {
    expect('(');
    if (peek() === '(') {
      const inner = parseExpr();
      expect(')');
      return inner;
    }
    let raw = '';
    while (pos < text.length && text[pos] !== ')') {
      if (text[pos] === '\\' && pos + 1 < text.length) {
        raw += `\uE000${text[pos + 1]}`;
        pos += 2;
        continue;
      }
      raw += text[pos];
      pos++;
    }
    expect(')');
    const first = raw.indexOf(':');
    const second = raw.indexOf(':', first + 1);
    if (first <= 0 || second <= first) throw new CriteriaError('condition needs field:operator:value');
    const field = raw.slice(0, first).trim();
    const op = raw.slice(first + 1, second).trim();
    if (!SEARCH_OPS.has(op)) throw new CriteriaError(`unknown operator ${op}`);
    const rawValue = raw.slice(second + 1);
    const unmark = (s: string): string => s.replace(/\uE000(.)/g, '$1');
    const value =
      op === 'in' || op === 'not_in' || op === 'between'
        ? rawValue.split(/(?<!\uE000),/).map((v) => unmark(v).trim())
        : unmark(rawValue);
    return { kind: 'cond', field, op: op as Comparator, value };
  };
  const result = parseExpr();
  if (pos !== text.length) throw new CriteriaError(`unexpected text at ${pos}`);
  return result;
}

export function criteriaFields(c: Criteria): string[] {
  return c.kind === 'cond' ? [c.field] : c.items.flatMap(criteriaFields);
}

export function matchCriteria(doc: RecordDoc, c: Criteria): boolean {
  if (c.kind === 'cond') {
    const field = c.field.includes('.') ? (c.field.split('.')[0] ?? c.field) : c.field;
    const stored = c.field === 'id' ? doc.id : doc[field];
    const value = typeof c.value === 'string' && c.value === EMPTY ? null : c.value;
    return compare(stored, c.op, value);
  }
  return c.op === 'and' ? c.items.every((i) => matchCriteria(doc, i)) : c.items.some((i) => matchCriteria(doc, i));
}
