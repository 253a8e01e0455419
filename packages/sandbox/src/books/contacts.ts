/** Contacts (customers and vendors): CRUD, list filters, active/inactive, upsert by a unique custom field. */
import type { SandboxContext, SandboxRequest } from '../core/types.js';
import { readPerson, settlePrimary } from './contact-persons.js';
import { applyCustomFields, checkMandatory } from './custom-fields.js';
import { BooksError, CODE, doesNotExist, invalidParameter, invalidValue, notAllowed } from './errors.js';
import { byCrmLink, byCustomer, CONTACT_LINKS } from './indexes.js';
import { route } from './route.js';
import {
  type Address,
  type BooksState,
  baseCurrency,
  type Contact,
  type ContactPerson,
  emptyAddress,
} from './state.js';
import { upsertTarget } from './upsert.js';
import {
  bodyObject,
  done,
  formatTime,
  isObject,
  type Json,
  listPage,
  ok,
  onlyKnownKeys,
  optArray,
  optId,
  optNumber,
  optObject,
  optString,
  paging,
  reqString,
  round2,
  sortOrder,
  sortRows,
  textFilter,
} from './wire.js';

/** Top-level attributes of Books' create/update contact request schema (contacts.yml). */
const CONTACT_KEYS = new Set([
  'contact_name',
  'company_name',
  'website',
  'language_code',
  'contact_type',
  'customer_sub_type',
  'credit_limit',
  'pricebook_id',
  'contact_number',
  'ignore_auto_number_generation',
  'tags',
  'is_portal_enabled',
  'currency_id',
  'payment_terms',
  'payment_terms_label',
  'notes',
  'billing_address',
  'shipping_address',
  'contact_persons',
  'default_templates',
  'custom_fields',
  'opening_balances',
  'vat_reg_no',
  'owner_id',
  'tax_reg_no',
  'tax_exemption_certificate_number',
  'country_code',
  'vat_treatment',
  'tax_treatment',
  'tax_regime',
  'legal_name',
  'is_tds_registered',
  'place_of_contact',
  'gst_no',
  'gst_treatment',
  'tax_authority_name',
  'avatax_exempt_no',
  'avatax_use_code',
  'tax_exemption_id',
  'tax_exemption_code',
  'tax_authority_id',
  'tax_id',
  'tds_tax_id',
  'is_taxable',
  'facebook',
  'twitter',
  'track_1099',
  'tax_id_type',
  'tax_id_value',
]);

const ADDRESS_KEYS = [
  'attention',
  'address',
  'street2',
  'state_code',
  'city',
  'state',
  'zip',
  'country',
  'fax',
  'phone',
] as const;

function readAddress(obj: Json | undefined, base: Address): Address {
  if (!obj) return base;
  onlyKnownKeys(obj, new Set(ADDRESS_KEYS));
  const out = { ...base };
  for (const key of ADDRESS_KEYS) out[key] = optString(obj, key, 500) ?? base[key];
  return out;
}

function duplicateName(contact: Contact): BooksError {
  const kind = contact.contact_type === 'vendor' ? 'vendor' : 'customer';
  return new BooksError(
    400,
    CODE.duplicateName,
    `The ${kind} "${contact.contact_name}" already exists. Please specify a different name.`,
  );
}

