/**
 * `zlc flow serve` as a library call: the ledger, the worker, the intake server (with `/healthz`, `/readyz` and
 * `/metrics`) and a poll timer, started together.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { redactDatabaseUrl } from '@zlc/zoho';
import type { FlowEvent, OnFlowEvent } from './events.js';
import { type IntakeLimits, startIntakeServer } from './intake/server.js';
import type { Ledger } from './ledger/ledger.js';
import { type LedgerSpec, openLedger } from './ledger/open-ledger.js';
import { createFlowMetrics, type FlowMetrics } from './ops/metrics.js';
import { readinessCheck } from './ops/readiness.js';
import { pollOnce } from './poll.js';
import { FlowWorker, type WorkerOptions } from './worker.js';

export interface FlowRuntimeOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  /** The ledger: a SQLite file (`runtime.ledger.path`, `.zlc/flow.db`) or PostgreSQL (`runtime.ledger.url_env`). */
  ledger: LedgerSpec;
  secret: string | undefined;
  port?: number;
  host?: string;
  /** Poll every this many ms (default: `runtime.poll_interval`); 0 turns polling off. */
  pollIntervalMs?: number;
  worker?: Partial<Omit<WorkerOptions, 'clients' | 'model' | 'ledger' | 'onEvent'>>;
  onEvent?: OnFlowEvent;
  /** Poll errors (the runtime keeps going). */
  onPollError?: (error: unknown) => void;
  /**
   * The metrics `/metrics` serves. Pass one whose `onZohoEvent` also receives the clients' events to count Zoho
   * calls; default: a new one that counts the runtime's own events and reads the ledger and budgets when scraped.
   */
  metrics?: FlowMetrics;
  /** Timeouts and the connection cap of the intake server. */
  limits?: IntakeLimits;
}

export interface FlowRuntime {
  url: string;
  ledger: Ledger;
  worker: FlowWorker;
  metrics: FlowMetrics;
  /** Stops intake, the poll timer and the worker (waiting for runs in flight), then closes the ledger. */
  close(): Promise<void>;
}

/** Opens the ledger, naming it (its database address without the password) when it cannot be opened. */
async function openRuntimeLedger(spec: LedgerSpec): Promise<Ledger> {
  return openLedger(spec).catch((error: unknown) => {
    const where = spec.kind === 'sqlite' ? spec.path : redactDatabaseUrl(spec.url);
    throw new Error(`the ledger ${where} cannot be opened: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });
}

/** The poll timer: one poll at a time (a tick during a poll is skipped), waking the worker after each. */
function startPollTimer(
  options: FlowRuntimeOptions,
  ledger: Ledger,
  worker: FlowWorker,
  onEvent: OnFlowEvent,
): { clear(): void; inFlight(): Promise<unknown> | undefined } {
  const interval = options.pollIntervalMs ?? options.model.runtime.pollIntervalSeconds * 1000;
  let polling: Promise<unknown> | undefined;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (polling !== undefined) return;
          polling = pollOnce({
            clients: options.clients,
            model: options.model,
            ledger,
            onEvent,
          })
            .then(() => worker.wake())
            .catch((error: unknown) => options.onPollError?.(error))
            .finally(() => {
              polling = undefined;
            });
        }, interval)
      : undefined;
  return {
    clear: () => {
      if (timer !== undefined) clearInterval(timer);
    },
    inFlight: () => polling,
  };
}

export async function startFlowRuntime(options: FlowRuntimeOptions): Promise<FlowRuntime> {
  const ledger = await openRuntimeLedger(options.ledger);
  const metrics = options.metrics ?? createFlowMetrics();
  metrics.observe({ ledger, clients: options.clients });
  const onEvent = (event: FlowEvent) => {
    metrics.onFlowEvent(event);
    options.onEvent?.(event);
  };
  const worker = new FlowWorker({
    clients: options.clients,
    model: options.model,
    ledger,
    onEvent,
    ...options.worker,
  });
  const intake = await startIntakeServer(
    {
      model: options.model,
      ledger,
      clients: options.clients,
      secret: options.secret,
      onEvent,
      onAccepted: (handoff, recordId, record) => {
        if (record !== undefined) worker.prefetch(handoff, recordId, record);
        worker.wake();
      },
      ops: {
        metrics,
        readiness: readinessCheck({ ledger, clients: options.clients, model: options.model }),
        onEvent,
      },
    },
    {
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    },
  ).catch(async (error: unknown) => {
    await ledger.close();
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${why}`, { cause: error });
  });
  worker.start();
  onEvent({ type: 'listening', url: intake.url });
  const poller = startPollTimer(options, ledger, worker, onEvent);
  return {
    url: intake.url,
    ledger,
    worker,
    metrics,
    async close() {
      poller.clear();
      await intake.close();
      await poller.inFlight();
      await worker.stop();
      await ledger.close();
    },
  };
}
