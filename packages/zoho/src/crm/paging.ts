import { isRecord, type JsonObject, stringField } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import type { QueryValue } from '../transport/product-transport.js';
import { listOf, unexpectedBody } from '../transport/read-body.js';

/** CRM serves at most 200 records per page, and `page` only reaches the first 2,000 records. */
export const CRM_MAX_PER_PAGE = 200;
export const CRM_PAGE_LIMIT_RECORDS = 2_000;

export interface CrmPagesRequest<T extends JsonObject> {
  path: string;
  query?: Record<string, QueryValue>;
  key: string;
  required: readonly (keyof T & string)[];
  perPage?: number;
  /** Whether the endpoint supports `page_token` (records lists do; search and related lists stop at 2,000). */
  pageToken?: boolean;
  /** Counted against CRM's heavy-call sub-limit (search). */
  heavy?: boolean;
}

/**
 * Pages a CRM list: `page`/`per_page` for the first 2,000 records, then `page_token` from `info.next_page_token`
 * (CRM v8 "Get Records": page is limited to 2,000 records). Stops when `info.more_records` is false or the
 * answer is empty (204).
 */
export async function* crmPages<T extends JsonObject>(ctx: ProductContext, req: CrmPagesRequest<T>): AsyncGenerator<T> {
  const perPage = Math.min(req.perPage ?? CRM_MAX_PER_PAGE, CRM_MAX_PER_PAGE);
  let page = 1;
  let token: string | undefined;
  for (;;) {
    const query =
      token === undefined
        ? { ...req.query, page, per_page: perPage }
        : { ...req.query, page_token: token, per_page: perPage };
    const reply = await ctx.transport.request({ method: 'GET', path: req.path, query, heavy: req.heavy === true });
    const items = listOf<T>('crm', reply.data, req.key, req.required);
    yield* items;
    const info = isRecord(reply.data) && isRecord(reply.data.info) ? reply.data.info : undefined;
    if (items.length === 0 || info === undefined || info.more_records !== true) return;
    if (token !== undefined || page * perPage >= CRM_PAGE_LIMIT_RECORDS) {
      token = nextToken(info);
      if (token === undefined) {
        if (req.pageToken === false) return;
        throw unexpectedBody('crm', 'page info without next_page_token past 2,000 records');
      }
    } else {
      page += 1;
    }
  }
}

function nextToken(info: JsonObject): string | undefined {
  const token = stringField(info, 'next_page_token');
  return token === undefined || token === '' ? undefined : token;
}