/** Builds the stored contact from a create (no `base`) or full-replace update (`base`) body. */
export function readContact(body: Json, state: BooksState, ctx: SandboxContext, base?: Contact): Contact {
  onlyKnownKeys(body, CONTACT_KEYS);
  const now = formatTime(ctx.clock.now());
  const id = base?.contact_id ?? ctx.ids.next('books');
  // Books' update schema requires `contact_type` as well as `contact_name` (contacts.yml).
  if (base && body.contact_type === undefined) throw invalidValue('contact_type');
  const type = optString(body, 'contact_type') ?? base?.contact_type ?? 'customer';
  if (type !== 'customer' && type !== 'vendor') throw invalidValue('contact_type');
  const currencyId = optId(body, 'currency_id') ?? base?.currency_id ?? baseCurrency(state).currency_id;
  const currency = state.currencies.get(currencyId);
  if (!currency) throw invalidValue('currency_id');
  const paymentTerms = optNumber(body, 'payment_terms') ?? base?.payment_terms ?? 0;
  if (!Number.isInteger(paymentTerms) || paymentTerms < 0) throw invalidValue('payment_terms');
  const personsInput = optArray(body, 'contact_persons', 100);
  let persons: ContactPerson[] = base?.contact_persons ?? [];
  if (personsInput) {
    persons = personsInput.map((raw) => {
      if (!isObject(raw)) throw invalidValue('contact_persons');
      const existingId = optId(raw, 'contact_person_id');
      const existing = existingId ? base?.contact_persons.find((p) => p.contact_person_id === existingId) : undefined;
      if (existingId && !existing) throw doesNotExist('Contact person');
      return readPerson(raw, id, existing?.contact_person_id ?? ctx.ids.next('books'), now, existing);
    });
  }
  const customFields = applyCustomFields(state, 'contacts', body.custom_fields, base?.custom_fields ?? [], id);
  checkMandatory(state, 'contacts', customFields);
  const contact: Contact = {
    contact_id: id,
    contact_name: reqString(body, 'contact_name', 200),
    company_name: optString(body, 'company_name', 200) ?? base?.company_name ?? '',
    contact_type: type,
    customer_sub_type: optString(body, 'customer_sub_type', 20) ?? base?.customer_sub_type ?? 'business',
    status: base?.status ?? 'active',
    website: optString(body, 'website', 200) ?? base?.website ?? '',
    language_code: optString(body, 'language_code', 10) ?? base?.language_code ?? 'en',
    is_linked_with_zohocrm: base?.is_linked_with_zohocrm ?? false,
    zcrm_account_id: base?.zcrm_account_id ?? '',
    zcrm_contact_id: base?.zcrm_contact_id ?? '',
    zcrm_vendor_id: base?.zcrm_vendor_id ?? '',
    primary_contact_id: '',
    payment_terms: paymentTerms,
    payment_terms_label:
      optString(body, 'payment_terms_label', 100) ??
      base?.payment_terms_label ??
      (paymentTerms ? `Net ${paymentTerms}` : 'Due on Receipt'),
    currency_id: currency.currency_id,
    currency_code: currency.currency_code,
    currency_symbol: currency.currency_symbol,
    credit_limit: optNumber(body, 'credit_limit') ?? base?.credit_limit ?? 0,
    outstanding_receivable_amount: base?.outstanding_receivable_amount ?? 0,
    unused_credits_receivable_amount: base?.unused_credits_receivable_amount ?? 0,
    billing_address: readAddress(optObject(body, 'billing_address'), base?.billing_address ?? emptyAddress()),
    shipping_address: readAddress(optObject(body, 'shipping_address'), base?.shipping_address ?? emptyAddress()),
    contact_persons: persons,
    custom_fields: customFields,
    notes: optString(body, 'notes', 5000) ?? base?.notes ?? '',
    has_transaction: base?.has_transaction ?? false,
    created_time: base?.created_time ?? now,
    last_modified_time: now,
  };
  contact.primary_contact_id = settlePrimary(contact.contact_persons);
  const lower = contact.contact_name.toLowerCase();
  for (const other of state.contacts.values()) {
    if (other.contact_id !== id && other.contact_name.toLowerCase() === lower) throw duplicateName(contact);
  }
  return contact;
}

/** What the customer owes: the balances of its sent, overdue and partially paid invoices (by the customer index). */
function receivable(state: BooksState, contactId: string): number {
  let owed = 0;
  for (const invoice of byCustomer(state.invoices).get(contactId)) {
    if (invoice.status === 'draft' || invoice.status === 'void' || invoice.balance <= 0) continue;
    owed = round2(owed + invoice.balance);
  }
  return owed;
}

/** A contact as Books sends it, with its receivable computed from its invoices. */
export function render(state: BooksState, contact: Contact): Contact {
  return { ...contact, outstanding_receivable_amount: receivable(state, contact.contact_id) };
}

