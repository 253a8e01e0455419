/** Items: CRUD, list filters, active/inactive, upsert by a unique custom field. */
import type { SandboxContext, SandboxRequest } from '../core/types.js';
import { applyCustomFields, checkMandatory } from './custom-fields.js';
import { BooksError, CODE, doesNotExist, invalidParameter, invalidValue, notAllowed } from './errors.js';
import { route } from './route.js';
import type { BooksState, Item } from './state.js';
import { upsertTarget } from './upsert.js';
import {
  bodyObject,
  done,
  formatTime,
  type Json,
  listPage,
  ok,
  onlyKnownKeys,
  optBool,
  optId,
  optNumber,
  optString,
  paging,
  reqString,
  sortOrder,
  sortRows,
  textFilter,
} from './wire.js';

/** Top-level attributes of Books' create/update item request schema (items.yml), plus `unit`. */
const ITEM_KEYS = new Set([
  'name',
  'rate',
  'description',
  'tax_id',
  'locations',
  'purchase_tax_rule_id',
  'sales_tax_rule_id',
  'tax_percentage',
  'sku',
  'product_type',
  'hsn_or_sac',
  'sat_item_key_code',
  'unitkey_code',
  'is_taxable',
  'tax_exemption_id',
  'purchase_tax_exemption_id',
  'account_id',
  'avatax_tax_code',
  'avatax_use_code',
  'item_type',
  'purchase_description',
  'purchase_rate',
  'purchase_account_id',
  'inventory_account_id',
  'vendor_id',
  'reorder_level',
  'item_tax_preferences',
  'custom_fields',
  'unit',
]);

const PRODUCT_TYPES = new Set(['goods', 'service', 'digital_service']);
const ITEM_TYPES = new Set(['sales', 'purchases', 'sales_and_purchases', 'inventory']);

function readItem(body: Json, state: BooksState, ctx: SandboxContext, base?: Item): Item {
  onlyKnownKeys(body, ITEM_KEYS);
  const id = base?.item_id ?? ctx.ids.next('books');
  const now = formatTime(ctx.clock.now());
  const rate = optNumber(body, 'rate');
  if (rate === undefined || rate < 0) throw invalidValue('rate');
  const productType = optString(body, 'product_type') ?? base?.product_type ?? 'goods';
  if (!PRODUCT_TYPES.has(productType)) throw invalidValue('product_type');
  const itemType = optString(body, 'item_type') ?? base?.item_type ?? 'sales';
  if (!ITEM_TYPES.has(itemType)) throw invalidValue('item_type');
  const taxId = body.tax_id === '' ? '' : (optId(body, 'tax_id') ?? base?.tax_id ?? '');
  const tax = taxId ? state.taxes.get(taxId) : undefined;
  if (taxId && !tax) throw invalidValue('tax_id');
  const customFields = applyCustomFields(state, 'items', body.custom_fields, base?.custom_fields ?? [], id);
  checkMandatory(state, 'items', customFields);
  const item: Item = {
    item_id: id,
    name: reqString(body, 'name', 200),
    sku: optString(body, 'sku', 100) ?? base?.sku ?? '',
    description: optString(body, 'description', 2000) ?? base?.description ?? '',
    rate,
    unit: optString(body, 'unit', 50) ?? base?.unit ?? '',
    status: base?.status ?? 'active',
    product_type: productType as Item['product_type'],
    item_type: itemType as Item['item_type'],
    tax_id: tax?.tax_id ?? '',
    tax_name: tax?.tax_name ?? '',
    tax_percentage: tax?.tax_percentage ?? 0,
    is_taxable: optBool(body, 'is_taxable') ?? base?.is_taxable ?? true,
    custom_fields: customFields,
    created_time: base?.created_time ?? now,
    last_modified_time: now,
  };
  const lower = item.name.toLowerCase();
  for (const other of state.items.values()) {
    if (other.item_id !== id && other.name.toLowerCase() === lower) {
      throw new BooksError(400, CODE.duplicateName, `The item "${item.name}" already exists.`);
    }
    if (item.sku && other.item_id !== id && other.sku === item.sku) {
      throw new BooksError(400, CODE.duplicateName, `The SKU "${item.sku}" already exists.`);
    }
  }
  return item;
}

export function itemOr404(state: BooksState, id: string | undefined): Item {
  const item = id ? state.items.get(id) : undefined;
  if (!item) throw doesNotExist('Item');
  return item;
}

/** An item as Books sends it: `tax_percentage` is a string like `"8.25%"` in the items API (items.yml). */
function render(item: Item) {
  return { ...item, tax_percentage: `${item.tax_percentage}%` };
}

function listRow(item: Item) {
  return {
    item_id: item.item_id,
    name: item.name,
    item_name: item.name,
    sku: item.sku,
    status: item.status,
    description: item.description,
    rate: item.rate,
    unit: item.unit,
    tax_id: item.tax_id,
    tax_name: item.tax_name,
    tax_percentage: `${item.tax_percentage}%`,
    product_type: item.product_type,
    item_type: item.item_type,
    is_taxable: item.is_taxable,
    custom_fields: item.custom_fields,
    created_time: item.created_time,
    last_modified_time: item.last_modified_time,
  };
}

