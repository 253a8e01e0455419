/**
 * Paging and ordering of the automation lists (`getWebhooks`, `getWorkflowRules`): `page` ≥ 1, `per_page` 1 – 200
 * (default 200), newest modification first unless `sort_order=asc`. Both operations document 200, 400 and 403 only,
 * so an empty page is `200` with an empty list, not `204`.
 */
import type { SandboxResponse } from '../core/types.js';
import { badListParam } from './automation-errors.js';
import { isObj } from './settings-body.js';

export const MAX_PER_PAGE = 200;

export interface ListQuery {
  page: number;
  perPage: number;
  order: 'asc' | 'desc';
}

function positive(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === null) return fallback;
  if (!/^[0-9]+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : undefined;
}

/** Reads `page`, `per_page`, `sort_by` (one of `sortBy`) and `sort_order`; a bad value is a 400 naming the param. */
export function listQuery(query: URLSearchParams, sortBy: string): ListQuery | SandboxResponse {
  const page = positive(query.get('page'), 1);
  if (page === undefined) return badListParam('page');
  const perPage = positive(query.get('per_page'), MAX_PER_PAGE, MAX_PER_PAGE);
  if (perPage === undefined) return badListParam('per_page');
  const by = query.get('sort_by');
  if (by !== null && by !== sortBy) return badListParam('sort_by');
  const order = query.get('sort_order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return badListParam('sort_order');
  return { page, perPage, order };
}

export const isListQuery = (q: ListQuery | SandboxResponse): q is ListQuery => 'perPage' in q;

/** One page of `items` (ordered by modification time) under `key`, with `info`. */
export function listAnswer<T extends { modified_time: string; id: string }>(
  items: T[],
  q: ListQuery,
  key: string,
  render: (item: T) => unknown,
): SandboxResponse {
  const sign = q.order === 'asc' ? 1 : -1;
  const sorted = [...items].sort(
    (a, b) => sign * (a.modified_time.localeCompare(b.modified_time) || a.id.localeCompare(b.id)),
  );
  const slice = sorted.slice((q.page - 1) * q.perPage, q.page * q.perPage);
  return {
    status: 200,
    body: {
      [key]: slice.map(render),
      info: { per_page: q.perPage, count: slice.length, page: q.page, more_records: q.page * q.perPage < items.length },
    },
  };
}

/**
 * A name filter, `{"field":{"api_name":"name"},"comparator":"contains","value":"…"}`: "contains" on the name,
 * case-insensitive, the only comparator (webhooks.yaml `ParamQueryFilters`, workflow_rules.yaml
 * `ParamQueryFilterSchema`). Undefined when absent, `bad` when it is not that shape.
 */
export function nameFilter(raw: string | null): ((name: string) => boolean) | undefined | 'bad' {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'bad';
  }
  if (!isObj(parsed) || !isObj(parsed.field) || parsed.field.api_name !== 'name') return 'bad';
  if (parsed.comparator !== 'contains' || typeof parsed.value !== 'string') return 'bad';
  const needle = parsed.value.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}
