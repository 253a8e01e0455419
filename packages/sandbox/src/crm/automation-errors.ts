/**
 * The error entries of the automation APIs, with the codes, messages and `details` keys that
 * `../shared/specs/crm-v8-2026/webhooks.yaml` and `workflow_rules.yaml` give in their 400 examples and error schemas.
 * Where one document gives several messages for one case, the example's is used.
 */
import type { SandboxResponse } from '../core/types.js';
import { type CrmError, crmError, errorResponse } from './errors.js';

export type Where = {
  api_name: string;
  json_path: string;
};

const at = (api_name: string, json_path: string): Where => ({ api_name, json_path });

/** A required key is absent (`MandatoryFieldMissingError`; the rules' `MandatoryNotFoundResponse1`). */
export const missing = (apiName: string, path: string): CrmError =>
  crmError('MANDATORY_NOT_FOUND', 'Required field is missing', at(apiName, path));

/** A parameter without `name` or `value` (`ParameterNameValueMandatoryError`). */
export const paramPartMissing = (apiName: string, path: string): CrmError =>
  crmError('MANDATORY_NOT_FOUND', 'the given parameter is invalid, specify both name and value', at(apiName, path));

/** A value of the wrong JSON type (`InvalidDataTypeError`; the rules' `InvalidDataResponse2`). */
export const wrongType = (apiName: string, path: string, expected: string): CrmError =>
  crmError('INVALID_DATA', 'Invalid data type', { ...at(apiName, path), expected_data_type: expected });

/** A value over its documented length or count (`InvalidDataMaxLengthError`). */
export const tooLong = (apiName: string, path: string, max: number): CrmError =>
  crmError('INVALID_DATA', 'Invalid data', { ...at(apiName, path), maximum_length: max });

/** A value outside its enum (`InvalidDataSupportedValuesError`; the rules' `InvalidDataResponse3`). */
export const unsupported = (apiName: string, path: string, values: readonly string[], message = 'Invalid data') =>
  crmError('INVALID_DATA', message, { ...at(apiName, path), supported_values: [...values] });

/** `INVALID_DATA` with one of the documents' specific messages. */
export const invalid = (apiName: string, path: string, message: string): CrmError =>
  crmError('INVALID_DATA', message, at(apiName, path));

/** One key's value does not fit another's (`HttpMethodDependentMismatchError`, `AuthorizationDependentMismatchError`). */
export const dependentMismatch = (field: Where, dependee: Where, message: string): CrmError =>
  crmError('DEPENDENT_MISMATCH', message, { dependee, ...field });

/** A key another key's value requires is absent (`DependentFieldMissingError`). */
export const dependentMissing = (field: Where, dependee: Where, message: string): CrmError =>
  crmError('DEPENDENT_FIELD_MISSING', message, { dependee, ...field });

/** None of several alternative keys is present (`ExpectedFieldMissingError`). */
export const expectedFieldMissing = (fields: Where[]): CrmError =>
  crmError('EXPECTED_FIELD_MISSING', 'Specify atleast one field', { expected_fields: fields });

/** Two keys name different things (`AmbiguityProcessingErrorResponse`). */
export const ambiguity = (a: Where, b: Where, message = 'Ambiguity while processing the request'): CrmError =>
  crmError('AMBIGUITY_DURING_PROCESSING', message, { ambiguity_due_to: [a, b] });

export const notAllowed = (apiName: string, path: string, message: string): CrmError =>
  crmError('NOT_ALLOWED', message, at(apiName, path));

export const limitExceeded = (apiName: string, path: string, limit: number, message: string): CrmError =>
  crmError('LIMIT_EXCEEDED', message, { ...at(apiName, path), limit });

/** A path id that names nothing (`InvalidWebhookIdPathError`; the rules' `UrlPathIdMissing`): index 3 = the id. */
export const unknownPathId = (): SandboxResponse =>
  errorResponse(400, crmError('INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: 3 }));

/** A list parameter with a value the operation does not take (`InvalidDataErrorResponse`). */
export const badListParam = (param: string): SandboxResponse =>
  errorResponse(400, crmError('INVALID_DATA', 'The value provided to the param is Invalid', { param_name: param }));

/** The `module` list parameter names no module (`InvalidModuleErrorResponse`). */
export const badModuleParam = (): SandboxResponse =>
  errorResponse(
    400,
    crmError('INVALID_MODULE', 'The value provided to the param is Invalid', { param_name: 'module' }),
  );

/** Tells an error entry from a value parsed out of a request. */
export const isCrmError = (v: unknown): v is CrmError =>
  typeof v === 'object' && v !== null && 'code' in v && 'status' in v && (v as CrmError).status === 'error';
