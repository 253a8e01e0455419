/**
 * Reads what a handoff run needs (the I/O shell around evaluation): the trigger record, the records it points at,
 * the lists the handoff walks (a deal's account contacts and products), the lookups its paths follow, and the
 * records its aggregates count. Only what the handoff's paths mention is read.
 */
import type { ResolvedHandoff, ResolvedModel } from '@zlc/model';
import { collect, type ZohoClients } from '@zlc/zoho';
import { isRec, type Rec, type SourceSnapshot } from '../evaluate/snapshot.js';
import { orUndefined } from '../not-found.js';
import { aggregateModules, fieldsRead, handoffSources } from './handoff-sources.js';
import { loadInvoiceSnapshot } from './load-invoice.js';

/** The Products fields the deal's products list reads; the link itself carries no quantity or price. */
const PRODUCT_FIELDS = ['Product_Name', 'Product_Code', 'Unit_Price', 'Description'];

/** The quote fields that choose the deal's quote (its line items come with the record itself). */
const QUOTE_FIELDS = ['Subject', 'Quote_Stage', 'Modified_Time'];

/**
 * The deal's product lines as CRM holds them. Deals have no line-item subform; a deal's quantities, prices and
 * discounts live on its quote (`Quotes.Deal_Name`, the `Quoted_Items` subform: product, quantity, list price,
 * discount as an amount). The deal's newest quote not Closed Lost gives the lines; a deal without one falls back to
 * its Products related list (one of each product at its unit price).
 */
async function dealLines(clients: ZohoClients, dealId: string): Promise<Rec[]> {
  const [quotes, linked] = await Promise.all([
    collect(clients.crm.records.related('Deals', dealId, 'Quotes', QUOTE_FIELDS)),
    collect(clients.crm.records.dealProducts(dealId, PRODUCT_FIELDS)),
  ]);
  const chosen = quotes
    .filter((q) => q.Quote_Stage !== 'Closed Lost')
    .sort((a, b) => String(b.Modified_Time ?? '').localeCompare(String(a.Modified_Time ?? '')))[0];
  const quote = chosen === undefined ? undefined : await clients.crm.records.get('Quotes', chosen.id);
  const rows = Array.isArray(quote?.Quoted_Items) ? quote.Quoted_Items.filter(isRec) : [];
  if (rows.length === 0)
    return linked.map((p) => ({
      id: p.id,
      Product_Name: p.Product_Name,
      Product_Code: p.Product_Code,
      Quantity: 1,
      List_Price: p.Unit_Price,
      Discount: 0,
      Total: p.Unit_Price,
      Description: p.Description,
    }));
  const products = await quoteProducts(clients, rows, linked);
  return rows.map((row) => {
    const product = products.get(idOf(row.Product_Name) ?? '') ?? {};
    return {
      id: idOf(row.Product_Name),
      Product_Name: product.Product_Name ?? (isRec(row.Product_Name) ? row.Product_Name.name : undefined),
      Product_Code: product.Product_Code,
      Quantity: row.Quantity,
      List_Price: row.List_Price,
      Discount: row.Discount ?? 0,
      Total: row.Net_Total ?? row.Total,
      Description: row.Description ?? product.Description,
    };
  });
}

/** The products a quote's rows name (their codes match Books items), read together; the deal's links are reused. */
async function quoteProducts(clients: ZohoClients, rows: Rec[], linked: Rec[]): Promise<Map<string, Rec>> {
  const known = new Map(linked.map((p) => [String(p.id), p]));
  const wanted = [...new Set(rows.map((r) => idOf(r.Product_Name)).filter((id) => id !== undefined))].filter(
    (id) => !known.has(id),
  );
  if (wanted.length > 0) {
    const query = `select Product_Name, Product_Code, Description from Products where id in (${wanted.map((id) => `'${id}'`).join(', ')})`;
    for await (const p of clients.crm.records.coql(query)) known.set(String(p.id), p);
  }
  return known;
}

export type LoadedSnapshot = { found: true; snapshot: SourceSnapshot; trigger: Rec } | { found: false };

