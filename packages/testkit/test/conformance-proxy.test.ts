/**
 * The conformance proxy started for some products only: traffic of a product it did not load cannot pass unchecked.
 *
 * @module-tag e2e
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conformance, conformanceAvailable, judgeConformance, skipUnless, withConformance } from '../src/index.js';

const available = conformanceAvailable();
skipUnless(available, 'the conformance proxy started for one product');

let upstream: Server;
let proxy: Conformance | undefined;

beforeAll(async () => {
  upstream = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  if (available.ok)
    proxy = await withConformance(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, {
      products: ['desk'],
    });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await new Promise((resolve) => upstream.close(resolve));
});

describe.skipIf(!available.ok)('a proxy that loads only Desk', () => {
  it('fails the suite on CRM traffic, naming the product to add, instead of listing it as undocumented', async () => {
    const { url } = proxy as Conformance;
    await fetch(`${url}/crm/v8/settings/modules`);
    const report = await (proxy as Conformance).report();
    const unchecked = report.violations.filter((v) => v.kind === 'product_not_loaded');
    expect(unchecked).toEqual([expect.objectContaining({ product: 'crm', method: 'GET', direction: 'response' })]);
    expect(unchecked[0]?.errors?.[0]?.message).toMatch(/add 'crm' to withConformance's products/);
    const verdict = judgeConformance(report, 'testkit-proxy', { responsesOnly: true, baseline: [] });
    expect(verdict.unexplained.some((e) => e.includes('product_not_loaded'))).toBe(true);
  });
});
