/**
 * `flow-backfill`: N closed deals (default 300; ZLC_FLOW_BACKFILL_DEALS=10000 for the full size) found by
 * `backfill` (since just before they were made; a new ledger's poll would leave them alone as history) and run by
 * the worker, with Books limited to L calls a minute (default 1,200; Zoho's 100 with
 * ZLC_FLOW_BOOKS_PER_MINUTE=100) on the sandbox and the same budget in the client: Books calls per deal, Books calls
 * per minute achieved ÷ L (see below), the calls that failed (the client's answers of 429, 5xx or none, per
 * product, and the sandbox's count of 429s), this process's RSS sampled over the run (flat = the second half peaks
 * no higher than the first), and the load average at the start and the end (the machine is shared). The ledger is SQLite, or PostgreSQL with ZLC_BENCH_LEDGER=postgres (a fresh schema on
 * ZLC_BENCH_POSTGRES_URL, default the test server postgres://postgres@127.0.0.1:5432/test, dropped after). The
 * org is served by a child process (bench/sandbox-child.ts).
 *
 * The rate ÷ L is taken over the Books phase, from the first Books call to the last: L is Zoho's 100 a minute scaled
 * up (6,000 for the full size), which shrinks the Books phase 60 times but not what the run does without Books (the
 * CRM listing every deal before the first offer, the last Desk entries after the last Books call), so over the whole
 * run those fixed seconds would weigh 60 times what they weigh against the real limit. The whole run's rate is
 * reported beside it (`ofLimitWholeRun`), with the phases (listing done, every deal offered, first and last Books
 * call, in seconds from the start) and the Books calls of every ten seconds, which show the ramp and the tail.
 * Seeding the org and opening (migrating) the ledger come before the start and count in neither.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { backfill, FlowWorker, type Ledger, openLedger } from '@zlc/flow';
import type { ResolvedModel } from '@zlc/model';
import type { OnZohoEvent, ZohoClients } from '@zlc/zoho';
import pg from 'pg';
import { serveInChild } from '../sandbox-child.js';
import { round, type Scenario, type ScenarioContext } from '../scenario.js';
import { booksFieldsOf, clientsOf, deal, model, product, provision, runtimeOn } from './flow.js';

/** The part of `GET /__sandbox/stats` this reads. */
interface SandboxStats {
  requests: Record<'crm' | 'books' | 'desk', number>;
  rateLimited: Record<'crm' | 'books' | 'desk', number>;
}

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

/** Ten seconds: the timeline's bucket, fine enough to show the run's ramp and tail beside its steady minutes. */
const BUCKET_MS = 10_000;

/**
 * The measured run's calls, from the client's own events: those whose answer was a failure (429, 5xx) or never
 * came, per product; and every Books call's time, as counts per ten seconds from the start and the first and last.
 */
function watchCalls() {
  const watch = {
    /** When the measured run started (performance.now()); no call counts before. */
    startedAt: undefined as number | undefined,
    failed: { crm: 0, books: 0, desk: 0, accounts: 0 } as Record<string, number>,
    booksPerBucket: [] as number[],
    firstBooksMs: undefined as number | undefined,
    lastBooksMs: undefined as number | undefined,
    onEvent: ((e) => {
      if (watch.startedAt === undefined || e.type !== 'request') return;
      if (e.status === undefined || e.status === 429 || e.status >= 500)
        watch.failed[e.product] = (watch.failed[e.product] ?? 0) + 1;
      if (e.product !== 'books') return;
      const ms = performance.now() - watch.startedAt;
      watch.firstBooksMs ??= ms;
      watch.lastBooksMs = ms;
      const bucket = Math.floor(ms / BUCKET_MS);
      while (watch.booksPerBucket.length <= bucket) watch.booksPerBucket.push(0);
      watch.booksPerBucket[bucket] = (watch.booksPerBucket[bucket] ?? 0) + 1;
    }) as OnZohoEvent,
  };
  return watch;
}

type CallWatch = ReturnType<typeof watchCalls>;

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
  /** Seconds from the start: the listing done (first offer), every deal offered, the last entry finished. */
  phases: { listedS: number; offeredS: number; drainedS: number };
}

/** Entries the worker runs at once (ZLC_FLOW_BACKFILL_CONCURRENCY); see `timedBackfill`. */
const WORKER_CONCURRENCY = Number(process.env.ZLC_FLOW_BACKFILL_CONCURRENCY ?? 32);

