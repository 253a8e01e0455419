/**
 * Report benchmark: `zlc report` (every report of lifecycle.yaml) against the `large` org served by a child process
 * with 50 ms injected latency on every product and Zoho's limits (Books 100 calls a minute).
 * - cold: a fresh store. Calls against the minimum, Σ ⌈records ÷ the endpoint's largest page⌉ over the sources read
 *   (COQL 200; Books 200; Desk 100; a deal's stage history is a list of its own, one page); target ≤ 1.1.
 * - machineFloor: the cold run's calls, recorded once and replayed by a bare node:http reader as one wave under the
 *   concurrency caps and request rates zlc's clients get (bench/floor-reader.ts); target wall ≤ 1.2 × floor.
 * - refresh: after 1% of the records change (deals, invoices with a payment each, tickets), the same store reads
 *   only what changed; target ≤ 5% of the cold run's calls.
 * - peak RSS of this process (the report side; the sandbox runs in its own); target < 500 MB.
 * `ZLC_BENCH_REPORT_SEED=default` runs the same steps on the small org, to check the scenario in seconds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ResolvedModel, validateSource } from '@zlc/model';
import {
  type DealFact,
  type InvoiceFact,
  openSqliteStore,
  type ReportStore,
  runReport,
  type SourceId,
  type SourceOutcome,
  type TicketFact,
} from '@zlc/report';
import type { SeedName } from '@zlc/sandbox';
import { COQL_MAX_LIMIT, createZohoClients, loadZohoConfig, type ZohoConfig, type ZohoProduct } from '@zlc/zoho';
import { capsOf, ratesOf, recordReads, replayAtCaps } from '../floor-reader.js';
import { type ServedSandbox, serveInChild } from '../sandbox-child.js';
import { peakRssMb, round, type Scenario } from '../scenario.js';

const LATENCY_MS = 50;
const root = join(import.meta.dirname, '..', '..');
/** The largest page of each source's endpoint; `one`: one call per record (a deal's stage history list). */
const PAGE: Record<SourceId, number | 'one'> = {
  'crm:org': 1,
  'crm:deals': COQL_MAX_LIMIT,
  'crm:accounts': COQL_MAX_LIMIT,
  'crm:stage_history': 'one',
  'books:currencies': 1_000_000,
  'books:contacts': 200,
  'books:invoices': 200,
  'books:payments': 200,
  'desk:accounts': 100,
  'desk:tickets': 100,
};

interface Run {
  wallMs: number;
  calls: Record<ZohoProduct, number>;
  sources: SourceOutcome[];
  status: string;
}

function loadModel(): ResolvedModel {
  const result = validateSource(readFileSync(join(root, 'lifecycle.yaml'), 'utf8'), { file: 'lifecycle.yaml' });
  if (!result.ok) throw new Error('lifecycle.yaml does not validate');
  return result.resolved;
}

