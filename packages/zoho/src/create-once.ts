import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './budget/backoff.js';
import type { Clock } from './budget/clock.js';
import { toZohoError } from './errors/to-zoho-error.js';
import { type ZohoError, type ZohoProduct, ZohoRejectedError, ZohoUnavailableError } from './errors/zoho-error.js';
import type { OnZohoEvent } from './events.js';

export interface CreateOnceOptions<T> {
  product: ZohoProduct;
  /** What is being created, for events (`Books invoice ref=DEAL-42`); no record data. */
  what: string;
  /** Sends the create once (the transport never re-sends a POST whose fate is unknown). */
  create: () => Promise<T>;
  /**
   * Finds the record an earlier attempt may have created (by a unique key: Books `reference_number`, a CRM
   * unique field, a Desk custom field). Only called after an attempt whose outcome is unknown.
   */
  lookup: () => Promise<T | undefined>;
  /**
   * Resolve an "already exists" answer through `lookup` even when no attempt of this call was uncertain. For objects
   * whose natural key is their identity (configuration: a field, a webhook, a rule, a Books item by name), the
   * object found under that key is the one an earlier run's request made — a killed run's create that landed after
   * the rerun planned — and is taken as created. Default false: for records, a duplicate may be another record.
   */
  adoptExisting?: boolean;
  /** Total create attempts (default 4). */
  maxAttempts?: number;
  clock: Clock;
  onEvent: OnZohoEvent;
  /** Wait between a failed create and the lookup (default 250 ms doubling to 20 s, jittered). */
  backoff?: BackoffOptions;
  random?: () => number;
}

/**
 * Creates a record at most once across retries. When a create fails in a way that leaves its outcome unknown
 * (5xx, connection reset, timeout), it waits, looks the record up, and only re-sends the create if the lookup
 * finds nothing. A duplicate rejection after an unknown attempt also resolves through the lookup, and so does any
 * duplicate rejection when `adoptExisting` is set.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  let uncertain = false;
  for (let attempt = 1; ; attempt += 1) {
    let failure: ZohoError;
    try {
      return await options.create();
    } catch (error) {
      failure = toZohoError(error, options.product);
    }
    const ambiguous = failure instanceof ZohoUnavailableError && failure.retryable;
    const duplicate = failure instanceof ZohoRejectedError && isDuplicate(failure);
    if (duplicate && !uncertain && options.adoptExisting === true) return adopt(options, failure, attempt);
    const duplicateAfterUnknown = uncertain && duplicate;
    if (!ambiguous && !duplicateAfterUnknown) throw failure;
    if (failure.delivery !== 'not_sent') uncertain = true;
    if (duplicateAfterUnknown || attempt < maxAttempts) {
      await options.clock.sleep(backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF, options.random));
      const found = uncertain ? await options.lookup() : undefined;
      if (found !== undefined) {
        options.onEvent({ type: 'create_recovered', product: options.product, what: options.what, attempt });
        return found;
      }
    }
    if (attempt >= maxAttempts || duplicateAfterUnknown) throw failure;
    options.onEvent({
      type: 'create_retried',
      product: options.product,
      what: options.what,
      attempt,
      reason: failure.kind,
    });
  }
}

/** "Already exists" with `adoptExisting`: the object under the natural key is taken as created; none found, the refusal stands. */
async function adopt<T>(options: CreateOnceOptions<T>, failure: ZohoError, attempt: number): Promise<T> {
  const found = await options.lookup();
  if (found === undefined) throw failure;
  options.onEvent({ type: 'create_recovered', product: options.product, what: options.what, attempt });
  return found;
}

/**
 * Zoho's "already exists": CRM and Desk `DUPLICATE_DATA`, a Desk field error of type `duplicate`, or Books code
 * 3062 ("… already exists", the sandbox SPEC's Books errors table).
 */
function isDuplicate(failure: ZohoError): boolean {
  return (
    failure.zohoCode === 'DUPLICATE_DATA' ||
    failure.details.some((d) => d.type === 'duplicate') ||
    (failure.product === 'books' && failure.zohoCode === '3062')
  );
}
