/** The Books records as the sandbox stores them (the wire shape Books returns on GET) and their collections. */
import type { Collection, SandboxContext } from '../core/types.js';

export type CustomFieldModule = 'contacts' | 'items' | 'estimates' | 'invoices' | 'customerpayments';
export type CustomFieldType =
  | 'string'
  | 'multiline'
  | 'email'
  | 'url'
  | 'phone'
  | 'number'
  | 'decimal'
  | 'amount'
  | 'percent'
  | 'date'
  | 'check_box'
  | 'dropdown';
export type CustomFieldValueType = string | number | boolean;

export interface CustomFieldDef {
  customfield_id: string;
  module: CustomFieldModule;
  index: number;
  label: string;
  api_name: string;
  data_type: CustomFieldType;
  is_active: boolean;
  is_mandatory: boolean;
  /** "Prevent duplicate values": required for `X-Unique-Identifier-Key` upserts. */
  is_unique: boolean;
  /** Options of a dropdown field. */
  values: string[];
  show_on_pdf: boolean;
}

export interface CustomFieldValue {
  customfield_id: string;
  index: number;
  label: string;
  api_name: string;
  data_type: CustomFieldType;
  show_on_pdf: boolean;
  value: CustomFieldValueType;
  value_formatted: string;
}

export interface Organization {
  organization_id: string;
  name: string;
  contact_name: string;
  email: string;
  is_default_org: boolean;
  plan_type: number;
  plan_name: string;
  plan_period: string;
  language_code: string;
  fiscal_year_start_month: number;
  account_created_date: string;
  time_zone: string;
  date_format: string;
  is_org_active: boolean;
  currency_id: string;
  currency_code: string;
  currency_symbol: string;
  currency_format: string;
  price_precision: number;
  industry_type: string;
  address: {
    street_address1: string;
    street_address2: string;
    city: string;
    state: string;
    country: string;
    zip: string;
  };
}

export interface Currency {
  currency_id: string;
  currency_code: string;
  currency_name: string;
  currency_symbol: string;
  price_precision: number;
  currency_format: string;
  is_base_currency: boolean;
  exchange_rate: number;
  effective_date: string;
}

export interface Tax {
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
  tax_type: string;
  tax_specific_type: string;
  is_value_added: boolean;
  is_default_tax: boolean;
  is_editable: boolean;
}

export interface Address {
  attention: string;
  address: string;
  street2: string;
  state_code: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  fax: string;
  phone: string;
}

export interface ContactPerson {
  contact_person_id: string;
  contact_id: string;
  salutation: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  mobile: string;
  designation: string;
  department: string;
  skype: string;
  is_primary_contact: boolean;
  enable_portal: boolean;
  communication_preference: { is_sms_enabled: boolean; is_whatsapp_enabled: boolean };
  created_time: string;
  last_modified_time: string;
}

export interface Contact {
  contact_id: string;
  contact_name: string;
  company_name: string;
  contact_type: 'customer' | 'vendor';
  customer_sub_type: string;
  status: 'active' | 'inactive';
  website: string;
  language_code: string;
  is_linked_with_zohocrm: boolean;
  zcrm_account_id: string;
  zcrm_contact_id: string;
  zcrm_vendor_id: string;
  primary_contact_id: string;
  payment_terms: number;
  payment_terms_label: string;
  currency_id: string;
  currency_code: string;
  currency_symbol: string;
  credit_limit: number;
  outstanding_receivable_amount: number;
  unused_credits_receivable_amount: number;
  billing_address: Address;
  shipping_address: Address;
  contact_persons: ContactPerson[];
  custom_fields: CustomFieldValue[];
  notes: string;
  has_transaction: boolean;
  created_time: string;
  last_modified_time: string;
}

export interface Item {
  item_id: string;
  name: string;
  sku: string;
  description: string;
  rate: number;
  unit: string;
  status: 'active' | 'inactive';
  product_type: 'goods' | 'service' | 'digital_service';
  item_type: 'sales' | 'purchases' | 'sales_and_purchases' | 'inventory';
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
  is_taxable: boolean;
  custom_fields: CustomFieldValue[];
  created_time: string;
  last_modified_time: string;
}

export interface LineItem {
  line_item_id: string;
  item_id: string;
  name: string;
  description: string;
  item_order: number;
  product_type: string;
  rate: number;
  bcy_rate: number;
  quantity: number;
  unit: string;
  discount: number;
  discount_amount: number;
  tax_id: string;
  tax_name: string;
  tax_type: string;
  tax_percentage: number;
  item_total: number;
  line_item_category: string;
}