const FILTERS: Record<string, (i: Item) => boolean> = {
  'Status.All': () => true,
  'Status.Active': (i) => i.status === 'active',
  'Status.Inactive': (i) => i.status === 'inactive',
  'Status.Sales': (i) => i.item_type !== 'purchases',
  'Status.Services': (i) => i.product_type !== 'goods',
  'Status.Goods': (i) => i.product_type === 'goods',
};

const SORTS: Record<string, (i: Item) => string | number> = {
  name: (i) => i.name.toLowerCase(),
  rate: (i) => i.rate,
  sku: (i) => i.sku,
  created_time: (i) => i.created_time,
  last_modified_time: (i) => i.last_modified_time,
};

function listItems(req: SandboxRequest, state: BooksState) {
  const q = req.query;
  const filterBy = q.get('filter_by') ?? 'Status.All';
  const byStatus = FILTERS[filterBy];
  if (!byStatus) throw invalidParameter('filter_by');
  const sortColumn = q.get('sort_column') ?? 'name';
  const sortKey = SORTS[sortColumn];
  if (!sortKey) throw invalidParameter('sort_column');
  const order = sortOrder(q, 'A');
  const byName = textFilter(q, 'name');
  const byDescription = textFilter(q, 'description');
  const sku = q.get('sku');
  const taxId = q.get('tax_id');
  const search = q.get('search_text')?.toLowerCase();
  const rows = [...state.items.values()].filter((i) => {
    if (!byStatus(i)) return false;
    if (byName && !byName(i.name)) return false;
    if (byDescription && !byDescription(i.description)) return false;
    if (sku !== null && i.sku !== sku) return false;
    if (taxId !== null && i.tax_id !== taxId) return false;
    if (search && !`${i.name}\n${i.sku}\n${i.description}`.toLowerCase().includes(search)) return false;
    return true;
  });
  sortRows(rows, sortKey, order);
  return listPage(
    'items',
    rows,
    paging(q),
    {
      reportName: 'Items',
      appliedFilter: filterBy,
      sortColumn,
      sortOrder: order,
    },
    listRow,
  );
}

function isUsed(state: BooksState, itemId: string): boolean {
  for (const i of state.invoices.values()) if (i.line_items.some((l) => l.item_id === itemId)) return true;
  for (const e of state.estimates.values()) if (e.line_items.some((l) => l.item_id === itemId)) return true;
  return false;
}

function setStatus(state: BooksState, ctx: SandboxContext, id: string | undefined, status: Item['status']) {
  const item = itemOr404(state, id);
  item.status = status;
  item.last_modified_time = formatTime(ctx.clock.now());
  state.items.put(item.item_id, item);
  return done(`The item has been marked as ${status}.`);
}

export const itemRoutes = [
  route('POST', '/items', (req, state, ctx) => {
    const item = readItem(bodyObject(req), state, ctx);
    state.items.put(item.item_id, item);
    return done('The item has been added.', { item: render(item) }, 201);
  }),
  route('GET', '/items', (req, state) => listItems(req, state)),
  route('PUT', '/items', (req, state, ctx) => {
    const body = bodyObject(req);
    const target = upsertTarget(req, state, 'items', body);
    if (target.kind === 'missing') throw doesNotExist('Item');
    if (target.kind === 'create') {
      // items.yml documents 200 alone for this operation, whether it updated or (X-Upsert) created.
      const item = readItem(target.body, state, ctx);
      state.items.put(item.item_id, item);
      return done('The item has been added.', { item: render(item) });
    }
    const item = readItem(body, state, ctx, itemOr404(state, target.id));
    state.items.put(item.item_id, item);
    return done('Item details have been saved.', { item: render(item) });
  }),
  route('GET', '/items/:item_id', (req, state) => ok({ item: render(itemOr404(state, req.params.item_id)) })),
  route('PUT', '/items/:item_id', (req, state, ctx) => {
    const item = readItem(bodyObject(req), state, ctx, itemOr404(state, req.params.item_id));
    state.items.put(item.item_id, item);
    return done('Item details have been saved.', { item: render(item) });
  }),
  route('DELETE', '/items/:item_id', (req, state) => {
    const item = itemOr404(state, req.params.item_id);
    if (isUsed(state, item.item_id)) throw notAllowed('The item cannot be deleted as it is used in transactions.');
    state.items.delete(item.item_id);
    return done('The item has been deleted.');
  }),
  route('POST', '/items/:item_id/active', (req, state, ctx) => setStatus(state, ctx, req.params.item_id, 'active')),
  route('POST', '/items/:item_id/inactive', (req, state, ctx) => setStatus(state, ctx, req.params.item_id, 'inactive')),
];
