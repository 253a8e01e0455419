/** Which part of Zoho answered: one of the three products, or the OAuth accounts server. */
export type ZohoProduct = 'crm' | 'books' | 'desk';
export type ZohoEndpoint = ZohoProduct | 'accounts';

/** Whose fault a failure is: the user's settings or data, Zoho's side, or a bug in zlc. */
export type ZohoErrorSource = 'user' | 'zoho' | 'internal';

export type ZohoErrorKind = 'rate_limited' | 'auth' | 'not_found' | 'rejected' | 'unavailable';

/** One field-level problem Zoho reported (CRM `details`, Desk `errors[]`). */
export interface ZohoFieldDetail {
  /** CRM `api_name` / Desk `fieldName` (without the leading `/`), when Zoho names it. */
  field?: string;
  /** Desk `errorType` (`invalid`, `duplicate`, `missing`) or the CRM record code. */
  type?: string;
  message?: string;
  /** Whatever else Zoho put in the detail (e.g. CRM `expected_data_type`, `json_path`), secret-free. */
  extra?: Record<string, unknown>;
}

/**
 * Whether the request may have reached Zoho: `not_sent` (connection refused, nothing left this process),
 * `unknown` (reset, timeout: it may or may not have been processed), `received` (Zoho answered).
 */
export type ZohoDelivery = 'not_sent' | 'unknown' | 'received';

export interface ZohoErrorInit {
  product: ZohoEndpoint;
  status: number | undefined;
  /** Zoho's code as a string: CRM `code`, Books numeric `code`, Desk `errorCode`, OAuth `error`; or a network code. */
  zohoCode: string | undefined;
  details: ZohoFieldDetail[];
  source: ZohoErrorSource;
  retryable: boolean;
  delivery: ZohoDelivery;
  /** `METHOD /path` of the failed call, with no query string. */
  request: string | undefined;
  message: string;
}

/** The base of every error `packages/zoho` throws. Carries no secrets. */
export abstract class ZohoError extends Error {
  abstract readonly kind: ZohoErrorKind;
  readonly product: ZohoEndpoint;
  readonly status: number | undefined;
  readonly zohoCode: string | undefined;
  readonly details: ZohoFieldDetail[];
  readonly source: ZohoErrorSource;
  readonly retryable: boolean;
  readonly delivery: ZohoDelivery;
  readonly request: string | undefined;

  constructor(init: ZohoErrorInit) {
    super(init.message);
    this.name = new.target.name;
    this.product = init.product;
    this.status = init.status;
    this.zohoCode = init.zohoCode;
    this.details = init.details;
    this.source = init.source;
    this.retryable = init.retryable;
    this.delivery = init.delivery;
    this.request = init.request;
  }
}

/**
 * 429 (or the accounts server's "too many requests"): wait and try again — unless `daily`, when the day's quota of
 * calls is spent (Books) and waiting belongs to whoever runs zlc, not to a retry loop.
 */
export class ZohoRateLimitedError extends ZohoError {
  readonly kind = 'rate_limited' as const;
  /** From `Retry-After` when Zoho sent it (or, for a daily limit zlc enforces itself, until the next free call). */
  readonly retryAfterMs: number | undefined;
  /** The day's quota of calls is spent: not retried. */
  readonly daily: boolean;
  constructor(init: ZohoErrorInit & { retryAfterMs: number | undefined; daily?: boolean }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.daily = init.daily === true;
  }
}

/** 401/403 and OAuth failures: a bad/expired token, a wrong client or refresh token, a missing scope. */
export class ZohoAuthError extends ZohoError {
  readonly kind = 'auth' as const;
  /** True when the access token itself was refused (expired or revoked): refreshing it may help. */
  readonly tokenRejected: boolean;
  constructor(init: ZohoErrorInit & { tokenRejected: boolean }) {
    super(init);
    this.tokenRejected = init.tokenRejected;
  }
}

/** 404: the record or setting does not exist (source `user`), or the URL is wrong (source `internal`). */
export class ZohoNotFoundError extends ZohoError {
  readonly kind = 'not_found' as const;
}

/** Other 4xx: Zoho refused the request; keeps Zoho's code and field details. */
export class ZohoRejectedError extends ZohoError {
  readonly kind = 'rejected' as const;
}

/** 5xx, network failures, timeouts and unreadable answers. */
export class ZohoUnavailableError extends ZohoError {
  readonly kind = 'unavailable' as const;
}

export function isZohoError(value: unknown): value is ZohoError {
  return value instanceof ZohoError;
}
