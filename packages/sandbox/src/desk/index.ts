import type { ProductModule } from '../core/types.js';
// Placeholder until the Desk module lands: same shape, no routes.
export const deskModule: ProductModule = {
  product: 'desk',
  prefix: '/api/v1',
  routes: [],
  errors: {
    unauthorized: () => ({ status: 401, body: { errorCode: 'INVALID_OAUTH', message: 'The OAuth Token you provided is invalid.' } }),
    rateLimited: () => ({ status: 429, body: { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many requests.' } }),
    notFound: () => ({ status: 404, body: { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' } }),
    invalidJson: () => ({ status: 422, body: { errorCode: 'INVALID_DATA', message: 'The JSON body is malformed.' } }),
    payloadTooLarge: () => ({ status: 413, body: { errorCode: 'PAYLOAD_TOO_LARGE', message: 'Request body too large.' } }),
    internal: () => ({ status: 500, body: { errorCode: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' } }),
  },
  seed: () => {},
};
