/**
 * Flow benchmarks on the sandbox, provisioned from the root lifecycle.yaml (apply + the Books custom fields).
 *
 * `flow-webhook-latency`: with 50 ms injected latency on every product, one deal enters Closed Won; the time from
 * the CRM webhook reaching the runtime to both handoffs' effects done, against the chain of dependent calls ×
 * 50 ms, best of three runs. The chain of each handoff is measured: the same deal shape is run through that handoff
 * alone and its API calls counted (sandbox stats), less the snapshot reads that go out together (account, contact, contacts,
 * products: one round of four).
 *
 * `flow-backfill`: N closed deals (default 300; ZLC_FLOW_BACKFILL_DEALS=10000 for the full size) found by
 * `backfill` (since just before they were made; a new ledger's poll would leave them alone as history) and run by
 * the worker, with Books limited to L calls a minute (default 1,200; Zoho's 100 with
 * ZLC_FLOW_BOOKS_PER_MINUTE=100) on the sandbox and the same budget in the client: Books calls per deal, Books calls
 * per minute achieved ÷ L, the calls that failed (the client's answers of 429, 5xx or none, per product, and the
 * sandbox's count of 429s), and this process's RSS sampled over the run (flat = the second half peaks no higher
 * than the first). The ledger is SQLite, or PostgreSQL with ZLC_BENCH_LEDGER=postgres (a fresh schema on
 * ZLC_BENCH_POSTGRES_URL, default the test server postgres://postgres@127.0.0.1:5432/test, dropped after). The
 * org is served by a child process (bench/sandbox-child.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyModel } from '@zlc/engine';
import { backfill, type FlowEvent, FlowWorker, type Ledger, openLedger, startFlowRuntime } from '@zlc/flow';
import { loadModelFile, type ResolvedModel } from '@zlc/model';
import { addBooksCustomFields, type Sandbox, startSandbox } from '@zlc/sandbox';
import {
  type CrmRecord,
  createZohoClients,
  loadZohoConfig,
  type OnZohoEvent,
  targetIdentity,
  type ZohoClients,
} from '@zlc/zoho';
import pg from 'pg';
import { serveInChild } from '../sandbox-child.js';
import { round, type Scenario, type ScenarioContext } from '../scenario.js';

/** The part of `GET /__sandbox/stats` this reads. */
interface SandboxStats {
  requests: Record<'crm' | 'books' | 'desk', number>;
  rateLimited: Record<'crm' | 'books' | 'desk', number>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECRET = 'bench-secret';
const LATENCY_MS = 50;

async function model(): Promise<ResolvedModel> {
  const loaded = await loadModelFile(join(ROOT, 'lifecycle.yaml'));
  if (!loaded.result.ok) throw new Error('lifecycle.yaml does not validate');
  return loaded.result.resolved;
}

function booksFieldsOf(m: ResolvedModel) {
  return m.customFields.filter((f) => f.app === 'books');
}

function clientsOf(env: Record<string, string>, booksPerMinute?: number, onEvent?: OnZohoEvent): ZohoClients {
  const loaded = loadZohoConfig(env);
  if (!loaded.ok) throw new Error('bad sandbox env');
  return createZohoClients(loaded.config, {
    ...(onEvent === undefined ? {} : { onEvent }),
    ...(booksPerMinute === undefined
      ? {}
      : {
          budgets: {
            // The org's daily quota is lifted in these runs (see the backfill scenario), so the client's is too.
            books: {
              ratePerMinute: booksPerMinute * 0.95,
              burst: Math.max(5, Math.round(booksPerMinute / 40)),
              perDay: Number.POSITIVE_INFINITY,
            },
          },
        }),
  });
}

/** Applies the model (its Books custom fields already made on the org) with its webhooks pointing at `runtimeUrl`. */
async function provision(
  env: Record<string, string>,
  clients: ZohoClients,
  m: ResolvedModel,
  runtimeUrl: string,
  dir: string,
) {
  const loaded = loadZohoConfig(env);
  if (!loaded.ok) throw new Error('bad sandbox env');
  const applied = await applyModel(m, {
    clients,
    identity: targetIdentity(loaded.config),
    journalDir: join(dir, 'journal'),
    lockDir: join(dir, 'locks'),
    webhookSecret: SECRET,
    runtimeUrlOverride: runtimeUrl,
    // The seed's deals sit in stages the model's pipeline drops: a fresh test org, nothing to lose.
    allowDataLoss: true,
  });
  if (applied.status === 'refused') throw new Error('apply refused');
}

/**
 * An account, a contact, a deal in Negotiation linked to one product (matched in Books by SKU), holding every field
 * the Closed Won stage requires, so its gate lets the handoffs run.
 */
async function deal(clients: ZohoClients, i: number, product: CrmRecord): Promise<CrmRecord> {
  const crm = clients.crm.records;
  const none = { lookup: async () => undefined };
  const account = await crm.createOnce(
    'Accounts',
    {
      Account_Name: `Bench ${i} ${Date.now()}`,
      Customer_Tier: 'Standard',
      Billing_Street: '1 Main St',
      Billing_City: 'Springfield',
      Billing_Code: '1',
      Billing_Country: 'US',
      Billing_Email: `b${i}@example.com`,
      Payment_Terms: 'Net 30',
    },
    none,
  );
  const contact = await crm.createOnce(
    'Contacts',
    { First_Name: 'Pat', Last_Name: `B${i}`, Email: `p${i}@example.com`, Account_Name: { id: account.id } },
    none,
  );
  const d = await crm.createOnce(
    'Deals',
    {
      Deal_Name: `Bench deal ${i}`,
      Stage: 'Negotiation',
      Amount: 1000,
      Closing_Date: '2026-11-20',
      Account_Name: { id: account.id },
      Contact_Name: { id: contact.id },
      Billing_Frequency: 'Annually',
    },
    none,
  );
  await crm.linkDealProduct(d.id, product.id);
  return d;
}

async function product(clients: ZohoClients): Promise<CrmRecord> {
  const p = await clients.crm.records.createOnce(
    'Products',
    { Product_Name: 'Analytics Cloud', Product_Code: 'SKU-BENCH', Unit_Price: 1000 },
    { lookup: async () => undefined },
  );
  await clients.books.items.createOnce({ name: 'Analytics Cloud', rate: 1000, sku: 'SKU-BENCH' });
  return p;
}

function total(sandbox: Sandbox): number {
  const r = sandbox.stats().requests;
  return r.crm + r.books + r.desk;
}

/** A runtime on a SQLite ledger at `path` with no poll timer: its work comes from webhooks or an explicit poll. */
function runtimeOn(clients: ZohoClients, m: ResolvedModel, path: string, onEvent?: (e: FlowEvent) => void) {
  return startFlowRuntime({
    clients,
    model: m,
    ledger: { kind: 'sqlite', path },
    secret: SECRET,
    pollIntervalMs: 0,
    ...(onEvent === undefined ? {} : { onEvent }),
  });
}

/** Time from the webhook to all effects of `handoffs` for one deal; and the API calls made meanwhile. */
async function oneDeal(only?: string): Promise<{ ms: number; calls: number }> {
  const sandbox = await startSandbox({ tokensPerTenMinutes: 1000 });
  const clients = clientsOf(sandbox.env);
  const dir = mkdtempSync(join(tmpdir(), 'zlc-bench-flow-'));
  const full = await model();
  const m = only === undefined ? full : { ...full, handoffs: full.handoffs.filter((h) => h.id === only) };
  const events: { at: number; e: FlowEvent }[] = [];
  const runtime = await runtimeOn(clients, m, join(dir, 'flow.db'), (e) => events.push({ at: performance.now(), e }));
  try {
    await addBooksCustomFields(sandbox, booksFieldsOf(m));
    await provision(sandbox.env, clients, m, runtime.url, dir);
    const p = await product(clients);
    const d = await deal(clients, 0, p);
    sandbox.faults.set([{ kind: 'latency', ms: LATENCY_MS }]);
    const expected = m.handoffs.filter((h) => h.trigger.on === 'record_enters_stage').length;
    const before = total(sandbox);
    await clients.crm.records.update('Deals', d.id, { Stage: 'Closed Won' });
    const deadline = Date.now() + 60_000;
    while (events.filter((x) => x.e.type === 'entry_done').length < expected && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    const start = events.find((x) => x.e.type === 'intake_refused' || x.e.type === 'intake_accepted');
    const done = events.filter((x) => x.e.type === 'entry_done');
    const last = done[done.length - 1];
    // The webhook arrived one intake read (the deal) before it was accepted.
    const ms = last && start ? last.at - start.at + LATENCY_MS : Number.NaN;
    return { ms, calls: total(sandbox) - before - 1 };
  } finally {
    await runtime.close();
    clients.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const flowWebhookLatency: Scenario = {
  name: 'flow-webhook-latency',
  description:
    'CRM webhook → all effects of both won-deal handoffs, with 50 ms latency, vs the chain of dependent calls',
  async run(ctx) {
    // Best of three each: a single run also measures this process's first pass through the code (JIT, imports).
    const best = async (label: string, only?: string) => {
      const runs: { ms: number; calls: number }[] = [];
      for (let i = 0; i < 3; i++) runs.push(await oneDeal(only));
      const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      ctx.log(`${label}: ${fastest.calls} calls, runs ${runs.map((r) => Math.round(r.ms)).join('/')} ms`);
      return { ...fastest, runs: runs.map((r) => Math.round(r.ms)) };
    };
    const books = await best('books alone', 'won-deal-to-books');
    const desk = await best('desk alone', 'won-deal-to-desk');
    const both = await best('both');
    // Four snapshot reads go out together: one round, not four.
    const chain = Math.max(books.calls, desk.calls) - 3;
    return {
      latencyMs: LATENCY_MS,
      booksCalls: books.calls,
      deskCalls: desk.calls,
      chainCalls: chain,
      idealMs: chain * LATENCY_MS,
      wallMs: Math.round(both.ms),
      wallMsRuns: both.runs,
      ratio: round(both.ms / (chain * LATENCY_MS)),
      booksAloneRatio: round(books.ms / ((books.calls - 3) * LATENCY_MS)),
      deskAloneRatio: round(desk.ms / ((desk.calls - 3) * LATENCY_MS)),
    };
  },
};

/** The ledger the backfill runs on: SQLite in the run's folder, or a fresh PostgreSQL schema dropped after. */
async function backfillLedger(dir: string): Promise<{ kind: string; ledger: Ledger; drop(): Promise<void> }> {
  const kind = process.env.ZLC_BENCH_LEDGER?.trim() || 'sqlite';
  if (kind === 'sqlite')
    return { kind, ledger: await openLedger({ kind, path: join(dir, 'flow.db') }), drop: async () => {} };
  if (kind !== 'postgres') throw new Error(`ZLC_BENCH_LEDGER is "${kind}": use sqlite or postgres`);
  const url = process.env.ZLC_BENCH_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `zlc_bench_${Date.now().toString(36)}`;
  const ledger = await openLedger({ kind, url, schema });
  return {
    kind,
    ledger,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

type BackfillLedger = Awaited<ReturnType<typeof backfillLedger>>;

/** Calls whose answer was a failure (429, 5xx) or never came, per product, from the client's own events. */
function failedCalls(): { onEvent: OnZohoEvent; counts: Record<string, number>; measuring: boolean } {
  const failed = {
    /** Only the calls of the measured run count. */
    measuring: false,
    counts: { crm: 0, books: 0, desk: 0, accounts: 0 } as Record<string, number>,
    onEvent: ((e) => {
      if (!failed.measuring) return;
      if (e.type === 'request' && (e.status === undefined || e.status === 429 || e.status >= 500))
        failed.counts[e.product] = (failed.counts[e.product] ?? 0) + 1;
    }) as OnZohoEvent,
  };
  return failed;
}

/**
 * The org the backfill runs on, served by a child process: its CPU (scanning a growing org on every filter) is
 * Zoho's side, not the runtime's, and the RSS sampled here is the runtime's alone. Daily quotas (Books 10,000 calls
 * on paid plans; CRM and Desk credits) would stop a 10,000-deal backfill part way (Books at about 2,000 deals):
 * lifted, so that the per-minute limit is what is measured. A real org asks Zoho to raise them, or backfills over days.
 */
function serveBackfillOrg(m: ResolvedModel) {
  const unlimitedDay = { dailyCredits: null };
  return serveInChild(':memory:', {
    seed: 'default',
    latencyMs: 0,
    extras: {
      tokensPerTenMinutes: 1000,
      limits: { crm: unlimitedDay, books: unlimitedDay, desk: unlimitedDay },
      booksCustomFields: booksFieldsOf(m),
    },
  });
}

/**
 * Provisions the org (with a runtime that is then stopped, so no webhook is taken) and closes `deals` deals; returns
 * the time just before the first was made.
 */
async function closeDeals(
  ctx: ScenarioContext,
  env: Record<string, string>,
  clients: ZohoClients,
  m: ResolvedModel,
  dir: string,
  deals: number,
): Promise<Date> {
  const runtime = await runtimeOn(clients, m, join(dir, 'seed.db'));
  try {
    await provision(env, clients, m, runtime.url, dir);
  } finally {
    await runtime.close();
  }
  const p = await product(clients);
  // Sandbox times are whole seconds: one second back keeps the first deal inside the bound.
  const since = new Date(Date.now() - 1000);
  for (let i = 0; i < deals; i++) {
    const d = await deal(clients, i, p);
    await clients.crm.records.update('Deals', d.id, { Stage: 'Closed Won' }, []);
    if (i % 1000 === 999) ctx.log(`${i + 1} deals closed`);
  }
  return since;
}

interface BackfillRun {
  seconds: number;
  booksCalls: number;
  refused429: number;
  counts: Awaited<ReturnType<Ledger['counts']>>;
  /** This process's RSS in MB, once a second. */
  rss: number[];
}

/** One backfill and the worker running it, timed, with the org's Books calls and 429s and this process's RSS. */
async function timedBackfill(
  ctx: ScenarioContext,
  run: { clients: ZohoClients; m: ResolvedModel; ledger: Ledger; stats: () => Promise<SandboxStats>; since: Date },
  failed: { measuring: boolean },
): Promise<BackfillRun> {
  const { clients, m, ledger, stats } = run;
  const worker = new FlowWorker({ clients, model: m, ledger, concurrency: 16 });
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss / 1024 / 1024), 1000);
  const before = await stats();
  const started = performance.now();
  failed.measuring = true;
  // A long backfill says how far it is once a minute (entries per state, Books calls a minute so far, RSS).
  const progress = setInterval(() => {
    void Promise.all([stats(), ledger.counts()]).then(([now, counts]) => {
      const minutes = (performance.now() - started) / 60_000;
      const rate = (now.requests.books - before.requests.books) / minutes;
      ctx.log(
        `${JSON.stringify(counts)} after ${minutes.toFixed(1)} min, ${Math.round(rate)} Books calls/min, ` +
          `RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`,
      );
    });
  }, 60_000);
  // The worker runs while the backfill still offers, as `zlc flow backfill` does; then its loop stops claiming (two
  // loops claiming at once would exceed the concurrency) and drain runs the rest.
  worker.start();
  await backfill({ clients, model: m, ledger, since: run.since, dryRun: false });
  await worker.stop();
  await worker.drain();
  failed.measuring = false;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  const after = await stats();
  return {
    seconds,
    booksCalls: after.requests.books - before.requests.books,
    refused429: after.rateLimited.books - before.rateLimited.books,
    counts: await ledger.counts(),
    rss,
  };
}

export const flowBackfill: Scenario = {
  name: 'flow-backfill',
  description:
    'N closed deals run by `backfill` under a Books rate limit (SQLite or PostgreSQL ledger): Books calls per deal and per minute vs the limit, failed calls, RSS',
  async run(ctx) {
    const deals = Number(process.env.ZLC_FLOW_BACKFILL_DEALS ?? 300);
    const perMinute = Number(process.env.ZLC_FLOW_BOOKS_PER_MINUTE ?? 1200);
    const m = await model();
    const served = await serveBackfillOrg(m);
    const stats = () => served.admin<SandboxStats>('GET', 'stats');
    const failed = failedCalls();
    const clients = clientsOf(served.env, perMinute, failed.onEvent);
    const dir = mkdtempSync(join(tmpdir(), 'zlc-bench-backfill-'));
    let store: BackfillLedger | undefined;
    try {
      const since = await closeDeals(ctx, served.env, clients, m, dir, deals);
      await served.admin('POST', 'limits', { product: 'books', perMinute });
      store = await backfillLedger(dir);
      ctx.log(`ledger: ${store.ledger.location}`);
      const { seconds, booksCalls, refused429, counts, rss } = await timedBackfill(
        ctx,
        { clients, m, ledger: store.ledger, stats, since },
        failed,
      );
      const perMinuteAchieved = booksCalls / (seconds / 60);
      // Memory is flat when the second half of the run peaks no higher than the first (no growth with the work done).
      const half = Math.floor(rss.length / 2);
      return {
        deals,
        ledger: store.kind,
        booksLimitPerMinute: perMinute,
        seconds: round(seconds, 1),
        booksCalls,
        booksCallsPerDeal: round(booksCalls / deals),
        booksPerMinute: round(perMinuteAchieved, 1),
        ofLimit: round(perMinuteAchieved / perMinute),
        failedCalls: failed.counts,
        booksRefused429: refused429,
        // Entries per state (the default seed adds Closed Won deals of its own, blocked for missing data).
        entries: counts,
        rssStartMb: Math.round(rss[0] ?? 0),
        rssPeakFirstHalfMb: Math.round(Math.max(0, ...rss.slice(0, half))),
        rssPeakSecondHalfMb: Math.round(Math.max(0, ...rss.slice(half))),
        rssEndMb: Math.round(rss[rss.length - 1] ?? 0),
      };
    } finally {
      await store?.ledger.close();
      await store?.drop();
      clients.close();
      await served.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
