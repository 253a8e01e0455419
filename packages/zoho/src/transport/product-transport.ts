import type { AxiosInstance } from 'axios';
import type { TokenManager } from '../auth/token-manager.js';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from '../budget/backoff.js';
import type { Clock } from '../budget/clock.js';
import type { RateBudget } from '../budget/rate-budget.js';
import { toZohoError } from '../errors/to-zoho-error.js';
import {
  ZohoAuthError,
  type ZohoError,
  type ZohoProduct,
  ZohoRateLimitedError,
  ZohoUnavailableError,
} from '../errors/zoho-error.js';
import type { OnZohoEvent } from '../events.js';
import { isRecord, lowerCaseHeaders } from '../parse.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface ZohoRequest {
  method: HttpMethod;
  /** Path below the product base (`/settings/fields`, `/contacts/123`, `/tickets`). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Whether the call may be sent again after an ambiguous failure (5xx, reset, timeout). Defaults to true for
   * GET, PUT, PATCH and DELETE and false for POST: a create is never re-sent blindly (see `createOnce`).
   * Set it to true for POSTs that are reads or upserts (COQL, CRM upsert, status actions).
   */
  retrySafe?: boolean;
  /**
   * For CRM batch writes, the key of the per-entry results (`data`, `fields`…): a 400 whose body lists a result per
   * entry (`{data: [{status, code, …}]}`) is returned like a success, so the caller sees every entry's outcome
   * instead of only the first failure.
   */
  perRecordResults?: string;
  /**
   * A call Zoho counts against its heavy-call sub-limit (CRM: COQL, search); the budget keeps at most
   * `heavyConcurrency` of them in flight.
   */
  heavy?: boolean;
}

export interface ZohoReply {
  status: number;
  /** Parsed JSON, or `undefined` for an empty body (Desk's 204 for an empty list). */
  data: unknown;
  headers: Record<string, unknown>;
}

export interface RetryOptions {
  /** Attempts per call, the first included (default 5). */
  maxAttempts: number;
  /** Give up instead of waiting longer than this for a rate limit to pass (default 120 000 ms). */
  maxRateWaitMs: number;
  backoff: BackoffOptions;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, maxRateWaitMs: 120_000, backoff: DEFAULT_BACKOFF };

export interface ProductTransportOptions {
  product: ZohoProduct;
  /** Origin plus base path, e.g. `https://www.zohoapis.com/crm/v8`. */
  baseUrl: string;
  /** Query parameters sent with every call (Books `organization_id`). */
  defaultQuery?: Record<string, string>;
  /** Headers sent with every call (Desk `orgId`). */
  defaultHeaders?: Record<string, string>;
  http: AxiosInstance;
  tokens: TokenManager;
  budget: RateBudget;
  clock: Clock;
  onEvent: OnZohoEvent;
  retry?: RetryOptions;
  random?: () => number;
}

/** One call as the transport sends it: the full path and whether it may be sent again. */
interface Call {
  req: ZohoRequest;
  path: string;
  retrySafe: boolean;
}

interface Failed {
  ok: false;
  failure: ZohoError;
  /** The token the attempt carried ('' when none was had). */
  token: string;
  /** When the attempt left (the budget measures a rate-limit pause from it). */
  started: number;
}

type Sent = { ok: true; reply: ZohoReply } | Failed;

/**
 * Sends the calls of one product: inside its rate budget, with a fresh token, replacing a refused token once, pausing the product on 429, and retrying what is safe to retry. Every failure leaves as a `ZohoError`.
 */
export class ProductTransport {
  readonly product: ZohoProduct;
  private readonly basePath: string;
  private readonly retry: RetryOptions;

  constructor(private readonly options: ProductTransportOptions) {
    this.product = options.product;
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async request(req: ZohoRequest): Promise<ZohoReply> {
    const call: Call = {
      req,
      path: `${this.basePath}${req.path}`,
      retrySafe: req.retrySafe ?? req.method !== 'POST',
    };
    let refreshedFor: string | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const sent = await this.send(call, attempt);
      if (sent.ok) return sent.reply;
      const { failure, token } = sent;
      if (failure instanceof ZohoAuthError && failure.tokenRejected && refreshedFor === undefined) {
        refreshedFor = token;
        await this.options.tokens.afterRejection(token);
        continue;
      }
      await this.beforeRetry(call, attempt, sent);
    }
  }

