import type { ProductContext } from '../product-context.js';
import { entityOf, itemOf, listOf, objectBody } from '../transport/read-body.js';
import { booksPages } from './paging.js';
import { type BooksResourceSpec, booksResource } from './resource.js';
import type {
  BooksContact,
  BooksContactInput,
  BooksContactPerson,
  BooksContactPersonInput,
  BooksCurrency,
  BooksCustomField,
  BooksCustomFieldValue,
  BooksEstimate,
  BooksInvoice,
  BooksItem,
  BooksItemInput,
  BooksOrganization,
  BooksPayment,
  BooksPaymentInput,
  BooksSalesDocumentInput,
  BooksTax,
  BooksUser,
  BooksWebhook,
} from './types.js';

export type BooksEstimateStatus = 'sent' | 'accepted' | 'declined';
export type BooksInvoiceStatus = 'sent' | 'void' | 'draft';
export type BooksCustomFieldEntity = 'contact' | 'item' | 'estimate' | 'invoice' | 'customer_payment';

/** Where each Books entity lives and how an ambiguous create finds it again (see `BooksResourceSpec`). */
const RESOURCES = {
  contact: { path: '/contacts', listKey: 'contacts', entityKey: 'contact', naturalKey: 'contact_name' },
  item: { path: '/items', listKey: 'items', entityKey: 'item', naturalKey: 'name' },
  estimate: { path: '/estimates', listKey: 'estimates', entityKey: 'estimate', naturalKey: 'reference_number' },
  invoice: { path: '/invoices', listKey: 'invoices', entityKey: 'invoice', naturalKey: 'reference_number' },
  payment: {
    path: '/customerpayments',
    listKey: 'customer_payments',
    entityKey: 'payment',
    naturalKey: 'reference_number',
  },
} as const satisfies Record<string, BooksResourceSpec>;

/**
 * The Zoho Books v3 client of one run ([B:organizations, contacts, contact-persons, items, estimates, invoices,
 * customer-payments, taxes]). Every call carries `organization_id` (added by the transport).
 */
export function createBooksClient(ctx: ProductContext) {
  return { ...booksSettings(ctx), ...booksContacts(ctx), ...booksSalesDocuments(ctx) };
}

/** The organisations the token sees, and an org's settings: currencies, taxes, custom fields. */
function booksSettings(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /organizations: the orgs the token can see (no organization_id needed, but harmless). */
    async listOrganizations(): Promise<BooksOrganization[]> {
      const reply = await transport.request({ method: 'GET', path: '/organizations' });
      return listOf<BooksOrganization>('books', reply.data, 'organizations', ['organization_id', 'name'], false);
    },

    /** GET /organizations/{id}. */
    async getOrganization(id: string): Promise<BooksOrganization> {
      const reply = await transport.request({ method: 'GET', path: `/organizations/${encodeURIComponent(id)}` });
      return entityOf<BooksOrganization>('books', reply.data, 'organization', ['organization_id']);
    },

    /** GET /settings/currencies: the org's currencies, each with the exchange rate Books holds for it. */
    async listCurrencies(): Promise<BooksCurrency[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/currencies' });
      return listOf<BooksCurrency>('books', reply.data, 'currencies', ['currency_id', 'currency_code']);
    },

    /** GET /users, paged: the org's users (`Status.Active` only, by default). */
    users(filter: 'Status.All' | 'Status.Active' = 'Status.Active'): AsyncGenerator<BooksUser> {
      return booksPages<BooksUser>(ctx, '/users', 'users', ['user_id'], { filter_by: filter });
    },

    /** GET /settings/taxes. */
    async listTaxes(): Promise<BooksTax[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/taxes' });
      return listOf<BooksTax>('books', reply.data, 'taxes', ['tax_id', 'tax_name']);
    },

    /**
     * GET /settings/fields?entity=: the fields defined for an entity. Books' OAS does not document it (Books has no
     * API to create custom fields; an admin makes them in the UI); `entity=` is what public callers send (a
     * Zoho-provided Books script reads `settings/fields?entity=salesorder`). The entries come back as Books sends
     * them: a field zlc does not manage may lack `customfield_id` or `api_name`, and the caller decides.
     */
    async listCustomFields(entity: BooksCustomFieldEntity): Promise<BooksCustomField[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/fields', query: { entity } });
      return listOf<BooksCustomField>('books', reply.data, 'fields', []);
    },

    /**
     * GET /settings/webhooks: the org's webhooks. [Books API: webhooks] documents `POST /settings/webhooks`
     * (create); the list at the same path is read as Books' REST convention has it (unverified).
     */
    async listWebhooks(): Promise<BooksWebhook[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/webhooks' });
      return listOf<BooksWebhook>('books', reply.data, 'webhooks', ['webhook_id', 'webhook_name']);
    },
  };
}

