/**
 * The runtime's Prometheus metrics (prom-client), one registry per runtime: counters fed by the runtime's and the
 * Zoho clients' events, and gauges read when scraped (ledger entries by state, the rate budgets, the access token's
 * age). Labels carry handoff ids, products, HTTP methods and statuses — never a record id, a secret or record data.
 */
import type { ZohoClients, ZohoEvent, ZohoProduct } from '@zlc/zoho';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { FlowEvent } from '../events.js';
import type { Ledger } from '../ledger/ledger.js';
import { ENTRY_STATES, type EntryState } from '../ledger/ledger-types.js';
import { withDeadline } from './deadline.js';

/** What the gauges read when scraped; bound once the runtime has opened them. */
export interface MetricSources {
  ledger: Ledger;
  clients: ZohoClients;
}

export interface FlowMetrics {
  readonly registry: Registry;
  /** Counts a runtime event. */
  onFlowEvent(event: FlowEvent): void;
  /** Counts a Zoho client event (requests, retries, rate limits, token refreshes). */
  onZohoEvent(event: ZohoEvent): void;
  /** Gives the scrape-time gauges their ledger and clients. */
  observe(sources: MetricSources): void;
  /** The exposition text (Prometheus text format 0.0.4) and its content type. */
  render(): Promise<{ contentType: string; text: string }>;
}

export interface FlowMetricsOptions {
  /** How long a scrape waits for the ledger's counts (default 2 s); past it, `zlc_flow_ledger_up` is 0. */
  ledgerTimeoutMs?: number;
  /** Node's process metrics (CPU, memory, event loop lag, handles). Default true. */
  processMetrics?: boolean;
  now?: () => number;
}

