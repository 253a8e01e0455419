/**
 * One adapter per target app: read by id, find by a unique value, create at most once, update. Every create goes
 * through the client's `createOnce` with a lookup by the same unique value, so an ambiguous failure never makes a
 * second record.
 */
import type { App } from '@zlc/model';
import type {
  BooksContactInput,
  BooksItemInput,
  BooksSalesDocumentInput,
  CrmRecord,
  DeskAccount,
  DeskAccountInput,
  DeskContact,
  DeskContactInput,
  ZohoClients,
} from '@zlc/zoho';
import { isRec, type Rec } from '../evaluate/snapshot.js';
import { orUndefined } from '../not-found.js';

export interface TargetAdapter {
  /** The key of the record's id in answers (`contact_id`, `invoice_id`, `id`). */
  idKey: string;
  get(id: string): Promise<Rec | undefined>;
  /** Finds by a unique value: a custom field, `reference_number`, `email`. */
  find(key: string, value: string): Promise<Rec | undefined>;
  /** Creates at most once; after an ambiguous failure it looks the record up by `lookup` (key and value). */
  create(input: Rec, lookup: { key: string; value: string } | undefined): Promise<Rec>;
  update(id: string, input: Rec): Promise<void>;
  /** Books' own upsert by a unique custom field (find-or-create in one idempotent call), where the app has one. */
  upsert?(key: string, value: string, input: Rec): Promise<Rec>;
  /** The record Zoho's own CRM sync made for a CRM account (Books customers carry `zcrm_account_id`). */
  findByCrmAccount?(crmAccountId: string): Promise<Rec | undefined>;
}

async function first<T>(list: AsyncIterable<T>, test: (item: T) => boolean): Promise<T | undefined> {
  for await (const item of list) if (test(item)) return item;
  return undefined;
}

function customValue(record: Rec, key: string): unknown {
  if (isRec(record.cf) && key in record.cf) return record.cf[key];
  if (Array.isArray(record.custom_fields))
    for (const cf of record.custom_fields) if (isRec(cf) && cf.api_name === key) return cf.value;
  return record[key];
}

function books(clients: ZohoClients, module: 'contacts' | 'invoices' | 'estimates'): TargetAdapter {
  if (module === 'contacts') {
    const r = clients.books.contacts;
    return {
      idKey: 'contact_id',
      get: (id) => orUndefined(() => r.get(id)),
      find: async (key, value) =>
        key === 'contact_name'
          ? r.findByNaturalKey(value)
          : first(r.list({ [key]: value }), (c) => String(customValue(c, key)) === value),
      create: (input) => r.createOnce(input as BooksContactInput),
      update: async (id, input) => void (await r.update(id, input as BooksContactInput)),
      upsert: (key, value, input) => r.upsert({ key, value }, input as BooksContactInput),
      findByCrmAccount: (crmAccountId) => r.findByCrmAccount(crmAccountId),
    };
  }
  return module === 'invoices'
    ? booksDocument(clients.books.invoices, 'invoice_id')
    : booksDocument(clients.books.estimates, 'estimate_id');
}

interface BooksDocumentResource<T extends Rec> {
  get(id: string): Promise<T>;
  list(filters: Record<string, string>): AsyncGenerator<T>;
  findByNaturalKey(value: string): Promise<T | undefined>;
  createOnce(input: BooksSalesDocumentInput): Promise<T>;
  update(id: string, input: BooksSalesDocumentInput): Promise<T>;
}

function booksDocument<T extends Rec>(r: BooksDocumentResource<T>, idKey: string): TargetAdapter {
  return {
    idKey,
    get: (id) => orUndefined(() => r.get(id)),
    // Books filters documents by any custom field's value (`custom_field`), not by the field's own name: an
    // unknown parameter would be ignored and every invoice of the org paged through.
    find: async (key, value) =>
      key === 'reference_number'
        ? r.findByNaturalKey(value)
        : first(
            r.list(key.startsWith('cf_') ? { custom_field: value } : { [key]: value }),
            (d) => String(customValue(d, key)) === value,
          ),
    create: (input) => r.createOnce(input as BooksSalesDocumentInput),
    update: async (id, input) => void (await r.update(id, input as BooksSalesDocumentInput)),
  };
}

