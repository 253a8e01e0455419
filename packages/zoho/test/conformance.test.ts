import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Conformance,
  type ConformanceViolation,
  conformanceAvailable,
  withConformance,
} from '../../sandbox/test/support/conformance.js';
import { type Harness, startHarness } from './support/sandbox-clients.js';
import { runWorkload } from './support/workload.js';

const available = conformanceAvailable();
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

/**
 * The one request the OAS cannot accept from any client: crm `fields.json` marks ~70 properties of a field as
 * required in the create body, all of them server-made (`id`, `created_time`, `column_name`, `webhook`…) and none
 * marked readOnly, while Zoho's "Create Custom Fields" page sends `field_label`, `data_type` and a few more. Only
 * "must have required property" errors on that operation are excused; a wrong type or value still fails the test.
 */
function isKnownSpecDefect(violation: ConformanceViolation): boolean {
  return (
    violation.operationId === 'Create Field' &&
    violation.product === 'crm' &&
    (violation.errors ?? []).every((e) => e.message?.startsWith('must have required property') === true)
  );
}

describe('conformance of the client traffic', () => {
  it.skipIf(!available.ok)('sends only requests that Zoho’s OpenAPI documents accept', async () => {
    if (harness === undefined || proxy === undefined) throw new Error('the proxy did not start');
    await runWorkload(harness.clients, 'conf');
    const report = await proxy.report();
    const requestViolations = report.violations.filter((v) => v.direction === 'request' && !isKnownSpecDefect(v));
    expect(requestViolations).toEqual([]);
    expect(report.totals.requests).toBeGreaterThan(40);
  });
});
