/**
 * Every report computed end to end on the sandbox, over HTTP through the real clients (and, when `../shared` is
 * there, through Zoho's conformance proxy), on the org of `support/lifecycle-org.ts`. The expected figures are
 * worked out by hand from that story; none is read back from the code under test.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ResolvedModel, validateSource } from '@zlc/model';
import {
  openSqliteStore,
  type ReportDocument,
  type ReportResult,
  type ReportStore,
  type RunReportOptions,
  runReport,
} from '@zlc/report';
import { type Conformance, conformanceAvailable, expectConformance, skipUnless, withConformance } from '@zlc/testkit';
import type { ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLifecycleOrg,
  type LifecycleOrg,
  MISSING_CUSTOMER_ID,
  MISSING_INVOICE_ID,
} from './support/lifecycle-org.js';

const root = join(import.meta.dirname, '..', '..', '..');
const available = conformanceAvailable();
skipUnless(available, "the reports' traffic through the conformance proxy");
const dir = mkdtempSync(join(tmpdir(), 'zlc-report-'));
let org: LifecycleOrg;
let proxy: Conformance | undefined;
let clients: ZohoClients;
let store: ReportStore;
let model: ResolvedModel;

/** The root model with its amounts in the org's own currency (the `empty` Books org has no other). */
function rootModelInUsd(): ResolvedModel {
  const text = readFileSync(join(root, 'lifecycle.yaml'), 'utf8').replace(/\n\s+currency: EUR/g, '');
  const result = validateSource(text, { file: 'lifecycle.yaml' });
  if (!result.ok) throw new Error('the root model must validate');
  return result.resolved;
}

beforeAll(async () => {
  org = await buildLifecycleOrg();
  if (available.ok) proxy = await withConformance(org.sandbox);
  clients = org.clientsVia(proxy?.url ?? org.sandbox.url);
  store = openSqliteStore(join(dir, 'reports.db'));
  model = rootModelInUsd();
  // The first read starts an hour after the story, so what the next run reads is what changed after it.
  org.sandbox.clock.advance(3_600_000);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await proxy?.close();
  await org?.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(extra: Partial<RunReportOptions> = {}): RunReportOptions {
  return {
    clients,
    model,
    store,
    window: { from: '2030-01-01', to: '2030-03-31' },
    period: 'month',
    groupBy: 'none',
    asOf: '2030-04-01',
    now: () => org.sandbox.clock.now(),
    ...extra,
  };
}

async function documentOf(extra: Partial<RunReportOptions> = {}): Promise<ReportDocument> {
  const result = await runReport(options(extra));
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result).slice(0, 400)}`);
  return result.document;
}

function report(document: ReportDocument, id: ReportResult['id']): ReportResult {
  const found = document.reports.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no report ${id}`);
  return found;
}

/** The rows of a table as plain objects (the total, when there is one, under key `total`). */
function rows(result: ReportResult, tableId: string): Record<string, Record<string, unknown>> {
  const table = result.tables.find((t) => t.id === tableId);
  if (table === undefined) throw new Error(`no table ${tableId}`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const row of table.total === undefined ? table.rows : [...table.rows, table.total]) out[row.key] = row.cells;
  return out;
}

function column(result: ReportResult, tableId: string, key: string): unknown[] {
  return Object.values(rows(result, tableId)).map((r) => r[key]);
}

let first: ReportDocument;

