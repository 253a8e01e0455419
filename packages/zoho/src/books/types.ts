/**
 * Books v3 shapes, written from `../shared/specs/books/*.yml`. Ids are strings (Books sends long numeric ids).
 * Only the properties zlc relies on are named; the rest stays under the index signature.
 */

export interface BooksOrganization {
  [key: string]: unknown;
  organization_id: string;
  name: string;
  is_default_org?: boolean;
  currency_code?: string;
  time_zone?: string;
}

/** A custom field value on a record: `{customfield_id|index|api_name|label, value}` per the OAS and clients. */
export interface BooksCustomFieldValue {
  customfield_id?: string;
  index?: number;
  api_name?: string;
  label?: string;
  value: unknown;
}

export interface BooksContactPersonInput {
  [key: string]: unknown;
  first_name: string;
  last_name?: string;
  email?: string;
  phone?: string;
  is_primary_contact?: boolean;
}

export interface BooksContactPerson extends BooksContactPersonInput {
  contact_person_id: string;
  contact_id?: string;
}

export interface BooksContactInput {
  [key: string]: unknown;
  contact_name: string;
  company_name?: string;
  contact_type?: 'customer' | 'vendor';
  contact_persons?: BooksContactPersonInput[];
  custom_fields?: BooksCustomFieldValue[];
  currency_id?: string;
  payment_terms?: number;
  notes?: string;
}

export interface BooksContact {
  [key: string]: unknown;
  contact_id: string;
  contact_name: string;
  company_name?: string;
  status?: string;
  primary_contact_id?: string;
  zcrm_account_id?: string;
  custom_fields?: BooksCustomFieldValue[];
}

export interface BooksItemInput {
  [key: string]: unknown;
  name: string;
  rate: number;
  sku?: string;
  description?: string;
  product_type?: 'goods' | 'service' | 'digital_service';
  tax_id?: string;
}

export interface BooksItem {
  [key: string]: unknown;
  item_id: string;
  name: string;
  rate?: number;
  sku?: string;
  status?: string;
}

export interface BooksLineItem {
  [key: string]: unknown;
  item_id?: string;
  name?: string;
  rate?: number;
  quantity?: number;
  tax_id?: string;
}

export interface BooksSalesDocumentInput {
  [key: string]: unknown;
  customer_id: string;
  line_items: BooksLineItem[];
  reference_number?: string;
  date?: string;
  custom_fields?: BooksCustomFieldValue[];
}

export interface BooksEstimate {
  [key: string]: unknown;
  estimate_id: string;
  estimate_number?: string;
  customer_id?: string;
  reference_number?: string;
  status?: string;
  total?: number;
}

export interface BooksInvoice {
  [key: string]: unknown;
  invoice_id: string;
  invoice_number?: string;
  customer_id?: string;
  reference_number?: string;
  status?: string;
  total?: number;
  balance?: number;
}

export interface BooksPaymentInput {
  [key: string]: unknown;
  customer_id: string;
  payment_mode: string;
  amount: number;
  date: string;
  reference_number?: string;
  invoices: { invoice_id: string; amount_applied: number }[];
}

export interface BooksPayment {
  [key: string]: unknown;
  payment_id: string;
  customer_id?: string;
  amount?: number;
  reference_number?: string;
}

/** A currency of the org with the rate Books holds: base-currency units per unit ([B:currency]). */
export interface BooksCurrency {
  [key: string]: unknown;
  currency_id: string;
  currency_code: string;
  exchange_rate?: number;
  is_base_currency?: boolean;
}

/** A user of the Books org ([B:users]). */
export interface BooksUser {
  [key: string]: unknown;
  user_id: string;
  name?: string;
  email?: string;
  user_role?: string;
  status?: string;
}

export interface BooksTax {
  [key: string]: unknown;
  tax_id: string;
  tax_name: string;
  tax_percentage?: number;
}

export interface BooksCustomField {
  [key: string]: unknown;
  customfield_id?: string;
  label?: string;
  api_name?: string;
  data_type?: string;
  /** Books' "Prevent Duplicate Values". */
  is_unique?: boolean;
}

/**
 * A Books webhook as `GET /settings/webhooks` lists it. The fields are those of the documented create call
 * ([Books API: webhooks]); the list call itself is not on the part of that page zlc relies on (unverified).
 */
export interface BooksWebhook {
  [key: string]: unknown;
  webhook_id: string;
  webhook_name: string;
  entity?: string;
  method?: string;
  url?: string;
  headers?: { param_name?: unknown; param_value?: unknown }[];
}

/** A unique custom field that identifies a record for Books' upsert (`X-Unique-Identifier-Key`). */
export interface BooksUniqueKey {
  /** The custom field's API name, e.g. `cf_crm_deal_id`. */
  key: string;
  value: string;
}
