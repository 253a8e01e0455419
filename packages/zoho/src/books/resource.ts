import { createOnce } from '../create-once.js';
import type { JsonObject } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import type { QueryValue } from '../transport/product-transport.js';
import { entityOf } from '../transport/read-body.js';
import { booksPages } from './paging.js';
import type { BooksUniqueKey } from './types.js';

export interface BooksResourceSpec {
  /** Collection path, e.g. `/contacts`. */
  path: string;
  /** Key of the list in list answers (`contacts`). */
  listKey: string;
  /**
   * Key of the entity in single answers (`contact`); Books names the id `{entityKey}_id` (`contact_id`), and
   * events call the record `Books {entityKey}` (`Books contact`).
   */
  entityKey: string;
  /**
   * The create-input field that finds a record an ambiguous create may have made, used as the list filter of the
   * same name (`reference_number` for documents, `contact_name` for contacts, `name` for items).
   */
  naturalKey: string;
}

/**
 * The calls every Books entity shares. Retry-safe: list, get, update (PUT by id), delete, and upsert by a unique
 * custom field (PUT with `X-Unique-Identifier-Key`). A create is a POST: `create` sends it once,
 * `createOnce` looks the record up by its natural key before any re-send.
 */
export function booksResource<T extends JsonObject, Input extends JsonObject>(
  ctx: ProductContext,
  spec: BooksResourceSpec,
) {
  const scope: ResourceScope = {
    ctx,
    spec,
    itemPath: (id) => `${spec.path}/${encodeURIComponent(id)}`,
    required: [`${spec.entityKey}_id`],
  };
  const reads = resourceReads<T>(scope);
  return { ...reads, ...resourceCreates<T, Input>(scope, reads), ...resourceChanges<T, Input>(scope) };
}

/** What the parts of one Books resource share. */
interface ResourceScope {
  ctx: ProductContext;
  spec: BooksResourceSpec;
  itemPath: (id: string) => string;
  /** The id key every answer's entity must carry (`contact_id`). */
  required: readonly string[];
}

function resourceReads<T extends JsonObject>({ ctx, spec, itemPath, required }: ResourceScope) {
  const list = (filters: Record<string, QueryValue> = {}): AsyncGenerator<T> =>
    booksPages<T>(ctx, spec.path, spec.listKey, required, filters);
  return {
    list,

    async get(id: string): Promise<T> {
      const reply = await ctx.transport.request({ method: 'GET', path: itemPath(id) });
      return entityOf<T>('books', reply.data, spec.entityKey, required);
    },

    /** Finds the first record whose natural key equals `value` (exact match after Zoho's filter). */
    async findByNaturalKey(value: string): Promise<T | undefined> {
      for await (const item of list({ [spec.naturalKey]: value })) {
        if (item[spec.naturalKey] === value) return item;
      }
      return undefined;
    },
  };
}

function resourceCreates<T extends JsonObject, Input extends JsonObject>(
  { ctx, spec, required }: ResourceScope,
  reads: { findByNaturalKey(value: string): Promise<T | undefined> },
) {
  const label = `Books ${spec.entityKey}`;
  /** POST: sent once, never re-sent after an ambiguous failure. */
  const create = async (input: Input, query: Record<string, QueryValue> = {}): Promise<T> => {
    const reply = await ctx.transport.request({ method: 'POST', path: spec.path, body: input, query });
    return entityOf<T>('books', reply.data, spec.entityKey, required);
  };
  return {
    create,

    /**
     * Creates at most once: after a 5xx, reset or timeout, looks the record up by its natural key (the input's
     * `reference_number`/`contact_name`/`name`) and re-sends only when nothing was created. `adoptExisting`: an
     * "already exists" answer is resolved by the same lookup (see `createOnce`).
     */
    async createOnce(
      input: Input,
      query: Record<string, QueryValue> = {},
      options: { adoptExisting?: boolean } = {},
    ): Promise<T> {
      const key = input[spec.naturalKey];
      if (typeof key !== 'string' || key === '') {
        throw new TypeError(`createOnce for ${label} needs ${spec.naturalKey} in the input to look it up`);
      }
      return createOnce<T>({
        product: 'books',
        what: `${label} ${spec.naturalKey}=${key}`,
        clock: ctx.clock,
        onEvent: ctx.onEvent,
        backoff: ctx.backoff,
        create: () => create(input, query),
        lookup: () => reads.findByNaturalKey(key),
        ...(options.adoptExisting === true ? { adoptExisting: true } : {}),
      });
    },
  };
}

/** Update, upsert and delete: each safe to repeat. */
function resourceChanges<T extends JsonObject, Input extends JsonObject>({
  ctx,
  spec,
  itemPath,
  required,
}: ResourceScope) {
  return {
    /**
     * PUT by id: safe to repeat. Books treats it as a full replacement with the create shape (contacts also need
     * `contact_type`; contact persons left out are removed), so send the whole record.
     */
    async update(id: string, input: Input): Promise<T> {
      const reply = await ctx.transport.request({ method: 'PUT', path: itemPath(id), body: input });
      return entityOf<T>('books', reply.data, spec.entityKey, required);
    },

    /**
     * PUT on the collection with `X-Unique-Identifier-Key/Value` (and `X-Upsert: true` to create when no record
     * matches): Books' own upsert by a unique custom field, so repeating it never duplicates.
     */
    async upsert(unique: BooksUniqueKey, input: Input, options: { createIfMissing?: boolean } = {}): Promise<T> {
      const reply = await ctx.transport.request({
        method: 'PUT',
        path: spec.path,
        body: input,
        headers: {
          'X-Unique-Identifier-Key': unique.key,
          'X-Unique-Identifier-Value': unique.value,
          ...(options.createIfMissing === false ? {} : { 'X-Upsert': 'true' }),
        },
      });
      return entityOf<T>('books', reply.data, spec.entityKey, required);
    },

    async delete(id: string): Promise<void> {
      await ctx.transport.request({ method: 'DELETE', path: itemPath(id) });
    },
  };
}
