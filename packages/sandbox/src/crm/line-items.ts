/**
 * The line items of Quotes, Sales Orders and Invoices (`Quoted_Items`, `Ordered_Items`, `Invoiced_Items`): each
 * row a product (`Product_Name: {id}`), a `Quantity`, a `List_Price` (the product's `Unit_Price` when left out) and
 * a `Discount` as an amount; Zoho computes `Total` (quantity × list price), `Total_After_Discount` and `Net_Total`
 * (no taxes here), and the record's `Sub_Total` / `Grand_Total`. An update appends rows without an `id`, changes
 * the rows it names by `id` and removes those it sends with `_delete: null`; rows it leaves out stay, as Zoho's
 * Update Subform Data page has it. Shape: SPEC.md "Quote line items".
 */
import type { SandboxContext } from '../core/types.js';
import { invalidBody, mandatoryMissing } from './errors.js';
import type { FieldDef } from './model.js';
import { recordsOf } from './state.js';
import { recordName, type ValueResult } from './values.js';

/** The line-item subform of each inventory module. */
export const LINE_ITEM_FIELDS: Record<string, string> = {
  Quotes: 'Quoted_Items',
  Sales_Orders: 'Ordered_Items',
  Invoices: 'Invoiced_Items',
};

const LINE_KEYS = new Set(['id', 'Product_Name', 'Quantity', 'List_Price', 'Discount', 'Description']);
/**
 * "Each subform field can have a maximum of 100 subform records in a single record" (Zoho's Subform API page); the
 * line items are a subform ("Quoted_Items - Line item subform", Insert Records page): SPEC.md "Quote line items".
 */
const MAX_ROWS = 100;

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function productId(raw: unknown): string | undefined {
  const id = isObject(raw) ? raw.id : raw;
  return typeof id === 'string' && /^\d+$/.test(id) ? id : undefined;
}

/** One row, checked and with Zoho's computed amounts; an error names the row's JSON path. */
function checkRow(ctx: SandboxContext, field: FieldDef, raw: unknown, at: string, index: number): ValueResult {
  if (!isObject(raw)) return { ok: false, error: invalidBody(field.api_name, at, 'jsonobject') };
  for (const key of Object.keys(raw))
    if (!LINE_KEYS.has(key)) return { ok: false, error: invalidBody(key, `${at}.${key}`) };
  if (raw.Product_Name === undefined)
    return { ok: false, error: mandatoryMissing('Product_Name', `${at}.Product_Name`) };
  const id = productId(raw.Product_Name);
  const product = id === undefined ? undefined : recordsOf(ctx, 'Products').get(id);
  if (id === undefined || product === undefined)
    return { ok: false, error: invalidBody('Product_Name', `${at}.Product_Name`) };
  if (raw.Quantity === undefined) return { ok: false, error: mandatoryMissing('Quantity', `${at}.Quantity`) };
  const quantity = raw.Quantity;
  if (typeof quantity !== 'number' || !(quantity > 0))
    return { ok: false, error: invalidBody('Quantity', `${at}.Quantity`, 'double') };
  const listPrice = raw.List_Price ?? product.Unit_Price ?? 0;
  if (typeof listPrice !== 'number' || listPrice < 0)
    return { ok: false, error: invalidBody('List_Price', `${at}.List_Price`, 'currency') };
  const discount = raw.Discount ?? 0;
  const total = round2(quantity * listPrice);
  if (typeof discount !== 'number' || discount < 0 || discount > total)
    return { ok: false, error: invalidBody('Discount', `${at}.Discount`, 'currency') };
  const afterDiscount = round2(total - discount);
  return {
    ok: true,
    value: {
      id: typeof raw.id === 'string' ? raw.id : `${ctx.ids.next('crm')}`,
      Product_Name: { id, name: recordName(ctx, 'Products', id) ?? id },
      Quantity: quantity,
      List_Price: listPrice,
      Discount: discount,
      Total: total,
      Total_After_Discount: afterDiscount,
      Net_Total: afterDiscount,
      Description: typeof raw.Description === 'string' ? raw.Description : null,
      sequence_number: index + 1,
    },
  };
}

/** The input keys of a stored row, so that an update naming it changes only the keys it sends. */
function storedInput(row: Record<string, unknown>): Record<string, unknown> {
  const { id, Product_Name, Quantity, List_Price, Discount, Description } = row;
  return { id, Product_Name, Quantity, List_Price, Discount, Description };
}

/**
 * A line-item subform's value, checked row by row. On create the rows are the value. On update (`existing`: the
 * record's stored rows) a row without `id` is appended, a row with a stored row's `id` changes that row (or removes it
 * with `_delete: null`), and stored rows the body leaves out are kept. Empty, or more than 100 rows in the end: refused.
 */
export function checkLineItems(
  ctx: SandboxContext,
  field: FieldDef,
  raw: unknown,
  path: string,
  existing?: unknown,
): ValueResult {
  if (!Array.isArray(raw)) return { ok: false, error: invalidBody(field.api_name, path, 'jsonarray') };
  if (raw.length === 0) return { ok: false, error: mandatoryMissing(field.api_name, path) };
  const stored = new Map<string, Record<string, unknown>>();
  if (Array.isArray(existing)) for (const row of existing) if (isObject(row)) stored.set(String(row.id), row);
  const updating = existing !== undefined;
  const inputs: { row: unknown; at: string }[] = [...stored.values()].map((row) => ({ row: storedInput(row), at: '' }));
  for (const [i, row] of raw.entries()) {
    const at = `${path}[${i}]`;
    const id = updating && isObject(row) ? row.id : undefined;
    if (id === undefined) {
      if (isObject(row) && '_delete' in row) return { ok: false, error: mandatoryMissing('id', `${at}.id`) };
      inputs.push({ row, at });
      continue;
    }
    const slot = inputs.findIndex((x) => isObject(x.row) && x.row.id === id);
    if (slot < 0) return { ok: false, error: invalidBody('id', `${at}.id`) };
    const { _delete, ...changes } = row as Record<string, unknown>;
    if (_delete === null) inputs.splice(slot, 1);
    else if ('_delete' in row) return { ok: false, error: invalidBody('_delete', `${at}._delete`) };
    else inputs[slot] = { row: { ...(inputs[slot]?.row as Record<string, unknown>), ...changes }, at };
  }
  if (inputs.length === 0) return { ok: false, error: mandatoryMissing(field.api_name, path) };
  if (inputs.length > MAX_ROWS) return { ok: false, error: invalidBody(field.api_name, path) };
  const rows: unknown[] = [];
  for (const [i, { row, at }] of inputs.entries()) {
    const checked = checkRow(ctx, field, row, at || `${path}[${i}]`, i);
    if (!checked.ok) return checked;
    rows.push(checked.value);
  }
  return { ok: true, value: rows };
}

/** The record's totals from its rows (read-only fields Zoho computes). */
export function lineTotals(rows: unknown): { Sub_Total: number; Grand_Total: number } | undefined {
  if (!Array.isArray(rows)) return undefined;
  let sum = 0;
  for (const row of rows) if (isObject(row) && typeof row.Net_Total === 'number') sum += row.Net_Total;
  return { Sub_Total: round2(sum), Grand_Total: round2(sum) };
}