function configOf(env: Record<string, string>): ZohoConfig {
  const loaded = loadZohoConfig(env);
  if (!loaded.ok) throw new Error(`sandbox env: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.config;
}

/** One report run with fresh clients; the token is fetched before the clock starts. */
async function timedReport(config: ZohoConfig, model: ResolvedModel, store: ReportStore): Promise<Run> {
  const calls = { crm: 0, books: 0, desk: 0 };
  const clients = createZohoClients(config, {
    onEvent: (e) => {
      if (e.type === 'request' && e.product !== 'accounts') calls[e.product] += 1;
    },
  });
  try {
    await clients.crm.getOrg();
    calls.crm = 0;
    const started = performance.now();
    const result = await runReport({ clients, model, store });
    const wallMs = performance.now() - started;
    if (result.status === 'refused' || result.status === 'unreachable')
      throw new Error(`report ${result.status}: ${JSON.stringify(result).slice(0, 300)}`);
    return { wallMs, calls, sources: result.document.sources, status: result.status };
  } finally {
    clients.close();
  }
}

function minimalCalls(sources: readonly SourceOutcome[]): number {
  return sources.reduce((n, s) => {
    const page = PAGE[s.source];
    return n + (page === 'one' ? s.records : Math.max(1, Math.ceil(s.records / page)));
  }, 0);
}

/** Changes 1% of the deals, invoices (a payment each) and tickets the cold run read, with Books' limit lifted. */
async function changeOnePercent(served: ServedSandbox, config: ZohoConfig, store: ReportStore) {
  const pick = <T>(list: readonly T[]) => list.filter((_, i) => i % 100 === 0);
  const deals = pick((await store.read('crm:deals')) as DealFact[]);
  const invoices = pick(
    ((await store.read('books:invoices')) as InvoiceFact[]).filter(
      (i) => i.balance > 1 && i.status !== 'draft' && i.status !== 'void',
    ),
  );
  const tickets = pick((await store.read('desk:tickets')) as TicketFact[]);
  await served.admin('POST', 'limits', { product: 'books', perMinute: null });
  const clients = createZohoClients(config, { budgets: { books: { ratePerMinute: undefined, burst: 1 } } });
  try {
    for (let i = 0; i < deals.length; i += 100)
      await clients.crm.records.upsert(
        'Deals',
        deals.slice(i, i + 100).map((d) => ({ id: d.id, Amount: (d.amount ?? 0) + 1 })),
        ['Deal_Name'],
      );
    await Promise.all(
      invoices.map((inv) =>
        clients.books.payments.create({
          customer_id: inv.customerId,
          payment_mode: 'cash',
          amount: 1,
          date: new Date().toISOString().slice(0, 10),
          invoices: [{ invoice_id: inv.id, amount_applied: 1 }],
        }),
      ),
    );
    await Promise.all(tickets.map((t) => clients.desk.tickets.update(t.id, { priority: 'High' })));
  } finally {
    clients.close();
    await served.admin('POST', 'limits', { product: 'books', perMinute: 100 });
  }
  return { deals: deals.length, invoices: invoices.length, payments: invoices.length, tickets: tickets.length };
}

export const reportLargeLatency: Scenario = {
  name: 'report-large-latency',
  description:
    'zlc report of lifecycle.yaml on the large org, 50 ms latency, Zoho limits: cold calls vs minimum, wall vs machine floor, refresh after 1% changes, peak RSS',
  async run(ctx) {
    const seed = (process.env.ZLC_BENCH_REPORT_SEED ?? 'large') as SeedName;
    const model = loadModel();
    const dir = mkdtempSync(join(tmpdir(), 'zlc-bench-report-'));
    ctx.log(`seeding the ${seed} org into ${dir} (child process)`);
    const served = await serveInChild(join(dir, 'org'), { seed, latencyMs: LATENCY_MS });
    try {
      const config = configOf(served.env);
      ctx.log('recording a cold run for the machine-floor reader');
      const recordStore = openSqliteStore(join(dir, 'recorded.db'));
      const recorded = await recordReads(served.env, async (env) => {
        await timedReport(configOf(env), model, recordStore);
      });
      await recordStore.close();
      ctx.log(`timing a cold run (${recorded.length} calls recorded)`);
      const store = openSqliteStore(join(dir, 'reports.db'));
      const cold = await timedReport(config, model, store);
      ctx.log(`cold ${Math.round(cold.wallMs)} ms; replaying the calls at the caps and rates`);
      const floor = await replayAtCaps([recorded], capsOf(config), ratesOf(config));
      ctx.log('changing 1% of the records');
      const changed = await changeOnePercent(served, config, store);
      const refresh = await timedReport(config, model, store);
      await store.close();
      const total = (r: Run) => r.calls.crm + r.calls.books + r.calls.desk;
      const minimum = minimalCalls(cold.sources);
      return {
        seed,
        latencyMs: LATENCY_MS,
        cold: {
          calls: total(cold),
          callsByProduct: cold.calls,
          records: Object.fromEntries(cold.sources.map((s) => [s.source, s.records])),
          minimumCalls: minimum,
          callsOverMinimum: round(total(cold) / minimum),
          targetCallsOverMinimum: 1.1,
          wallMs: Math.round(cold.wallMs),
        },
        machineFloor: {
          calls: recorded.length,
          wallMs: Math.round(floor.wallMs),
          failed: floor.failed,
          coldOverFloor: round(cold.wallMs / floor.wallMs),
          target: 1.2,
        },
        refresh: {
          changed,
          calls: total(refresh),
          callsByProduct: refresh.calls,
          modes: Object.fromEntries(refresh.sources.map((s) => [s.source, `${s.mode} ${s.records}`])),
          shareOfCold: round(total(refresh) / total(cold), 4),
          target: 0.05,
          wallMs: Math.round(refresh.wallMs),
        },
        peakRssMb: peakRssMb(),
        targetPeakRssMb: 500,
      };
    } finally {
      await served.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
