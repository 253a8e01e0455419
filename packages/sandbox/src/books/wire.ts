/** Request parsing and response shaping shared by the Books resolvers. */
import type { Collection, SandboxRequest, SandboxResponse, Store } from '../core/types.js';
import { BooksError, CODE, invalidParameter, invalidValue, tooLong } from './errors.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON body as an object; Books refuses anything else as malformed. */
export function bodyObject(req: SandboxRequest): Json {
  if (!isObject(req.body)) throw new BooksError(400, CODE.malformedJson, 'JSON is not well formed');
  return req.body;
}

/** Refuses attributes Books' request schema for the operation does not define. */
export function onlyKnownKeys(obj: Json, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) throw invalidParameter(key);
}

export function optString(obj: Json, key: string, max = 500): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw invalidValue(key);
  if (value.length > max) throw tooLong(key, max);
  return value;
}

export function reqString(obj: Json, key: string, max = 500): string {
  const value = optString(obj, key, max);
  if (value === undefined || value.trim() === '') throw invalidValue(key);
  return value;
}

/** An id: Books ids travel as numeric strings, but clients also send them as JSON numbers. */
export function optId(obj: Json, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  throw invalidValue(key);
}

export function optNumber(obj: Json, key: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidValue(key);
  return n;
}

export function optBool(obj: Json, key: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidValue(key);
}

export function optDate(obj: Json, key: string): string | undefined {
  const value = optString(obj, key, 10);
  if (value === undefined || value === '') return undefined;
  if (!isDate(value)) throw invalidValue(key);
  return value;
}

export function optArray(obj: Json, key: string, maxItems = 1000): unknown[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > maxItems) throw invalidValue(key);
  return value;
}

export function optObject(obj: Json, key: string): Json | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidValue(key);
  return value;
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Books timestamps: `2026-11-26T10:00:00+0000`. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/** Books dates: `2026-11-26`. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function ok(body: Json): SandboxResponse {
  return { status: 200, body: { code: 0, message: 'success', ...body } };
}

export function done(message: string, body: Json = {}, status = 200): SandboxResponse {
  return { status, body: { code: 0, message, ...body } };
}

export interface Paging {
  page: number;
  perPage: number;
}

/** `page` from 1, `per_page` 1..200, default 200 (Books' maximum and default). */
export function paging(query: URLSearchParams): Paging {
  return { page: positiveInt(query, 'page', 1, 1_000_000), perPage: positiveInt(query, 'per_page', 200, 200) };
}

function positiveInt(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw invalidParameter(name);
  const n = Number(raw);
  if (n < 1) throw invalidParameter(name);
  return Math.min(n, max);
}

export interface ListOptions {
  reportName: string;
  appliedFilter: string;
  sortColumn: string;
  sortOrder: 'A' | 'D';
}

/**
 * A Books list envelope: the page of rows plus `page_context`. `render` turns a stored document into its list row;
 * only the page's documents are rendered, however many matched.
 */
export function listPage<D, T = D>(
  key: string,
  rows: readonly D[],
  paging: Paging,
  options: ListOptions,
  render?: (row: D) => T,
): SandboxResponse {
  const start = (paging.page - 1) * paging.perPage;
  const slice = rows.slice(start, start + paging.perPage);
  return ok({
    [key]: render === undefined ? slice : slice.map(render),
    page_context: {
      page: paging.page,
      per_page: paging.perPage,
      has_more_page: rows.length > start + paging.perPage,
      report_name: options.reportName,
      applied_filter: options.appliedFilter,
      sort_column: options.sortColumn,
      sort_order: options.sortOrder,
    },
  });
}

/** `sort_order` A/D; anything else is refused as Books does for unknown values. */
export function sortOrder(query: URLSearchParams, fallback: 'A' | 'D'): 'A' | 'D' {
  const raw = query.get('sort_order');
  if (raw === null || raw === '') return fallback;
  if (raw === 'A' || raw === 'D') return raw;
  throw invalidParameter('sort_order');
}

/** `localeCompare`'s order (the default locale), without building the comparison's locale data at every call. */
const collator = new Intl.Collator();

function compareKeys(ka: string | number, kb: string | number): number {
  if (typeof ka === 'number' && typeof kb === 'number') return ka - kb;
  return collator.compare(String(ka), String(kb));
}

/**
 * Sorts in place; ties keep insertion order for `A` and reverse it for `D` (newest first, as Books lists). Each
 * row's key is worked out once: a page of a large org's list sorts every matching document.
 */
export function sortRows<T>(rows: T[], key: (row: T) => string | number, order: 'A' | 'D'): void {
  if (order === 'D') rows.reverse();
  const sign = order === 'A' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) * sign);
  for (let i = 0; i < keyed.length; i++) rows[i] = (keyed[i] as { row: T }).row;
}

/**
 * A collection's documents in a list's order (`key` reads the document alone), sorted once and kept until the
 * collection changes: paging a large org's list then costs the documents up to the page, not a sort per call.
 */
export function sortedList<T>(
  store: Store,
  name: string,
  docs: Collection<T>,
  sort: { column: string; key: (row: T) => string | number; order: 'A' | 'D' },
): readonly T[] {
  return store.memo(`${name}:sorted:${sort.column}:${sort.order}`, [name], () => {
    const rows = [...docs.values()];
    sortRows(rows, sort.key, sort.order);
    return rows;
  });
}

/** The rows `keep` accepts, in order, up to one past `paging`'s page (all `listPage` needs for `has_more_page`). */
export function throughPage<T>(rows: readonly T[], keep: (row: T) => boolean, paging: Paging): T[] {
  const enough = paging.page * paging.perPage + 1;
  const out: T[] = [];
  for (const row of rows) if (keep(row) && out.push(row) >= enough) break;
  return out;
}

export function compareBy<T>(key: (row: T) => string | number, order: 'A' | 'D'): (a: T, b: T) => number {
  const sign = order === 'A' ? 1 : -1;
  return (a, b) => compareKeys(key(a), key(b)) * sign;
}

/** Text filters Books offers as `<name>`, `<name>_startswith`, `<name>_contains` (case-insensitive). */
export function textFilter(query: URLSearchParams, name: string): ((value: string | undefined) => boolean) | undefined {
  const exact = query.get(name);
  const starts = query.get(`${name}_startswith`);
  const contains = query.get(`${name}_contains`);
  if (exact === null && starts === null && contains === null) return undefined;
  return (value) => {
    const v = (value ?? '').toLowerCase();
    if (exact !== null && v !== exact.toLowerCase()) return false;
    if (starts !== null && !v.startsWith(starts.toLowerCase())) return false;
    if (contains !== null && !v.includes(contains.toLowerCase())) return false;
    return true;
  };
}

/** A header value as one string (Node gives arrays for repeated headers). */
export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
