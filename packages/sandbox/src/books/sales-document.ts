/** What estimates and invoices share: customer, line items with computed totals, dates, custom fields. */
import type { Collection, SandboxContext, SandboxResponse } from '../core/types.js';
import { contactOr404 } from './contacts.js';
import { applyCustomFields, checkMandatory } from './custom-fields.js';
import { BooksError, CODE, doesNotExist, invalidParameter, invalidValue } from './errors.js';
import { byCustomer, byCustomFieldText } from './indexes.js';
import type { BooksState, CustomFieldModule, LineItem, SalesDocument } from './state.js';
import {
  formatDate,
  formatTime,
  isObject,
  type Json,
  listPage,
  optArray,
  optBool,
  optDate,
  optId,
  optNumber,
  optString,
  paging,
  round2,
  sortOrder,
  sortRows,
  textFilter,
  throughPage,
} from './wire.js';

const LINE_KEYS = new Set([
  'item_id',
  'line_item_id',
  'project_id',
  'time_entry_ids',
  'product_type',
  'hsn_or_sac',
  'sat_item_key_code',
  'unitkey_code',
  'location_id',
  'expense_id',
  'bill_id',
  'bill_item_id',
  'expense_receipt_name',
  'name',
  'description',
  'item_order',
  'bcy_rate',
  'rate',
  'quantity',
  'unit',
  'discount_amount',
  'discount',
  'tags',
  'tax_id',
  'tds_tax_id',
  'tax_name',
  'tax_type',
  'tax_percentage',
  'tax_treatment_code',
  'salesorder_item_id',
  'line_item_category',
]);

function readLine(
  raw: unknown,
  order: number,
  state: BooksState,
  ctx: SandboxContext,
  previous: readonly LineItem[],
): LineItem {
  if (!isObject(raw)) throw invalidValue('line_items');
  for (const key of Object.keys(raw)) if (!LINE_KEYS.has(key)) throw invalidValue(`line_items.${key}`);
  const lineId = optId(raw, 'line_item_id');
  const base = lineId ? previous.find((l) => l.line_item_id === lineId) : undefined;
  if (lineId && !base) throw doesNotExist('Line item');
  const itemId = optId(raw, 'item_id') ?? base?.item_id;
  const item = itemId ? state.items.get(itemId) : undefined;
  if (itemId && !item) throw doesNotExist('Item');
  const name = optString(raw, 'name', 200) ?? base?.name ?? item?.name;
  if (!name) throw invalidValue('line_items.name');
  const rate = optNumber(raw, 'rate') ?? base?.rate ?? item?.rate;
  if (rate === undefined || rate < 0) throw invalidValue('line_items.rate');
  const quantity = optNumber(raw, 'quantity') ?? base?.quantity ?? 1;
  if (quantity <= 0) throw invalidValue('line_items.quantity');
  const discount = optNumber(raw, 'discount') ?? base?.discount ?? 0;
  if (discount < 0 || discount > 100) throw invalidValue('line_items.discount');
  const taxId = raw.tax_id === '' ? '' : (optId(raw, 'tax_id') ?? base?.tax_id ?? item?.tax_id ?? '');
  const tax = taxId ? state.taxes.get(taxId) : undefined;
  if (taxId && !tax) throw invalidValue('line_items.tax_id');
  const gross = rate * quantity;
  if (!Number.isFinite(gross) || gross > 1e15) throw invalidValue('line_items.rate');
  const discountAmount = round2((gross * discount) / 100);
  return {
    line_item_id: base?.line_item_id ?? ctx.ids.next('books'),
    item_id: item?.item_id ?? '',
    name,
    description: optString(raw, 'description', 2000) ?? base?.description ?? item?.description ?? '',
    item_order: order,
    product_type: optString(raw, 'product_type', 20) ?? item?.product_type ?? 'goods',
    rate,
    bcy_rate: rate,
    quantity,
    unit: optString(raw, 'unit', 50) ?? base?.unit ?? item?.unit ?? '',
    discount,
    discount_amount: discountAmount,
    tax_id: tax?.tax_id ?? '',
    tax_name: tax?.tax_name ?? '',
    tax_type: tax ? 'tax' : '',
    tax_percentage: tax?.tax_percentage ?? 0,
    item_total: round2(gross - discountAmount),
    line_item_category: 'line_item',
  };
}

export interface Totals {
  sub_total: number;
  tax_total: number;
  total: number;
  taxes: SalesDocument['taxes'];
}

