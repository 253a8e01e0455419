/**
 * Outbound HTTP from the sandbox: webhook and notification deliveries, sent in the background with bounded
 * concurrency and retries (never blocking the API request that fired them), plus `send()` for synchronous
 * calls such as Desk's validation GET. Every delivery is logged for tests. Policy: SPEC.md, "Outbound delivery".
 * A local emulator does not reach out on its own: by default only loopback targets are sent to (redirects not
 * followed); any other is logged `undeliverable` with the reason and how to allow it.
 */
import { isLoopbackUrl } from './loopback.js';
import type { Outbound, OutboundRequest, OutboundResult, Product } from './types.js';

/** Where deliveries may go: this machine only (the default), or anywhere. */
export type OutboundAllow = 'loopback' | 'any';

export interface OutboundPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** Wait before each retry (the last value repeats). */
  delaysMs: readonly number[];
  /** A receiver that has not answered by then has failed this try. */
  timeoutMs: number;
  /** Statuses that end the delivery without retrying even though they are not a success (Desk: 410). */
  finalStatuses: readonly number[];
}

export const DEFAULT_OUTBOUND_POLICY: Record<Product, OutboundPolicy> = {
  crm: { attempts: 3, delaysMs: [1_000, 5_000], timeoutMs: 10_000, finalStatuses: [] },
  books: { attempts: 3, delaysMs: [1_000, 5_000], timeoutMs: 10_000, finalStatuses: [] },
  desk: { attempts: 3, delaysMs: [1_000, 5_000], timeoutMs: 10_000, finalStatuses: [410] },
};

export interface DeliveryRecord {
  id: number;
  product: Product;
  source: string;
  url: string;
  method: 'GET' | 'POST';
  /**
   * Last answer: an HTTP status, `error` (no answer), `undeliverable` (a target the sandbox may not reach; never
   * retried), or `pending` while still being delivered.
   */
  status: number | 'error' | 'undeliverable' | 'pending';
  attempts: number;
  /** Why the last try failed, when it did. */
  error?: string;
  /** `send()` (synchronous) or `enqueue()` (background). */
  mode: 'send' | 'enqueue';
}

export interface OutboundEvent {
  type: 'outbound_attempt';
  delivery: DeliveryRecord;
}

export interface OutboundOptions {
  concurrency?: number;
  /** Default `loopback`. */
  allow?: OutboundAllow;
  policy?: Partial<Record<Product, Partial<OutboundPolicy>>>;
  onEvent?: (event: OutboundEvent) => void;
}

export interface OutboundQueue extends Outbound {
  log(): DeliveryRecord[];
  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  drain(): Promise<void>;
  setPolicy(product: Product, policy: Partial<OutboundPolicy>): void;
  clearLog(): void;
  close(): void;
}

interface Job {
  record: DeliveryRecord;
  request: OutboundRequest;
  onResult: ((result: OutboundResult) => void) | undefined;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export function createOutbound(options: OutboundOptions = {}): OutboundQueue {
  return new DeliveryQueue(options);
}

/** Why `url` may not be sent to under `allow`, or undefined when it may. */
function refusal(allow: OutboundAllow, url: string): string | undefined {
  if (allow === 'any' || isLoopbackUrl(url)) return undefined;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Not a URL: name it whole.
  }
  return `not delivered: ${host} is not this machine, and the sandbox delivers only to loopback addresses (127.0.0.1, localhost, ::1) by default; allow others with \`zlc sandbox serve --outbound any\` or startSandbox({ outbound: { allow: 'any' } })`;
}

function requestInit(request: OutboundRequest, allow: OutboundAllow, signal: AbortSignal): RequestInit {
  // A loopback receiver must not bounce the delivery to another machine.
  const init: RequestInit = { method: request.method, signal, ...(allow === 'loopback' ? { redirect: 'manual' } : {}) };
  const headers: Record<string, string> = { 'user-agent': 'zlc-sandbox', ...request.headers };
  if (request.body !== undefined && request.method === 'POST') {
    init.body = request.body;
    headers['content-type'] ??= 'application/json';
  }
  init.headers = headers;
  return init;
}

