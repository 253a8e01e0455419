/** `zlc flow serve` as a library call: the ledger, the worker, the intake server and a poll timer, started together. */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { OnFlowEvent } from './events.js';
import { startIntakeServer } from './intake/server.js';
import type { Ledger } from './ledger/ledger.js';
import { type LedgerSpec, openLedger } from './ledger/open-ledger.js';
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
}

export interface FlowRuntime {
  url: string;
  ledger: Ledger;
  worker: FlowWorker;
  /** Stops intake, the poll timer and the worker (waiting for runs in flight), then closes the ledger. */
  close(): Promise<void>;
}

export async function startFlowRuntime(options: FlowRuntimeOptions): Promise<FlowRuntime> {
  const ledger = await openLedger(options.ledger);
  const worker = new FlowWorker({
    clients: options.clients,
    model: options.model,
    ledger,
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    ...options.worker,
  });
  const intake = await startIntakeServer(
    {
      model: options.model,
      ledger,
      clients: options.clients,
      secret: options.secret,
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
      onAccepted: (handoff, recordId, record) => {
        if (record !== undefined) worker.prefetch(handoff, recordId, record);
        worker.wake();
      },
    },
    {
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
    },
  );
  worker.start();
  options.onEvent?.({ type: 'listening', url: intake.url });
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
            ...(options.onEvent ? { onEvent: options.onEvent } : {}),
          })
            .then(() => worker.wake())
            .catch((error: unknown) => options.onPollError?.(error))
            .finally(() => {
              polling = undefined;
            });
        }, interval)
      : undefined;
  return {
    url: intake.url,
    ledger,
    worker,
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await intake.close();
      await polling;
      await worker.stop();
      await ledger.close();
    },
  };
}
