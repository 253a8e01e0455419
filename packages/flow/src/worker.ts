/**
 * The worker: claims due ledger entries (with a lease, so a killed runtime's work is claimed again), runs their
 * handoff, and records the outcome: done, blocked (with the missing data), a retry with exponential backoff and
 * jitter for what may succeed later, failed for what will not, dead after `runtime.max_attempts` tries.
 */
import { randomUUID } from 'node:crypto';
import { type ResolvedModel, triggerHandoffs } from '@zlc/model';
import { isZohoError, type ZohoClients } from '@zlc/zoho';
import type { Rec } from './evaluate/snapshot.js';
import type { OnFlowEvent } from './events.js';
import { runGate } from './gates/run-gate.js';
import type { Ledger } from './ledger/ledger.js';
import type { LedgerEntry, StepRecord } from './ledger/ledger-types.js';
import { StageOwners } from './owners/stage-owners.js';
import type { ItemCache } from './steps/line-items.js';
import { type HandoffResult, runHandoff } from './steps/run-handoff.js';
import { StepRefusedError } from './steps/run-step.js';

/** Which entry an event is about. */
interface EntryRef {
  entryId: number;
  handoff: string;
  recordId: string;
}

export interface WorkerOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  ledger: Ledger;
  onEvent?: OnFlowEvent;
  /** Entries run at once (default 8). */
  concurrency?: number;
  /** How long a claim holds before another worker may take the entry over (default 60 s). */
  leaseMs?: number;
  /** First retry delay, doubled per attempt up to `maxDelayMs` (defaults 1 s, 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Idle wait between looks at the ledger (default 250 ms). */
  idleMs?: number;
  random?: () => number;
}

