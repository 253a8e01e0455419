import { isRecord, type JsonObject } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import type { QueryValue } from '../transport/product-transport.js';
import { itemOf, unexpectedBody } from '../transport/read-body.js';

/** Desk lists serve at most 100 entries per call (`limit` maximum on accounts, contacts, tickets, [D:Account]). */
export const DESK_PAGE_LIMIT = 100;

export interface DeskPagesRequest<T extends JsonObject> {
  path: string;
  query?: Record<string, QueryValue>;
  required: readonly (keyof T & string)[];
  limit?: number;
  /** First `from`: 1 for lists; 0 for search, which also stops at `from` 999 ([D:Search] via the reference §3). */
  start?: number;
  maxFrom?: number;
}

/**
 * Pages a Desk list with `from`/`limit` until a 204 (empty) or a short page. `from` is a 1-based index ([D:Account]
 * default 1); the tickets default of 0 also means the first record, so 1, 101, 201… reads every record once.
 */
export async function* deskPages<T extends JsonObject>(
  ctx: ProductContext,
  req: DeskPagesRequest<T>,
): AsyncGenerator<T> {
  const limit = Math.min(req.limit ?? DESK_PAGE_LIMIT, DESK_PAGE_LIMIT);
  for (let from = req.start ?? 1; from <= (req.maxFrom ?? Number.POSITIVE_INFINITY); from += limit) {
    const reply = await ctx.transport.request({ method: 'GET', path: req.path, query: { ...req.query, from, limit } });
    const items = deskList<T>(reply.data, req.required);
    yield* items;
    if (items.length < limit) return;
  }
}

/** A Desk list body `{data: [...]}`; an empty body (204) is an empty list. */
export function deskList<T extends JsonObject>(data: unknown, required: readonly (keyof T & string)[]): T[] {
  if (data === undefined) return [];
  if (!isRecord(data) || !Array.isArray(data.data)) throw unexpectedBody('desk', 'list');
  return data.data.map((item) => itemOf<T>('desk', item, 'list entry', required));
}