/** One backfill and the worker running it, timed, with the org's Books calls and 429s and this process's RSS. */
async function timedBackfill(
  ctx: ScenarioContext,
  run: { clients: ZohoClients; m: ResolvedModel; ledger: Ledger; stats: () => Promise<SandboxStats>; since: Date },
  calls: CallWatch,
): Promise<BackfillRun> {
  const { clients, m, ledger, stats } = run;
  // The worker's entries in flight (`flow serve --concurrency`): at Zoho's 100 Books calls a minute the default 8 is
  // ample, but the scaled-up limit (6,000 a minute for the full size) wants 50 won deals a second, and every won deal
  // is two entries (Books and Desk), so the bench sets what an operator would for that limit.
  const worker = new FlowWorker({ clients, model: m, ledger, concurrency: WORKER_CONCURRENCY });
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss / 1024 / 1024), 1000);
  const before = await stats();
  const started = performance.now();
  const since = () => (performance.now() - started) / 1000;
  calls.startedAt = started;
  // A long backfill says how far it is once a minute (entries per state, Books calls a minute so far, RSS).
  const progress = setInterval(() => {
    void Promise.all([stats(), ledger.counts()]).then(([now, counts]) => {
      const minutes = (performance.now() - started) / 60_000;
      const rate = (now.requests.books - before.requests.books) / minutes;
      ctx.log(
        `${JSON.stringify(counts)} after ${minutes.toFixed(1)} min, ${Math.round(rate)} Books calls/min, ` +
          `RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB, load ${loadavg()[0]?.toFixed(1)}`,
      );
    });
  }, 60_000);
  let listedS: number | undefined;
  // The worker runs while the backfill still offers, as `zlc flow backfill` does; then its loop stops claiming (two
  // loops claiming at once would exceed the concurrency) and drain runs the rest.
  worker.start();
  const onEvent = () => {
    listedS ??= since();
  };
  await backfill({ clients, model: m, ledger, since: run.since, dryRun: false, onEvent });
  const offeredS = since();
  await worker.stop();
  await worker.drain();
  const drainedS = since();
  calls.startedAt = undefined;
  clearInterval(sampler);
  clearInterval(progress);
  const after = await stats();
  return {
    seconds: drainedS,
    booksCalls: after.requests.books - before.requests.books,
    refused429: after.rateLimited.books - before.rateLimited.books,
    counts: await ledger.counts(),
    rss,
    phases: { listedS: listedS ?? offeredS, offeredS, drainedS },
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
    const calls = watchCalls();
    const clients = clientsOf(served.env, perMinute, calls.onEvent);
    const dir = mkdtempSync(join(tmpdir(), 'zlc-bench-backfill-'));
    let store: BackfillLedger | undefined;
    try {
      const since = await closeDeals(ctx, served.env, clients, m, dir, deals);
      await served.admin('POST', 'limits', { product: 'books', perMinute });
      store = await backfillLedger(dir);
      ctx.log(`ledger: ${store.ledger.location}`);
      const loadBefore = loadavg()[0] ?? 0;
      const { seconds, booksCalls, refused429, counts, rss, phases } = await timedBackfill(
        ctx,
        { clients, m, ledger: store.ledger, stats, since },
        calls,
      );
      // The limit's rate is measured where Books calls go out, from the first to the last (see the file's comment);
      // over the whole run, the CRM listing before the first and the Desk work after the last count too.
      const booksSeconds = ((calls.lastBooksMs ?? 0) - (calls.firstBooksMs ?? 0)) / 1000;
      const perMinuteAchieved = booksCalls / (booksSeconds / 60);
      const perMinuteWholeRun = booksCalls / (seconds / 60);
      // Memory is flat when the second half of the run peaks no higher than the first (no growth with the work done).
      const half = Math.floor(rss.length / 2);
      return {
        deals,
        ledger: store.kind,
        booksLimitPerMinute: perMinute,
        seconds: round(seconds, 1),
        booksCalls,
        booksCallsPerDeal: round(booksCalls / deals),
        booksSeconds: round(booksSeconds, 1),
        booksPerMinute: round(perMinuteAchieved, 1),
        ofLimit: round(perMinuteAchieved / perMinute),
        booksPerMinuteWholeRun: round(perMinuteWholeRun, 1),
        ofLimitWholeRun: round(perMinuteWholeRun / perMinute),
        failedCalls: calls.failed,
        booksRefused429: refused429,
        // Entries per state (the default seed adds Closed Won deals of its own, blocked for missing data).
        entries: counts,
        rssStartMb: Math.round(rss[0] ?? 0),
        rssPeakFirstHalfMb: Math.round(Math.max(0, ...rss.slice(0, half))),
        rssPeakSecondHalfMb: Math.round(Math.max(0, ...rss.slice(half))),
        rssEndMb: Math.round(rss[rss.length - 1] ?? 0),
        listedS: round(phases.listedS, 1),
        offeredS: round(phases.offeredS, 1),
        firstBooksCallS: round((calls.firstBooksMs ?? 0) / 1000, 1),
        lastBooksCallS: round((calls.lastBooksMs ?? 0) / 1000, 1),
        booksPer10s: calls.booksPerBucket,
        loadAverage: [round(loadBefore, 1), round(loadavg()[0] ?? 0, 1)],
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
