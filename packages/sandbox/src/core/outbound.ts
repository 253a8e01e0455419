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
  const concurrency = options.concurrency ?? 4;
  const policy: Record<Product, OutboundPolicy> = {
    crm: { ...DEFAULT_OUTBOUND_POLICY.crm, ...options.policy?.crm },
    books: { ...DEFAULT_OUTBOUND_POLICY.books, ...options.policy?.books },
    desk: { ...DEFAULT_OUTBOUND_POLICY.desk, ...options.policy?.desk },
  };
  const records: DeliveryRecord[] = [];
  const queue: Job[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const controllers = new Set<AbortController>();
  let active = 0;
  let waiting = 0;
  let nextId = 1;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  function busy(): boolean {
    return queue.length > 0 || active > 0 || waiting > 0;
  }

  function settleIdle(): void {
    if (busy()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const allow = options.allow ?? 'loopback';

  /** Why `url` may not be sent to, or undefined when it may. */
  function refusal(url: string): string | undefined {
    if (allow === 'any' || isLoopbackUrl(url)) return undefined;
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      // Not a URL: name it whole.
    }
    return `not delivered: ${host} is not this machine, and the sandbox delivers only to loopback addresses (127.0.0.1, localhost, ::1) by default; allow others with \`zlc sandbox serve --outbound any\` or startSandbox({ outbound: { allow: 'any' } })`;
  }

  async function attempt(request: OutboundRequest, record: DeliveryRecord): Promise<number | 'error'> {
    const refused = refusal(request.url);
    if (refused !== undefined) {
      record.attempts++;
      record.status = 'undeliverable';
      record.error = refused;
      options.onEvent?.({ type: 'outbound_attempt', delivery: { ...record } });
      return 'error';
    }
    const controller = new AbortController();
    controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), policy[request.product].timeoutMs);
    record.attempts++;
    try {
      // A loopback receiver must not bounce the delivery to another machine.
      const init: RequestInit = {
        method: request.method,
        signal: controller.signal,
        ...(allow === 'loopback' ? { redirect: 'manual' as const } : {}),
      };
      const headers: Record<string, string> = { 'user-agent': 'zlc-sandbox', ...request.headers };
      if (request.body !== undefined && request.method === 'POST') {
        init.body = request.body;
        headers['content-type'] ??= 'application/json';
      }
      init.headers = headers;
      const response = await fetch(request.url, init);
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
      controllers.delete(controller);
      options.onEvent?.({ type: 'outbound_attempt', delivery: { ...record } });
    }
  }

  function pump(): void {
    while (!closed && active < concurrency && queue.length > 0) {
      const job = queue.shift() as Job;
      active++;
      void run(job);
    }
    settleIdle();
  }

  async function run(job: Job): Promise<void> {
    const rules = policy[job.request.product];
    const status = await attempt(job.request, job.record);
    active--;
    const done =
      closed ||
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
      const delay = rules.delaysMs[Math.min(job.record.attempts - 1, rules.delaysMs.length - 1)] ?? 0;
      waiting++;
      const timer = setTimeout(() => {
        timers.delete(timer);
        waiting--;
        queue.push(job);
        pump();
      }, delay);
      timers.add(timer);
    }
    pump();
  }

  function newRecord(request: OutboundRequest, mode: DeliveryRecord['mode']): DeliveryRecord {
    const record: DeliveryRecord = {
      id: nextId++,
      product: request.product,
      source: request.source,
      url: request.url,
      method: request.method,
      status: 'pending',
      attempts: 0,
      mode,
    };
    records.push(record);
    return record;
  }

  return {
    enqueue(request, onResult) {
      if (closed) return;
      queue.push({ record: newRecord(request, 'enqueue'), request, onResult });
      // Start on the next tick: the API answer that fired this goes out first.
      setImmediate(pump);
    },
    async send(request) {
      const record = newRecord(request, 'send');
      return { status: await attempt(request, record) };
    },
    log: () => records.map((r) => ({ ...r })),
    drain() {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    setPolicy(product, change) {
      policy[product] = { ...policy[product], ...change };
    },
    clearLog() {
      records.length = 0;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      waiting = 0;
      queue.length = 0;
      for (const controller of controllers) controller.abort();
      settleIdle();
    },
  };
}
