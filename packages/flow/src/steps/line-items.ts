/**
 * Books line items from the deal's products: each matched to a Books item (by SKU or name), created when the model
 * allows it. When it does not, a product without its Books item holds the handoff back before anything is written
 * (a line without `item_id` is one Books refuses), named in the blocked reason and the owner's task.
 */
import type { ResolvedHandoff, ResolvedStep } from '@zlc/model';
import type { BooksItem, ZohoClients } from '@zlc/zoho';
import { buildPayload } from '../evaluate/build-payload.js';
import { readSource } from '../evaluate/read-source.js';
import { type EvalScope, isRec, type Rec } from '../evaluate/snapshot.js';

type LineItems = NonNullable<ResolvedStep['lineItems']>;

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

/** The Books item with that SKU or name, asked once per run (the answer is kept in the scope). */
async function findItem(
  clients: ZohoClients,
  scope: EvalScope,
  by: 'name' | 'sku',
  value: string,
): Promise<BooksItem | undefined> {
  scope.booksItems ??= new Map();
  const cacheKey = `${by}:${value}`;
  const known = scope.booksItems.get(cacheKey);
  if (known !== undefined) return known === null ? undefined : (known as BooksItem);
  let found: BooksItem | undefined;
  if (by === 'name') found = await clients.books.items.findByNaturalKey(value);
  else
    for await (const item of clients.books.items.list({ sku: value }))
      if (item.sku === value) {
        found = item;
        break;
      }
  scope.booksItems.set(cacheKey, found ?? null);
  return found;
}

/**
 * What the handoff's line items lack before it may run: per product with no Books item (where the model does not
 * let zlc create items), a sentence naming it. Reads only.
 */
export async function missingBooksItems(
  clients: ZohoClients,
  handoff: ResolvedHandoff,
  scope: EvalScope,
): Promise<string[]> {
  const missing: string[] = [];
  for (const step of handoff.steps) {
    const spec = step.lineItems;
    if (spec === undefined || spec.createMissingItems) continue;
    for (const { product, key } of productLines(spec, scope)) {
      const name = String(product.Product_Name ?? product.name ?? product.id ?? 'a product');
      if (key === undefined) missing.push(`a ${spec.itemMatch === 'sku' ? 'Product_Code' : 'name'} on ${name}`);
      else if ((await findItem(clients, scope, spec.itemMatch, key)) === undefined)
        missing.push(`a Books item with ${spec.itemMatch === 'sku' ? 'SKU' : 'name'} ${key} (for ${name})`);
    }
  }
  return missing;
}

export async function buildLineItems(clients: ZohoClients, spec: LineItems, scope: EvalScope): Promise<Rec[]> {
  const lines: Rec[] = [];
  for (const { line, key } of productLines(spec, scope)) {
    let item = key === undefined ? undefined : await findItem(clients, scope, spec.itemMatch, key);
    if (item === undefined && spec.createMissingItems && typeof line.name === 'string') {
      item = await clients.books.items.createOnce({
        name: line.name,
        rate: typeof line.rate === 'number' ? line.rate : 0,
        ...(spec.itemMatch === 'sku' && key !== undefined ? { sku: key } : {}),
        ...(typeof line.description === 'string' ? { description: line.description } : {}),
        product_type: 'service',
      });
    }
    if (item !== undefined) line.item_id = item.item_id;
    if (line.quantity === undefined) line.quantity = 1;
    if (line.rate === undefined && item?.rate !== undefined) line.rate = item.rate;
    lines.push(line);
  }
  return lines;
}
