/** `POST /coql` (coql.json): runs a parsed COQL query over a module's records, with lookup joins and aggregates. */
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { compare } from './compare.js';
import {
  type Column,
  CoqlSyntaxError,
  criteriaCount,
  type Literal,
  parseCoql,
  type Query,
  type Where,
  wherePaths,
} from './coql-parse.js';
import { crmError, errorResponse } from './errors.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { fieldMap, findModule, recordsOf, users } from './state.js';

const MAX_LIMIT = 2000;
const MAX_REACH = 100_000;
const MAX_COLUMNS = 50;
const MAX_CRITERIA = 25;
const SYSTEM_PATHS = new Set(['id']);

const invalidQuery = (message: string, details: Record<string, unknown>): SandboxResponse =>
  errorResponse(400, crmError('INVALID_QUERY', message, details));

interface Resolved {
  get(doc: RecordDoc): unknown;
  field: FieldDef | undefined;
}

const USER_COLUMNS = new Set(['id', 'first_name', 'last_name', 'full_name', 'email']);

/** `Owner.email`, `Created_By.full_name`: a user lookup joined to the user. */
function ownerPath(ctx: SandboxContext, mod: ModuleDef, fieldName: string, column: string): Resolved | undefined {
  const f = fieldMap(ctx, mod.api_name).get(fieldName);
  if (f?.data_type !== 'ownerlookup' || !USER_COLUMNS.has(column)) return undefined;
  return {
    field: undefined,
    get(doc) {
      const v = doc[f.api_name];
      const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
      const user = typeof id === 'string' ? users(ctx).get(id) : undefined;
      return user ? (user[column as keyof typeof user] ?? null) : null;
    },
  };
}

/** `Account_Name.Account_Name` → a getter through the lookup; one level of join, as Zoho allows two. */
function resolvePath(ctx: SandboxContext, mod: ModuleDef, path: string): Resolved | undefined {
  const parts = path.split('.');
  if (parts.length > 3) return undefined;
  const owner = parts.length === 2 ? ownerPath(ctx, mod, parts[0] ?? '', parts[1] ?? '') : undefined;
  if (owner) return owner;
  let module = mod;
  const chain: FieldDef[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === 'id' && i === parts.length - 1) break;
    const f = fieldMap(ctx, module.api_name).get(part);
    if (!f) return undefined;
    chain.push(f);
    if (i < parts.length - 1) {
      const target =
        f.data_type === 'ownerlookup' ? undefined : f.lookup ? findModule(ctx, f.lookup.module.api_name) : undefined;
      if (!target) return undefined;
      module = target;
    }
  }
  const last = parts[parts.length - 1];
  const only = chain.length === 1 && last !== 'id' ? chain[0] : undefined;
  if (only) {
    // A field of the module itself (the common case): a plain property read, run once per record by a scan.
    const key = only.api_name;
    return { field: only, get: (doc) => doc[key] };
  }
  return {
    field: last === 'id' ? undefined : chain[chain.length - 1],
    get(doc) {
      let cur: RecordDoc | undefined = doc;
      for (let i = 0; i < chain.length; i++) {
        const f = chain[i] as FieldDef;
        const v: unknown = cur?.[f.api_name];
        if (i === chain.length - 1 && last !== 'id') return v;
        const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
        if (typeof id !== 'string') return null;
        if (i === chain.length - 1) return id;
        cur = recordsOf(ctx, f.lookup?.module.api_name ?? '').get(id);
        if (!cur) return null;
      }
      return last === 'id' ? (cur?.id ?? null) : null;
    },
  };
}

/** The value the answer shows: lookups as `{id}` (as COQL does), everything else as stored. */
function output(v: unknown, field: FieldDef | undefined): unknown {
  if (v === undefined) return null;
  if (
    field &&
    (field.data_type === 'lookup' || field.data_type === 'ownerlookup') &&
    typeof v === 'object' &&
    v !== null
  ) {
    return { id: (v as { id?: unknown }).id ?? null };
  }
  return v;
}

function typeMismatch(field: FieldDef | undefined, value: Literal): boolean {
  if (value === null || !field) return false;
  switch (field.data_type) {
    case 'integer':
    case 'double':
    case 'currency':
    case 'percent':
      return typeof value !== 'number';
    case 'boolean':
      return typeof value !== 'boolean';
    case 'lookup':
    case 'ownerlookup':
      return typeof value !== 'string' || !/^\d+$/.test(value);
    default:
      return typeof value !== 'string';
  }
}

const CMP_OPS = {
  '=': 'equals',
  '!=': 'not_equal',
  '>': 'greater_than',
  '<': 'less_than',
  '>=': 'greater_equal',
  '<=': 'less_equal',
  like: 'like',
  'not like': 'not_like',
} as const;

type Test = (doc: RecordDoc) => boolean;

