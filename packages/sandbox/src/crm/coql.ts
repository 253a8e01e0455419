/**
 * `POST /coql` (coql.yaml `executeCOQLQuery`): runs a parsed COQL query over a module's records, with lookup joins,
 * aggregates and, on request, the selected fields' metadata. Limits and errors: SPEC.md, CRM, COQL.
 */
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { compare } from './compare.js';
import { coqlErrors, parseProblem } from './coql-errors.js';
import { fieldsMeta, includeMetaProblem } from './coql-meta.js';
import {
  type Column,
  CoqlParseError,
  criteriaCount,
  type Literal,
  parseCoql,
  type Query,
  type Where,
  wherePaths,
} from './coql-parse.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { fieldMap, findModule, recordsOf, users } from './state.js';

/** Rows per answer: coql.yaml's 200 answer holds at most 200 (`data.maxItems`). */
export const COQL_MAX_LIMIT = 200;
/** LIMIT + OFFSET (COQL-Limitations v8: up to 1,00,000 records through LIMIT and OFFSET; coql.yaml is silent). */
const MAX_REACH = 100_000;
/** SELECT columns, WHERE criteria, IN values (COQL-Overview and COQL-Limitations; coql.yaml is silent). */
const MAX_COLUMNS = 50;
const MAX_CRITERIA = 25;
const MAX_IN_VALUES = 50;
/** ORDER BY fields, GROUP BY fields, aggregates (COQL-Limitations v8). */
const MAX_ORDER_BY = 10;
const MAX_GROUP_BY = 4;
const MAX_AGGREGATES = 5;
const SYSTEM_PATHS = new Set(['id']);
/** Types that have no order: `>`, `<`, `>=`, `<=` on them are refused (coql.yaml InvalidQueryInvalidOperator). */
const UNORDERED = new Set([
  'text',
  'textarea',
  'email',
  'phone',
  'website',
  'picklist',
  'multiselectpicklist',
  'autonumber',
  'boolean',
]);

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

/** Clause sizes over their documented maximum. */
function overLimit(q: Query): SandboxResponse | undefined {
  const aggregates = q.columns.filter((c) => c.aggregate).length;
  const checks: [string, number, number][] = [
    ['select', q.columns.length, MAX_COLUMNS],
    ['where', criteriaCount(q.where), MAX_CRITERIA],
    ['limit', q.limit, COQL_MAX_LIMIT],
    ['offset', q.offset + q.limit, MAX_REACH],
    ['order by', q.orderBy.length, MAX_ORDER_BY],
    ['group by', q.groupBy.length, MAX_GROUP_BY],
    ['aggregate', aggregates, MAX_AGGREGATES],
  ];
  const over = checks.find(([, n, max]) => n > max);
  return over === undefined ? undefined : coqlErrors.limitExceeded(over[0], over[2]);
}

/** Aliases and repeated columns (coql.yaml DUPLICATE_ALIAS, INVALID_QUERY alias, DUPLICATE_DATA). */
function columnProblem(q: Query): SandboxResponse | undefined {
  const plain = new Set(q.columns.filter((c) => !c.alias).map((c) => c.key));
  const byAlias = new Map<string, string[]>();
  for (const c of q.columns.filter((x) => x.alias)) {
    const label = c.aggregate ? `${c.aggregate}(${c.path})` : c.path;
    if (plain.has(c.key)) return coqlErrors.aliasIsColumn(label, c.key);
    byAlias.set(c.key, [...(byAlias.get(c.key) ?? []), label]);
  }
  for (const [alias, columns] of byAlias) if (columns.length > 1) return coqlErrors.duplicateAlias(alias, columns);
  const seen = new Set<string>();
  for (const c of q.columns) {
    const key = c.aggregate ? `${c.aggregate}(${c.path})` : c.path;
    if (seen.has(key))
      return c.aggregate ? coqlErrors.duplicateAggregate(c.path, c.aggregate) : coqlErrors.duplicateColumn(c.path);
    seen.add(key);
  }
  // "Duplicate fields in the ORDER BY, GROUP BY … will result in a DUPLICATE_DATA error" (COQL-Limitations v8).
  for (const list of [q.orderBy.map((o) => o.path), q.groupBy]) {
    const twice = list.find((p, i) => list.indexOf(p) !== i);
    if (twice !== undefined) return coqlErrors.duplicateColumn(twice);
  }
  return undefined;
}