export function totalsOf(lines: readonly LineItem[], adjustment: number): Totals {
  const byTax = new Map<string, { tax_id: string; tax_name: string; tax_amount: number }>();
  let subTotal = 0;
  for (const line of lines) {
    subTotal += line.item_total;
    if (!line.tax_id) continue;
    const entry = byTax.get(line.tax_id) ?? { tax_id: line.tax_id, tax_name: line.tax_name, tax_amount: 0 };
    entry.tax_amount += (line.item_total * line.tax_percentage) / 100;
    byTax.set(line.tax_id, entry);
  }
  const taxes = [...byTax.values()].map((t) => ({ ...t, tax_amount: round2(t.tax_amount) }));
  const taxTotal = round2(taxes.reduce((sum, t) => sum + t.tax_amount, 0));
  const sub = round2(subTotal);
  return { sub_total: sub, tax_total: taxTotal, total: round2(sub + taxTotal + adjustment), taxes };
}

/** Reads the shared fields of a create (no `base`) or update body; the caller checks its own keys first. */
export function readSalesDocument(
  body: Json,
  module: Extract<CustomFieldModule, 'estimates' | 'invoices'>,
  recordId: string,
  state: BooksState,
  ctx: SandboxContext,
  base?: SalesDocument,
): SalesDocument {
  const now = ctx.clock.now();
  const customerId = optId(body, 'customer_id');
  if (!customerId) throw invalidValue('customer_id');
  const customer = contactOr404(state, customerId);
  if (customer.contact_type !== 'customer') throw invalidValue('customer_id');
  const linesInput = optArray(body, 'line_items', 1000);
  if (!base && (!linesInput || linesInput.length === 0)) throw invalidValue('line_items');
  if (linesInput && linesInput.length === 0) throw invalidValue('line_items');
  const lines = linesInput
    ? linesInput.map((raw, i) => readLine(raw, i + 1, state, ctx, base?.line_items ?? []))
    : (base?.line_items ?? []);
  const adjustment = optNumber(body, 'adjustment') ?? base?.adjustment ?? 0;
  const currencyId = optId(body, 'currency_id') ?? base?.currency_id ?? customer.currency_id;
  const currency = state.currencies.get(currencyId);
  if (!currency) throw invalidValue('currency_id');
  const customFields = applyCustomFields(state, module, body.custom_fields, base?.custom_fields ?? [], recordId);
  checkMandatory(state, module, customFields);
  return {
    customer_id: customer.contact_id,
    customer_name: customer.contact_name,
    currency_id: currency.currency_id,
    currency_code: currency.currency_code,
    exchange_rate: optNumber(body, 'exchange_rate') ?? base?.exchange_rate ?? currency.exchange_rate,
    date: optDate(body, 'date') ?? base?.date ?? formatDate(now),
    reference_number: optString(body, 'reference_number', 100) ?? base?.reference_number ?? '',
    line_items: lines,
    ...totalsOf(lines, adjustment),
    discount: 0,
    adjustment,
    is_inclusive_tax: optBool(body, 'is_inclusive_tax') ?? base?.is_inclusive_tax ?? false,
    price_precision: currency.price_precision,
    salesperson_name: optString(body, 'salesperson_name', 200) ?? base?.salesperson_name ?? '',
    notes: optString(body, 'notes', 5000) ?? base?.notes ?? '',
    terms: optString(body, 'terms', 10000) ?? base?.terms ?? '',
    custom_fields: customFields,
    zcrm_potential_id: base?.zcrm_potential_id ?? '',
    billing_address: base?.billing_address ?? customer.billing_address,
    shipping_address: base?.shipping_address ?? customer.shipping_address,
    created_time: base?.created_time ?? formatTime(now),
    last_modified_time: formatTime(now),
  };
}

/** Today's date, on which a sales document's shown status (expired, overdue) is judged. */
export function today(ctx: SandboxContext): string {
  return formatDate(ctx.clock.now());
}

/** A document number: `<prefix>-<zero-padded n>`; an explicit number must not be taken already. */
export function documentNumber(prefix: string, width: number, n: number): string {
  return `${prefix}-${String(n).padStart(width, '0')}`;
}

/**
 * The number a create or update keeps: the current one, or with `ignore_auto_number_generation=true` the body's
 * `field` (required then); `undefined` means Books assigns the next one. A number another document has is refused.
 */
export function chosenNumber(
  manual: boolean,
  body: Json,
  field: string,
  current: string | undefined,
  label: string,
  takenByOther: (number: string) => boolean,
): string | undefined {
  let number = current;
  if (manual) {
    number = optString(body, field, 100) ?? current;
    if (!number) throw invalidValue(field);
  }
  if (number && takenByOther(number)) {
    throw new BooksError(400, CODE.duplicateName, `${label} number ${number} has already been created.`);
  }
  return number;
}

