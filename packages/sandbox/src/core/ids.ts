/**
 * Ids in Zoho's style: long numeric strings with a fixed org-like prefix and a growing counter
 * (CRM 19 digits like `5725767000000524157`, Books 18 like `460000000038029…`, Desk 18 like `1892000000042001…`).
 * The counters live in the store, so ids stay unique across restarts.
 */
import type { Ids, Product, Store } from './types.js';

interface Counter {
  /** Every id up to this counter value may have been handed out; a restart continues above it. */
  value: number;
}

const SHAPES: Record<Product, { prefix: string; digits: number; start: number }> = {
  crm: { prefix: '5725767', digits: 19, start: 524_157 },
  books: { prefix: '460000', digits: 18, start: 38_029 },
  desk: { prefix: '1892000', digits: 18, start: 42_001 },
};

export const IDS_COLLECTION = 'sandbox:ids';
/** Zoho's ids grow in uneven steps; a fixed step keeps them deterministic and still not consecutive. */
const STEP = 3;
/** Counter values reserved per store write, so that a large seed does not write the counter once per id. */
const BLOCK = 3_000;

export function createIds(store: Store): Ids {
  const counters = store.collection<Counter>(IDS_COLLECTION);
  const last: Partial<Record<Product, number>> = {};
  return {
    next(product: Product): string {
      const shape = SHAPES[product];
      const reserved = counters.get(product)?.value ?? shape.start;
      const value = (last[product] ?? reserved) + STEP;
      // Also true after a rolled-back transaction took the stored reservation back with it.
      if (value > reserved) counters.put(product, { value: value + BLOCK });
      last[product] = value;
      const counter = String(value).padStart(shape.digits - shape.prefix.length, '0');
      return `${shape.prefix}${counter}`;
    },
  };
}
