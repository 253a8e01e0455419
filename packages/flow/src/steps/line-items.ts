/** Books line items from the deal's products: each matched to a Books item (by SKU or name), created when allowed. */
import type { ResolvedStep } from '@zlc/model';
import type { BooksItem, ZohoClients } from '@zlc/zoho';
import { buildPayload } from '../evaluate/build-payload.js';
import { readSource } from '../evaluate/read-source.js';
import { type EvalScope, isRec, type Rec } from '../evaluate/snapshot.js';

type LineItems = NonNullable<ResolvedStep['lineItems']>;

async function findItem(clients: ZohoClients, by: 'name' | 'sku', value: string): Promise<BooksItem | undefined> {
  if (by === 'name') return clients.books.items.findByNaturalKey(value);
  for await (const item of clients.books.items.list({ sku: value })) if (item.sku === value) return item;
  return undefined;
}

export async function buildLineItems(clients: ZohoClients, spec: LineItems, scope: EvalScope): Promise<Rec[]> {
  const list = readSource(spec.from, scope);
  const products = Array.isArray(list) ? list.filter(isRec) : [];
  const lines: Rec[] = [];
  for (const product of products) {
    const line = buildPayload('books', spec.mappings, { ...scope, item: product });
    const key =
      spec.itemMatch === 'sku'
        ? (product.Product_Code ?? product.sku)
        : (line.name ?? product.Product_Name ?? product.name);
    let item = typeof key === 'string' && key !== '' ? await findItem(clients, spec.itemMatch, key) : undefined;
    if (item === undefined && spec.createMissingItems && typeof line.name === 'string') {
      item = await clients.books.items.createOnce({
        name: line.name,
        rate: typeof line.rate === 'number' ? line.rate : 0,
        ...(spec.itemMatch === 'sku' && typeof key === 'string' ? { sku: key } : {}),
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