function idOf(value: unknown): string | undefined {
  if (isRec(value) && typeof value.id === 'string') return value.id;
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/** The CRM trigger record and its lookups, lists and lookup targets. */
async function loadCrm(
  clients: ZohoClients,
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  module: string,
  trigger: Rec,
): Promise<SourceSnapshot> {
  const { names, fields } = fieldsRead(handoff);
  const named: SourceSnapshot['named'] = { record: trigger };
  const singular = module === 'Deals' ? 'deal' : module === 'Contacts' ? 'contact' : module.toLowerCase();
  named[singular] = trigger;
  const accountId = module === 'Accounts' ? idOf(trigger.id) : idOf(trigger.Account_Name);
  const contactId = module === 'Contacts' ? idOf(trigger.id) : idOf(trigger.Contact_Name);
  const reads: Promise<void>[] = [];
  if (module !== 'Accounts' && accountId !== undefined && names.has('account'))
    reads.push(
      clients.crm.records.get('Accounts', accountId).then((r) => {
        named.account = r;
      }),
    );
  if (module === 'Accounts') named.account = trigger;
  if (module === 'Deals' && contactId !== undefined && (names.has('contact') || names.has('contacts')))
    reads.push(
      clients.crm.records.get('Contacts', contactId).then((r) => {
        named.contact = r;
      }),
    );
  if (names.has('contacts') && accountId !== undefined) {
    const wanted = ['id', ...(fields.get('crm:Contacts') ?? [])];
    reads.push(
      collect(
        clients.crm.records.related(
          'Accounts',
          accountId,
          'Contacts',
          [...new Set([...wanted, 'Last_Name'])].filter((f) => f !== 'id'),
        ),
      ).then((list) => {
        named.contacts = list;
      }),
    );
  }
  if (names.has('products') && module === 'Deals') {
    reads.push(
      dealLines(clients, String(trigger.id)).then((list) => {
        named.products = list;
      }),
    );
  }
  await Promise.all(reads);
  if (named.contacts === undefined && names.has('contacts') && isRec(named.contact)) named.contacts = [named.contact];
  const lookups = await loadLookups(clients, model, handoff, module, named);
  return { named, lookups, related: {} };
}

/** The CRM module of a snapshot name: `record` is the trigger record itself, whatever its module. */
function moduleOfName(name: string, triggerModule: string): string | undefined {
  switch (name) {
    case 'record':
      return triggerModule;
    case 'deal':
      return 'Deals';
    case 'account':
      return 'Accounts';
    case 'contact':
      return 'Contacts';
    default:
      return undefined;
  }
}

/**
 * Records behind lookups that paths walk through (`deal.Account_Name.Website`); users read from the owner object.
 * A lookup to a record the snapshot already holds (the deal's account, read for `account.*`) is not read again.
 */
async function loadLookups(
  clients: ZohoClients,
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  triggerModule: string,
  named: SourceSnapshot['named'],
): Promise<Record<string, Rec>> {
  const lookups: Record<string, Rec> = {};
  const held = new Map<string, Rec>();
  for (const value of Object.values(named)) if (isRec(value) && typeof value.id === 'string') held.set(value.id, value);
  const wanted = new Map<string, string>();
  for (const source of handoffSources(handoff)) {
    const segments = source.path.split('.');
    if (segments.length < 3 || source.source.startsWith('steps') || source.source === 'item') continue;
    const start = named[source.source];
    const startModule = moduleOfName(source.source, triggerModule);
    if (!isRec(start) || startModule === undefined) continue;
    const field = model.modules.get(`crm:${startModule}`)?.fields.get(segments[1] ?? '');
    const id = idOf(start[segments[1] ?? '']);
    if (field?.lookup === undefined || field.lookup.app !== 'crm' || field.lookup.module === 'users' || !id) continue;
    const already = held.get(id);
    if (already !== undefined) lookups[id] = already;
    else wanted.set(id, field.lookup.module);
  }
  await Promise.all(
    [...wanted].map(async ([id, module]) => {
      const record = await clients.crm.records.get(module, id);
      if (record !== undefined) lookups[id] = record;
    }),
  );
  return lookups;
}

async function loadDesk(clients: ZohoClients, handoff: ResolvedHandoff, ticket: Rec): Promise<SourceSnapshot> {
  const named: SourceSnapshot['named'] = { record: ticket, ticket };
  const accountId = idOf(ticket.accountId);
  const contactId = idOf(ticket.contactId);
  const related: Record<string, Rec[]> = {};
  const aggregates = aggregateModules(handoff);
  await Promise.all([
    accountId === undefined
      ? Promise.resolve()
      : orUndefined(() => clients.desk.accounts.get(accountId)).then((a) => {
          named.account = a;
        }),
    contactId === undefined
      ? Promise.resolve()
      : orUndefined(() => clients.desk.contacts.get(contactId)).then((c) => {
          named.contact = c;
        }),
    accountId === undefined || !aggregates.has('desk:tickets')
      ? Promise.resolve()
      : collect(clients.desk.accounts.tickets(accountId)).then((list) => {
          related['desk:tickets'] = list;
        }),
  ]);
  return { named, lookups: {}, related };
}

/** Reads the trigger record and everything the handoff's paths reach; `found: false` when the record is gone. */
export async function loadSnapshot(
  clients: ZohoClients,
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  recordId: string,
  prefetched?: Rec,
): Promise<LoadedSnapshot> {
  const trigger = handoff.trigger;
  if (trigger.on === 'record_enters_stage') {
    if (trigger.app !== 'crm') throw new Error(`handoffs triggered by ${trigger.app} records are not supported yet`);
    const record = prefetched ?? (await clients.crm.records.get(trigger.module, recordId));
    if (record === undefined) return { found: false };
    return { found: true, trigger: record, snapshot: await loadCrm(clients, model, handoff, trigger.module, record) };
  }
  if (trigger.on === 'invoice_status') {
    const invoice = prefetched ?? (await orUndefined(() => clients.books.invoices.get(recordId)));
    if (invoice === undefined) return { found: false };
    return { found: true, trigger: invoice, snapshot: await loadInvoiceSnapshot(clients, handoff, invoice) };
  }
  const ticket = prefetched ?? (await orUndefined(() => clients.desk.tickets.get(recordId)));
  if (ticket === undefined) return { found: false };
  return { found: true, trigger: ticket, snapshot: await loadDesk(clients, handoff, ticket) };
}
