/**
 * The 400 answers of `POST /coql` as coql.yaml (`executeCOQLQuery`) documents them: each code with the message and
 * details of its example.
 */
import type { SandboxResponse } from '../core/types.js';
import type { CoqlProblem } from './coql-parse.js';
import { crmError, errorResponse } from './errors.js';

const fail = (code: string, message: string, details: Record<string, unknown> = {}): SandboxResponse =>
  errorResponse(400, crmError(code, message, details));

/** A problem the parser found. */
export function parseProblem(problem: CoqlProblem): SandboxResponse {
  switch (problem.kind) {
    case 'syntax':
      return fail('SYNTAX_ERROR', 'unexpected token', { line: 1, column: problem.column, near: problem.near });
    case 'missing_clause':
      return fail('SYNTAX_ERROR', 'missing clause', { clause: problem.clause });
    case 'operator':
      return fail('SYNTAX_ERROR', 'operator not supported', { operator: problem.operator });
    case 'not_select':
      return fail('SYNTAX_ERROR', 'given coql query not supported');
    case 'limit':
      return fail('INVALID_QUERY', 'limit given seems to be invalid', { limit: problem.value });
    case 'offset':
      return fail('INVALID_QUERY', 'offset given seems to be invalid', { offset: problem.value });
    case 'limit_zero':
      return fail('INVALID_DATA', 'limit should be greater than 0');
    case 'function':
      return fail('INVALID_DATA', 'invalid data', { reason: 'unsupported aggregate function', column: problem.column });
    case 'empty_alias':
      return fail('INVALID_ALIAS', 'alias name cannot be an empty string', { column_name: problem.column, alias: '' });
  }
}

export const coqlErrors = {
  /** No `select_query` (the MandatoryNotFound example). */
  missingQuery: () => fail('MANDATORY_NOT_FOUND', 'mandatory key not found', { api_name: 'select_query' }),
  /** `include_meta` not an array (InvalidData), an item not a string (InvalidDataExpectedTypeWithSupportedValues), or not `fields`. */
  includeMeta: (index: number | undefined, expected: 'jsonarray' | 'text' | undefined) => {
    const json_path = index === undefined ? '$.include_meta' : `$.include_meta[${index}]`;
    const details: Record<string, unknown> = { api_name: 'include_meta', json_path };
    if (expected !== undefined) details.expected_data_type = expected;
    if (index !== undefined) details.supported_values = ['fields'];
    return fail('INVALID_DATA', 'invalid data', details);
  },
  /** An unknown module (the InvalidModule example). */
  invalidModule: () => fail('INVALID_MODULE', 'the given module is not supported in api'),
  /** An unknown field path in a clause. */
  invalidColumn: (column: string, clause: string) =>
    fail('INVALID_QUERY', 'column given seems to be invalid', { column_name: column, clause }),
  /** An operator the column's type does not take (InvalidQueryInvalidOperator, …IsNullOperator). */
  invalidOperator: (column: string, operator: string) =>
    fail('INVALID_QUERY', 'Invalid query formed', { reason: 'invalid operator found', column_name: column, operator }),
  /** A value of another type than the column's. */
  invalidValue: (column: string, expected: string) =>
    fail('INVALID_QUERY', 'value given seems to be invalid for the column', {
      column_name: column,
      expected_data_type: expected,
      clause: 'where',
    }),
  /** A multi-line field in the criteria (COQL-Limitations: "You cannot use multi-line fields … in criteria"). */
  unsupportedCriteriaType: (column: string) =>
    fail('INVALID_QUERY', 'data type not supported', { column_name: column, clause: 'where' }),
  /** A plain column beside aggregates that GROUP BY does not name (InvalidQueryUnsupportedColumn). */
  unsupportedColumn: (column: string) => fail('INVALID_QUERY', 'unsupported column', { column_name: column }),
  /** GROUP BY without an aggregate column (InvalidQueryEmptyDetails). */
  invalidQuery: () => fail('INVALID_QUERY', 'Invalid query formed'),
  /** An alias that is the name of another select column given without one (InvalidQueryInvalidAlias). */
  aliasIsColumn: (column: string, alias: string) =>
    fail(
      'INVALID_QUERY',
      'column name or property name given in select columns without alias name cannot be an alias name for other select columns',
      { column_name: column, alias },
    ),
  duplicateAlias: (alias: string, columns: string[]) =>
    fail('DUPLICATE_ALIAS', 'same alias cannot refer more than one column', { alias, referred_columns: columns }),
  duplicateColumn: (column: string) => fail('DUPLICATE_DATA', 'duplicate select column', { column_name: column }),
  duplicateAggregate: (column: string, aggregate: string) =>
    fail('DUPLICATE_DATA', 'duplicate aggregate function', { column_name: column, aggregate }),
  /** A clause over its documented maximum (`by` names it). */
  limitExceeded: (by: string, limit: number) => fail('LIMIT_EXCEEDED', 'limit exceeded', { by, limit }),
};
