/**
 * The search API's `criteria` parameter, parsed: `((Stage:equals:Closed Won)and(Amount:greater_than:1000))`.
 * Values escape `(`, `)`, `,` and `\\` with a backslash; `in` and `between` take comma-separated values. Which
 * operators a field takes is decided by `search-match.ts`.
 */

export type Criteria =
  | { kind: 'cond'; field: string; op: string; value: string | string[] }
  | { kind: 'group'; op: 'and' | 'or'; items: Criteria[] };

/** Operators whose value is a comma-separated list. */
const LIST_OPS: ReadonlySet<string> = new Set(['in', 'not_in', 'between']);

export class CriteriaError extends Error {}

export function parseCriteria(text: string): Criteria {
  let pos = 0;
  // Spaces between conditions and around `and`/`or` are allowed (Zoho's examples have them).
  const skipSpaces = (): void => {
    while (text[pos] === ' ') pos++;
  };
  const peek = (): string => {
    skipSpaces();
    return text[pos] ?? '';
  };
  const expect = (ch: string): void => {
    skipSpaces();
    if (text[pos] !== ch) throw new CriteriaError(`expected ${ch} at ${pos}`);
    pos++;
  };
  const parseExpr = (): Criteria => {
    const items: Criteria[] = [parseGroup()];
    let op: 'and' | 'or' | undefined;
    for (;;) {
      skipSpaces();
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
    if (!/^[a-z_]+$/.test(op)) throw new CriteriaError(`not an operator: ${op}`);
    const rawValue = raw.slice(second + 1);
    const unmark = (s: string): string => s.replace(/\uE000(.)/g, '$1');
    const value = LIST_OPS.has(op) ? rawValue.split(/(?<!\uE000),/).map((v) => unmark(v).trim()) : unmark(rawValue);
    return { kind: 'cond', field, op, value };
  };
  const result = parseExpr();
  skipSpaces();
  if (pos !== text.length) throw new CriteriaError(`unexpected text at ${pos}`);
  return result;
}

export function criteriaFields(c: Criteria): string[] {
  return c.kind === 'cond' ? [c.field] : c.items.flatMap(criteriaFields);
}