export function contactOr404(state: BooksState, id: string | undefined): Contact {
  const contact = id ? state.contacts.get(id) : undefined;
  if (!contact) throw doesNotExist('Contact');
  return contact;
}

function primary(contact: Contact): ContactPerson | undefined {
  return contact.contact_persons.find((p) => p.contact_person_id === contact.primary_contact_id);
}

function listRow(contact: Contact) {
  const person = primary(contact);
  return {
    contact_id: contact.contact_id,
    contact_name: contact.contact_name,
    customer_name: contact.contact_name,
    company_name: contact.company_name,
    contact_type: contact.contact_type,
    status: contact.status,
    payment_terms: contact.payment_terms,
    payment_terms_label: contact.payment_terms_label,
    currency_id: contact.currency_id,
    currency_code: contact.currency_code,
    outstanding_receivable_amount: contact.outstanding_receivable_amount,
    unused_credits_receivable_amount: contact.unused_credits_receivable_amount,
    first_name: person?.first_name ?? '',
    last_name: person?.last_name ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    mobile: person?.mobile ?? '',
    is_linked_with_zohocrm: contact.is_linked_with_zohocrm,
    custom_fields: contact.custom_fields,
    created_time: contact.created_time,
    last_modified_time: contact.last_modified_time,
  };
}

const FILTERS: Record<string, (c: Contact) => boolean> = {
  'Status.All': () => true,
  'Status.Active': (c) => c.status === 'active',
  'Status.Inactive': (c) => c.status === 'inactive',
  'Status.Crm': (c) => c.is_linked_with_zohocrm,
  'Status.Customers': (c) => c.contact_type === 'customer',
  'Status.Vendors': (c) => c.contact_type === 'vendor',
  'Status.OverDue': (c) => c.outstanding_receivable_amount > 0,
  'Status.Unpaid': (c) => c.outstanding_receivable_amount > 0,
  'Status.Duplicate': () => false,
};

const SORTS: Record<string, (c: Contact) => string | number> = {
  contact_name: (c) => c.contact_name.toLowerCase(),
  company_name: (c) => c.company_name.toLowerCase(),
  first_name: (c) => primary(c)?.first_name.toLowerCase() ?? '',
  last_name: (c) => primary(c)?.last_name.toLowerCase() ?? '',
  email: (c) => primary(c)?.email.toLowerCase() ?? '',
  outstanding_receivable_amount: (c) => c.outstanding_receivable_amount,
  created_time: (c) => c.created_time,
  last_modified_time: (c) => c.last_modified_time,
};

function listContacts(req: SandboxRequest, state: BooksState) {
  const q = req.query;
  const filterBy = q.get('filter_by') ?? 'Status.All';
  const byStatus = FILTERS[filterBy];
  if (!byStatus) throw invalidParameter('filter_by');
  const sortColumn = q.get('sort_column') ?? 'contact_name';
  const sortKey = SORTS[sortColumn];
  if (!sortKey) throw invalidParameter('sort_column');
  const order = sortOrder(q, 'A');
  const type = q.get('contact_type');
  if (type !== null && type !== 'customer' && type !== 'vendor') throw invalidParameter('contact_type');
  const byName = textFilter(q, 'contact_name');
  const byCompany = textFilter(q, 'company_name');
  const byFirst = textFilter(q, 'first_name');
  const byLast = textFilter(q, 'last_name');
  const byEmail = textFilter(q, 'email');
  const byPhone = textFilter(q, 'phone');
  const search = q.get('search_text')?.toLowerCase();
  const links = CONTACT_LINKS.filter((k) => q.has(k));
  // A CRM link names at most a few contacts: start from those instead of the whole org.
  const first = links[0];
  const candidates =
    first === undefined ? state.contacts.values() : byCrmLink(state.contacts).get(`${first}=${q.get(first)}`);
  const rows = [...candidates]
    .map((c) => render(state, c))
    .filter((c) => {
      if (!byStatus(c)) return false;
      if (type !== null && c.contact_type !== type) return false;
      if (byName && !byName(c.contact_name)) return false;
      if (byCompany && !byCompany(c.company_name)) return false;
      const persons = c.contact_persons;
      if (byFirst && !persons.some((p) => byFirst(p.first_name))) return false;
      if (byLast && !persons.some((p) => byLast(p.last_name))) return false;
      if (byEmail && !persons.some((p) => byEmail(p.email))) return false;
      if (byPhone && !persons.some((p) => byPhone(p.phone) || byPhone(p.mobile))) return false;
      for (const link of links) if (c[link] === '' || c[link] !== q.get(link)) return false;
      if (search) {
        const hay = [c.contact_name, c.company_name, ...persons.map((p) => p.email)].join('\n').toLowerCase();
        if (!hay.includes(search)) return false;
      }
      return true;
    });
  sortRows(rows, sortKey, order);
  return listPage(
    'contacts',
    rows,
    paging(q),
    {
      reportName: 'Contacts',
      appliedFilter: filterBy,
      sortColumn,
      sortOrder: order,
    },
    listRow,
  );
}

