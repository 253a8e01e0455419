/** `books_item` → `POST /items` (found again by name after an unknown outcome), `PUT /items/{id}`, `DELETE`. */
import { type Executor, removeUnlessGone } from '../executor.js';
import { booksItemCodec } from './attributes.js';

export const booksItemExecutor: Executor = {
  async create(action, ctx) {
    const { name, rate } = booksItemCodec.decode(action.after);
    // An item already under this name is the one an earlier run's create made: taken as created.
    const item = await ctx.clients.books.items.createOnce(
      { name, rate: rate ?? 0, product_type: 'service' },
      {},
      { adoptExisting: true },
    );
    return item.item_id;
  },
  async update(action, ctx) {
    const { name, rate } = booksItemCodec.decode(action.after);
    await ctx.clients.books.items.update(action.remoteId, { name, rate: rate ?? 0 });
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.books.items.delete(action.remoteId));
  },
};