/** Customers and their contact persons. */
function booksContacts(ctx: ProductContext) {
  const { transport } = ctx;
  const contacts = booksResource<BooksContact, BooksContactInput>(ctx, RESOURCES.contact);
  return {
    contacts: {
      ...contacts,
      /**
       * The customer Zoho's own CRM sync made for a CRM account: `GET /contacts?zcrm_account_id=` (a filter
       * contacts.yml documents), each hit read in full to check its `zcrm_account_id` is exactly that account.
       */
      async findByCrmAccount(crmAccountId: string): Promise<BooksContact | undefined> {
        for await (const row of contacts.list({ zcrm_account_id: crmAccountId })) {
          const full = await contacts.get(row.contact_id);
          if (String(full.zcrm_account_id ?? '') === crmAccountId) return full;
        }
        return undefined;
      },
    },
    contactPersons: {
      /** GET /contacts/{contact_id}/contactpersons. */
      list(contactId: string): AsyncGenerator<BooksContactPerson> {
        return booksPages<BooksContactPerson>(
          ctx,
          `/contacts/${encodeURIComponent(contactId)}/contactpersons`,
          'contact_persons',
          ['contact_person_id'],
        );
      },
      /** POST /contacts/contactpersons: sent once (look the person up by email before retrying). */
      async create(contactId: string, person: BooksContactPersonInput): Promise<BooksContactPerson> {
        const reply = await transport.request({
          method: 'POST',
          path: '/contacts/contactpersons',
          body: { ...person, contact_id: contactId },
        });
        // The OAS answers a create with `contact_person: [person]` (an array); a single object is read as well.
        const body = objectBody('books', reply.data, 'contact_person');
        const created = Array.isArray(body.contact_person) ? body.contact_person[0] : body.contact_person;
        return itemOf<BooksContactPerson>('books', created, 'contact_person', ['contact_person_id']);
      },
      async update(personId: string, contactId: string, person: Partial<BooksContactPersonInput>): Promise<void> {
        await transport.request({
          method: 'PUT',
          path: `/contacts/contactpersons/${encodeURIComponent(personId)}`,
          body: { ...person, contact_id: contactId },
        });
      },
      async delete(personId: string): Promise<void> {
        await transport.request({ method: 'DELETE', path: `/contacts/contactpersons/${encodeURIComponent(personId)}` });
      },
      async markPrimary(personId: string): Promise<void> {
        await statusAction(ctx, `/contacts/contactpersons/${encodeURIComponent(personId)}/primary`);
      },
    },
  };
}

/** Items, estimates, invoices and customer payments, with their status actions and custom field values. */
function booksSalesDocuments(ctx: ProductContext) {
  const items = booksResource<BooksItem, BooksItemInput>(ctx, RESOURCES.item);
  const estimates = booksResource<BooksEstimate, BooksSalesDocumentInput>(ctx, RESOURCES.estimate);
  const invoices = booksResource<BooksInvoice, BooksSalesDocumentInput>(ctx, RESOURCES.invoice);
  const payments = booksResource<BooksPayment, BooksPaymentInput>(ctx, RESOURCES.payment);

  return {
    items: {
      ...items,
      setCustomFields: (id: string, values: BooksCustomFieldValue[]) => setCustomFields(ctx, 'item', id, values),
    },

    estimates: {
      ...estimates,
      /** POST /estimates/{id}/status/{sent|accepted|declined}. */
      markStatus: (id: string, status: BooksEstimateStatus) =>
        statusAction(ctx, `/estimates/${encodeURIComponent(id)}/status/${status}`),
      setCustomFields: (id: string, values: BooksCustomFieldValue[]) => setCustomFields(ctx, 'estimate', id, values),
    },

    invoices: {
      ...invoices,
      /** POST /invoices/{id}/status/{sent|void|draft}. */
      markStatus: (id: string, status: BooksInvoiceStatus) =>
        statusAction(ctx, `/invoices/${encodeURIComponent(id)}/status/${status}`),
      submit: (id: string) => statusAction(ctx, `/invoices/${encodeURIComponent(id)}/submit`),
      approve: (id: string) => statusAction(ctx, `/invoices/${encodeURIComponent(id)}/approve`),
      setCustomFields: (id: string, values: BooksCustomFieldValue[]) => setCustomFields(ctx, 'invoice', id, values),
    },

    payments,
  };
}

/** A status action answers only `{code: 0, message}`; repeating it leaves the same status, so it is retried. */
async function statusAction(ctx: ProductContext, path: string): Promise<void> {
  await ctx.transport.request({ method: 'POST', path, retrySafe: true });
}

/** PUT /{entity}/{id}/customfields (singular path, as the OAS has it): sets custom field values by id. */
async function setCustomFields(
  ctx: ProductContext,
  entity: 'invoice' | 'estimate' | 'item',
  id: string,
  values: BooksCustomFieldValue[],
): Promise<void> {
  await ctx.transport.request({
    method: 'PUT',
    path: `/${entity}/${encodeURIComponent(id)}/customfields`,
    body: values,
  });
}

export type BooksClient = ReturnType<typeof createBooksClient>;
export { BOOKS_PER_PAGE } from './paging.js';
export type * from './types.js';
