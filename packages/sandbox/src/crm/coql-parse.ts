/**
 * A small COQL parser: SELECT columns (field paths with lookup dots, COUNT/SUM/MIN/MAX/AVG, `AS alias`) FROM module
 * [WHERE …] [GROUP BY …] [ORDER BY … ASC|DESC] [LIMIT n | LIMIT offset, n | LIMIT n OFFSET m].
 * WHERE takes =, !=, >, <, >=, <=, [not] like, [not] in (…), is [not] null, [not] between … and …, and/or with
 * parentheses; like Zoho, more than two criteria at one level must be grouped with parentheses.
 * What it refuses is a `CoqlProblem` (coql.yaml's 400 variants); `coql-errors.ts` turns it into Zoho's answer.
 */
import { Cursor, refuse, tokenize } from './coql-tokens.js';

export { CoqlParseError, type CoqlProblem } from './coql-tokens.js';

export type Literal = string | number | boolean | null;
export type Aggregate = 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG';

export interface Column {
  path: string;
  aggregate?: Aggregate;
  /** The key in the answer: `Account_Name.Account_Name`, `COUNT(id)`, or the alias. */
  key: string;
  /** Whether `key` is an alias the query gave. */
  alias?: boolean;
}

export type Where =
  | { kind: 'cmp'; path: string; op: '=' | '!=' | '>' | '<' | '>=' | '<=' | 'like' | 'not like'; value: Literal }
  | { kind: 'in'; path: string; negate: boolean; values: Literal[] }
  | { kind: 'null'; path: string; negate: boolean }
  | { kind: 'between'; path: string; negate: boolean; low: Literal; high: Literal }
  | { kind: 'logic'; op: 'and' | 'or'; left: Where; right: Where };

export interface Query {
  columns: Column[];
  module: string;
  where?: Where;
  groupBy: string[];
  orderBy: { path: string; desc: boolean }[];
  limit: number;
  offset: number;
}

const AGGS = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);
const OTHER_STATEMENTS = new Set(['insert', 'update', 'delete', 'upsert', 'create', 'drop', 'alter', 'merge']);

function column(cur: Cursor): Column {
  const name = cur.ident();
  let col: Column = { path: name, key: name };
  if (cur.isPunct('(')) {
    cur.punct('(');
    const path = cur.ident();
    cur.punct(')');
    const agg = name.toUpperCase();
    if (!AGGS.has(agg)) refuse({ kind: 'function', column: `${name}(${path})` });
    col = { path, aggregate: agg as Aggregate, key: `${agg}(${path})` };
  }
  if (cur.take('as')) {
    const alias = cur.peek();
    if (alias?.t === 'str') {
      cur.next();
      if (alias.v === '') refuse({ kind: 'empty_alias', column: col.key });
      col.key = alias.v;
    } else {
      col.key = cur.ident();
    }
    col.alias = true;
  }
  return col;
}

/** One criterion, or a parenthesised group. */
function comparison(cur: Cursor): Where {
  if (cur.isPunct('(')) {
    cur.punct('(');
    const inner = criteria(cur);
    cur.punct(')');
    return inner;
  }
  if (cur.isWord('not')) refuse({ kind: 'operator', operator: 'not' });
  const path = cur.ident();
  const tok = cur.peek();
  if (tok?.t === 'op') {
    cur.next();
    return { kind: 'cmp', path, op: tok.v as '=' | '!=' | '>' | '<' | '>=' | '<=', value: cur.literal() };
  }
  if (cur.take('is')) {
    const negate = cur.take('not');
    cur.word('null');
    return { kind: 'null', path, negate };
  }
  const negate = cur.take('not');
  if (cur.take('like')) return { kind: 'cmp', path, op: negate ? 'not like' : 'like', value: cur.literal() };
  if (cur.take('in')) {
    cur.punct('(');
    const values: Literal[] = [cur.literal()];
    while (cur.isPunct(',')) {
      cur.next();
      values.push(cur.literal());
    }
    cur.punct(')');
    return { kind: 'in', path, negate, values };
  }
  if (cur.take('between')) {
    const low = cur.literal();
    cur.word('and');
    return { kind: 'between', path, negate, low, high: cur.literal() };
  }
  return negate ? refuse({ kind: 'operator', operator: 'not' }) : cur.fail();
}

/** Criteria joined by and/or: at most two on one level, as Zoho requires. */
function criteria(cur: Cursor): Where {
  let left = comparison(cur);
  let count = 1;
  while (cur.isWord('and') || cur.isWord('or')) {
    const op = (cur.peek()?.v.toLowerCase() ?? 'and') as 'and' | 'or';
    cur.next();
    if (++count > 2) cur.fail();
    left = { kind: 'logic', op, left, right: comparison(cur) };
  }
  return left;
}

/** A comma-separated list of at least one item. */
function listOf<T>(cur: Cursor, item: () => T): T[] {
  const items = [item()];
  while (cur.isPunct(',')) {
    cur.next();
    items.push(item());
  }
  return items;
}

/** GROUP BY, ORDER BY, LIMIT and OFFSET, in that order, each optional. */
function tail(cur: Cursor, query: Query): void {
  if (cur.take('group')) {
    cur.word('by');
    cur.clauseBody('group by');
    query.groupBy = listOf(cur, () => cur.ident());
  }
  if (cur.take('order')) {
    cur.word('by');
    cur.clauseBody('order by');
    query.orderBy = listOf(cur, () => {
      const path = cur.ident();
      const desc = cur.take('desc');
      if (!desc) cur.take('asc');
      return { path, desc };
    });
  }
  if (cur.take('limit')) {
    cur.clauseBody('limit');
    const first = cur.figure('limit');
    if (cur.isPunct(',')) {
      cur.next();
      cur.clauseBody('limit');
      query.offset = first < 0 ? refuse({ kind: 'offset', value: String(first) }) : first;
      query.limit = cur.figure('limit');
    } else {
      query.limit = first;
    }
    if (query.limit <= 0) refuse({ kind: 'limit_zero' });
  }
  if (cur.take('offset')) {
    cur.clauseBody('offset');
    const offset = cur.figure('offset');
    query.offset = offset < 0 ? refuse({ kind: 'offset', value: String(offset) }) : offset;
  }
}

export function parseCoql(text: string): Query {
  const cur = new Cursor(tokenize(text));
  const statement = cur.peek();
  if (statement?.t === 'word' && OTHER_STATEMENTS.has(statement.v.toLowerCase())) refuse({ kind: 'not_select' });
  cur.word('select');
  const columns = listOf(cur, () => column(cur));
  cur.word('from');
  const query: Query = { columns, module: cur.ident(), groupBy: [], orderBy: [], limit: 200, offset: 0 };
  if (cur.take('where')) {
    cur.clauseBody('where');
    query.where = criteria(cur);
  }
  tail(cur, query);
  if (!cur.atEnd()) cur.fail();
  return query;
}

export function wherePaths(w: Where | undefined): string[] {
  if (!w) return [];
  return w.kind === 'logic' ? [...wherePaths(w.left), ...wherePaths(w.right)] : [w.path];
}

export function criteriaCount(w: Where | undefined): number {
  if (!w) return 0;
  return w.kind === 'logic' ? criteriaCount(w.left) + criteriaCount(w.right) : 1;
}
