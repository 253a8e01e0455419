import { createOnce } from '../create-once.js';
import { isRecord } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import { listOf } from '../transport/read-body.js';
import { coqlString, isCoqlField } from './coql-literal.js';
import { CRM_MAX_PER_PAGE, crmPages } from './paging.js';
import { crmResults, crmSingleResult } from './results.js';
import type { CrmRecord, CrmRecordResult } from './types.js';

/**
 * COQL rows per call: coql.yaml's answer holds at most 200 (`data.maxItems`); Zoho's older COQL pages say 2,000. The
 * client pages by the stricter figure, so it works under either.
 */
export const COQL_MAX_LIMIT = 200;
/**
 * LIMIT + OFFSET of one COQL call: at most 100,000 rows are reached through them (Zoho's COQL-Limitations page, v8;
 * coql.yaml is silent). Past it, a reader pages by key (`id > last`).
 */
export const COQL_MAX_REACH = 100_000;
/** CRM takes at most 100 records per insert, update or upsert call. */
export const CRM_MAX_BATCH = 100;

export interface ListRecordsOptions {
  /** API names to return; CRM v8 requires `fields` on list calls. */
  fields: readonly string[];
  perPage?: number;
  sortBy?: 'id' | 'Created_Time' | 'Modified_Time';
  sortOrder?: 'asc' | 'desc';
  /** Custom view id. */
  cvid?: string;
}

export interface SearchOptions {
  /** `(Field:operator:value)` criteria, or one of `email`, `phone`, `word`. */
  criteria?: string;
  email?: string;
  phone?: string;
  word?: string;
  perPage?: number;
}

export interface CreateRecordOnceOptions {
  /** Finds a record an earlier, failed attempt may have created (e.g. COQL on a unique field). */
  lookup: () => Promise<CrmRecord | undefined>;
  trigger?: readonly string[];
}

const modulePath = (module: string) => `/${encodeURIComponent(module)}`;

/**
 * CRM records ([C:record, coql, module_search, related_records]). Retry-safe: reads, COQL, update by id,
 * delete, and upsert (`duplicate_check_fields` makes a repeat an update). A plain create is sent once; use
 * `createOnce` (lookup before retry) or `upsert`.
 */
export function crmRecords(ctx: ProductContext) {
  return {
    ...recordReads(ctx),
    ...recordCreates(ctx),
    ...recordUpdates(ctx),
    ...recordQueries(ctx),
    ...relatedRecords(ctx),
  };
}

/** Listing, getting and searching the records of a module. */
function recordReads(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /{module}: every record, 200 per page, switching to `page_token` past 2,000. */
    list(module: string, options: ListRecordsOptions): AsyncGenerator<CrmRecord> {
      return crmPages<CrmRecord>(ctx, {
        path: modulePath(module),
        query: {
          fields: options.fields.join(','),
          sort_by: options.sortBy,
          sort_order: options.sortOrder,
          cvid: options.cvid,
        },
        key: 'data',
        required: ['id'],
        perPage: options.perPage,
      });
    },

    /** GET /{module}/{id}; `undefined` when the record does not exist (204). */
    async get(module: string, id: string): Promise<CrmRecord | undefined> {
      const reply = await transport.request({ method: 'GET', path: `${modulePath(module)}/${encodeURIComponent(id)}` });
      return listOf<CrmRecord>('crm', reply.data, 'data', ['id'])[0];
    },

    /**
     * GET /{module}/search: matches, 200 per page (CRM stops search results at 2,000). Not a lookup: `equals`
     * matches by containment and a record written a moment ago may be missing (module_search.yaml) — find one
     * record with `findExact`.
     */
    search(module: string, options: SearchOptions): AsyncGenerator<CrmRecord> {
      return crmPages<CrmRecord>(ctx, {
        path: `${modulePath(module)}/search`,
        query: { criteria: options.criteria, email: options.email, phone: options.phone, word: options.word },
        key: 'data',
        required: ['id'],
        perPage: options.perPage,
        pageToken: false,
        heavy: true,
      });
    },
  };
}

