/**
 * Books line items from the deal's product lines: each matched to a Books item (by SKU or name), created when the
 * model allows it. The lookups happen first (`lookupItems`, with a cache the worker keeps across runs, since Books
 * items change rarely and a backfill asks for the same few again and again); building the lines is pure. A product
 * without its Books item (where the model lets zlc create none) holds the handoff back before anything is written (a
 * line without `item_id` is one Books refuses), and so do lines that differ from the deal amount when the model says
 * `when_total_differs: block`.
 */
import type { ResolvedHandoff, ResolvedStep } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { buildPayload } from '../evaluate/build-payload.js';
import { readSource } from '../evaluate/read-source.js';
import { type EvalScope, isRec, type Rec } from '../evaluate/snapshot.js';
import { booksItems } from './targets.js';

type LineItems = NonNullable<ResolvedStep['lineItems']>;

/** Books items by `sku:<code>` / `name:<name>`: an item, or `null` for none. */
export type ItemLookups = Map<string, Rec | null>;

/** Found Books items a worker keeps across runs (absent ones are asked again: finance may add them any time). */
export type ItemCache = Map<string, Rec>;

interface ProductLine {
  product: Rec;
  line: Rec;
  /** The SKU or name the Books item is matched by. */
  key: string | undefined;
}

function productLines(spec: LineItems, scope: EvalScope): ProductLine[] {
  const list = readSource(spec.from, scope);
  const products = Array.isArray(list) ? list.filter(isRec) : [];
  return products.map((product) => {
    const line = buildPayload('books', spec.mappings, { ...scope, item: product });
    const raw =
      spec.itemMatch === 'sku'
        ? (product.Product_Code ?? product.sku)
        : (line.name ?? product.Product_Name ?? product.name);
    return { product, line, key: typeof raw === 'string' && raw !== '' ? raw : undefined };
  });
}

function cacheKey(spec: LineItems, key: string): string {
  return `${spec.itemMatch}:${key}`;
}

/** Looks up, once each, the Books items every line-item step of the handoff needs. Reads only. */
export async function lookupItems(
  clients: ZohoClients,
  handoff: ResolvedHandoff,
  scope: EvalScope,
  cache: ItemCache,
): Promise<ItemLookups> {
  const found: ItemLookups = new Map();
  const adapter = booksItems(clients);
  for (const step of handoff.steps) {
    const spec = step.lineItems;
    if (spec === undefined) continue;
    for (const { key } of productLines(spec, scope)) {
      if (key === undefined) continue;
      const k = cacheKey(spec, key);
      if (found.has(k)) continue;
      const item = cache.get(k) ?? (await adapter.find(spec.itemMatch, key));
      if (item !== undefined) cache.set(k, item);
      found.set(k, item ?? null);
    }
  }
  return found;
}

/**
 * What the handoff's line items lack before it may run: per product with no Books item (where the model does not
 * let zlc create items), a sentence naming it. Pure: the items were looked up before.
 */
export function missingBooksItems(handoff: ResolvedHandoff, scope: EvalScope, items: ItemLookups): string[] {
  const missing: string[] = [];
  for (const step of handoff.steps) {
    const spec = step.lineItems;
    if (spec === undefined || spec.createMissingItems) continue;
    for (const { product, key } of productLines(spec, scope)) {
      const name = String(product.Product_Name ?? product.name ?? product.id ?? 'a product');
      if (key === undefined) missing.push(`a ${spec.itemMatch === 'sku' ? 'Product_Code' : 'name'} on ${name}`);
      else if (!isRec(items.get(cacheKey(spec, key))))
        missing.push(`a Books item with ${spec.itemMatch === 'sku' ? 'SKU' : 'name'} ${key} (for ${name})`);
    }
  }
  return missing;
}

/** Creates, through the items adapter, the Books items a step may create and does not find. */
export async function createMissingItems(
  clients: ZohoClients,
  spec: LineItems,
  scope: EvalScope,
  items: ItemLookups,
  cache: ItemCache,
): Promise<void> {
  if (!spec.createMissingItems) return;
  const adapter = booksItems(clients);
  for (const { line, key } of productLines(spec, scope)) {
    const k = key === undefined ? undefined : cacheKey(spec, key);
    if ((k !== undefined && isRec(items.get(k))) || typeof line.name !== 'string') continue;
    const item = await adapter.create({
      name: line.name,
      rate: typeof line.rate === 'number' ? line.rate : 0,
      ...(spec.itemMatch === 'sku' && key !== undefined ? { sku: key } : {}),
      ...(typeof line.description === 'string' ? { description: line.description } : {}),
      product_type: 'service',
    });
    items.set(k ?? cacheKey(spec, line.name), item);
    cache.set(k ?? cacheKey(spec, line.name), item);
  }
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The Books lines, pure. CRM line items carry the discount as an amount; Books takes a line's `discount` as a
 * percentage of quantity × rate (invoices.yml: "a percentage or a flat amount"; the sandbox SPEC's line items), so
 * the amount becomes the percentage that gives it back.
 */
export function buildLineItems(spec: LineItems, scope: EvalScope, items: ItemLookups): Rec[] {
  return productLines(spec, scope).map(({ line, key }) => {
    const item = items.get(cacheKey(spec, key ?? (typeof line.name === 'string' ? line.name : '')));
    if (isRec(item) && typeof item.item_id === 'string') line.item_id = item.item_id;
    if (line.quantity === undefined) line.quantity = 1;
    if (line.rate === undefined && isRec(item) && typeof item.rate === 'number') line.rate = item.rate;
    const gross = num(line.quantity) * num(line.rate);
    const discount = num(line.discount);
    if (discount === 0 || gross === 0) delete line.discount;
    else line.discount = Math.min(100, (discount / gross) * 100);
    return line;
  });
}

/** What the lines add up to (quantity × rate less the discount), as Books computes each line's total. */
export function linesTotal(lines: readonly Rec[]): number {
  let sum = 0;
  for (const line of lines) {
    const gross = num(line.quantity) * num(line.rate);
    sum += gross - round2((gross * num(line.discount)) / 100);
  }
  return round2(sum);
}

export interface TotalCheck {
  expected: number;
  actual: number;
  difference: number;
}

/** The lines against the model's `total` (`deal.Amount`); undefined when there is no total or they agree. Pure. */
export function totalDifference(spec: LineItems, scope: EvalScope, lines: readonly Rec[]): TotalCheck | undefined {
  if (spec.total === undefined) return undefined;
  const raw = readSource(spec.total.source, scope);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const expected = round2(num(raw));
  const actual = linesTotal(lines);
  const difference = round2(expected - actual);
  return difference === 0 ? undefined : { expected, actual, difference };
}

/** The sentence a blocked run and the finance task show for lines that differ from the deal amount. */
export function differenceSentence(spec: LineItems, check: TotalCheck): string {
  const path = spec.total?.source.path ?? 'the total';
  return `invoice lines that add up to ${path} (${check.expected.toFixed(2)}): they add up to ${check.actual.toFixed(2)}, a difference of ${check.difference.toFixed(2)}`;
}

/** Line-item steps whose lines differ from their total where the model says block: one sentence each. Pure. */
export function blockingDifferences(handoff: ResolvedHandoff, scope: EvalScope, items: ItemLookups): string[] {
  const out: string[] = [];
  for (const step of handoff.steps) {
    const spec = step.lineItems;
    if (spec?.total?.whenDiffers !== 'block') continue;
    const check = totalDifference(spec, scope, buildLineItems(spec, scope, items));
    if (check !== undefined) out.push(differenceSentence(spec, check));
  }
  return out;
}
