/**
 * CRM is read at COQL's largest page (the 200 rows coql.yaml's answer holds), page after page by id, so that the
 * offset ceiling never applies; the traffic conforms with no excuse.
 *
 * @module-tag e2e
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSource } from '@zlc/model';
import { openSqliteStore, runReport } from '@zlc/report';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { type Conformance, conformanceAvailable, judgeConformance, skipUnless, withConformance } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const available = conformanceAvailable();
skipUnless(available, "the reports' traffic through the conformance proxy");
const dir = mkdtempSync(join(tmpdir(), 'zlc-report-coql-'));
let sandbox: Sandbox;
let proxy: Conformance | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
  if (available.ok) proxy = await withConformance(sandbox);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading CRM at COQL’s largest page', () => {
  it('reads 250 deals in two COQL pages by id, and the report traffic conforms with no excuse', async () => {
    const direct = loadZohoConfig(sandbox.env);
    const via = loadZohoConfig({
      ...sandbox.env,
      ZOHO_API_URL: proxy?.url ?? sandbox.url,
      ZOHO_DESK_URL: proxy?.url ?? sandbox.url,
    });
    if (!direct.ok || !via.ok) throw new Error('sandbox env');
    const setup = createZohoClients(direct.config);
    for (let batch = 0; batch < 3; batch++) {
      const made = await setup.crm.records.create(
        'Deals',
        Array.from({ length: batch < 2 ? 100 : 50 }, (_, i) => ({
          Deal_Name: `Deal ${batch}-${i}`,
          Stage: 'Qualification',
          Closing_Date: '2026-12-01',
          Amount: 100,
        })),
      );
      expect(made.every((r) => r.status === 'success')).toBe(true);
    }
    setup.close();
    let coql = 0;
    const clients = createZohoClients(via.config, {
      onEvent: (e) => {
        if (e.type === 'request' && e.path.endsWith('/coql')) coql += 1;
      },
    });
    const model = validateSource(readFileSync(join(import.meta.dirname, '..', '..', '..', 'lifecycle.yaml'), 'utf8'), {
      file: 'lifecycle.yaml',
    });
    if (!model.ok) throw new Error('the root model must validate');
    const store = openSqliteStore(join(dir, 'store.db'));
    try {
      const result = await runReport({ clients, model: model.resolved, store, ids: ['close_to_invoice'] });
      if (result.status === 'refused' || result.status === 'unreachable') throw new Error(result.status);
      expect(result.document.sources.find((s) => s.source === 'crm:deals')?.records).toBe(250);
    } finally {
      await store.close();
      clients.close();
    }
    // Deals: the link column the org lacks is dropped (one refused call), then pages of 200 and 50 rows; accounts: its
    // three missing link columns dropped one by one, then an empty answer.
    expect(coql).toBe(7);
    if (proxy === undefined) return;
    const verdict = judgeConformance(await proxy.report(), 'report-coql-pages');
    expect(verdict.unexplained).toEqual([]);
    expect(Object.keys(verdict.excused).filter((id) => id.startsWith('crm'))).toEqual([]);
  });
});