/** The where clause as one closure over the resolved paths, so a scan of every record does no per-record lookups. */
function compileWhere(w: Where, paths: Map<string, Resolved>): Test {
  if (w.kind === 'logic') {
    const left = compileWhere(w.left, paths);
    const right = compileWhere(w.right, paths);
    return w.op === 'and' ? (d) => left(d) && right(d) : (d) => left(d) || right(d);
  }
  const resolved = paths.get(w.path);
  const scalarOf = (doc: RecordDoc): unknown => {
    const v = resolved?.get(doc) ?? null;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { id?: unknown }).id : v;
  };
  switch (w.kind) {
    case 'null': {
      const negate = w.negate;
      return (d) => {
        const scalar = scalarOf(d);
        return (scalar === null || scalar === '' || (Array.isArray(scalar) && scalar.length === 0)) !== negate;
      };
    }
    case 'in': {
      const { values, negate } = w;
      return (d) => compare(scalarOf(d), 'in', values) !== negate;
    }
    case 'between': {
      const range = [w.low, w.high];
      const negate = w.negate;
      return (d) => compare(scalarOf(d), 'between', range) !== negate;
    }
    case 'cmp': {
      const op = CMP_OPS[w.op];
      const value = w.value;
      return (d) => compare(scalarOf(d), op, value);
    }
  }
}

function checkQuery(ctx: SandboxContext, q: Query, mod: ModuleDef): Map<string, Resolved> | SandboxResponse {
  if (q.columns.length > MAX_COLUMNS)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'limit exceeded', { by: 'select', limit: MAX_COLUMNS }));
  if (criteriaCount(q.where) > MAX_CRITERIA)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'limit exceeded', { by: 'where', limit: MAX_CRITERIA }));
  if (q.limit > MAX_LIMIT)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'limit exceeded', { by: 'limit', limit: MAX_LIMIT }));
  if (q.offset + q.limit > MAX_REACH)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'limit exceeded', { by: 'offset', limit: MAX_REACH }));
  const paths = new Map<string, Resolved>();
  const all = [...q.columns.map((c) => c.path), ...wherePaths(q.where), ...q.groupBy, ...q.orderBy.map((o) => o.path)];
  for (const p of all) {
    if (paths.has(p)) continue;
    const r = SYSTEM_PATHS.has(p) ? { field: undefined, get: (d: RecordDoc) => d.id } : resolvePath(ctx, mod, p);
    if (!r) return invalidQuery('column given seems to be invalid', { column_name: p, clause: 'select' });
    paths.set(p, r);
  }
  const check = (w: Where | undefined): SandboxResponse | undefined => {
    if (!w) return undefined;
    if (w.kind === 'logic') return check(w.left) ?? check(w.right);
    const field = paths.get(w.path)?.field;
    const values =
      w.kind === 'cmp' ? [w.value] : w.kind === 'in' ? w.values : w.kind === 'between' ? [w.low, w.high] : [];
    if (w.kind === 'in' && w.values.length > 50)
      return errorResponse(400, crmError('LIMIT_EXCEEDED', 'limit exceeded', { by: 'in', limit: 50 }));
    if (field?.data_type === 'textarea')
      return invalidQuery('data type not supported', { column_name: w.path, data_type: 'textarea', clause: 'where' });
    const bad = values.find((v) => typeMismatch(field, v));
    if (bad !== undefined) {
      return invalidQuery('value given seems to be invalid for the column', {
        column_name: w.path,
        expected_data_type: field?.data_type ?? 'string',
        clause: 'where',
      });
    }
    return undefined;
  };
  const refused = check(q.where);
  if (refused) return refused;
  const aggregated = q.columns.some((c) => c.aggregate);
  if (aggregated) {
    for (const c of q.columns)
      if (!c.aggregate && !q.groupBy.includes(c.path))
        return invalidQuery('invalid query formed', { clause: 'group by', column_name: c.path });
  } else if (q.groupBy.length > 0) {
    return invalidQuery('invalid query formed', { clause: 'group by', reason: 'group by needs an aggregate column' });
  }
  const seen = new Set<string>();
  for (const k of q.columns.map((c) => c.key)) {
    if (seen.has(k)) return errorResponse(400, crmError('DUPLICATE_DATA', 'duplicate data', { column_name: k }));
    seen.add(k);
  }
  return paths;
}

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';

function aggregate(col: Column, docs: RecordDoc[], r: Resolved): number | null {
  if (col.aggregate === 'COUNT') {
    // Every record has an id: no second pass over the records (on the large org that pass is most of the cost).
    if (col.path === 'id') return docs.length;
    let n = 0;
    for (const d of docs) if (present(r.get(d))) n++;
    return n;
  }
  const values = docs.map((d) => r.get(d)).filter(present);
  const nums = values.filter((v): v is number => typeof v === 'number');
  if (nums.length === 0) return col.aggregate === 'SUM' ? 0 : null;
  if (col.aggregate === 'SUM') return nums.reduce((a, b) => a + b, 0);
  if (col.aggregate === 'MIN') return nums.reduce((a, b) => Math.min(a, b));
  if (col.aggregate === 'MAX') return nums.reduce((a, b) => Math.max(a, b));
  return nums.reduce((a, b) => a + b, 0) / nums.length;
}

