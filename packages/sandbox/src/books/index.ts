import type { ProductModule } from '../core/types.js';
// Placeholder until the Books module lands: same shape, no routes.
export const booksModule: ProductModule = {
  product: 'books',
  prefix: '/books/v3',
  routes: [],
  errors: {
    unauthorized: () => ({ status: 401, body: { code: 57, message: 'You are not authorized to perform this operation' } }),
    rateLimited: () => ({ status: 429, body: { code: 44, message: 'API call limit exceeded' } }),
    notFound: () => ({ status: 404, body: { code: 5, message: 'Invalid URL Passed' } }),
    invalidJson: () => ({ status: 400, body: { code: 4, message: 'Invalid value passed for JSONString' } }),
    payloadTooLarge: () => ({ status: 413, body: { code: 4, message: 'Request body too large' } }),
    internal: () => ({ status: 500, body: { code: 1, message: 'Internal error' } }),
  },
  seed: () => {},
};
