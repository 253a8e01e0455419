/**
 * The runtime's Prometheus metrics (prom-client), one registry per runtime: counters fed by the runtime's and the
 * Zoho clients' events, and gauges read when scraped (ledger entries by state, the rate budgets, the access token's
 * age). Labels carry handoff ids, products, HTTP methods and statuses — never a record id, a secret or record data.
 */
import type { ZohoClients, ZohoEvent } from '@zlc/zoho';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { FlowEvent } from '../events.js';
import type { Ledger } from '../ledger/ledger.js';
import { ENTRY_STATES, type EntryState } from '../ledger/ledger-types.js';
import { withDeadline } from './deadline.js';
import { flowCounters } from './flow-metrics.js';
import { budgetGauges, tokenGauges, zohoCounters } from './zoho-metrics.js';

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
      // A gauge with nothing measured yet (Node's event-loop lag in the first moments) is NaN, which prom-client
      // writes "Nan" and several parsers refuse in any spelling: such a sample is left out, as having no value.
      const text = (await registry.metrics()).replace(/^[^#\n][^\n]* Nan\n/gm, '');
      return { contentType: registry.contentType, text };
    },
  };
}
