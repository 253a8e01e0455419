/** `books_item` → `POST /items` (found again by name after an unknown outcome), `PUT /items/{id}`, `DELETE`. */
import { attr, type Executor, optionalNumber, removeUnlessGone } from './executor.js';

export const booksItemExecutor: Executor = {
  async create(action, ctx) {
    const name = attr(action.after, 'name');
    const item = await ctx.clients.books.items.createOnce({
      name,
      rate: optionalNumber(action.after, 'rate') ?? 0,
      product_type: 'service',
    });
    return item.item_id;
  },
  async update(action, ctx) {
    await ctx.clients.books.items.update(action.remoteId, {
      name: attr(action.after, 'name'),
      rate: optionalNumber(action.after, 'rate') ?? 0,
    });
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.books.items.delete(action.remoteId));
  },
};