function sortKey(v: unknown): string | number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null)
    return String((v as { name?: unknown; id?: unknown }).name ?? (v as { id?: unknown }).id ?? '');
  return v === null || v === undefined ? '' : String(v).toLowerCase();
}

function sortRows<T>(rows: T[], order: { desc: boolean; get: (row: T) => unknown }[]): T[] {
  return rows.sort((a, b) => {
    for (const o of order) {
      const x = sortKey(o.get(a));
      const y = sortKey(o.get(b));
      if (x < y) return o.desc ? 1 : -1;
      if (x > y) return o.desc ? -1 : 1;
    }
    return 0;
  });
}

export const runCoql: Handler = (req, ctx) => {
  const body = req.body;
  const text =
    typeof body === 'object' && body !== null ? (body as { select_query?: unknown }).select_query : undefined;
  if (typeof text !== 'string' || text.trim() === '')
    return invalidQuery('invalid query formed', { reason: 'select_query is missing', clause: 'select' });
  let q: Query;
  try {
    q = parseCoql(text.trim());
  } catch (e) {
    if (e instanceof CoqlSyntaxError) {
      return errorResponse(
        400,
        crmError('SYNTAX_ERROR', `error occurred while parsing the query near ${e.near}`, {
          near: e.near,
          line: 1,
          column: e.column,
        }),
      );
    }
    throw e;
  }
  const mod = findModule(ctx, q.module);
  if (!mod?.api_supported)
    return invalidQuery('invalid query formed', { module: q.module, reason: 'invalid module', clause: 'from' });
  const parsed = q;
  const all = [...q.columns.map((c) => c.path), ...wherePaths(q.where), ...q.groupBy, ...q.orderBy.map((o) => o.path)];
  if (!q.columns.some((c) => c.aggregate) || all.some((p) => p.includes('.'))) return answer(ctx, parsed, mod);
  // An aggregate over the module's own fields (the planner's impact counts) is a small answer that costs a scan
  // of every record: kept until the module's records or fields change.
  const sources = [`crm:records:${mod.api_name}`, `crm:fields:${mod.api_name}`, 'crm:modules'];
  return ctx.store.memo(`crm:coql:${mod.api_name}:${text.trim()}`, sources, () => answer(ctx, parsed, mod));
};

function answer(ctx: SandboxContext, query: Query, mod: ModuleDef): SandboxResponse {
  let q = query;
  const paths = checkQuery(ctx, q, mod);
  if (!(paths instanceof Map)) return paths;
  let docs: RecordDoc[] = [];
  const test = q.where ? compileWhere(q.where, paths) : undefined;
  for (const d of recordsOf(ctx, mod.api_name).values()) if (!test || test(d)) docs.push(d);
  let rows: Record<string, unknown>[];
  if (q.columns.some((c) => c.aggregate)) {
    const groups = new Map<string, RecordDoc[]>();
    for (const d of docs) {
      const key = JSON.stringify(q.groupBy.map((g) => output(paths.get(g)?.get(d), paths.get(g)?.field)));
      const group = groups.get(key);
      if (group) group.push(d);
      else groups.set(key, [d]);
    }
    if (groups.size === 0 && q.groupBy.length === 0) groups.set('[]', []);
    rows = [...groups.values()].map((group) => {
      const row: Record<string, unknown> = {};
      for (const c of q.columns) {
        const r = paths.get(c.path) as Resolved;
        row[c.key] = c.aggregate ? aggregate(c, group, r) : output(group[0] ? r.get(group[0]) : null, r.field);
      }
      return row;
    });
    rows = sortRows(
      rows,
      q.orderBy.map((o) => ({ desc: o.desc, get: (row: Record<string, unknown>) => row[o.path] })),
    );
  } else {
    if (q.orderBy.length > 0)
      docs = sortRows(
        docs,
        q.orderBy.map((o) => ({ desc: o.desc, get: (d: RecordDoc) => paths.get(o.path)?.get(d) })),
      );
    rows = docs.slice(q.offset, q.offset + q.limit + 1).map((d) => {
      const row: Record<string, unknown> = {};
      for (const c of q.columns) row[c.key] = output(paths.get(c.path)?.get(d), paths.get(c.path)?.field);
      row.id = d.id;
      return row;
    });
    q = { ...q, offset: 0 };
  }
  const page = rows.slice(q.offset, q.offset + q.limit);
  if (page.length === 0) return { status: 204 };
  return {
    status: 200,
    body: { data: page, info: { count: page.length, more_records: rows.length > q.offset + q.limit } },
  };
}
