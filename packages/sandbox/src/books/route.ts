/** Builds Books routes: full paths under `/books/v3`, with `BooksError`s turned into Books error bodies. */
import type { HttpMethod, Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { BooksError } from './errors.js';
import { type BooksState, booksState } from './state.js';

export const PREFIX = '/books/v3';

export type BooksHandler = (req: SandboxRequest, state: BooksState, ctx: SandboxContext) => SandboxResponse;

export function route(method: HttpMethod, path: string, handler: BooksHandler): Route {
  return {
    method,
    path: `${PREFIX}${path}`,
    handler: (req, ctx) => {
      try {
        const state = booksState(ctx);
        return ctx.store.transaction(() => handler(req, state, ctx));
      } catch (error) {
        if (error instanceof BooksError) return error.toResponse();
        throw error;
      }
    },
  };
}