function resolvePaths(ctx: SandboxContext, q: Query, mod: ModuleDef): Map<string, Resolved> | SandboxResponse {
  const paths = new Map<string, Resolved>();
  const clauses: [string, string[]][] = [
    ['select', q.columns.map((c) => c.path)],
    ['where', wherePaths(q.where)],
    ['group by', q.groupBy],
    ['order by', q.orderBy.map((o) => o.path)],
  ];
  for (const [clause, list] of clauses) {
    for (const p of list) {
      if (paths.has(p)) continue;
      const r = SYSTEM_PATHS.has(p) ? { field: undefined, get: (d: RecordDoc) => d.id } : resolvePath(ctx, mod, p);
      if (!r) return coqlErrors.invalidColumn(p, clause);
      paths.set(p, r);
    }
  }
  return paths;
}

const WHERE_OPERATOR = { cmp: '', null: '', in: 'in', between: 'between' } as const;

function whereProblem(w: Where | undefined, paths: Map<string, Resolved>): SandboxResponse | undefined {
  if (!w) return undefined;
  if (w.kind === 'logic') return whereProblem(w.left, paths) ?? whereProblem(w.right, paths);
  const field = paths.get(w.path)?.field;
  if (field?.data_type === 'textarea') return coqlErrors.unsupportedCriteriaType(w.path);
  const operator = w.kind === 'cmp' ? w.op : WHERE_OPERATOR[w.kind];
  if (field !== undefined && UNORDERED.has(field.data_type) && ['>', '<', '>=', '<='].includes(operator))
    return coqlErrors.invalidOperator(w.path, operator);
  if (w.kind === 'in' && w.values.length > MAX_IN_VALUES) return coqlErrors.limitExceeded('in', MAX_IN_VALUES);
  const values =
    w.kind === 'cmp' ? [w.value] : w.kind === 'in' ? w.values : w.kind === 'between' ? [w.low, w.high] : [];
  if (values.some((v) => typeMismatch(field, v))) return coqlErrors.invalidValue(w.path, field?.data_type ?? 'string');
  return undefined;
}

function groupingProblem(q: Query): SandboxResponse | undefined {
  if (q.columns.some((c) => c.aggregate)) {
    const loose = q.columns.find((c) => !c.aggregate && !q.groupBy.includes(c.path));
    return loose === undefined ? undefined : coqlErrors.unsupportedColumn(loose.path);
  }
  return q.groupBy.length > 0 ? coqlErrors.invalidQuery() : undefined;
}

