/**
 * A small COQL parser: SELECT columns (field paths with lookup dots, COUNT/SUM/MIN/MAX/AVG, `AS alias`) FROM module
 * [WHERE …] [GROUP BY …] [ORDER BY … ASC|DESC] [LIMIT n | LIMIT offset, n | LIMIT n OFFSET m].
 * WHERE takes =, !=, >, <, >=, <=, [not] like, [not] in (…), is [not] null, [not] between … and …, and/or with
 * parentheses; like Zoho, more than two criteria at one level must be grouped with parentheses.
 * What it refuses is a `CoqlProblem` (coql.yaml's 400 variants); `coql-errors.ts` turns it into Zoho's answer.
 */

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

export type CoqlProblem =
  /** A token where none fits (coql.yaml SyntaxErrorLocation). */
  | { kind: 'syntax'; near: string; column: number }
  /** A clause keyword with nothing after it (SyntaxErrorInvalidClause). */
  | { kind: 'missing_clause'; clause: string }
  /** `not` where no `not like`, `not in` or `not between` follows (SyntaxErrorOperator). */
  | { kind: 'operator'; operator: string }
  /** A statement other than SELECT (SyntaxErrorQueryNotSupported). */
  | { kind: 'not_select' }
  /** LIMIT or OFFSET that is not a whole number (InvalidQueryInvalidLimit; COQLInvalidOffsetDetails). */
  | { kind: 'limit'; value: string }
  | { kind: 'offset'; value: string }
  /** LIMIT 0 or less (InvalidDataLimitZero). */
  | { kind: 'limit_zero' }
  /** A function other than the aggregates (InvalidDataUnsupportedFunction). */
  | { kind: 'function'; column: string }
  /** `AS ''` (InvalidAlias). */
  | { kind: 'empty_alias'; column: string };

export class CoqlParseError extends Error {
  constructor(readonly problem: CoqlProblem) {
    super(`COQL: ${problem.kind}`);
  }
}

const refuse = (problem: CoqlProblem): never => {
  throw new CoqlParseError(problem);
};

type Tok = { t: 'word' | 'str' | 'num' | 'op' | 'punct'; v: string; at: number };

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      const at = i++;
      for (;;) {
        if (i >= text.length) refuse({ kind: 'syntax', near: text.slice(at, at + 20), column: at + 1 });
        if (text[i] === '\\' && i + 1 < text.length) {
          v += text[i + 1];
          i += 2;
        } else if (text[i] === "'" && text[i + 1] === "'") {
          v += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else {
          v += text[i++];
        }
      }
      out.push({ t: 'str', v, at });
    } else if ((/[0-9-]/.test(c) && /[0-9.]/.test(text[i + 1] ?? '')) || /[0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      const v = m?.[0] ?? c;
      out.push({ t: 'num', v, at: i });
      i += v.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*/.exec(text.slice(i));
      const v = m?.[0] ?? c;
      out.push({ t: 'word', v, at: i });
      i += v.length;
    } else if (c === '!' || c === '<' || c === '>' || c === '=') {
      const two = text.slice(i, i + 2);
      const v = ['!=', '<=', '>=', '<>'].includes(two) ? two : c;
      out.push({ t: 'op', v: v === '<>' ? '!=' : v, at: i });
      i += v.length;
    } else if (c === '(' || c === ')' || c === ',' || c === '*') {
      out.push({ t: 'punct', v: c, at: i++ });
    } else {
      refuse({ kind: 'syntax', near: text.slice(i, i + 10), column: i + 1 });
    }
  }
  return out;
}

const AGGS = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);
const CLAUSE_WORDS = new Set(['from', 'where', 'group', 'order', 'limit', 'offset']);
const OTHER_STATEMENTS = new Set(['insert', 'update', 'delete', 'upsert', 'create', 'drop', 'alter', 'merge']);

