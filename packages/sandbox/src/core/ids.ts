/**
 * Ids in Zoho's style: long numeric strings with a fixed org-like prefix and a growing counter
 * (CRM 19 digits like `5725767000000524157`, Books 18 like `460000000038029…`, Desk 18 like `1892000000042001…`).
 * The counters live in the store, so ids stay unique across restarts.
 */
import type { Ids, Product, Store } from './types.js';

interface Counter {
  value: number;
}

const SHAPES: Record<Product, { prefix: string; digits: number; start: number }> = {
  crm: { prefix: '5725767', digits: 19, start: 524_157 },
  books: { prefix: '460000', digits: 18, start: 38_029 },
  desk: { prefix: '1892000', digits: 18, start: 42_001 },
};

export const IDS_COLLECTION = 'sandbox:ids';

export function createIds(store: Store): Ids {
  const counters = store.collection<Counter>(IDS_COLLECTION);
  return {
    next(product: Product): string {
      const shape = SHAPES[product];
      const current = counters.get(product)?.value ?? shape.start;
      // Zoho's ids grow in uneven steps; a fixed step keeps them deterministic and still not consecutive.
      const value = current + 3;
      counters.put(product, { value });
      const counter = String(value).padStart(shape.digits - shape.prefix.length, '0');
      return `${shape.prefix}${counter}`;
    },
  };
}
