import { isRecord, type JsonObject } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import type { QueryValue } from '../transport/product-transport.js';
import { listOf } from '../transport/read-body.js';

/** Books pages hold up to 200 entries (`per_page` default and maximum, [B:contacts]). */
export const BOOKS_PER_PAGE = 200;

/** Pages a Books list with `page`/`per_page` until `page_context.has_more_page` is false. */
export async function* booksPages<T extends JsonObject>(
  ctx: ProductContext,
  path: string,
  key: string,
  required: readonly (keyof T & string)[],
  query: Record<string, QueryValue> = {},
): AsyncGenerator<T> {
  for (let page = 1; ; page += 1) {
    const reply = await ctx.transport.request({
      method: 'GET',
      path,
      query: { ...query, page, per_page: BOOKS_PER_PAGE },
    });
    const items = listOf<T>('books', reply.data, key, required, false);
    yield* items;
    const context = isRecord(reply.data) && isRecord(reply.data.page_context) ? reply.data.page_context : undefined;
    if (items.length === 0 || context?.has_more_page !== true) return;
  }
}
