/**
 * A tiny product module for core tests: the CRM prefix and error shapes, a handful of routes, nothing seeded
 * unless asked. Lets the core be tested without the real product modules.
 */
import type { ProductModule, Route, SandboxResponse } from '../../src/index.js';

const err = (status: number, code: string): SandboxResponse => ({
  status,
  body: { code, details: {}, message: code.toLowerCase(), status: 'error' },
});

export function testProduct(overrides: Partial<ProductModule> & { extraRoutes?: Route[] } = {}): ProductModule {
  const { extraRoutes = [], ...rest } = overrides;
  return {
    product: 'crm',
    prefix: '/crm/v8',
    errors: {
      unauthorized: (reason) =>
        err(401, reason === 'expired' ? 'INVALID_TOKEN_EXPIRED' : `AUTH_${reason.toUpperCase()}`),
      rateLimited: (kind, retryAfter): SandboxResponse => {
        const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
        return { ...err(429, `TOO_MANY_REQUESTS_${kind.toUpperCase()}`), headers };
      },
      notFound: () => err(404, 'INVALID_URL_PATTERN'),
      invalidJson: () => err(400, 'INVALID_DATA'),
      payloadTooLarge: () => err(413, 'LIMIT_EXCEEDED'),
      internal: () => err(500, 'INTERNAL_ERROR'),
    },
    routes: [
      {
        method: 'GET',
        path: '/crm/v8/things',
        handler: (_req, ctx) => ({ status: 200, body: { data: [...ctx.store.collection('test:things').values()] } }),
      },
      {
        method: 'POST',
        path: '/crm/v8/things',
        handler: (req, ctx) => {
          const id = ctx.ids.next('crm');
          ctx.store.collection('test:things').put(id, { id, body: req.body });
          return { status: 201, body: { data: [{ code: 'SUCCESS', details: { id } }] } };
        },
      },
      { method: 'GET', path: '/crm/v8/things/:id', handler: (req) => ({ status: 200, body: { id: req.params.id } }) },
      { method: 'GET', path: '/crm/v8/things/special', handler: () => ({ status: 200, body: { special: true } }) },
      { method: 'GET', path: '/crm/v8/open', auth: false, handler: () => ({ status: 200, body: { open: true } }) },
      {
        method: 'GET',
        path: '/crm/v8/boom',
        handler: () => {
          throw new Error('handler exploded');
        },
      },
      ...extraRoutes,
    ],
    seed: () => {},
    ...rest,
  };
}