function checkQuery(ctx: SandboxContext, q: Query, mod: ModuleDef): Map<string, Resolved> | SandboxResponse {
  const refused = overLimit(q) ?? columnProblem(q);
  if (refused) return refused;
  const paths = resolvePaths(ctx, q, mod);
  if (!(paths instanceof Map)) return paths;
  return whereProblem(q.where, paths) ?? groupingProblem(q) ?? paths;
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

/**
 * Sorts `rows` by `order`, each row's keys worked out once rather than at every comparison (a page of a large
 * module sorts every matching record; keys per comparison made that the cost of the call). Stable, as Array.sort.
 */
function sortRows<T>(rows: T[], order: { desc: boolean; get: (row: T) => unknown }[]): T[] {
  if (order.length === 0) return rows;
  const keyed = rows.map((row) => ({ row, keys: order.map((o) => sortKey(o.get(row))) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const x = a.keys[i] as string | number;
      const y = b.keys[i] as string | number;
      const desc = (order[i] as { desc: boolean }).desc;
      if (x < y) return desc ? 1 : -1;
      if (x > y) return desc ? -1 : 1;
    }
    return 0;
  });
  for (const [i, k] of keyed.entries()) rows[i] = k.row;
  return rows;
}

export const runCoql: Handler = (req, ctx) => {
  const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  const text = body.select_query;
  if (typeof text !== 'string' || text.trim() === '') return coqlErrors.missingQuery();
  const meta = includeMetaProblem(body.include_meta);
  if (meta !== undefined) return meta;
  let q: Query;
  try {
    q = parseCoql(text.trim());
  } catch (e) {
    if (e instanceof CoqlParseError) return parseProblem(e.problem);
    throw e;
  }
  const mod = findModule(ctx, q.module);
  if (!mod?.api_supported) return coqlErrors.invalidModule();
  const withMeta = Array.isArray(body.include_meta);
  const parsed = q;
  const all = [...q.columns.map((c) => c.path), ...wherePaths(q.where), ...q.groupBy, ...q.orderBy.map((o) => o.path)];
  if (withMeta || !q.columns.some((c) => c.aggregate) || all.some((p) => p.includes('.')))
    return answer(ctx, parsed, mod, withMeta);
  // An aggregate over the module's own fields (the planner's impact counts) is a small answer that costs a scan
  // of every record: kept until the module's records or fields change.
  const sources = [`crm:records:${mod.api_name}`, `crm:fields:${mod.api_name}`, 'crm:modules'];
  return ctx.store.memo(`crm:coql:${mod.api_name}:${text.trim()}`, sources, () => answer(ctx, parsed, mod, false));
};

/**
 * The module's records in the query's order, when it orders by the module's own fields only (read from the record
 * alone): sorted once and kept until the module's records or fields change, so that paging a large module costs
 * the rows up to the page rather than a sort of every record per call. Undefined: sort the matches per call.
 */
function sortedRecords(
  ctx: SandboxContext,
  q: Query,
  mod: ModuleDef,
  paths: Map<string, Resolved>,
): readonly RecordDoc[] | undefined {
  if (q.orderBy.length === 0 || q.orderBy.some((o) => o.path.includes('.'))) return undefined;
  const order = q.orderBy.map((o) => ({ desc: o.desc, get: (d: RecordDoc) => paths.get(o.path)?.get(d) }));
  const key = q.orderBy.map((o) => `${o.path} ${o.desc ? 'desc' : 'asc'}`).join(',');
  const sources = [`crm:records:${mod.api_name}`, `crm:fields:${mod.api_name}`, 'crm:modules'];
  return ctx.store.memo(`crm:coql-order:${mod.api_name}:${key}`, sources, () =>
    sortRows([...recordsOf(ctx, mod.api_name).values()], order),
  );
}

function answer(ctx: SandboxContext, query: Query, mod: ModuleDef, withMeta: boolean): SandboxResponse {
  let q = query;
  const paths = checkQuery(ctx, q, mod);
  if (!(paths instanceof Map)) return paths;
  let docs: RecordDoc[] = [];
  const test = q.where ? compileWhere(q.where, paths) : undefined;
  const aggregated = q.columns.some((c) => c.aggregate);
  const sorted = aggregated ? undefined : sortedRecords(ctx, q, mod, paths);
  if (sorted !== undefined) {
    // In order already: the page (and one row past it, for `more_records`) is found without reading further.
    const wanted = q.offset + q.limit + 1;
    for (const d of sorted) if ((!test || test(d)) && docs.push(d) >= wanted) break;
  } else for (const d of recordsOf(ctx, mod.api_name).values()) if (!test || test(d)) docs.push(d);
  let rows: Record<string, unknown>[];
  if (aggregated) {
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
    if (q.orderBy.length > 0 && sorted === undefined)
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
  const info = { count: page.length, more_records: rows.length > q.offset + q.limit };
  if (!withMeta) return { status: 200, body: { data: page, info } };
  return { status: 200, body: { data: page, fields: fieldsMeta(ctx, mod, query.columns), info } };
}