describe('reports of the lifecycle story, Jan–Mar 2030, as of 2030-04-01', () => {
  it('reads every source in full the first time and says how fresh each product is', async () => {
    first = await documentOf();
    expect(first.sources.map((s) => `${s.source} ${s.mode}`)).toEqual([
      'crm:org full',
      'crm:deals full',
      'crm:accounts full',
      'crm:stage_history full',
      'books:currencies full',
      'books:contacts full',
      'books:invoices full',
      'books:payments full',
      'desk:accounts full',
      'desk:tickets full',
    ]);
    const count = Object.fromEntries(first.sources.map((s) => [s.source, s.records]));
    // 5 deals, 3 accounts, 4 won deals' histories, 3 customers, 6 invoices, 4 payments, 3 Desk accounts, 5 tickets.
    expect(count).toMatchObject({
      'crm:deals': 5,
      'crm:accounts': 3,
      'crm:stage_history': 4,
      'books:contacts': 3,
      'books:invoices': 6,
      'books:payments': 4,
      'desk:accounts': 3,
      'desk:tickets': 5,
    });
    expect(first.freshness.books?.slice(0, 13)).toBe('2030-03-04T11');
  });

  it('sold vs invoiced vs collected: partial payments, a void invoice and invoices without a deal', () => {
    const sold = report(first, 'sold_invoiced_collected');
    expect(sold.currency).toBe('USD');
    const pick = ['won_count', 'won_amount', 'invoiced_linked', 'invoiced_unlinked', 'invoiced', 'collected'];
    const table = rows(sold, 'by_period');
    const view = Object.fromEntries(Object.entries(table).map(([k, r]) => [k, pick.map((p) => r[p])]));
    expect(view).toEqual({
      '2030-01': [1, 10_000, 10_000, 0, 10_000, 4_000],
      '2030-02': [2, 8_000, 5_500, 1_000, 6_500, 6_000],
      '2030-03': [1, 2_000, 2_000, 800, 2_800, 2_800],
      total: [4, 20_000, 17_500, 1_800, 19_300, 12_800],
    });
    // Open balances on 2030-04-01: Deal2's 3,500 (due 03-22), C1's 1,000 (due 03-27), INV4's 2,000 (due 04-04).
    expect(rows(sold, 'receivables').all).toEqual({ group: 'All', outstanding: 6_500, overdue: 4_500 });
    expect(sold.charts[0]?.series.map((s) => s.values)).toEqual([
      [10_000, 8_000, 2_000],
      [10_000, 6_500, 2_800],
      [4_000, 6_000, 2_800],
    ]);
  });

  it('close to first invoice from the stage history, with the deal won and never invoiced', () => {
    const c2i = report(first, 'close_to_invoice');
    const table = rows(c2i, 'by_period');
    const pick = (k: string) => ['won', 'invoiced', 'median_days', 'p90_days', 'max_days'].map((p) => table[k]?.[p]);
    // Deal1 closed 01-10 (not its Closing_Date 01-31) → INV1 01-15: 5 days; Deal2 02-03 → 02-20 (the void 02-10
    // one does not count): 17; Deal4 03-02 → 03-05: 3. Nearest rank over [3, 5, 17]: p50 = 2nd = 5, p90 = 3rd = 17.
    expect(pick('2030-01')).toEqual([1, 1, 5, 5, 5]);
    expect(pick('2030-02')).toEqual([2, 1, 17, 17, 17]);
    expect(pick('2030-03')).toEqual([1, 1, 3, 3, 3]);
    expect(pick('total')).toEqual([4, 3, 5, 17, 17]);
    expect(Object.values(rows(c2i, 'not_invoiced'))).toEqual([
      {
        deal: 'Gamma pilot',
        deal_id: org.ids.deals.Deal3,
        account: 'Gamma Inc',
        closed_on: '2030-02-14',
        age_days: 46,
      },
    ]);
    expect(column(c2i, 'deals', 'closed_by')).toEqual(['stage history', 'stage history', 'stage history']);
    expect(c2i.charts[0]?.series[0]?.values).toEqual([2, 0, 1, 0, 0]);
  });

  it('support volume per customer, with an unlinked Desk account and tickets per 1,000 invoiced', () => {
    const support = report(first, 'support_volume');
    expect(rows(support, 'by_period')).toEqual({
      '2030-01': { period: '2030-01', created: 1, closed: 1 },
      '2030-02': { period: '2030-02', created: 2, closed: 0 },
      '2030-03': { period: '2030-03', created: 2, closed: 1 },
    });
    const customers = Object.values(rows(support, 'by_customer')).map((r) => [
      r.customer,
      r.created,
      r.closed,
      r.open_now,
      r.invoiced,
      r.per_1000,
    ]);
    // Alpha: 2 tickets over 13,000 invoiced (10,000 + 1,000 + 2,000) → 0.154 per 1,000; Beta: 1 over 5,500 → 0.182.
    expect(customers).toEqual([
      ['Epsilon Desk Only (Desk only)', 2, 0, 2, null, null],
      ['Alpha Ltd', 2, 1, 1, 13_000, 0.154],
      ['Beta GmbH', 1, 1, 0, 5_500, 0.182],
    ]);
    // Status labels come from the model's vocabulary (On Hold → "Waiting on customer").
    expect(rows(support, 'open_by_status')).toEqual({
      Open: { status: 'Open', open: 2 },
      'Waiting on customer': { status: 'Waiting on customer', open: 1 },
    });
    expect(column(support, 'no_won_deal', 'customer')).toEqual(['Epsilon Desk Only (Desk only)']);
    expect(support.charts[0]?.categories).toEqual(['Epsilon Desk Only (Desk only)', 'Alpha Ltd', 'Beta GmbH']);
  });

  it('retention per month and renewals against the renewal date field', () => {
    const retention = report(first, 'retention_renewals');
    const table = rows(retention, 'retention');
    const keys = ['customers_before', 'customers', 'retained', 'new_customers', 'logo_retention', 'revenue_before'];
    const pick = (k: string) => [...keys, 'gross_revenue_retention', 'net_revenue_retention'].map((p) => table[k]?.[p]);
    // Active: Jan {A1}; Feb {A1 (1,000 invoice), A2, A3 (won)}; Mar {A1, C3}. Revenue Jan A1 10,000;
    // Feb A1 1,000 + A2 5,500; Mar A1 2,000 + C3 800.
    expect(pick('2030-01')).toEqual([0, 1, 0, 1, null, 0, null, null]);
    expect(pick('2030-02')).toEqual([1, 3, 1, 2, 1, 10_000, 0.1, 0.1]);
    expect(pick('2030-03')).toEqual([3, 2, 1, 1, 0.3333, 6_500, 0.1538, 0.3077]);
    expect(Object.values(rows(retention, 'renewals')).map((r) => [r.period, r.due, r.renewed])).toEqual([
      ['2030-01', 1, 0],
      ['2030-02', 0, 0],
      ['2030-03', 1, 1],
    ]);
    expect(Object.values(rows(retention, 'not_renewed'))).toEqual([
      { customer: 'Beta GmbH', id: org.ids.accounts.A2, renewal_date: '2030-01-02', state: 'lapsed' },
    ]);
  });

  it('reconciliation names every record that does not line up, with its id', () => {
    const rec = report(first, 'reconciliation');
    const counts = Object.fromEntries(Object.values(rows(rec, 'summary')).map((r) => [r.kind, r.count]));
    expect(counts).toEqual({
      won_not_invoiced: 1,
      invoice_differs: 1,
      customer_not_linked: 1,
      desk_account_not_linked: 1,
      customer_link_broken: 1,
      desk_link_broken: 0,
      invoice_link_broken: 1,
    });
    const issues = Object.values(rows(rec, 'issues')).map((r) => `${r.what} ${r.id} ${r.difference}`);
    const { ids } = org;
    expect(issues.sort()).toEqual(
      [
        `Won, not invoiced ${ids.deals.Deal3} null`,
        `Invoice ≠ deal ${ids.deals.Deal2} 500`,
        `Books customer not linked ${ids.customers.C3} null`,
        `Desk account not linked ${ids.desk.D3} null`,
        `Link to a missing Books customer ${ids.accounts.A3} null`,
        `Link to a missing invoice ${ids.deals.Deal4} null`,
      ].sort(),
    );
    expect(JSON.stringify(rec.tables)).toContain(MISSING_CUSTOMER_ID);
    expect(JSON.stringify(rec.tables)).toContain(MISSING_INVOICE_ID);
  });

  it('the next run reads only what changed, and its figures include the change', async () => {
    org.sandbox.clock.advance(3_600_000);
    await org.clients.crm.records.update('Deals', org.ids.deals.Deal5, { Amount: 1_200 });
    await org.clients.books.payments.create({
      customer_id: org.ids.customers.C1,
      payment_mode: 'banktransfer',
      amount: 1_000,
      date: '2030-03-20',
      invoices: [{ invoice_id: org.ids.invoices.INVC1, amount_applied: 1_000 }],
    });
    org.sandbox.clock.advance(3_600_000);
    org.sandbox.resetStats();
    const second = await documentOf();
    const calls = org.sandbox.stats().requests;
    expect(second.sources.filter((s) => s.mode === 'full').map((s) => s.source)).toEqual([
      'crm:org',
      'books:currencies',
    ]);
    const count = Object.fromEntries(second.sources.map((s) => [s.source, s.records]));
    expect(count).toMatchObject({
      'crm:deals': 1,
      'crm:accounts': 0,
      'crm:stage_history': 0,
      'books:invoices': 1,
      'books:payments': 1,
      'desk:tickets': 0,
    });
    // CRM: fields ×2, org, users, deals, accounts; Books: currencies, contacts, invoices, payments; Desk: two searches.
    expect(calls.crm + calls.books + calls.desk).toBeLessThanOrEqual(12);
    const sold = rows(report(second, 'sold_invoiced_collected'), 'by_period');
    expect(sold['2030-03']?.collected).toBe(3_800);
  });

  it('a window with no data is reported as such, never as measured zeros', async () => {
    const result = await runReport(options({ window: { from: '2031-01-01', to: '2031-01-31' } }));
    expect(result.status).toBe('no_data');
    if (result.status !== 'no_data') return;
    expect(result.empty).toEqual([
      'sold_invoiced_collected',
      'close_to_invoice',
      'support_volume',
      'retention_renewals',
    ]);
    expect(result.document.reports.every((r) => r.id === 'reconciliation' || r.empty)).toBe(true);
  });

  it('an unknown report or a grouping a report does not have is refused before anything is read', async () => {
    org.sandbox.resetStats();
    expect(await runReport(options({ ids: ['sold_invoiced_colected'] }))).toMatchObject({
      status: 'refused',
      refusal: { kind: 'unknown_report', id: 'sold_invoiced_colected' },
    });
    expect(await runReport(options({ ids: ['close_to_invoice'], groupBy: 'owner' }))).toMatchObject({
      status: 'refused',
      refusal: { kind: 'grouping', id: 'close_to_invoice', groupBy: 'owner' },
    });
    expect(org.sandbox.stats().requests.crm).toBe(0);
  });

  it('a product that cannot be read stops the run: nothing is computed from the other two', async () => {
    org.sandbox.faults.set([{ kind: 'error', product: 'books' }]);
    try {
      const result = await runReport(options({ refresh: true }));
      expect(result.status).toBe('unreachable');
      if (result.status !== 'unreachable') return;
      expect(result.source.startsWith('books:')).toBe(true);
      expect(result).not.toHaveProperty('document');
    } finally {
      org.sandbox.faults.clear();
    }
  });

  it.skipIf(!available.ok)('the report traffic conforms to Zoho’s documents', async () => {
    expectConformance(await (proxy as Conformance).report(), 'report');
  });
});
