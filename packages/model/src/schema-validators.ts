/**
 * The language's two schema validators (every error; the first error only), compiled by ajv on first use. Built
 * outputs — the CLI's bundle and this package's dist/ — replace this module with the same validators compiled at build
 * time (`standalone-validators.ts`), so the installed CLI neither loads ajv's compiler nor spends its start compiling.
 */
import type { ValidateFunction } from 'ajv';
import { lifecycleSchema } from './lifecycle-schema.js';
import { lifecycleAjv } from './schema-ajv.js';

const compiled = new Map<boolean, ValidateFunction>();

/** Compiled once per process each: compiling costs tens of milliseconds, validating a model far less. */
export function schemaValidator(allErrors: boolean): ValidateFunction {
  let validate = compiled.get(allErrors);
  if (validate === undefined) {
    validate = lifecycleAjv(allErrors).compile(lifecycleSchema());
    compiled.set(allErrors, validate);
  }
  return validate;
}
