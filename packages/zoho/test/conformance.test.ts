/**
 * @module-tag e2e
 * @module-tag slow
 */
import { type Conformance, conformanceAvailable, expectConformance, skipUnless, withConformance } from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';
import { runWorkload } from './support/workload.js';

const available = conformanceAvailable();
skipUnless(available, "the client's traffic through the conformance proxy");
let proxy: Conformance | undefined;
let harness: Harness | undefined;

beforeAll(async () => {
  if (!available.ok) return;
  harness = await startHarness({ seed: 'default' }, {}, async (sandbox) => {
    proxy = await withConformance(sandbox);
    return proxy.url;
  });
}, 240_000);

afterAll(async () => {
  await harness?.close();
  await proxy?.close();
});

describe('conformance of the client traffic', () => {
  it.skipIf(!available.ok)(
    'sends only requests that Zoho’s OpenAPI documents accept, and gets only answers they allow',
    async () => {
      if (harness === undefined || proxy === undefined) throw new Error('the proxy did not start');
      await runWorkload(harness.clients, 'conf');
      const report = await proxy.report();
      expectConformance(report, 'zoho-client');
      expect(report.totals.requests).toBeGreaterThan(40);
    },
  );
});
