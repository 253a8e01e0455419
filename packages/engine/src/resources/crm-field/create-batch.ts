/**
 * CRM takes up to `CRM_FIELDS_PER_CALL` (5) new custom fields of one module in one `POST /settings/fields`, and
 * answers per field. The creates of a wave are gathered per module (everything queued in the same turn of the event
 * loop, 5 at most per request) so that 23 new fields cost 5 requests, not 23. Each action still gets its own outcome.
 *
 * At most once, as `createOnce` does for one record: after a request whose outcome is unknown (5xx, reset,
 * timeout), the module's fields are listed, the ones that exist are taken as created, and only the rest are sent
 * again. An "already exists" answer is resolved the same way, with or without such a request: the field under that
 * API name is taken as created (an earlier run's create may land after this run planned); when no field has that
 * API name (the label clashed), the refusal stands.
 */
import {
  backoffDelay,
  CRM_FIELDS_PER_CALL,
  type CrmField,
  type CrmFieldInput,
  type CrmRecordResult,
  toZohoError,
  ZohoRejectedError,
  ZohoUnavailableError,
} from '@zlc/zoho';
import type { ExecutorContext } from '../executor.js';

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
    for (let i = 0; i < queue.length; i += CRM_FIELDS_PER_CALL)
      void sendOnce(ctx, module, queue.slice(i, i + CRM_FIELDS_PER_CALL));
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

/** One entry's answer in a batch: created, "already exists" (to look up), or refused. */
type EntryOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'duplicate'; message: string }
  | { kind: 'refused'; error: ZohoRejectedError };

function outcomeOf(module: string, p: Pending, r: CrmRecordResult | undefined): EntryOutcome {
  if (r?.status === 'success') return { kind: 'created', id: r.id };
  if (r?.code === 'DUPLICATE_DATA')
    return { kind: 'duplicate', message: r.status === 'error' ? r.message : 'duplicate data' };
  return {
    kind: 'refused',
    error: refused(module, p.apiName, r?.code ?? 'UNKNOWN', r?.status === 'error' ? r.message : 'no answer'),
  };
}

async function sendOnce(ctx: ExecutorContext, module: string, batch: Pending[]): Promise<void> {
  let remaining = batch;
  let uncertain = false;
  for (let attempt = 1; remaining.length > 0; attempt += 1) {
    // "Already exists" answers: the field under that API name is the one an earlier request made (this run's
    // uncertain one, or a killed run's that landed after this run planned), looked up below and taken as created.
    const duplicates = new Map<Pending, string>();
    try {
      const results = await ctx.clients.crm.createFields(
        module,
        remaining.map((p) => p.input),
      );
      remaining.forEach((p, i) => {
        const outcome = outcomeOf(module, p, results[i]);
        if (outcome.kind === 'created') p.resolve(outcome.id);
        else if (outcome.kind === 'duplicate') duplicates.set(p, outcome.message);
        else p.reject(outcome.error);
      });
      if (duplicates.size === 0) return;
      remaining = [...duplicates.keys()];
    } catch (error) {
      const failure = toZohoError(error, 'crm');
      const ambiguous = failure instanceof ZohoUnavailableError && failure.retryable;
      if (!ambiguous || attempt >= MAX_ATTEMPTS) {
        for (const p of remaining) p.reject(failure);
        return;
      }
      if (failure instanceof ZohoUnavailableError && failure.delivery !== 'not_sent') uncertain = true;
      await ctx.clock.sleep(backoffDelay(attempt));
      if (!uncertain) continue;
    }
    const found = await existingFields(ctx, module, remaining);
    if (found === undefined) return;
    const still: Pending[] = [];
    for (const p of remaining) {
      const id = found.get(p.apiName);
      const duplicate = duplicates.get(p);
      if (id !== undefined) {
        ctx.onZohoEvent({
          type: 'create_recovered',
          product: 'crm',
          what: `CRM field ${module}.${p.apiName}`,
          attempt,
        });
        p.resolve(id);
      } else if (duplicate !== undefined) p.reject(refused(module, p.apiName, 'DUPLICATE_DATA', duplicate));
      else still.push(p);
    }
    remaining = still;
  }
}

/** The module's fields by API name, or undefined (every pending create rejected) when the list cannot be read. */
async function existingFields(
  ctx: ExecutorContext,
  module: string,
  pending: readonly Pending[],
): Promise<Map<string, string> | undefined> {
  try {
    const existing: CrmField[] = await ctx.clients.crm.listFields(module);
    return new Map(existing.map((f) => [f.api_name, f.id]));
  } catch (error) {
    for (const p of pending) p.reject(error);
    return undefined;
  }
}
