/**
 * A small COQL parser: SELECT columns (field paths with lookup dots, COUNT/SUM/MIN/MAX/AVG) FROM module
 * [WHERE …] [GROUP BY …] [ORDER BY … ASC|DESC] [LIMIT n | LIMIT offset, n | LIMIT n OFFSET m].
 * WHERE takes =, !=, >, <, >=, <=, [not] like, [not] in (…), is [not] null, [not] between … and …, and/or with
 * parentheses; like Zoho, more than two criteria at one level must be grouped with parentheses.
 */

export type Literal = string | number | boolean | null;
export type Aggregate = 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG';

export interface Column {
  path: string;
  aggregate?: Aggregate;
  /** The key in the answer: `Account_Name.Account_Name`, `COUNT(id)`, or the alias. */
  key: string;
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

export class CoqlSyntaxError extends Error {
  constructor(
    readonly clause: string,
    readonly near: string,
    readonly column: number,
  ) {
    super(`syntax error in ${clause} near ${near}`);
  }
}

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
        if (i >= text.length) throw new CoqlSyntaxError('where', text.slice(at, at + 20), at + 1);
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
      throw new CoqlSyntaxError('select', text.slice(i, i + 10), i + 1);
    }
  }
  return out;
}

const AGGS = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);
const CLAUSE_WORDS = new Set(['from', 'where', 'group', 'order', 'limit', 'offset']);

export function parseCoql(text: string): Query {
  const toks = tokenize(text);
  let pos = 0;
  let clause = 'select';
  const peek = (): Tok | undefined => toks[pos];
  const fail = (): never => {
    const tok = toks[pos] ?? toks[toks.length - 1];
    throw new CoqlSyntaxError(clause, tok?.v ?? '', (tok?.at ?? 0) + 1);
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

  word('select');
  const columns: Column[] = [];
  do {
    if (columns.length > 0) pos++;
    const name = ident();
    let col: Column;
    if (AGGS.has(name.toUpperCase()) && peek()?.v === '(') {
      punct('(');
      const path = ident();
      punct(')');
      const agg = name.toUpperCase() as Aggregate;
      col = { path, aggregate: agg, key: `${agg}(${path})` };
    } else {
      col = { path: name, key: name };
    }
    if (isWord('as')) {
      pos++;
      col.key = ident();
    }
    columns.push(col);
  } while (peek()?.v === ',');
  clause = 'from';
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
    clause = 'where';
    pos++;
    query.where = expr();
  }
  if (isWord('group')) {
    clause = 'group by';
    pos++;
    word('by');
    query.groupBy.push(ident());
    while (peek()?.v === ',') {
      pos++;
      query.groupBy.push(ident());
    }
  }
  if (isWord('order')) {
    clause = 'order by';
    pos++;
    word('by');
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
    clause = 'limit';
    pos++;
    const first = literal();
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 0) return fail();
    query.limit = first;
    if (peek()?.v === ',') {
      pos++;
      const second = literal();
      if (typeof second !== 'number' || !Number.isInteger(second) || second < 0) return fail();
      query.offset = first;
      query.limit = second;
    }
  }
  if (isWord('offset')) {
    clause = 'offset';
    pos++;
    const off = literal();
    if (typeof off !== 'number' || !Number.isInteger(off) || off < 0) return fail();
    query.offset = off;
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
