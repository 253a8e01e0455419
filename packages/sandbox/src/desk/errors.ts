/**
 * Desk's error bodies: `{errorCode, message}` (Common.json `errorJson`), plus `errors[]` field details for
 * INVALID_DATA (Common.json `invalidDataErrorResponse`). Messages follow the examples in Common.json where it has one.
 */
import type { ProductErrors, SandboxResponse } from '../core/types.js';

export type DeskErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'INVALID_OAUTH'
  | 'OAUTH_ORG_MISMATCH'
  | 'FORBIDDEN'
  | 'LICENSE_ACCESS_LIMITED'
  | 'URL_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'RESOURCE_SIZE_EXCEEDED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_DATA'
  | 'EMPTY_PAYLOAD'
  | 'UNPROCESSABLE_ENTITY'
  | 'THRESHOLD_EXCEEDED'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

export type FieldErrorType = 'invalid' | 'duplicate' | 'missing';

export interface FieldError {
  /** JSON pointer into the request body, e.g. `/contactId` or `/cf/cf_deal_value`. */
  fieldName: string;
  errorType: FieldErrorType;
  errorMessage: string;
}

export function deskError(status: number, errorCode: DeskErrorCode, message: string): SandboxResponse {
  return { status, body: { errorCode, message } };
}

const INVALID_DATA_MESSAGE = 'The data does not comply to the validation restrictions defined.';

export function invalidData(errors: readonly FieldError[]): SandboxResponse {
  return { status: 422, body: { errorCode: 'INVALID_DATA', message: INVALID_DATA_MESSAGE, errors: [...errors] } };
}

export function fieldError(fieldName: string, errorType: FieldErrorType, errorMessage: string): FieldError {
  return { fieldName, errorType, errorMessage };
}

/** 422 UNPROCESSABLE_ENTITY for a bad query parameter, worded like Common.json's example. */
export function invalidQueryParam(name: string): SandboxResponse {
  return deskError(422, 'UNPROCESSABLE_ENTITY', `The value passed for the '${name}' query parameter is invalid.`);
}

export function urlNotFound(): SandboxResponse {
  return deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
}

export function emptyPayload(): SandboxResponse {
  return deskError(422, 'EMPTY_PAYLOAD', 'The payload is empty.');
}

export const deskErrors: ProductErrors = {
  unauthorized: (reason) =>
    reason === 'missing'
      ? deskError(401, 'UNAUTHORIZED', 'You are not authorized to perform this operation.')
      : deskError(401, 'INVALID_OAUTH', 'The OauthToken is invalid or has expired.'),
  // Desk sends Retry-After only when the daily credits run out [R §3].
  rateLimited: (kind, retryAfterSeconds) =>
    kind === 'credits'
      ? {
          ...deskError(429, 'THRESHOLD_EXCEEDED', 'The API call limit for your organization has been exceeded.'),
          ...(retryAfterSeconds === undefined
            ? {}
            : { headers: { 'Retry-After': String(Math.ceil(retryAfterSeconds)) } }),
        }
      : deskError(429, 'TOO_MANY_REQUESTS', 'Too many requests. Try again after some time.'),
  notFound: urlNotFound,
  invalidJson: () => deskError(422, 'UNPROCESSABLE_ENTITY', 'The JSON payload is malformed.'),
  payloadTooLarge: () =>
    deskError(413, 'RESOURCE_SIZE_EXCEEDED', 'The size of the payload exceeds the permitted limit.'),
  internal: () =>
    deskError(500, 'INTERNAL_SERVER_ERROR', 'An internal server error occurred while performing this operation.'),
};