/** Fields estimates and invoices share (customer, lines, totals, custom fields). */
export interface SalesDocument {
  customer_id: string;
  customer_name: string;
  currency_id: string;
  currency_code: string;
  exchange_rate: number;
  date: string;
  reference_number: string;
  line_items: LineItem[];
  sub_total: number;
  tax_total: number;
  total: number;
  taxes: { tax_id: string; tax_name: string; tax_amount: number }[];
  discount: number;
  adjustment: number;
  is_inclusive_tax: boolean;
  price_precision: number;
  salesperson_name: string;
  notes: string;
  terms: string;
  custom_fields: CustomFieldValue[];
  zcrm_potential_id: string;
  billing_address: Address;
  shipping_address: Address;
  created_time: string;
  last_modified_time: string;
}

export type EstimateStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'invoiced' | 'expired';

export interface Estimate extends SalesDocument {
  estimate_id: string;
  estimate_number: string;
  expiry_date: string;
  status: EstimateStatus;
  is_emailed: boolean;
  accepted_date: string;
  declined_date: string;
}

/** The stored status; `overdue` and `partially_paid` are derived on read from balance and due date. */
export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'void' | 'overdue' | 'partially_paid';

export interface Invoice extends SalesDocument {
  invoice_id: string;
  invoice_number: string;
  due_date: string;
  payment_terms: number;
  payment_terms_label: string;
  status: InvoiceStatus;
  balance: number;
  payment_made: number;
  credits_applied: number;
  write_off_amount: number;
  last_payment_date: string;
  invoiced_estimate_id: string;
  is_emailed: boolean;
  is_viewed_by_client: boolean;
  allow_partial_payments: boolean;
}

export interface PaymentInvoice {
  invoice_id: string;
  invoice_number: string;
  date: string;
  invoice_amount: number;
  amount_applied: number;
  balance_amount: number;
}

export interface Payment {
  payment_id: string;
  payment_number: string;
  customer_id: string;
  customer_name: string;
  payment_mode: string;
  amount: number;
  unused_amount: number;
  bank_charges: number;
  date: string;
  reference_number: string;
  description: string;
  currency_id: string;
  currency_code: string;
  exchange_rate: number;
  invoices: PaymentInvoice[];
  custom_fields: CustomFieldValue[];
  created_time: string;
  last_modified_time: string;
}

export interface Counter {
  next: number;
}

/** A Books user as [B:users] lists it. */
export interface BooksUser {
  user_id: string;
  role_id: string;
  name: string;
  email: string;
  user_role: string;
  status: string;
  is_current_user: boolean;
  photo_url: string;
  is_customer_segmented: boolean;
  is_vendor_segmented: boolean;
  user_type: string;
}

export interface BooksState {
  organizations: Collection<Organization>;
  users: Collection<BooksUser>;
  currencies: Collection<Currency>;
  taxes: Collection<Tax>;
  customFields: Collection<CustomFieldDef>;
  contacts: Collection<Contact>;
  items: Collection<Item>;
  estimates: Collection<Estimate>;
  invoices: Collection<Invoice>;
  payments: Collection<Payment>;
  counters: Collection<Counter>;
}

/**
 * The collections, each opened on first use: opening one reads all its documents from disk, and a request that
 * needs only the org must not load the large org's invoices (seconds on a reopened data dir).
 */
export function booksState(ctx: SandboxContext): BooksState {
  const s = ctx.store;
  return {
    get organizations() {
      return s.collection<Organization>('books:organizations');
    },
    get currencies() {
      return s.collection<Currency>('books:currencies');
    },
    get users() {
      return s.collection<BooksUser>('books:users');
    },
    get taxes() {
      return s.collection<Tax>('books:taxes');
    },
    get customFields() {
      return s.collection<CustomFieldDef>('books:customfields');
    },
    get contacts() {
      return s.collection<Contact>('books:contacts');
    },
    get items() {
      return s.collection<Item>('books:items');
    },
    get estimates() {
      return s.collection<Estimate>('books:estimates');
    },
    get invoices() {
      return s.collection<Invoice>('books:invoices');
    },
    get payments() {
      return s.collection<Payment>('books:customerpayments');
    },
    get counters() {
      return s.collection<Counter>('books:counters');
    },
  };
}

/** The next value of a named sequence (auto numbers), starting at 1. */
export function nextSequence(state: BooksState, name: string): number {
  const n = state.counters.get(name)?.next ?? 1;
  state.counters.put(name, { next: n + 1 });
  return n;
}

/** The org's base currency (every seed has one). */
export function baseCurrency(state: BooksState): Currency {
  for (const c of state.currencies.values()) if (c.is_base_currency) return c;
  throw new Error('Books seed has no base currency');
}

export function emptyAddress(): Address {
  return {
    attention: '',
    address: '',
    street2: '',
    state_code: '',
    city: '',
    state: '',
    zip: '',
    country: '',
    fax: '',
    phone: '',
  };
}
