/**
 * Builds Books routes: full paths under `/books/v3`, with `BooksError`s turned into Books error bodies. A call that
 * creates or edits invoices then sends the webhooks of the workflow rules it matches (`webhook-fire.ts`).
 */
import type { HttpMethod, Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { BooksError } from './errors.js';
import { type BooksState, booksState } from './state.js';
import { fireInvoiceRules, type InvoiceWrites, withInvoiceWrites } from './webhook-fire.js';

export const PREFIX = '/books/v3';

export type BooksHandler = (req: SandboxRequest, state: BooksState, ctx: SandboxContext) => SandboxResponse;

export function route(method: HttpMethod, path: string, handler: BooksHandler): Route {
  return {
    method,
    path: `${PREFIX}${path}`,
    handler: (req, ctx) => {
      try {
        const writes: InvoiceWrites = new Map();
        const state = withInvoiceWrites(booksState(ctx), writes);
        const response = ctx.store.transaction(() => handler(req, state, ctx));
        if (response.status < 300) fireInvoiceRules(ctx, state, writes);
        return response;
      } catch (error) {
        if (error instanceof BooksError) return error.toResponse();
        throw error;
      }
    },
  };
}