const PRODUCTS: readonly ZohoProduct[] = ['crm', 'books', 'desk'];
/** Seconds: from a fast local call to a run held up by rate limits. */
const RUN_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];
const CALL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createFlowMetrics(options: FlowMetricsOptions = {}): FlowMetrics {
  const registry = new Registry();
  const now = options.now ?? Date.now;
  const timeoutMs = options.ledgerTimeoutMs ?? 2_000;
  let sources: MetricSources | undefined;
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const flow = flowCounters(registers);
  const zoho = zohoCounters(registers);

  // One read of the ledger per scrape, shared by the two gauges (the registry collects them concurrently).
  let counting: Promise<Record<EntryState, number> | undefined> | undefined;
  const counts = () => {
    if (counting === undefined) {
      const ledger = sources?.ledger;
      counting = (
        ledger === undefined
          ? Promise.resolve(undefined)
          : withDeadline(ledger.counts(), timeoutMs, 'the ledger did not answer').catch(() => undefined)
      ).finally(() => setTimeout(() => (counting = undefined), 0));
    }
    return counting;
  };
  new Gauge({
    name: 'zlc_flow_ledger_up',
    help: 'Whether the ledger answered this scrape (1) or not (0).',
    registers,
    async collect() {
      if (sources !== undefined) this.set((await counts()) === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'zlc_flow_entries',
    help: 'Ledger entries by state (pending, running, blocked, done, failed, dead), all runtimes sharing the ledger.',
    labelNames: ['state'],
    registers,
    async collect() {
      this.reset();
      const found = await counts();
      if (found !== undefined) for (const state of ENTRY_STATES) this.set({ state }, found[state]);
    },
  });
  budgetGauges(registers, () => sources?.clients);
  tokenGauges(registers, () => sources?.clients, now);

  return {
    registry,
    onFlowEvent: (event) => flow(event),
    onZohoEvent: (event) => zoho(event),
    observe(next) {
      sources = next;
    },
    async render() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}

type Registers = Registry[];

function flowCounters(registers: Registers): (event: FlowEvent) => void {
  const intake = new Counter({
    name: 'zlc_flow_intake_total',
    help: 'Events recorded in the ledger, by handoff, source (webhook, poll) and result (created, duplicate, reopened).',
    labelNames: ['handoff', 'source', 'result'],
    registers,
  });
  const refused = new Counter({
    name: 'zlc_flow_intake_refused_total',
    help: 'Requests the intake endpoint refused, by HTTP status.',
    labelNames: ['status'],
    registers,
  });
  const finished = new Counter({
    name: 'zlc_flow_runs_total',
    help: 'Handoff runs by how they ended: done, not_in_stage, blocked, retry, failed, dead.',
    labelNames: ['handoff', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'zlc_flow_handoff_duration_seconds',
    help: 'One run of a handoff that ended done (or found the record out of its stage), from claim to finish.',
    labelNames: ['handoff'],
    buckets: RUN_BUCKETS,
    registers,
  });
  const latency = new Histogram({
    name: 'zlc_flow_handoff_latency_seconds',
    help: 'From when an entry became due (its event recorded, or its retry time) to its handoff done: queue wait and run.',
    labelNames: ['handoff'],
    buckets: RUN_BUCKETS,
    registers,
  });
  const polled = new Counter({
    name: 'zlc_flow_poll_records_total',
    help: 'Records the poll saw, and offered to the ledger as new or changed, by handoff.',
    labelNames: ['handoff', 'kind'],
    registers,
  });
  const ledgerErrors = new Counter({
    name: 'zlc_flow_ledger_errors_total',
    help: 'Times the worker could not reach the ledger.',
    registers,
  });
  return (event) => {
    switch (event.type) {
      case 'intake_accepted':
        intake.inc({ handoff: event.handoff, source: event.source, result: event.result });
        return;
      case 'intake_refused':
        refused.inc({ status: String(event.status) });
        return;
      case 'entry_done':
        finished.inc({ handoff: event.handoff, outcome: event.outcome });
        duration.observe({ handoff: event.handoff }, event.ms / 1000);
        if (event.outcome === 'done' && event.latencyMs !== undefined)
          latency.observe({ handoff: event.handoff }, event.latencyMs / 1000);
        return;
      case 'entry_blocked':
        finished.inc({ handoff: event.handoff, outcome: 'blocked' });
        return;
      case 'entry_retry':
        finished.inc({ handoff: event.handoff, outcome: 'retry' });
        return;
      case 'entry_failed':
        finished.inc({ handoff: event.handoff, outcome: event.final });
        return;
      case 'poll_done':
        polled.inc({ handoff: event.handoff, kind: 'seen' }, event.seen);
        polled.inc({ handoff: event.handoff, kind: 'offered' }, event.offered);
        return;
      case 'ledger_error':
        ledgerErrors.inc();
        return;
      case 'entry_started':
      case 'listening':
        return;
    }
  };
}

function zohoCounters(registers: Registers): (event: ZohoEvent) => void {
  const requests = new Counter({
    name: 'zlc_zoho_requests_total',
    help: 'HTTP calls to Zoho by product (crm, books, desk, accounts), method and status ("none": no answer).',
    labelNames: ['product', 'method', 'status'],
    registers,
  });
  const seconds = new Histogram({
    name: 'zlc_zoho_request_duration_seconds',
    help: 'Time of one HTTP call to Zoho, by product.',
    labelNames: ['product'],
    buckets: CALL_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: 'zlc_zoho_retries_total',
    help: 'Calls sent again, by product and reason (rate_limited, unavailable, …).',
    labelNames: ['product', 'reason'],
    registers,
  });
  const limited = new Counter({
    name: 'zlc_zoho_rate_limited_total',
    help: 'Times Zoho answered 429 and the product paused.',
    labelNames: ['product'],
    registers,
  });
  const refreshes = new Counter({
    name: 'zlc_zoho_token_refreshes_total',
    help: 'Access tokens this runtime got from Zoho (a token from the shared cache is not counted).',
    registers,
  });
  return (event) => {
    switch (event.type) {
      case 'request':
        requests.inc({ product: event.product, method: event.method, status: String(event.status ?? 'none') });
        seconds.observe({ product: event.product }, event.durationMs / 1000);
        return;
      case 'retry':
        retries.inc({ product: event.product, reason: event.reason });
        return;
      case 'rate_limited':
        limited.inc({ product: event.product });
        return;
      case 'token_refreshed':
        refreshes.inc();
        return;
      default:
        return;
    }
  };
}

/** The rate budgets as they stand at scrape time: what each product may still send. */
function budgetGauges(registers: Registers, clients: () => ZohoClients | undefined): void {
  const perProduct = (name: string, help: string, read: (c: ZohoClients, p: ZohoProduct) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['product'],
      registers,
      collect() {
        this.reset();
        const c = clients();
        if (c === undefined) return;
        for (const product of PRODUCTS) {
          const value = read(c, product);
          if (value !== undefined) this.set({ product }, value);
        }
      },
    });
  perProduct(
    'zlc_zoho_rate_available',
    'Calls the per-minute rate budget lets leave now without waiting (products with a documented rate: Books).',
    (c, p) => c.budgets[p].rateAvailable,
  );
  perProduct(
    'zlc_zoho_daily_calls_remaining',
    "Calls left in the rolling 24 hours under the daily cap zlc keeps (Books: the plan's calls a day).",
    (c, p) => c.budgets[p].dailyRemaining,
  );
  perProduct(
    'zlc_zoho_credits_remaining',
    "API credits Zoho's latest answer said are left (Desk's X-Rate-Limit-Remaining-v3).",
    (c, p) => c.budgets[p].creditsRemaining,
  );
  perProduct(
    'zlc_zoho_concurrency',
    'Calls allowed in flight now (halved after bursts of 429s, grown back by successes).',
    (c, p) => c.budgets[p].currentConcurrency,
  );
}

function tokenGauges(registers: Registers, clients: () => ZohoClients | undefined, now: () => number): void {
  new Gauge({
    name: 'zlc_zoho_token_age_seconds',
    help: 'Age of the access token in use (absent before the first call, or when its issue time is unknown).',
    registers,
    collect() {
      this.reset();
      const issuedAt = clients()?.token.info()?.issuedAt;
      if (issuedAt !== undefined) this.set(Math.max(0, (now() - issuedAt) / 1000));
    },
  });
  new Gauge({
    name: 'zlc_zoho_token_expires_in_seconds',
    help: 'Seconds until the access token in use expires (absent before the first call).',
    registers,
    collect() {
      this.reset();
      const info = clients()?.token.info();
      if (info !== undefined) this.set((info.expiresAt - now()) / 1000);
    },
  });
}