class DeliveryQueue implements OutboundQueue {
  private readonly concurrency: number;
  private readonly allow: OutboundAllow;
  private readonly onEvent: ((event: OutboundEvent) => void) | undefined;
  private readonly policy: Record<Product, OutboundPolicy>;
  private readonly records: DeliveryRecord[] = [];
  private readonly queue: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private active = 0;
  /** Deliveries waiting for a retry. */
  private waiting = 0;
  private nextId = 1;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(options: OutboundOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.allow = options.allow ?? 'loopback';
    this.onEvent = options.onEvent;
    this.policy = {
      crm: { ...DEFAULT_OUTBOUND_POLICY.crm, ...options.policy?.crm },
      books: { ...DEFAULT_OUTBOUND_POLICY.books, ...options.policy?.books },
      desk: { ...DEFAULT_OUTBOUND_POLICY.desk, ...options.policy?.desk },
    };
  }

  enqueue(request: OutboundRequest, onResult?: (result: OutboundResult) => void): void {
    if (this.closed) return;
    this.queue.push({ record: this.newRecord(request, 'enqueue'), request, onResult });
    // Start on the next tick: the API answer that fired this goes out first.
    setImmediate(() => this.pump());
  }

  async send(request: OutboundRequest): Promise<OutboundResult> {
    const record = this.newRecord(request, 'send');
    return { status: await this.attempt(request, record) };
  }

  log(): DeliveryRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  drain(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  setPolicy(product: Product, change: Partial<OutboundPolicy>): void {
    this.policy[product] = { ...this.policy[product], ...change };
  }

  clearLog(): void {
    this.records.length = 0;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting = 0;
    this.queue.length = 0;
    for (const controller of this.controllers) controller.abort();
    this.settleIdle();
  }

  private busy(): boolean {
    return this.queue.length > 0 || this.active > 0 || this.waiting > 0;
  }

  private settleIdle(): void {
    if (this.busy()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private newRecord(request: OutboundRequest, mode: DeliveryRecord['mode']): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      product: request.product,
      source: request.source,
      url: request.url,
      method: request.method,
      status: 'pending',
      attempts: 0,
      mode,
    };
    this.records.push(record);
    return record;
  }

  private async attempt(request: OutboundRequest, record: DeliveryRecord): Promise<number | 'error'> {
    const refused = refusal(this.allow, request.url);
    if (refused !== undefined) {
      record.attempts++;
      record.status = 'undeliverable';
      record.error = refused;
      this.onEvent?.({ type: 'outbound_attempt', delivery: { ...record } });
      return 'error';
    }
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.policy[request.product].timeoutMs);
    record.attempts++;
    try {
      const response = await fetch(request.url, requestInit(request, this.allow, controller.signal));
      await response.arrayBuffer().catch(() => undefined);
      record.status = response.status;
      delete record.error;
      return response.status;
    } catch (error) {
      record.status = 'error';
      record.error = controller.signal.aborted ? 'timeout' : error instanceof Error ? error.message : String(error);
      return 'error';
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
      this.onEvent?.({ type: 'outbound_attempt', delivery: { ...record } });
    }
  }

  private pump(): void {
    while (!this.closed && this.active < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.active++;
      void this.run(job);
    }
    this.settleIdle();
  }

  private async run(job: Job): Promise<void> {
    const rules = this.policy[job.request.product];
    const status = await this.attempt(job.request, job.record);
    this.active--;
    const done =
      this.closed ||
      job.record.status === 'undeliverable' ||
      (status !== 'error' && (isSuccess(status) || rules.finalStatuses.includes(status))) ||
      job.record.attempts >= rules.attempts;
    if (done) {
      try {
        job.onResult?.({ status });
      } catch {
        // A product callback must never break the queue.
      }
    } else {
      this.retryLater(job, rules.delaysMs[Math.min(job.record.attempts - 1, rules.delaysMs.length - 1)] ?? 0);
    }
    this.pump();
  }

  private retryLater(job: Job, delay: number): void {
    this.waiting++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting--;
      this.queue.push(job);
      this.pump();
    }, delay);
    this.timers.add(timer);
  }
}