export function parseCoql(text: string): Query {
  const toks = tokenize(text);
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const fail = (): never => {
    const tok = toks[pos] ?? toks[toks.length - 1];
    return refuse({ kind: 'syntax', near: tok?.v ?? '', column: (tok?.at ?? 0) + 1 });
  };
  /** After a clause keyword: nothing left is a missing clause. */
  const clauseBody = (clause: string): void => {
    if (pos >= toks.length) refuse({ kind: 'missing_clause', clause });
  };
  const isWord = (w: string, tok = peek()): boolean => tok?.t === 'word' && tok.v.toLowerCase() === w;
  const word = (w: string): void => {
    if (!isWord(w)) fail();
    pos++;
  };
  const punct = (p: string): void => {
    if (peek()?.t !== 'punct' || peek()?.v !== p) fail();
    pos++;
  };
  const ident = (): string => {
    const tok = peek();
    if (tok?.t !== 'word' || CLAUSE_WORDS.has(tok.v.toLowerCase())) return fail();
    pos++;
    return tok.v;
  };
  const literal = (): Literal => {
    const tok = peek();
    if (!tok) return fail();
    pos++;
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'word' && ['true', 'false'].includes(tok.v.toLowerCase())) return tok.v.toLowerCase() === 'true';
    if (tok.t === 'word' && tok.v.toLowerCase() === 'null') return null;
    pos--;
    return fail();
  };
  /** A LIMIT or OFFSET figure: a whole number, else Zoho's invalid-limit (or invalid-offset) answer. */
  const figure = (what: 'limit' | 'offset'): number => {
    const tok = peek();
    pos++;
    const n = tok?.t === 'num' ? Number(tok.v) : Number.NaN;
    if (!Number.isInteger(n)) refuse({ kind: what, value: tok?.v ?? '' });
    return n;
  };
  const offsetOf = (n: number): number => (n < 0 ? refuse({ kind: 'offset', value: String(n) }) : n);

  const statement = peek();
  if (statement?.t === 'word' && OTHER_STATEMENTS.has(statement.v.toLowerCase())) refuse({ kind: 'not_select' });
  word('select');
  const columns: Column[] = [];
  do {
    if (columns.length > 0) pos++;
    const name = ident();
    let col: Column;
    if (peek()?.v === '(' && peek()?.t === 'punct') {
      punct('(');
      const path = ident();
      punct(')');
      const agg = name.toUpperCase();
      if (!AGGS.has(agg)) refuse({ kind: 'function', column: `${name}(${path})` });
      col = { path, aggregate: agg as Aggregate, key: `${agg}(${path})` };
    } else {
      col = { path: name, key: name };
    }
    if (isWord('as')) {
      pos++;
      const alias = peek();
      if (alias?.t === 'str') {
        pos++;
        if (alias.v === '') refuse({ kind: 'empty_alias', column: col.key });
        col.key = alias.v;
      } else {
        col.key = ident();
      }
      col.alias = true;
    }
    columns.push(col);
  } while (peek()?.v === ',');
  word('from');
  const module = ident();
  const query: Query = { columns, module, groupBy: [], orderBy: [], limit: 200, offset: 0 };

  const comparison = (): Where => {
    if (peek()?.v === '(' && peek()?.t === 'punct') {
      punct('(');
      const inner = expr();
      punct(')');
      return inner;
    }
    if (isWord('not')) refuse({ kind: 'operator', operator: 'not' });
    const path = ident();
    const tok = peek();
    if (tok?.t === 'op') {
      pos++;
      return { kind: 'cmp', path, op: tok.v as '=' | '!=' | '>' | '<' | '>=' | '<=', value: literal() };
    }
    let negate = false;
    if (isWord('is')) {
      pos++;
      if (isWord('not')) {
        pos++;
        negate = true;
      }
      word('null');
      return { kind: 'null', path, negate };
    }
    if (isWord('not')) {
      pos++;
      negate = true;
      if (!isWord('like') && !isWord('in') && !isWord('between')) refuse({ kind: 'operator', operator: 'not' });
    }
    if (isWord('like')) {
      pos++;
      return { kind: 'cmp', path, op: negate ? 'not like' : 'like', value: literal() };
    }
    if (isWord('in')) {
      pos++;
      punct('(');
      const values: Literal[] = [literal()];
      while (peek()?.v === ',') {
        pos++;
        values.push(literal());
      }
      punct(')');
      return { kind: 'in', path, negate, values };
    }
    if (isWord('between')) {
      pos++;
      const low = literal();
      word('and');
      return { kind: 'between', path, negate, low, high: literal() };
    }
    return fail();
  };
  const expr = (): Where => {
    let left = comparison();
    let count = 1;
    while (isWord('and') || isWord('or')) {
      const op = (peek()?.v.toLowerCase() ?? 'and') as 'and' | 'or';
      pos++;
      if (++count > 2) fail();
      left = { kind: 'logic', op, left, right: comparison() };
    }
    return left;
  };

  if (isWord('where')) {
    pos++;
    clauseBody('where');
    query.where = expr();
  }
  if (isWord('group')) {
    pos++;
    word('by');
    clauseBody('group by');
    query.groupBy.push(ident());
    while (peek()?.v === ',') {
      pos++;
      query.groupBy.push(ident());
    }
  }
  if (isWord('order')) {
    pos++;
    word('by');
    clauseBody('order by');
    do {
      if (query.orderBy.length > 0) pos++;
      const path = ident();
      let desc = false;
      if (isWord('asc') || isWord('desc')) {
        desc = isWord('desc');
        pos++;
      }
      query.orderBy.push({ path, desc });
    } while (peek()?.v === ',');
  }
  if (isWord('limit')) {
    pos++;
    clauseBody('limit');
    const first = figure('limit');
    if (peek()?.v === ',') {
      pos++;
      clauseBody('limit');
      query.offset = offsetOf(first);
      query.limit = figure('limit');
    } else {
      query.limit = first;
    }
    if (query.limit <= 0) refuse({ kind: 'limit_zero' });
  }
  if (isWord('offset')) {
    pos++;
    clauseBody('offset');
    query.offset = offsetOf(figure('offset'));
  }
  if (pos < toks.length) fail();
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
