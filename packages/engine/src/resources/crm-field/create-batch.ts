/**
 * CRM takes up to 20 new custom fields of one module in one `POST /settings/fields`, and answers per field. The
 * creates of a wave are gathered per module (everything queued in the same turn of the event loop, 20 at most per
 * request) so that 240 new fields cost 15 requests, not 240. Each action still gets its own outcome.
 *
 * At most once, as `createOnce` does for one record: after a request whose outcome is unknown (5xx, reset,
 * timeout), the module's fields are listed, the ones that exist are taken as created, and only the rest are sent
 * again. A duplicate refusal after such a request is resolved the same way.
 */
import {
  backoffDelay,
  type CrmField,
  type CrmFieldInput,
  toZohoError,
  ZohoRejectedError,
  ZohoUnavailableError,
} from '@zlc/zoho';
import type { ExecutorContext } from '../executor.js';

export const CRM_FIELDS_PER_CREATE = 20;
const MAX_ATTEMPTS = 4;

interface Pending {
  apiName: string;
  input: CrmFieldInput;
  resolve(id: string): void;
  reject(error: unknown): void;
}

interface Batcher {
  add(module: string, apiName: string, input: CrmFieldInput): Promise<string>;
}

const batchers = new WeakMap<ExecutorContext, Batcher>();

/** The run's batcher (one per executor context, so two runs never share one). */
export function crmFieldBatcher(ctx: ExecutorContext): Batcher {
  let batcher = batchers.get(ctx);
  if (batcher === undefined) {
    batcher = createBatcher(ctx);
    batchers.set(ctx, batcher);
  }
  return batcher;
}

function createBatcher(ctx: ExecutorContext): Batcher {
  const queues = new Map<string, Pending[]>();
  const flush = (module: string) => {
    const queue = queues.get(module) ?? [];
    queues.delete(module);
    for (let i = 0; i < queue.length; i += CRM_FIELDS_PER_CREATE)
      void sendOnce(ctx, module, queue.slice(i, i + CRM_FIELDS_PER_CREATE));
  };
  return {
    add(module, apiName, input) {
      return new Promise<string>((resolve, reject) => {
        let queue = queues.get(module);
        if (queue === undefined) {
          queue = [];
          queues.set(module, queue);
          setImmediate(() => flush(module));
        }
        queue.push({ apiName, input, resolve, reject });
      });
    },
  };
}

function refused(module: string, apiName: string, code: string, message: string): ZohoRejectedError {
  return new ZohoRejectedError({
    product: 'crm',
    status: 400,
    zohoCode: code,
    details: [{ field: apiName, type: code, message }],
    source: 'user',
    retryable: false,
    delivery: 'received',
    request: 'POST /settings/fields',
    message: `Zoho CRM refused the field ${module}.${apiName} (${code}): ${message}`,
  });
}

async function sendOnce(ctx: ExecutorContext, module: string, batch: Pending[]): Promise<void> {
  let remaining = batch;
  let uncertain = false;
  for (let attempt = 1; remaining.length > 0; attempt += 1) {
    let failure: unknown;
    try {
      const results = await ctx.clients.crm.createFields(
        module,
        remaining.map((p) => p.input),
      );
      const retry: Pending[] = [];
      remaining.forEach((p, i) => {
        const r = results[i];
        if (r?.status === 'success') p.resolve(r.id);
        else if (uncertain && r?.code === 'DUPLICATE_DATA') retry.push(p);
        else
          p.reject(refused(module, p.apiName, r?.code ?? 'UNKNOWN', r?.status === 'error' ? r.message : 'no answer'));
      });
      if (retry.length === 0) return;
      remaining = retry;
    } catch (error) {
      failure = toZohoError(error, 'crm');
      const ambiguous = failure instanceof ZohoUnavailableError && failure.retryable;
      if (!ambiguous || attempt >= MAX_ATTEMPTS) {
        for (const p of remaining) p.reject(failure);
        return;
      }
      if (failure instanceof ZohoUnavailableError && failure.delivery !== 'not_sent') uncertain = true;
      await ctx.clock.sleep(backoffDelay(attempt));
    }
    if (!uncertain) continue;
    let existing: CrmField[];
    try {
      existing = await ctx.clients.crm.listFields(module);
    } catch (error) {
      for (const p of remaining) p.reject(error);
      return;
    }
    const byName = new Map(existing.map((f) => [f.api_name, f.id]));
    const still: Pending[] = [];
    for (const p of remaining) {
      const id = byName.get(p.apiName);
      if (id === undefined) still.push(p);
      else {
        ctx.onZohoEvent({
          type: 'create_recovered',
          product: 'crm',
          what: `CRM field ${module}.${p.apiName}`,
          attempt,
        });
        p.resolve(id);
      }
    }
    remaining = still;
  }
}
