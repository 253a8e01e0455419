/**
 * Secondary indexes of the Books collections (`Collection.index`): the lookups a handoff makes on every deal (a
 * contact by CRM link, a document by custom field, a customer's invoices) cost what they find, not the size of the
 * org. Each name stands for one key function; the answers are candidates that the callers still filter.
 */
import type { Collection, CollectionIndex } from '../core/types.js';
import type { Contact, CustomFieldValue } from './state.js';

/** A Books document with custom field values (contacts, items, estimates, invoices, payments). */
export interface HasCustomFields {
  custom_fields: readonly CustomFieldValue[];
}

/** The key of one custom field value, as `findByCustomField` compares it. */
export const customFieldKey = (customfieldId: string, value: unknown): string =>
  `${customfieldId}\u0000${String(value)}`;

/** Documents by each custom field's id and value. */
export function byCustomField<T extends HasCustomFields>(collection: Collection<T>): CollectionIndex<T> {
  return collection.index('custom_field', (d) => d.custom_fields.map((v) => customFieldKey(v.customfield_id, v.value)));
}

/** Documents by any custom field's value, lowercased (the `custom_field` list filter's exact form). */
export function byCustomFieldText<T extends HasCustomFields>(collection: Collection<T>): CollectionIndex<T> {
  return collection.index('custom_field_text', (d) => d.custom_fields.map((v) => String(v.value).toLowerCase()));
}

/** Invoices, estimates or payments by their customer. */
export function byCustomer<T extends { customer_id: string }>(collection: Collection<T>): CollectionIndex<T> {
  return collection.index('customer_id', (d) => [d.customer_id]);
}

export const CONTACT_LINKS = ['zcrm_account_id', 'zcrm_contact_id', 'zcrm_vendor_id'] as const;

/** Contacts by each CRM link they carry (`zcrm_account_id=<id>` …). */
export function byCrmLink(contacts: Collection<Contact>): CollectionIndex<Contact> {
  return contacts.index('crm_link', (c) =>
    CONTACT_LINKS.filter((k) => typeof c[k] === 'string' && c[k] !== '').map((k) => `${k}=${c[k]}`),
  );
}
