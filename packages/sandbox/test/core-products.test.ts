/**
 * The core with the real product modules: each product answers a call without a token with its own 401 body,
 * and those answers pass Zoho's OpenAPI documents through the conformance proxy.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../src/products.js';
import { type Conformance, callApi, conformanceAvailable, sandboxPerFile, withConformance } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'empty' });
const available = conformanceAvailable();

/** A plain GET route of the product that needs auth (no path parameters), to call without a token. */
function plainGet(prefix: string): string | undefined {
  const module = PRODUCTS.find((m) => m.prefix === prefix);
  return module?.routes.find((r) => r.method === 'GET' && !r.path.includes(':') && r.auth !== false)?.path;
}

describe.each(PRODUCTS.map((m) => [m.product, m] as const))('the %s product without a token', (_name, module) => {
  const path = plainGet(module.prefix);
  it.skipIf(path === undefined)(
    `answers its own 401 body (skipped while ${module.product} has no plain GET route)`,
    async () => {
      const answer = await callApi(sandbox.current, undefined, 'GET', path as string);
      const expected = module.errors.unauthorized('missing');
      expect(answer.status).toBe(expected.status);
      expect(answer.body).toEqual(expected.body);
    },
  );
});

describe.skipIf(!available.ok)(
  `the core's answers through the conformance proxy${available.ok ? '' : ` (skipped: ${available.ok ? '' : available.reason})`}`,
  () => {
    let proxy: Conformance;
    beforeAll(async () => {
      proxy = await withConformance(sandbox.current);
    }, 180_000);
    afterAll(async () => {
      await proxy?.close();
    });

    it('show no response violations for unauthenticated calls on every product', async () => {
      for (const module of PRODUCTS) {
        const path = plainGet(module.prefix);
        if (path === undefined) continue;
        await fetch(`${proxy.url}${path}`);
      }
      const report = await proxy.report();
      expect(report.totals.requests).toBeGreaterThan(0);
      const violations = report.violations.filter(
        (v) => v.direction === 'response' && v.kind !== 'undocumented_status',
      );
      expect(violations).toEqual([]);
    });
  },
);
