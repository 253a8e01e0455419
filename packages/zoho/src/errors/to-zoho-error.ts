import { isAxiosError } from 'axios';
import { isRecord, type JsonObject, lowerCaseHeaders, stringField } from '../parse.js';
import { retryAfterMs } from './retry-after.js';
import {
  ZohoAuthError,
  type ZohoDelivery,
  type ZohoEndpoint,
  ZohoError,
  type ZohoErrorInit,
  type ZohoErrorSource,
  type ZohoFieldDetail,
  ZohoNotFoundError,
  ZohoRateLimitedError,
  ZohoRejectedError,
  ZohoUnavailableError,
} from './zoho-error.js';

/** An HTTP answer the transport already holds (status, parsed body, headers). */
export interface ZohoResponseLike {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

const PRODUCT_NAMES: Record<ZohoEndpoint, string> = {
  crm: 'Zoho CRM',
  books: 'Zoho Books',
  desk: 'Zoho Desk',
  accounts: 'Zoho accounts (OAuth)',
};

/** Zoho codes that mean our request was malformed: a zlc bug, not the user's. */
const INTERNAL_CODES = new Set([
  'INVALID_URL_PATTERN',
  'URL_NOT_FOUND',
  'INVALID_REQUEST_METHOD',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUIRED_PARAM_MISSING',
  'INVALID_REQUEST',
  'EMPTY_PAYLOAD',
  'invalid_request',
  'unsupported_grant_type',
]);
/** 401/403 codes that are about scopes or org binding, where a fresh token does not help. */
const NOT_TOKEN_CODES = new Set(['OAUTH_SCOPE_MISMATCH', 'SCOPE_MISMATCH', 'OAUTH_ORG_MISMATCH', 'NO_PERMISSION']);
/**
 * Books' answer when the day's API calls are spent (HTTP 429, code 45 "You have reached the maximum number of API
 * calls for the day."), as public Books clients' tests quote it; code 44 is the per-minute limit.
 */
const BOOKS_DAILY_LIMIT_CODE = '45';
/** Network error codes where nothing reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The one place that reads HTTP failures. Takes an axios error, a response the transport holds, or anything
 * else thrown during a call, and returns a typed `ZohoError`. Classifies by HTTP status and Zoho's JSON code
 * (CRM `{code, message, status, details}` or per-record `data[]`; Books `{code, message}`; Desk
 * `{errorCode, message, errors?}`; OAuth `{error}`), never by the wording of messages.
 */
export function toZohoError(failure: unknown, product: ZohoEndpoint, request?: string): ZohoError {
  if (failure instanceof ZohoError) return failure;
  if (isAxiosError(failure)) {
    const requestLabel = request ?? describeAxiosRequest(failure.config?.method, failure.config?.url);
    if (failure.response !== undefined) {
      return fromResponse(
        {
          status: failure.response.status,
          data: failure.response.data,
          headers: lowerCaseHeaders(failure.response.headers),
        },
        product,
        requestLabel,
      );
    }
    return fromNetwork(failure.code, product, requestLabel);
  }
  if (isResponseLike(failure)) return fromResponse(failure, product, request);
  const name = failure instanceof Error ? failure.name : typeof failure;
  return new ZohoUnavailableError({
    ...base(product, request),
    zohoCode: 'CLIENT_FAILURE',
    source: 'internal',
    retryable: false,
    delivery: 'unknown',
    message: `${PRODUCT_NAMES[product]} call ${request ?? ''} failed inside zlc (${name}); this is a zlc bug, please report it.`,
  });
}

function fromNetwork(code: string | undefined, product: ZohoEndpoint, request: string | undefined): ZohoError {
  const delivery: ZohoDelivery = code !== undefined && NOT_SENT_CODES.has(code) ? 'not_sent' : 'unknown';
  const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  const what = timeout ? 'timed out' : `failed on the network (${code ?? 'connection error'})`;
  return new ZohoUnavailableError({
    ...base(product, request),
    zohoCode: code ?? 'NETWORK_ERROR',
    source: 'zoho',
    retryable: true,
    delivery,
    message: `${PRODUCT_NAMES[product]} call ${request ?? ''} ${what}; check your connection and try again.`,
  });
}

/** One failed answer, read once, with the wording every classification shares. */
interface Failure {
  response: ZohoResponseLike;
  status: number;
  product: ZohoEndpoint;
  request: string | undefined;
  code: string | undefined;
  details: ZohoFieldDetail[];
  init(source: ZohoErrorSource, retryable: boolean, message: string): ZohoErrorInit;
  /** `Zoho CRM`, `Zoho Books` … */
  who: string;
  /** `CODE, HTTP 400` or `HTTP 400`. */
  codeText: string;
  /** `: <Zoho's message>`, or '' without one. */
  zohoSays: string;
}

/** By status first, then Zoho's code: the first classification that applies. */
function fromResponse(response: ZohoResponseLike, product: ZohoEndpoint, request: string | undefined): ZohoError {
  const f = readFailure(response, product, request);
  return rateLimited(f) ?? serverFailure(f) ?? authFailure(f) ?? notFound(f) ?? unexpectedBody(f) ?? rejected(f);
}

function readFailure(response: ZohoResponseLike, product: ZohoEndpoint, request: string | undefined): Failure {
  const { status } = response;
  const parsed = readZohoBody(isRecord(response.data) ? response.data : undefined, product);
  const code = parsed.code;
  return {
    response,
    status,
    product,
    request,
    code,
    details: parsed.details,
    init: (source, retryable, message) => ({
      ...base(product, request),
      status,
      zohoCode: code,
      details: parsed.details,
      source,
      retryable,
      delivery: 'received',
      message,
    }),
    who: PRODUCT_NAMES[product],
    codeText: code === undefined ? `HTTP ${status}` : `${code}, HTTP ${status}`,
    zohoSays: parsed.message === undefined ? '' : `: ${parsed.message}`,
  };
}

/** 429, or the accounts server's "Access Denied" for too many token requests; Books' spent day is not retried. */
function rateLimited(f: Failure): ZohoError | undefined {
  const { who, codeText, zohoSays } = f;
  if (f.status === 429 && f.product === 'books' && f.code === BOOKS_DAILY_LIMIT_CODE) {
    return new ZohoRateLimitedError({
      ...f.init(
        'zoho',
        false,
        `${who} refused the call: this organization's API calls for the day are spent (${codeText})${zohoSays}. Books counts the calls of every app of the organization; wait for the day's calls to come back, or ask Zoho support to raise the limit (then set ZOHO_BOOKS_REQUESTS_PER_DAY).`,
      ),
      retryAfterMs: retryAfterMs(f.response.headers['retry-after']),
      daily: true,
    });
  }
  if (f.status === 429 || (f.product === 'accounts' && f.code === 'Access Denied')) {
    const wait = retryAfterMs(f.response.headers['retry-after']);
    return new ZohoRateLimitedError({
      ...f.init('zoho', true, `${who} is rate limiting zlc (${codeText})${zohoSays}; zlc waits and retries.`),
      retryAfterMs: wait,
    });
  }
  return undefined;
}

function serverFailure(f: Failure): ZohoError | undefined {
  if (f.status < 500) return undefined;
  return new ZohoUnavailableError(
    f.init('zoho', true, `${f.who} failed on its side (${f.codeText})${f.zohoSays}; try again later.`),
  );
}

/** The accounts server refusing a refresh, or a product refusing the token or its scopes (401/403). */
function authFailure(f: Failure): ZohoError | undefined {
  const { who, codeText, zohoSays, status, code } = f;
  if (f.product === 'accounts') {
    return new ZohoAuthError({
      ...f.init(
        'user',
        false,
        `${who} refused to refresh the access token (${codeText})${zohoSays}. Check ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_DC (or ZOHO_ACCOUNTS_URL); generate a new refresh token if it was revoked.`,
      ),
      tokenRejected: false,
    });
  }
  if (status !== 401 && status !== 403) return undefined;
  const tokenRejected = status === 401 && !(code !== undefined && NOT_TOKEN_CODES.has(code));
  const hint = tokenRejected
    ? 'the access token was refused; zlc refreshes it once, and if that fails check the refresh token'
    : 'check that the refresh token was generated with the scopes zlc needs and for this organization';
  return new ZohoAuthError({
    ...f.init('user', false, `${who} denied ${f.request ?? 'the call'} (${codeText})${zohoSays}; ${hint}.`),
    tokenRejected,
  });
}

function notFound(f: Failure): ZohoError | undefined {
  if (f.status !== 404) return undefined;
  const { who, codeText, zohoSays, request } = f;
  const internal = isInternalCode(f.code);
  return new ZohoNotFoundError(
    f.init(
      internal ? 'internal' : 'user',
      false,
      internal
        ? `${who} does not know the URL ${request ?? ''} (${codeText}); this is a zlc bug, please report it.`
        : `${who} found nothing at ${request ?? 'that address'} (${codeText})${zohoSays}; it may have been deleted.`,
    ),
  );
}

/** A 2xx whose body carries no error code: the caller expected something else in it. */
function unexpectedBody(f: Failure): ZohoError | undefined {
  if (f.status < 200 || f.status >= 300 || f.code !== undefined) return undefined;
  return new ZohoUnavailableError({
    ...f.init('zoho', false, `${f.who} answered ${f.request ?? 'a call'} with an unexpected body (HTTP ${f.status}).`),
    zohoCode: 'UNEXPECTED_RESPONSE',
  });
}

/** Zoho refused the request's content: the user's data or configuration, or, for a malformed request, zlc's bug. */
function rejected(f: Failure): ZohoError {
  const { who, codeText, zohoSays, request } = f;
  const internal = isInternalCode(f.code);
  const fields = f.details
    .map((d) => d.field)
    .filter((field): field is string => field !== undefined)
    .join(', ');
  const fieldText = fields === '' ? '' : ` (fields: ${fields})`;
  return new ZohoRejectedError(
    f.init(
      internal ? 'internal' : 'user',
      false,
      internal
        ? `${who} rejected the request zlc built (${codeText})${zohoSays}; this is a zlc bug, please report it.`
        : `${who} rejected ${request ?? 'the request'} (${codeText})${zohoSays}${fieldText}; fix the data or configuration and try again.`,
    ),
  );
}

function isInternalCode(code: string | undefined): boolean {
  return code !== undefined && INTERNAL_CODES.has(code);
}

interface ParsedBody {
  code: string | undefined;
  message: string | undefined;
  details: ZohoFieldDetail[];
}

/** Reads Zoho's error envelope for the product. */
function readZohoBody(body: JsonObject | undefined, product: ZohoEndpoint): ParsedBody {
  if (body === undefined) return { code: undefined, message: undefined, details: [] };
  if (product === 'accounts') {
    return { code: stringField(body, 'error'), message: stringField(body, 'error_description'), details: [] };
  }
  if (product === 'desk') {
    const errors = Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
    return {
      code: stringField(body, 'errorCode'),
      message: stringField(body, 'message'),
      details: errors.map((e) => ({
        field: stringField(e, 'fieldName')?.replace(/^\//, ''),
        type: stringField(e, 'errorType'),
        message: stringField(e, 'errorMessage'),
      })),
    };
  }
  if (product === 'books') {
    const code = stringField(body, 'code');
    return { code: code === '0' ? undefined : code, message: stringField(body, 'message'), details: [] };
  }
  // CRM: a top-level `{code, message, status, details}`, or the first failing entry of a `data[]` array.
  // Per-entry answers live under `data` for records and under the resource's name for settings (`fields`, `layouts`…).
  const entry = Object.values(body)
    .filter(Array.isArray)
    .flatMap((list) => list.filter(isRecord))
    .find((d) => d.status === 'error');
  const source = entry ?? (body.code !== undefined ? body : undefined);
  if (source === undefined) return { code: undefined, message: undefined, details: [] };
  return {
    code: stringField(source, 'code'),
    message: stringField(source, 'message'),
    details: crmDetails(source.details, stringField(source, 'code')),
  };
}

function crmDetails(details: unknown, code: string | undefined): ZohoFieldDetail[] {
  if (!isRecord(details)) return [];
  const { api_name: apiName, ...rest } = details;
  if (typeof apiName !== 'string') return Object.keys(rest).length === 0 ? [] : [{ type: code, extra: rest }];
  return [{ field: apiName, type: code, extra: rest }];
}

function base(product: ZohoEndpoint, request: string | undefined) {
  return { product, request, status: undefined, zohoCode: undefined, details: [] };
}

function isResponseLike(value: unknown): value is ZohoResponseLike {
  return isRecord(value) && typeof value.status === 'number' && 'data' in value && isRecord(value.headers);
}

function describeAxiosRequest(method: string | undefined, url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let path: string;
  try {
    path = new URL(url, 'http://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  return `${(method ?? 'GET').toUpperCase()} ${path}`;
}