  /**
   * One attempt inside the budget. A failure comes back classified, with the token it carried and when it left;
   * a spent day or a token that cannot be had is thrown, as nothing reached the product.
   */
  private async send(call: Call, attempt: number): Promise<Sent> {
    const { budget, clock, tokens } = this.options;
    const { req, path } = call;
    const label = `${req.method} ${path}`;
    let token = '';
    let started = clock.now();
    let status: number | undefined;
    let failure: ZohoError;
    let tokenFailure: ZohoError | undefined;
    try {
      const response = await budget.run(async () => {
        try {
          token = await tokens.get();
        } catch (error) {
          tokenFailure = toZohoError(error, 'accounts');
          throw tokenFailure;
        }
        started = clock.now();
        return this.options.http.request<unknown>(this.axiosRequest(req, token));
      }, req.heavy === true);
      status = response.status;
      const headers = lowerCaseHeaders(response.headers);
      const data = response.data === '' ? undefined : response.data;
      if (
        status < 400 ||
        (req.perRecordResults !== undefined && status === 400 && hasRecordResults(data, req.perRecordResults))
      ) {
        budget.onSuccess(headers, started);
        this.emitRequest(req.method, path, status, clock.now() - started, attempt);
        return { ok: true, reply: { status, data, headers } };
      }
      failure = toZohoError({ status, data, headers }, this.product, label);
    } catch (error) {
      // The day's cap was reached before this call left: nothing was sent, nothing to retry.
      if (error instanceof ZohoRateLimitedError && error.daily) throw error;
      // No token: the token manager already waited and retried as long as it may (one backoff for every call,
      // not one per call), so nothing reached the product and nothing is left to try.
      if (tokenFailure !== undefined) throw tokenFailure;
      failure = toZohoError(error, this.product, label);
    }
    this.emitRequest(req.method, path, status, clock.now() - started, attempt);
    return { ok: false, failure, token, started };
  }

  private axiosRequest(req: ZohoRequest, token: string) {
    return {
      method: req.method,
      url: `${this.options.baseUrl}${req.path}`,
      params: cleanQuery({ ...this.options.defaultQuery, ...req.query }),
      data: req.body,
      headers: {
        ...this.options.defaultHeaders,
        ...req.headers,
        authorization: `Zoho-oauthtoken ${token}`,
        ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    };
  }

  /** Waits as the failure asks before the next attempt, or throws it when it is not to be retried. */
  private async beforeRetry(call: Call, attempt: number, { failure, started }: Failed): Promise<void> {
    const { budget, clock } = this.options;
    const { method } = call.req;
    if (attempt >= this.retry.maxAttempts) throw failure;
    if (failure instanceof ZohoRateLimitedError && failure.daily) {
      budget.onDailyLimit(failure.retryAfterMs);
      throw failure;
    }
    if (failure instanceof ZohoRateLimitedError) {
      const wait = budget.onRateLimited(failure.retryAfterMs, started);
      if (wait > this.retry.maxRateWaitMs) throw failure;
      this.emitRetry(method, call.path, attempt, wait, failure);
      return; // the budget holds this and every other call of the product until the pause ends
    }
    if (
      failure instanceof ZohoUnavailableError &&
      failure.retryable &&
      (call.retrySafe || failure.delivery === 'not_sent')
    ) {
      const delay = backoffDelay(attempt, this.retry.backoff, this.options.random);
      this.emitRetry(method, call.path, attempt, delay, failure);
      await clock.sleep(delay);
      return;
    }
    throw failure;
  }

  private emitRequest(method: string, path: string, status: number | undefined, durationMs: number, attempt: number) {
    this.options.onEvent({ type: 'request', product: this.product, method, path, status, durationMs, attempt });
  }

  private emitRetry(method: string, path: string, attempt: number, delayMs: number, failure: ZohoError) {
    this.options.onEvent({
      type: 'retry',
      product: this.product,
      method,
      path,
      attempt,
      delayMs,
      reason: failure.kind,
      zohoCode: failure.zohoCode,
    });
  }
}

function hasRecordResults(data: unknown, key: string): boolean {
  if (!isRecord(data)) return false;
  const entries = data[key];
  return (
    Array.isArray(entries) &&
    entries.length > 0 &&
    entries.every((entry) => isRecord(entry) && typeof entry.status === 'string')
  );
}

function cleanQuery(query: Record<string, QueryValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}
