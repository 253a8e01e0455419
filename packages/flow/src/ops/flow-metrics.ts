/** The runtime's own counters and histograms, fed by its events: intake, runs and their times, polls, ledger errors. */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { FlowEvent } from '../events.js';

/** Seconds: from a fast local call to a run held up by rate limits. */
const RUN_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

export function flowCounters(registers: Registry[]): (event: FlowEvent) => void {
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