/** Filters both list endpoints share: dates, customer, reference, CRM potential, last-modified. */
export function commonFilters(q: URLSearchParams): ((d: SalesDocument) => boolean)[] {
  const checks: ((d: SalesDocument) => boolean)[] = [];
  const eq = (name: string, get: (d: SalesDocument) => string) => {
    const v = q.get(name);
    if (v !== null) checks.push((d) => get(d) === v);
  };
  eq('customer_id', (d) => d.customer_id);
  eq('zcrm_potential_id', (d) => d.zcrm_potential_id);
  eq('date', (d) => d.date);
  const ref = q.get('reference_number');
  if (ref !== null) checks.push((d) => d.reference_number.toLowerCase() === ref.toLowerCase());
  const refStart = q.get('reference_number_startswith');
  if (refStart !== null) checks.push((d) => d.reference_number.toLowerCase().startsWith(refStart.toLowerCase()));
  const customerName = q.get('customer_name');
  if (customerName !== null) checks.push((d) => d.customer_name.toLowerCase().includes(customerName.toLowerCase()));
  const start = q.get('date_start') ?? q.get('date_after');
  if (start !== null) checks.push((d) => d.date >= start);
  const end = q.get('date_end') ?? q.get('date_before');
  if (end !== null) checks.push((d) => d.date <= end);
  const modified = q.get('last_modified_time');
  if (modified !== null) checks.push((d) => d.last_modified_time > modified);
  const byCustomField = textFilter(q, 'custom_field');
  if (byCustomField) checks.push((d) => d.custom_fields.some((f) => byCustomField(String(f.value))));
  const itemId = q.get('item_id');
  if (itemId !== null) checks.push((d) => d.line_items.some((l) => l.item_id === itemId));
  return checks;
}

/** What one kind of sales document brings to the shared list endpoint. */
export interface DocumentListKind<D extends SalesDocument> {
  /** The envelope key and `page_context.report_name`. */
  key: string;
  reportName: string;
  /** `filter_by` values to the status each one selects (`all` selects every document). */
  filters: Readonly<Record<string, string>>;
  /** Accepted values of the `status` parameter. */
  statuses: ReadonlySet<string>;
  matchesStatus: (doc: D, status: string, on: string) => boolean;
  sorts: Readonly<Record<string, (doc: D) => string | number>>;
  /** The number field, also the name of its text filter (`<field>`, `_startswith`, `_contains`). */
  numberField: string;
  numberOf: (doc: D) => string;
  /** Filters only this kind accepts, read from the query. */
  extraFilters?: (q: URLSearchParams) => ((doc: D) => boolean)[];
  row: (doc: D, on: string) => unknown;
}

/**
 * The documents a list can match: those an exact `custom_field` or `customer_id` filter names, through the indexes
 * (the filters below still decide), or all of them.
 */
function candidates<D extends SalesDocument>(collection: Collection<D>, q: URLSearchParams): Iterable<D> {
  const customField = q.get('custom_field');
  if (customField !== null) return byCustomFieldText(collection).get(customField.toLowerCase());
  const customer = q.get('customer_id');
  if (customer !== null) return byCustomer(collection).get(customer);
  return collection.values();
}

/** The list endpoint estimates and invoices share: filter_by, status, sort, common filters, number, search, paging. */
export function listDocuments<D extends SalesDocument>(
  kind: DocumentListKind<D>,
  q: URLSearchParams,
  collection: Collection<D>,
  on: string,
  sorted?: (sort: { column: string; key: (row: D) => string | number; order: 'A' | 'D' }) => readonly D[],
): SandboxResponse {
  const filterBy = q.get('filter_by') ?? 'Status.All';
  const wanted = kind.filters[filterBy];
  if (!wanted) throw invalidParameter('filter_by');
  const status = q.get('status');
  if (status !== null && !kind.statuses.has(status)) throw invalidParameter('status');
  const sortColumn = q.get('sort_column') ?? 'created_time';
  const sortKey = kind.sorts[sortColumn];
  if (!sortKey) throw invalidParameter('sort_column');
  const order = sortOrder(q, 'D');
  const checks = commonFilters(q);
  const byNumber = textFilter(q, kind.numberField);
  const extra = kind.extraFilters?.(q) ?? [];
  const search = q.get('search_text')?.toLowerCase();
  const keep = (d: D) => {
    if (wanted !== 'all' && !kind.matchesStatus(d, wanted, on)) return false;
    if (status !== null && !kind.matchesStatus(d, status, on)) return false;
    const number = kind.numberOf(d);
    if (byNumber && !byNumber(number)) return false;
    if (!extra.every((check) => check(d))) return false;
    if (search && !`${number}\n${d.reference_number}\n${d.customer_name}`.toLowerCase().includes(search)) return false;
    return checks.every((check) => check(d));
  };
  const page = paging(q);
  const indexed = q.get('custom_field') !== null || q.get('customer_id') !== null;
  let rows: D[];
  if (sorted !== undefined && !indexed) {
    // The whole collection in the list's order, kept between calls: the page is found without sorting.
    rows = throughPage(sorted({ column: sortColumn, key: sortKey, order }), keep, page);
  } else {
    rows = [...candidates(collection, q)].filter(keep);
    sortRows(rows, sortKey, order);
  }
  return listPage(
    kind.key,
    rows,
    page,
    { reportName: kind.reportName, appliedFilter: filterBy, sortColumn, sortOrder: order },
    (d) => kind.row(d, on),
  );
}
