/**
 * COQL text as tokens, and the cursor the parser reads them with. What the parser refuses is a `CoqlProblem`
 * (coql.yaml's 400 variants), thrown as a `CoqlParseError`; `coql-errors.ts` turns it into Zoho's answer.
 */
import type { Literal } from './coql-parse.js';

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

export const refuse = (problem: CoqlProblem): never => {
  throw new CoqlParseError(problem);
};

export type Tok = { t: 'word' | 'str' | 'num' | 'op' | 'punct'; v: string; at: number };

export function tokenize(text: string): Tok[] {
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

const CLAUSE_WORDS = new Set(['from', 'where', 'group', 'order', 'limit', 'offset']);

/** Reads tokens in order; every read that finds no fitting token refuses with the problem Zoho answers. */
export class Cursor {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  next(): void {
    this.pos++;
  }
  atEnd(): boolean {
    return this.pos >= this.toks.length;
  }
  fail(): never {
    const tok = this.toks[this.pos] ?? this.toks[this.toks.length - 1];
    return refuse({ kind: 'syntax', near: tok?.v ?? '', column: (tok?.at ?? 0) + 1 });
  }
  /** After a clause keyword: nothing left is a missing clause. */
  clauseBody(clause: string): void {
    if (this.atEnd()) refuse({ kind: 'missing_clause', clause });
  }
  isWord(w: string): boolean {
    const tok = this.peek();
    return tok?.t === 'word' && tok.v.toLowerCase() === w;
  }
  isPunct(p: string): boolean {
    const tok = this.peek();
    return tok?.t === 'punct' && tok.v === p;
  }
  /** Consumes `w` if it comes next. */
  take(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.pos++;
    return true;
  }
  word(w: string): void {
    if (!this.take(w)) this.fail();
  }
  punct(p: string): void {
    if (!this.isPunct(p)) this.fail();
    this.pos++;
  }
  ident(): string {
    const tok = this.peek();
    if (tok?.t !== 'word' || CLAUSE_WORDS.has(tok.v.toLowerCase())) return this.fail();
    this.pos++;
    return tok.v;
  }
  literal(): Literal {
    const tok = this.peek();
    if (!tok) return this.fail();
    const word = tok.t === 'word' ? tok.v.toLowerCase() : undefined;
    if (tok.t !== 'str' && tok.t !== 'num' && word !== 'true' && word !== 'false' && word !== 'null')
      return this.fail();
    this.pos++;
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') return Number(tok.v);
    return word === 'null' ? null : word === 'true';
  }
  /** A LIMIT or OFFSET figure: a whole number, else Zoho's invalid-limit (or invalid-offset) answer. */
  figure(what: 'limit' | 'offset'): number {
    const tok = this.peek();
    this.pos++;
    const n = tok?.t === 'num' ? Number(tok.v) : Number.NaN;
    if (!Number.isInteger(n)) refuse({ kind: what, value: tok?.v ?? '' });
    return n;
  }
}
