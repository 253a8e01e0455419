/**
 * CRM v8 error bodies. Zoho answers `{code, details, message, status:"error"}` at the top level and the same
 * shape per record inside `data[]`. Messages are the ones Zoho's OAS enumerates (record.json `API_Exception`).
 */
import type { SandboxResponse } from '../core/types.js';

export interface CrmError {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

export function crmError(code: string, message: string, details: Record<string, unknown> = {}): CrmError {
  return { code, details, message, status: 'error' };
}

export function errorResponse(status: number, error: CrmError): SandboxResponse {
  return { status, body: error };
}

export const MESSAGES = {
  invalidData: 'invalid data',
  invalidId: 'the id given seems to be invalid',
  mandatory: 'required field not found',
  duplicate: 'duplicate data',
  invalidModule: 'The module name given seems to be invalid',
  invalidUrl: 'Please check if the URL trying to access is a correct one',
  paramMissing: 'One of the expected parameter is missing',
  internal: 'Internal server error occurred.',
  invalidToken: 'invalid oauth token',
  noPermission: 'permission denied',
  invalidQuery: 'invalid query formed',
  checkInput: 'Please check whether the input values are correct',
  /** fields.yaml `LimitExceededResponse`'s message, for both of its codes (LIMIT_EXCEEDED, FIELD_LIMIT_EXCEEDED). */
  configuredLimit: 'Configured limit exceeded',
} as const;

export const invalidModule = (moduleName: string): SandboxResponse =>
  errorResponse(400, crmError('INVALID_MODULE', MESSAGES.invalidModule, { api_name: moduleName }));

export const requiredParamMissing = (param: string): SandboxResponse =>
  errorResponse(400, crmError('REQUIRED_PARAM_MISSING', MESSAGES.paramMissing, { param_name: param, param }));

export const invalidParam = (param: string, value?: string): SandboxResponse =>
  errorResponse(
    400,
    crmError(
      'INVALID_DATA',
      MESSAGES.invalidData,
      value === undefined ? { param_name: param } : { param_name: param, param: value },
    ),
  );

export const invalidIdError = (id: string): CrmError => crmError('INVALID_DATA', MESSAGES.invalidId, { id });

export const mandatoryMissing = (apiName: string, jsonPath: string): CrmError =>
  crmError('MANDATORY_NOT_FOUND', MESSAGES.mandatory, { api_name: apiName, json_path: jsonPath });

export const invalidBody = (apiName: string, jsonPath: string, expected?: string): CrmError =>
  crmError(
    'INVALID_DATA',
    MESSAGES.invalidData,
    expected === undefined
      ? { api_name: apiName, json_path: jsonPath }
      : { api_name: apiName, json_path: jsonPath, expected_data_type: expected },
  );

/** A batch answer's status: every item succeeded → `okStatus`, none → 400, some → 207 (multi-status). */
export const batchStatus = (succeeded: number, total: number, okStatus: number): number =>
  succeeded === total ? okStatus : succeeded === 0 ? 400 : 207;

/** The module-level errors the sandbox core asks for (auth, limits, routing, bodies, faults). */
export const crmProductErrors = {
  unauthorized: (reason: 'missing' | 'invalid' | 'expired'): SandboxResponse =>
    reason === 'missing'
      ? errorResponse(401, crmError('AUTHENTICATION_FAILURE', 'Authentication failed'))
      : errorResponse(401, crmError('INVALID_TOKEN', MESSAGES.invalidToken)),
  rateLimited: (kind: 'concurrency' | 'rate' | 'credits', retryAfterSeconds?: number): SandboxResponse => ({
    status: 429,
    body: crmError(
      'TOO_MANY_REQUESTS',
      kind === 'credits'
        ? 'You have exceeded the maximum number of API credits for the day'
        : kind === 'concurrency'
          ? 'You have exceeded the concurrency limit'
          : 'You have made too many requests continuously. Please try again after some time.',
      kind === 'credits' ? { limit_type: 'credits' } : {},
    ),
    headers: retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) },
  }),
  notFound: (): SandboxResponse => errorResponse(404, crmError('INVALID_URL_PATTERN', MESSAGES.invalidUrl)),
  invalidJson: (): SandboxResponse => errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData)),
  payloadTooLarge: (): SandboxResponse =>
    errorResponse(413, crmError('LIMIT_EXCEEDED', 'Request entity too large', { limit: 'request body size' })),
  internal: (): SandboxResponse => errorResponse(500, crmError('INTERNAL_ERROR', MESSAGES.internal)),
};