function hasTransactions(state: BooksState, contactId: string): boolean {
  return (
    byCustomer(state.invoices).get(contactId).length > 0 ||
    byCustomer(state.estimates).get(contactId).length > 0 ||
    byCustomer(state.payments).get(contactId).length > 0
  );
}

function setStatus(state: BooksState, ctx: SandboxContext, id: string | undefined, status: Contact['status']) {
  const contact = contactOr404(state, id);
  contact.status = status;
  contact.last_modified_time = formatTime(ctx.clock.now());
  state.contacts.put(contact.contact_id, contact);
  return done(`The contact has been marked as ${status}.`);
}

export const contactRoutes = [
  route('POST', '/contacts', (req, state, ctx) => {
    const contact = readContact(bodyObject(req), state, ctx);
    state.contacts.put(contact.contact_id, contact);
    return done('The contact has been created', { contact: render(state, contact) }, 201);
  }),
  route('GET', '/contacts', (req, state) => listContacts(req, state)),
  route('PUT', '/contacts', (req, state, ctx) => {
    const body = bodyObject(req);
    const target = upsertTarget(req, state, 'contacts', body);
    if (target.kind === 'missing') throw doesNotExist('Contact');
    if (target.kind === 'create') {
      // contacts.yml documents 200 alone for this operation, whether it updated or (X-Upsert) created.
      const contact = readContact(target.body, state, ctx);
      state.contacts.put(contact.contact_id, contact);
      return done('The contact has been created', { contact: render(state, contact) });
    }
    const contact = readContact(body, state, ctx, contactOr404(state, target.id));
    state.contacts.put(contact.contact_id, contact);
    return done('Contact has been updated successfully', { contact: render(state, contact) });
  }),
  route('GET', '/contacts/:contact_id', (req, state) =>
    ok({ contact: render(state, contactOr404(state, req.params.contact_id)) }),
  ),
  route('PUT', '/contacts/:contact_id', (req, state, ctx) => {
    const base = contactOr404(state, req.params.contact_id);
    const contact = readContact(bodyObject(req), state, ctx, base);
    state.contacts.put(contact.contact_id, contact);
    return done('Contact has been updated successfully', { contact: render(state, contact) });
  }),
  route('DELETE', '/contacts/:contact_id', (req, state) => {
    const contact = contactOr404(state, req.params.contact_id);
    if (hasTransactions(state, contact.contact_id)) {
      throw notAllowed('The contact cannot be deleted as it has transactions associated with it.');
    }
    state.contacts.delete(contact.contact_id);
    return done('The contact has been deleted.');
  }),
  route('POST', '/contacts/:contact_id/active', (req, state, ctx) =>
    setStatus(state, ctx, req.params.contact_id, 'active'),
  ),
  route('POST', '/contacts/:contact_id/inactive', (req, state, ctx) =>
    setStatus(state, ctx, req.params.contact_id, 'inactive'),
  ),
];