interface DeskResource<T extends Rec, I> {
  get(id: string): Promise<T>;
  search(params: Record<string, string>): AsyncGenerator<T>;
  createOnce(input: I, lookup: () => Promise<T | undefined>): Promise<T>;
  update(id: string, changes: Partial<I>): Promise<T>;
}

function desk<T extends Rec, I>(r: DeskResource<T, I>): TargetAdapter {
  const find = async (key: string, value: string): Promise<T | undefined> => {
    const query = key.startsWith('cf_') ? { customField1: `${key}:${value}` } : { [key]: value };
    return first(r.search(query), (x) => String(customValue(x, key)) === value);
  };
  return {
    idKey: 'id',
    get: (id) => orUndefined(() => r.get(id)),
    find,
    create: (input, lookup) =>
      r.createOnce(input as I, async () => (lookup === undefined ? undefined : find(lookup.key, lookup.value))),
    update: async (id, input) => void (await r.update(id, input as Partial<I>)),
  };
}

/** Books items, for line items: found by SKU (exact, after Books' filter) or name; created at most once by name. */
export function booksItems(clients: ZohoClients) {
  const r = clients.books.items;
  return {
    find: async (by: 'name' | 'sku', value: string): Promise<Rec | undefined> =>
      by === 'name' ? r.findByNaturalKey(value) : first(r.list({ sku: value }), (item) => item.sku === value),
    create: (input: BooksItemInput): Promise<Rec> => r.createOnce(input),
  };
}

/** A Books document's status action (`sent`, `void`, `draft`; estimates `accepted`, `declined`). */
export async function markDocumentStatus(
  clients: ZohoClients,
  module: 'invoices' | 'estimates',
  id: string,
  status: string,
): Promise<void> {
  if (module === 'invoices') {
    if (status !== 'sent' && status !== 'void' && status !== 'draft')
      throw new RangeError(`Books cannot move an invoice to status ${status}`);
    await clients.books.invoices.markStatus(id, status);
    return;
  }
  if (status !== 'sent' && status !== 'accepted' && status !== 'declined')
    throw new RangeError(`Books cannot move an estimate to status ${status}`);
  await clients.books.estimates.markStatus(id, status);
}

/** CRM field of a step's `email` key. */
const CRM_KEYS: Record<string, string> = { email: 'Email' };

function crm(clients: ZohoClients, module: string): TargetAdapter {
  const r = clients.crm.records;
  // An exact lookup, never a search hit: search matches by containment and misses records written a moment ago.
  const find = async (key: string, value: string): Promise<CrmRecord | undefined> => {
    const [match] = await r.findExact(module, CRM_KEYS[key] ?? key, value);
    return typeof match?.id === 'string' ? r.get(module, match.id) : undefined;
  };
  return {
    idKey: 'id',
    get: (id) => r.get(module, id),
    find,
    create: (input, lookup) =>
      r.createOnce(module, input, {
        lookup: async () => (lookup === undefined ? undefined : find(lookup.key, lookup.value)),
      }),
    update: (id, input) => r.update(module, id, input),
  };
}

/** The adapter for a step's target, or why there is none. */
export function targetAdapter(clients: ZohoClients, app: App, module: string): TargetAdapter {
  if (app === 'books' && (module === 'contacts' || module === 'invoices' || module === 'estimates'))
    return books(clients, module);
  if (app === 'desk' && module === 'accounts') return desk<DeskAccount, DeskAccountInput>(clients.desk.accounts);
  if (app === 'desk' && module === 'contacts') return desk<DeskContact, DeskContactInput>(clients.desk.contacts);
  if (app === 'crm') return crm(clients, module);
  throw new Error(`steps that write ${app}:${module} are not supported by the runtime`);
}