/** Inserts: sent once, or at most once after a lookup. */
function recordCreates(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /**
     * POST /{module}: sends the batch once (never re-sent after an ambiguous failure). Returns one result per
     * record, failures included (Zoho answers 400 when every record failed).
     */
    async create(
      module: string,
      data: Record<string, unknown>[],
      trigger?: readonly string[],
    ): Promise<CrmRecordResult[]> {
      const reply = await transport.request({
        method: 'POST',
        path: modulePath(module),
        body: { data, trigger },
        perRecordResults: 'data',
      });
      return crmResults(reply, 'data');
    },

    /** Creates one record at most once: after an ambiguous failure, `lookup` decides whether to re-send. */
    async createOnce(
      module: string,
      data: Record<string, unknown>,
      options: CreateRecordOnceOptions,
    ): Promise<CrmRecord> {
      return createOnce<CrmRecord>({
        product: 'crm',
        what: `CRM ${module} record`,
        clock: ctx.clock,
        onEvent: ctx.onEvent,
        backoff: ctx.backoff,
        lookup: options.lookup,
        create: async () => {
          const reply = await transport.request({
            method: 'POST',
            path: modulePath(module),
            body: { data: [data], trigger: options.trigger },
          });
          const { id } = crmSingleResult(reply, 'data', `POST /crm/v8/${module}`);
          return { ...data, id };
        },
      });
    },
  };
}

/** Updates by id, deletes and upserts: each safe to repeat. */
function recordUpdates(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** PUT /{module}/{id}: safe to repeat. */
    async update(
      module: string,
      id: string,
      changes: Record<string, unknown>,
      trigger?: readonly string[],
    ): Promise<void> {
      const path = `${modulePath(module)}/${encodeURIComponent(id)}`;
      const reply = await transport.request({ method: 'PUT', path, body: { data: [{ ...changes, id }], trigger } });
      crmSingleResult(reply, 'data', `PUT ${path}`);
    },

    /** DELETE /{module}?ids=: safe to repeat (a second delete reports the ids as not found). */
    async delete(module: string, ids: readonly string[]): Promise<CrmRecordResult[]> {
      const reply = await transport.request({
        method: 'DELETE',
        path: modulePath(module),
        query: { ids: ids.join(',') },
        perRecordResults: 'data',
      });
      return crmResults(reply, 'data');
    },

    /**
     * POST /{module}/upsert with `duplicate_check_fields`: inserts or updates by those unique fields, so a repeat
     * after an ambiguous failure updates instead of duplicating; retried like a read.
     */
    async upsert(
      module: string,
      data: Record<string, unknown>[],
      duplicateCheckFields: readonly string[],
      trigger?: readonly string[],
    ): Promise<CrmRecordResult[]> {
      if (data.length > CRM_MAX_BATCH)
        throw new RangeError(`CRM upsert takes at most ${CRM_MAX_BATCH} records per call`);
      const reply = await transport.request({
        method: 'POST',
        path: `${modulePath(module)}/upsert`,
        body: { data, duplicate_check_fields: duplicateCheckFields, trigger },
        retrySafe: duplicateCheckFields.length > 0,
        perRecordResults: 'data',
      });
      return crmResults(reply, 'data');
    },
  };
}