/** Is a failure worth another try? Zoho's own verdict for its errors; unknown errors are retried. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof StepRefusedError) return false;
  if (isZohoError(error)) return error.retryable || error.kind === 'auth';
  return true;
}

function describe(error: unknown): string {
  if (isZohoError(error)) {
    const details = error.details.map((d) => [d.field, d.message].filter(Boolean).join(': ')).join('; ');
    return `${error.kind}${error.zohoCode ? ` ${error.zohoCode}` : ''}${error.request ? ` (${error.request})` : ''}: ${error.message}${details ? ` [${details}]` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export class FlowWorker {
  private readonly owner = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly prefetched = new Map<string, Rec>();
  private readonly owners: StageOwners;
  /** Books items found by earlier runs: a backfill's deals ask for the same few items. */
  private readonly items: ItemCache = new Map();
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.owners = new StageOwners(options.clients);
  }

  /** The trigger record intake already read, handed to the next run of that record (saves one call). */
  prefetch(handoff: string, recordId: string, record: Rec): void {
    this.prefetched.set(`${handoff}\u0000${recordId}`, record);
    if (this.prefetched.size > 10_000) this.prefetched.clear();
  }

  /** Tells an idle worker that new work arrived. */
  wake(): void {
    this.wakeUp?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the runs in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /** Runs until nothing is due (tests, `flow poll --once`); entries scheduled for later are left. */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claim();
      if (claimed === 0 && this.inFlight.size === 0) return;
      await Promise.race([...this.inFlight]);
    }
  }

  private async claim(): Promise<number> {
    const concurrency = this.options.concurrency ?? 8;
    const free = concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const entries = await this.options.ledger.claim(this.owner, free, this.options.leaseMs ?? 60_000);
    for (const entry of entries) {
      const p: Promise<void> = this.runEntry(entry).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    return entries.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.claim();
      } catch (error) {
        // The ledger out of reach (a database restarting): say so, and look again after the idle wait.
        this.options.onEvent?.({ type: 'ledger_error', error: describe(error) });
      }
      const idle = this.options.idleMs ?? 250;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.inFlight.size > 0 ? Math.min(idle, 50) : idle);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
        if (this.inFlight.size > 0) void Promise.race([...this.inFlight]).then(() => this.wakeUp?.());
      });
      this.wakeUp = undefined;
    }
  }

  private async runEntry(entry: LedgerEntry): Promise<void> {
    const { ledger, model, clients } = this.options;
    const emit = this.options.onEvent ?? (() => {});
    const ref = { entryId: entry.id, handoff: entry.handoff, recordId: entry.recordId };
    const started = Date.now();
    const handoff = triggerHandoffs(model).find((h) => h.id === entry.handoff);
    if (handoff === undefined) {
      const error = `handoff ${entry.handoff} is no longer in the model`;
      await ledger.finish(entry.id, { state: 'failed', error });
      emit({ type: 'entry_failed', ...ref, error, final: 'failed' });
      return;
    }
    emit({ type: 'entry_started', ...ref, attempt: entry.attempts });
    const key = `${entry.handoff}\u0000${entry.recordId}`;
    const prefetched = this.prefetched.get(key);
    this.prefetched.delete(key);
    const leaseMs = this.options.leaseMs ?? 60_000;
    const renew = setInterval(
      () => void ledger.renew(entry.id, this.owner, leaseMs).catch(() => {}),
      Math.max(100, leaseMs / 3),
    );
    try {
      const gate = model.gates.find((g) => g.id === entry.handoff);
      const run = {
        clients,
        model,
        recordId: entry.recordId,
        previous: await ledger.steps(entry.id),
        onStep: (record: StepRecord) => ledger.recordStep(entry.id, record),
        owners: this.owners,
        ...(prefetched === undefined ? {} : { prefetched }),
        itemCache: this.items,
      };
      const result = gate === undefined ? await runHandoff({ ...run, handoff }) : await runGate({ ...run, gate });
      if (this.items.size > 10_000) this.items.clear();
      await this.finishResult(entry, result, ref, started);
    } catch (error) {
      await this.finishFailure(entry, error, ref);
    } finally {
      clearInterval(renew);
    }
  }

  /** Records a finished run's outcome in the ledger, then says so. */
  private async finishResult(entry: LedgerEntry, result: HandoffResult, ref: EntryRef, started: number): Promise<void> {
    const { ledger } = this.options;
    const emit = this.options.onEvent ?? (() => {});
    switch (result.kind) {
      case 'done':
        await ledger.finish(entry.id, {
          state: 'done',
          ownVersion: result.ownVersion,
          ...(result.version === undefined ? {} : { version: result.version }),
        });
        emit({
          type: 'entry_done',
          ...ref,
          ms: Date.now() - started,
          latencyMs: Math.max(0, Date.now() - entry.nextAttemptAt),
          outcome: 'done',
        });
        return;
      case 'not_in_stage':
        await ledger.finish(entry.id, { state: 'done' });
        emit({ type: 'entry_done', ...ref, ms: Date.now() - started, outcome: 'not_in_stage' });
        return;
      case 'blocked':
        await ledger.finish(entry.id, { state: 'blocked', reason: result.reason });
        emit({ type: 'entry_blocked', ...ref, reason: result.reason });
        return;
      case 'gone':
        await ledger.finish(entry.id, { state: 'failed', error: result.detail });
        emit({ type: 'entry_failed', ...ref, error: result.detail, final: 'failed' });
        return;
    }
  }

  /** Records a failed run: retried with backoff and jitter while worth it, else failed or dead. */
  private async finishFailure(entry: LedgerEntry, error: unknown, ref: EntryRef): Promise<void> {
    const { ledger, model } = this.options;
    const emit = this.options.onEvent ?? (() => {});
    const message = describe(error);
    const maxAttempts = model.runtime.maxAttempts;
    if (!isRetryable(error) || entry.attempts >= maxAttempts) {
      const final = isRetryable(error) ? 'dead' : 'failed';
      await ledger.finish(entry.id, { state: final, error: message });
      emit({ type: 'entry_failed', ...ref, error: message, final });
      return;
    }
    const base = this.options.baseDelayMs ?? 1_000;
    const cap = this.options.maxDelayMs ?? 300_000;
    const exp = Math.min(cap, base * 2 ** (entry.attempts - 1));
    const delayMs = Math.round(exp / 2 + (this.options.random ?? Math.random)() * (exp / 2));
    await ledger.finish(entry.id, { state: 'retry', error: message, at: Date.now() + delayMs });
    emit({ type: 'entry_retry', ...ref, attempt: entry.attempts, error: message, delayMs });
  }
}
