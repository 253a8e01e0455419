/**
 * CRM is read at COQL's largest page (the 200 rows coql.yaml's answer holds): the first page by key, then a count
 * and the remaining pages side by side by offset, each overlapping the one before on one row; every record once,
 * and the traffic conforms with no excuse. Where neighbouring pages do not meet, the ids between are read by key.
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
import { compareIds, gapsBetween } from '../src/read/coql-read.js';

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
  it('reads 650 deals: a page by id, a count, three pages side by side; the traffic conforms', async () => {
    const direct = loadZohoConfig(sandbox.env);
    const via = loadZohoConfig({
      ...sandbox.env,
      ZOHO_API_URL: proxy?.url ?? sandbox.url,
      ZOHO_DESK_URL: proxy?.url ?? sandbox.url,
    });
    if (!direct.ok || !via.ok) throw new Error('sandbox env');
    const setup = createZohoClients(direct.config);
    for (let batch = 0; batch < 7; batch++) {
      const made = await setup.crm.records.create(
        'Deals',
        Array.from({ length: batch < 6 ? 100 : 50 }, (_, i) => ({
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
      expect(result.document.sources.find((s) => s.source === 'crm:deals')?.records).toBe(650);
      expect(new Set((await store.read('crm:deals')).map((d) => (d as { id: string }).id)).size).toBe(650);
    } finally {
      await store.close();
      clients.close();
    }
    // Deals: the link column the org lacks is dropped (one refused call), then a page of 200 by id, the count of the
    // 450 after it, and offsets 0, 199 and 398 of those (200, 200 and 53 rows, overlapping on one row); accounts:
    // its three missing link columns dropped one by one, then an empty answer.
    expect(coql).toBe(10);
    if (proxy === undefined) return;
    const verdict = judgeConformance(await proxy.report(), 'report-coql-pages');
    expect(verdict.unexplained).toEqual([]);
    expect(Object.keys(verdict.excused).filter((id) => id.startsWith('crm'))).toEqual([]);
  });
});

describe('the seams between offset pages', () => {
  const span = (first: string, last: string) => ({ first, last, full: true });

  it('finds no gap where each page starts on the last row of the one before, or before it', () => {
    expect(gapsBetween([span('100', '300'), span('300', '500'), span('480', '700')])).toEqual([]);
  });

  it('names the ids between pages that do not meet (rows moved back while they were read), past empty pages', () => {
    expect(gapsBetween([span('100', '300'), span('320', '500'), undefined, span('650', '700')])).toEqual([
      { after: '300', before: '320' },
      { after: '500', before: '650' },
    ]);
  });

  it('orders Zoho ids as numbers', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('4600000000001', '4600000000001')).toBe(0);
    expect(compareIds('b', 'a')).toBeGreaterThan(0);
  });
});
