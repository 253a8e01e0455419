/**
 * The 400 answers of `GET /{module}/search` as module_search.yaml (`searchRecords`) documents them: each code with
 * its message (the document's enum or example) and details.
 */
import type { SandboxResponse } from '../core/types.js';
import { crmError, errorResponse } from './errors.js';

/** INVALID_QUERY details: the document's variants name the field (`api_name`) and say why. */
export type QueryProblem =
  | { kind: 'malformed' }
  | { kind: 'field'; apiName: string; reason: string }
  | { kind: 'operator'; apiName: string; operator: string }
  | { kind: 'value'; apiName: string; expected: string }
  | { kind: 'in_values'; apiName: string };

const INVALID_QUERY = 'Invalid query formed';

export const searchErrors = {
  /** None of `criteria`, `email`, `phone`, `word` (the MissingParameter example). */
  missingParameter: (): SandboxResponse =>
    errorResponse(
      400,
      crmError('EXPECTED_PARAM_MISSING', 'one of the expected parameter is missing', {
        param_names: ['criteria', 'email', 'phone', 'word'],
      }),
    ),
  /** A parameter outside its documented schema (INVALID_REQUEST: "one or more invalid parameter values"). */
  invalidRequest: (param: string): SandboxResponse =>
    errorResponse(400, crmError('INVALID_REQUEST', `the value given for ${param} seems to be invalid`)),
  invalidQuery: (problem: QueryProblem): SandboxResponse => {
    switch (problem.kind) {
      case 'malformed':
        return errorResponse(400, crmError('INVALID_QUERY', INVALID_QUERY));
      case 'field':
        return errorResponse(
          400,
          crmError('INVALID_QUERY', INVALID_QUERY, { api_name: problem.apiName, reason: problem.reason }),
        );
      case 'operator':
        return errorResponse(
          400,
          crmError('INVALID_QUERY', INVALID_QUERY, {
            api_name: problem.apiName,
            operator: problem.operator,
            reason: 'invalid operator found',
          }),
        );
      case 'value':
        return errorResponse(
          400,
          crmError('INVALID_QUERY', INVALID_QUERY, {
            api_name: problem.apiName,
            expected_data_type: problem.expected,
            reason: 'invalid data type',
          }),
        );
      case 'in_values':
        return errorResponse(
          400,
          crmError('INVALID_QUERY', 'Only 100 values are allowed in "IN" criteria', {
            api_name: problem.apiName,
            param_name: problem.apiName,
          }),
        );
    }
  },
  /** The page asked for reaches past the 2,000th match. */
  limitReached: (): SandboxResponse =>
    errorResponse(400, crmError('LIMIT_REACHED', 'maximum response iteration limit reached', { limit: '2000' })),
  /** More conditions than the criteria may hold (the message is the document's only one, which says 15). */
  criteriaLimit: (): SandboxResponse =>
    errorResponse(400, crmError('CRITERIA_LIMIT_EXCEEDED', 'no of criterium that can be given exceed the limit 15')),
};
