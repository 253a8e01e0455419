/**
 * Every row of `select … from module where (where)`, in pages of `COQL_MAX_LIMIT`. The first page is read by key;
 * when more follow, one `COUNT(id)` tells how many, and their pages are read side by side by offset under CRM's
 * heavy-call cap (in stretches of COQL's offset reach, each starting after the last id of the one before).
 *
 * Offset pages shift when records are deleted or created while they are read, which could skip a record: so each
 * page starts on the last row of the one before (one row of overlap, `STEP` new rows a page), and where two
 * neighbours do not meet on that row, the ids between them are read again by key. A record created meanwhile may
 * be missed; the next delta reads it (its `Modified_Time` is after the watermark's start).
 */

import { COQL_MAX_LIMIT, COQL_MAX_REACH, CRM_HEAVY_CONCURRENCY, type CrmRecord, type ZohoClients } from '@zlc/zoho';
import pLimit from 'p-limit';

/** New rows per offset page: one row less than a page, so that neighbours overlap on one row. */
const STEP = COQL_MAX_LIMIT - 1;

export interface CoqlSelect {
  module: string;
  /** The columns, as the query names them (`id` comes with every row). */
  columns(): readonly string[];
  /** The caller's condition, or none for every record. */
  where: string | undefined;
}

export type CoqlPager = (
  clients: ZohoClients,
  select: CoqlSelect,
  onPage: (rows: CrmRecord[]) => Promise<void>,
) => Promise<void>;

/** Zoho ids are digits: numeric order, which is `order by id`; other ids compare as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function both(left: string | undefined, right: string): string {
  return left === undefined ? right : `(${left}) and (${right})`;
}

function selectText(select: CoqlSelect, condition: string): string {
  return `select ${select.columns().join(', ')} from ${select.module} where ${condition} order by id asc`;
}

/** The rows of `select` after `after` (all when undefined), one key page at a time. */
export async function coqlByKey(
  clients: ZohoClients,
  select: CoqlSelect,
  onPage: (rows: CrmRecord[]) => Promise<void>,
  after?: string,
  before?: string,
): Promise<void> {
  let last = after;
  for (;;) {
    let condition = select.where;
    if (last !== undefined) condition = both(condition, `id > '${last}'`);
    if (before !== undefined) condition = both(condition, `id < '${before}'`);
    const page = await clients.crm.records.coqlPage(selectText(select, condition ?? 'id is not null'), COQL_MAX_LIMIT);
    await onPage(page.rows);
    const tail = page.rows.at(-1);
    if (!page.more || tail === undefined) return;
    last = String(tail.id);
  }
}

/** First and last id of each offset page read, by page index. */
export interface PageSpan {
  first: string;
  last: string;
  full: boolean;
}

/**
 * Where neighbouring offset pages fail to meet (the later one starts past the earlier one's last id): the open id
 * ranges that may hold rows neither page holds. A page that starts on or before its neighbour's last id leaves none.
 */
export function gapsBetween(spans: readonly (PageSpan | undefined)[]): { after: string; before: string }[] {
  const gaps: { after: string; before: string }[] = [];
  let previous: PageSpan | undefined;
  for (const span of spans) {
    if (span === undefined) continue;
    if (previous !== undefined && compareIds(span.first, previous.last) > 0)
      gaps.push({ after: previous.last, before: span.first });
    previous = span;
  }
  return gaps;
}

/** Offset pages in one stretch: COQL's reach allows LIMIT + OFFSET up to `COQL_MAX_REACH`. */
const MOST_PAGES = Math.floor((COQL_MAX_REACH - COQL_MAX_LIMIT) / STEP) + 1;

/**
 * One stretch after `after`: `total` rows counted, read by offset side by side; seams that do not meet are read
 * again by key. Resolves with the id to go on after when more rows follow the stretch's full last page.
 */
async function readStretch(
  clients: ZohoClients,
  select: CoqlSelect,
  onPage: (rows: CrmRecord[]) => Promise<void>,
  after: string,
  total: number,
): Promise<string | undefined> {
  const pages = Math.min(MOST_PAGES, Math.max(1, Math.ceil((total - 1) / STEP)));
  const spans: (PageSpan | undefined)[] = new Array(pages).fill(undefined);
  let more = false;
  const condition = both(select.where, `id > '${after}'`);
  // A page holds its slot until its rows are stored, so rows never pile up faster than the store takes them.
  const slot = pLimit(Math.min(CRM_HEAVY_CONCURRENCY, clients.budgets.crm.concurrency));
  const readPage = async (index: number) => {
    const page = await clients.crm.records.coqlPage(selectText(select, condition), COQL_MAX_LIMIT, index * STEP);
    const first = page.rows[0];
    const last = page.rows.at(-1);
    if (first !== undefined && last !== undefined)
      spans[index] = { first: String(first.id), last: String(last.id), full: page.rows.length === COQL_MAX_LIMIT };
    if (index === pages - 1) more = page.more;
    await onPage(page.rows);
  };
  await Promise.all(Array.from({ length: pages }, (_, index) => slot(() => readPage(index))));
  for (const gap of gapsBetween(spans)) await coqlByKey(clients, select, onPage, gap.after, gap.before);
  const final = spans[pages - 1];
  if (final !== undefined) return more && final.full ? final.last : undefined;
  // The last page came back empty: rows moved back past it while the pages were read; the rest by key.
  let tail: PageSpan | undefined;
  for (const span of spans) if (span !== undefined) tail = span;
  await coqlByKey(clients, select, onPage, tail?.last ?? after);
  return undefined;
}

/**
 * Every row of `select`, each once: the first page by key; when more follow, the rest counted and read side by
 * side, a stretch at a time.
 */
export const coqlAll: CoqlPager = async (clients, select, onPage) => {
  const seen = new Set<string>();
  const once = (rows: CrmRecord[]) => {
    const fresh = rows.filter((row) => !seen.has(String(row.id)));
    for (const row of fresh) seen.add(String(row.id));
    return fresh.length === 0 ? Promise.resolve() : onPage(fresh);
  };
  const first = await clients.crm.records.coqlPage(
    selectText(select, select.where ?? 'id is not null'),
    COQL_MAX_LIMIT,
  );
  await once(first.rows);
  let after = first.more ? first.rows.at(-1)?.id : undefined;
  while (after !== undefined) {
    const from = String(after);
    const total = await clients.crm.records.coqlCount(select.module, both(select.where, `id > '${from}'`));
    after = total === 0 ? undefined : await readStretch(clients, select, once, from, total);
  }
};