/** COQL: paged selects, one page at a time, and exact matches on a field. */
function recordQueries(ctx: ProductContext) {
  const { transport } = ctx;
  /** One COQL call; `more` is Zoho's `info.more_records`. */
  const coqlCall = async (selectQuery: string): Promise<{ rows: CrmRecord[]; more: boolean }> => {
    const reply = await transport.request({
      method: 'POST',
      path: '/coql',
      body: { select_query: selectQuery },
      retrySafe: true,
      heavy: true,
    });
    const rows = listOf<CrmRecord>('crm', reply.data, 'data', []);
    const info = isRecord(reply.data) && isRecord(reply.data.info) ? reply.data.info : undefined;
    return { rows, more: info?.more_records === true };
  };
  const queries = {
    /**
     * POST /coql: runs a SELECT without LIMIT, appending `limit L offset O` per page of up to `COQL_MAX_LIMIT` rows
     * until `info.more_records` is false. Reads, so retried.
     */
    async *coql(selectQuery: string, pageSize: number = COQL_MAX_LIMIT): AsyncGenerator<CrmRecord> {
      if (/\blimit\b/i.test(selectQuery))
        throw new RangeError('coql(): leave LIMIT out of the query; it pages for you');
      const limit = Math.min(Math.max(1, pageSize), COQL_MAX_LIMIT);
      for (let offset = 0; ; offset += limit) {
        const { rows, more } = await coqlCall(`${selectQuery.trim()} limit ${limit} offset ${offset}`);
        yield* rows;
        if (rows.length < limit || !more) return;
      }
    },

    /**
     * POST /coql, one page: the query as given plus `limit L` (and `offset O` when given), for readers that page by
     * key (`… where id > 'last' order by id asc`), which reaches past COQL's offset ceiling (`COQL_MAX_REACH`), or
     * that read the pages of a counted range side by side.
     */
    async coqlPage(
      selectQuery: string,
      limit: number = COQL_MAX_LIMIT,
      offset = 0,
    ): Promise<{ rows: CrmRecord[]; more: boolean }> {
      if (/\blimit\b/i.test(selectQuery)) throw new RangeError('coqlPage(): leave LIMIT out of the query');
      const rows = Math.min(Math.max(1, limit), COQL_MAX_LIMIT);
      if (!Number.isInteger(offset) || offset < 0 || offset + rows > COQL_MAX_REACH)
        throw new RangeError(`coqlPage(): offset ${offset} + limit ${rows} is past COQL's reach (${COQL_MAX_REACH})`);
      return coqlCall(`${selectQuery.trim()} limit ${rows}${offset > 0 ? ` offset ${offset}` : ''}`);
    },

    /** POST /coql `select COUNT(id) from module [where …]`: how many records match, in one call. */
    async coqlCount(module: string, where?: string): Promise<number> {
      if (!isCoqlField(module)) throw new RangeError(`coqlCount(): ${module} is not a module API name`);
      const { rows } = await coqlCall(`select COUNT(id) from ${module}${where === undefined ? '' : ` where ${where}`}`);
      const value = rows[0]?.['COUNT(id)'];
      const count = typeof value === 'number' ? value : Number(value ?? 0);
      if (!Number.isFinite(count)) throw new TypeError(`coqlCount(): COUNT(id) answered ${JSON.stringify(value)}`);
      return count;
    },

    /**
     * The records whose `field` is exactly `value`, oldest first, each as `{id, <field>}`: COQL `=` (which sees a
     * record as soon as it is written, unlike search: "To fetch records without delay, use the Query API",
     * module_search.yaml), then an exact comparison, as COQL may compare text without regard to case.
     */
    async findExact(module: string, field: string, value: string): Promise<CrmRecord[]> {
      if (!isCoqlField(module) || !isCoqlField(field))
        throw new RangeError(`findExact(): ${module}.${field} is not a module and field API name`);
      const query = `select id, ${field} from ${module} where ${field} = ${coqlString(value)} order by id asc`;
      const exact: CrmRecord[] = [];
      for await (const row of queries.coql(query)) if (row[field] === value) exact.push(row);
      return exact;
    },
  };
  return queries;
}

/** Related lists of a record: a deal's stage history and products. */
function relatedRecords(ctx: ProductContext) {
  const { transport } = ctx;
  const related = {
    /** GET /{module}/{id}/{relatedList}: e.g. the Products of a Deal. */
    related(module: string, id: string, relatedList: string, fields: readonly string[]): AsyncGenerator<CrmRecord> {
      return crmPages<CrmRecord>(ctx, {
        path: `${modulePath(module)}/${encodeURIComponent(id)}/${encodeURIComponent(relatedList)}`,
        query: { fields: fields.join(',') },
        key: 'data',
        required: ['id'],
        perPage: CRM_MAX_PER_PAGE,
        pageToken: false,
      });
    },

    /**
     * The stage history of a deal (the Deals `Stage_History` related list, [C:related_records]): one row per stage
     * the deal was in, with `Stage`, `Moved_To__s` and the time (`Modified_Time`) it entered that stage.
     */
    dealStageHistory(
      dealId: string,
      fields: readonly string[] = ['Stage', 'Moved_To__s', 'Modified_Time', 'Amount', 'Closing_Date'],
    ) {
      return related.related('Deals', dealId, 'Stage_History', fields);
    },

    /** The products of a deal (the Deals → Products related list) with their line data. */
    dealProducts(dealId: string, fields: readonly string[] = ['Product_Name', 'Product_Code', 'Unit_Price']) {
      return related.related('Deals', dealId, 'Products', fields);
    },

    /** PUT /Deals/{id}/Products/{productId}: links a product to a deal (with e.g. quantity); safe to repeat. */
    async linkDealProduct(dealId: string, productId: string, lineData: Record<string, unknown> = {}): Promise<void> {
      const path = `/Deals/${encodeURIComponent(dealId)}/Products/${encodeURIComponent(productId)}`;
      const reply = await transport.request({ method: 'PUT', path, body: { data: [{ ...lineData, id: productId }] } });
      crmSingleResult(reply, 'data', `PUT ${path}`);
    },
  };
  return related;
}
