/** `books_item`: a Books item that a mapping names literally (a line item of a fixed product). */
import type { ResolvedModel } from '@zlc/model';
import type { BooksItem } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, type ResourceDef } from '../resource-def.js';
import { type BooksItemAttributes, booksItemCodec } from './attributes.js';
import { booksItemExecutor } from './executor.js';

export type { BooksItemAttributes } from './attributes.js';

export function booksItemAddress(name: string): string {
  return addressOf('books_item', name);
}

/** Item names (and literal rates) from line-item mappings with a literal `name`. */
export function referencedItems(model: ResolvedModel): BooksItemAttributes[] {
  const byName = new Map<string, BooksItemAttributes>();
  for (const handoff of model.handoffs) {
    for (const step of handoff.steps) {
      const mappings = step.lineItems?.mappings ?? [];
      const name = mappings.find((m) => m.target.apiName === 'name' && m.value.kind === 'literal');
      if (name?.value.kind !== 'literal') continue;
      const rate = mappings.find((m) => m.target.apiName === 'rate' && m.value.kind === 'literal');
      const rateValue = rate?.value.kind === 'literal' ? Number(rate.value.value) : undefined;
      const itemName = String(name.value.value);
      byName.set(itemName, { name: itemName, rate: Number.isFinite(rateValue) ? rateValue : undefined });
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export const booksItem: ResourceDef = {
  type: 'books_item',
  product: 'books',
  immutable: [],
  executor: booksItemExecutor,

  desired(model): Resource[] {
    return referencedItems(model).map((item) => ({
      address: booksItemAddress(item.name),
      type: 'books_item',
      product: 'books',
      title: `Books item ${item.name}`,
      attributes: booksItemCodec.encode(item),
      dependsOn: [],
    }));
  },

  /** Lists items only when the model references any; reports only the referenced ones (never orphans). */
  async read(clients, scope): Promise<RemoteResource[]> {
    const wanted = new Map(referencedItems(scope.model).map((i) => [i.name, i]));
    if (wanted.size === 0) return [];
    const items = await scope.once('books:items', async () => {
      const out: BooksItem[] = [];
      for await (const item of clients.books.items.list()) out.push(item);
      return out;
    });
    return items
      .filter((i) => wanted.has(i.name))
      .map((i) => {
        const attributes: BooksItemAttributes = {
          name: i.name,
          rate: wanted.get(i.name)?.rate === undefined ? undefined : i.rate,
        };
        return {
          address: booksItemAddress(i.name),
          type: 'books_item' as const,
          product: 'books' as const,
          title: `Books item ${i.name}`,
          attributes: booksItemCodec.encode(attributes),
          dependsOn: [],
          remoteId: i.item_id,
          fingerprint: lazyFingerprint(() => i),
        };
      });
  },
};
