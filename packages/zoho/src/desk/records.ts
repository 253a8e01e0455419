import { createOnce } from '../create-once.js';
import { type JsonObject, numberField } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import type { QueryValue } from '../transport/product-transport.js';
import { itemOf, objectBody, unexpectedBody } from '../transport/read-body.js';
import { deskList, deskPages } from './paging.js';
import type {
  DeskAccount,
  DeskAccountInput,
  DeskContact,
  DeskContactInput,
  DeskTicket,
  DeskTicketInput,
} from './types.js';

interface DeskRecordSpec<T extends JsonObject> {
  path: string;
  label: string;
  required: readonly (keyof T & string)[];
}

/**
 * The calls Desk accounts, contacts and tickets share. Retry-safe: list, get, update (PATCH by id). A create is a
 * POST, sent once; `createOnce` re-sends it only when the caller's `lookup` finds nothing after an ambiguous
 * failure (look up by a unique custom field such as `cf_crm_account_id`, or by email).
 */
function deskRecords<T extends JsonObject, Input extends JsonObject>(ctx: ProductContext, spec: DeskRecordSpec<T>) {
  const { transport } = ctx;
  const itemPath = (id: string) => `${spec.path}/${encodeURIComponent(id)}`;
  const resource = {
    list(filters: Record<string, QueryValue> = {}): AsyncGenerator<T> {
      return deskPages<T>(ctx, {
        path: spec.path,
        query: filters,
        required: spec.required,
      });
    },
    /** One page of GET /{module} (`from` 1-based, `limit` ≤ 100): for readers that fetch pages side by side. */
    async listPage(from: number, limit: number, filters: Record<string, QueryValue> = {}): Promise<T[]> {
      const reply = await transport.request({ method: 'GET', path: spec.path, query: { ...filters, from, limit } });
      return deskList<T>(reply.data, spec.required);
    },
    /** One page of GET /{module}/search (`from` 0-based, at most 999; `limit` ≤ 100). */
    async searchPage(from: number, limit: number, params: Record<string, QueryValue>): Promise<T[]> {
      const reply = await transport.request({
        method: 'GET',
        path: `${spec.path}/search`,
        query: { ...params, from, limit },
      });
      return deskList<T>(reply.data, spec.required);
    },
    /**
     * GET /{module}/search: exact matches on fields (`accountName`, `email`…), `*` wildcards, and custom fields as
     * `customField1=cf_x:value`; paged from 0 up to Desk's `from` limit of 999. The lookup for `createOnce`.
     */
    search(params: Record<string, QueryValue>): AsyncGenerator<T> {
      return deskPages<T>(ctx, {
        path: `${spec.path}/search`,
        query: params,
        required: spec.required,
        start: 0,
        maxFrom: 999,
      });
    },
    /**
     * How many records a search matches: GET /{module}/search with `limit=1`, read from the answer's `count`
     * (Search.json `search*Response`: `{data, count}`, both required); a 204 matches none. One call however many match.
     */
    async searchCount(params: Record<string, QueryValue>): Promise<number> {
      const reply = await transport.request({
        method: 'GET',
        path: `${spec.path}/search`,
        query: { ...params, from: 0, limit: 1 },
      });
      if (reply.data === undefined) return 0;
      const count = numberField(objectBody('desk', reply.data, `${spec.label} search`), 'count');
      if (count === undefined) throw unexpectedBody('desk', `${spec.label} search count`);
      return count;
    },
    async get(id: string): Promise<T> {
      const reply = await transport.request({ method: 'GET', path: itemPath(id) });
      return itemOf<T>('desk', reply.data, spec.label, spec.required);
    },
    async create(input: Input): Promise<T> {
      const reply = await transport.request({ method: 'POST', path: spec.path, body: input });
      return itemOf<T>('desk', reply.data, spec.label, spec.required);
    },
    async createOnce(input: Input, lookup: () => Promise<T | undefined>): Promise<T> {
      return createOnce<T>({
        product: 'desk',
        what: spec.label,
        clock: ctx.clock,
        onEvent: ctx.onEvent,
        backoff: ctx.backoff,
        create: () => resource.create(input),
        lookup,
      });
    },
    async update(id: string, changes: Partial<Input>): Promise<T> {
      const reply = await transport.request({ method: 'PATCH', path: itemPath(id), body: changes });
      return itemOf<T>('desk', reply.data, spec.label, spec.required);
    },
  };
  return resource;
}

/** Desk accounts, contacts and tickets ([D:Account, Contact, Ticket]). */
export function deskRecordClients(ctx: ProductContext) {
  const { transport } = ctx;
  const accounts = deskRecords<DeskAccount, DeskAccountInput>(ctx, {
    path: '/accounts',
    label: 'Desk account',
    required: ['id', 'accountName'],
  });
  const contacts = deskRecords<DeskContact, DeskContactInput>(ctx, {
    path: '/contacts',
    label: 'Desk contact',
    required: ['id'],
  });
  const tickets = deskRecords<DeskTicket, DeskTicketInput>(ctx, {
    path: '/tickets',
    label: 'Desk ticket',
    required: ['id'],
  });
  return {
    accounts: {
      ...accounts,
      /** GET /accounts/{id}/tickets. */
      tickets: (accountId: string, filters: Record<string, QueryValue> = {}) =>
        deskPages<DeskTicket>(ctx, {
          path: `/accounts/${encodeURIComponent(accountId)}/tickets`,
          query: filters,
          required: ['id'],
        }),
    },
    contacts,
    tickets: {
      ...tickets,
      /** GET /ticketsCount: `{count}` for the filters (departmentId, status, assigneeId, accountId…). */
      async count(filters: Record<string, QueryValue> = {}): Promise<number> {
        const reply = await transport.request({ method: 'GET', path: '/ticketsCount', query: filters });
        const count = numberField(objectBody('desk', reply.data, 'ticket count'), 'count');
        if (count === undefined) throw unexpectedBody('desk', 'ticket count');
        return count;
      },
    },
  };
}
