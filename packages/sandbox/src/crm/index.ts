import type { ProductModule } from '../core/types.js';
// Placeholder until the CRM module lands: same shape, no routes.
export const crmModule: ProductModule = {
  product: 'crm',
  prefix: '/crm/v8',
  routes: [],
  errors: {
    unauthorized: () => ({ status: 401, body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' } }),
    rateLimited: () => ({ status: 429, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' } }),
    notFound: () => ({ status: 404, body: { code: 'INVALID_URL_PATTERN', details: {}, message: 'Please check if the URL trying to access is a correct one', status: 'error' } }),
    invalidJson: () => ({ status: 400, body: { code: 'INVALID_DATA', details: {}, message: 'body is not a valid JSON', status: 'error' } }),
    payloadTooLarge: () => ({ status: 413, body: { code: 'LIMIT_EXCEEDED', details: {}, message: 'request body too large', status: 'error' } }),
    internal: () => ({ status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' } }),
  },
  seed: () => {},
};
