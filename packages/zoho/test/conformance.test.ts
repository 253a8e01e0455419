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

type SpecError = { instancePath?: string; message?: string };
const missing =
  (...names: string[]) =>
  (e: SpecError): boolean => {
    const match = /^must have required property '([^']+)'$/.exec(e.message ?? '');
    return match !== null && (names.length === 0 || names.includes(match[1] ?? ''));
  };

/**
 * Requests no correct client can make fit the OAS; each is excused only for the exact errors named here (any
 * other error on the same operation still fails the test):
 * - crm `fields.json` "Create Field" and "Update Field" require ~70 server-made properties of a field (`id`, `created_time`,
 *   `column_name`, `webhook`…) in the create body, none marked readOnly; Zoho's "Create Custom Fields" page sends
 *   `field_label`, `data_type` and a few more.
 * - books `customer-payments.yml` create requires `invoice_id` and `amount_applied` at the top level: the docs'
 *   parameter table flattened the `invoices[]` entries, where zlc sends them.
 * - crm `notifications.json` types `channel_id` as an object; Zoho's "Enable Notifications" page sends a number.
 */
const SPEC_DEFECTS: { product: string; operationId: string; allows: (e: SpecError) => boolean }[] = [
  { product: 'crm', operationId: 'Create Field', allows: missing() },
  { product: 'crm', operationId: 'Update Field', allows: missing() },
  { product: 'books', operationId: 'create_customer_payment', allows: missing('invoice_id', 'amount_applied') },
  {
    product: 'crm',
    operationId: 'Enable Notifications',
    allows: (e) => /^\/body\/watch\/[0-9]+\/channel_id$/.test(e.instancePath ?? '') && e.message === 'must be object',
  },
];

function isKnownSpecDefect(violation: ConformanceViolation): boolean {
  const defect = SPEC_DEFECTS.find((d) => d.product === violation.product && d.operationId === violation.operationId);
  return defect !== undefined && (violation.errors ?? []).every(defect.allows);
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
