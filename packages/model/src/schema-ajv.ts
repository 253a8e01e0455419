/**
 * The one ajv set-up for the language's JSON Schema: `schema-validators.ts` compiles with it at run time and
 * `standalone-validators.ts` at build time, so both validate alike.
 */
import { Ajv, type CodeOptions } from 'ajv';
import formatsModule from 'ajv-formats';

/** An ajv instance set up for the language's schema (`code` only for build-time compilation). */
export function lifecycleAjv(allErrors: boolean, code?: CodeOptions): Ajv {
  const ajv = new Ajv({ allErrors, verbose: true, strict: true, allowUnionTypes: true, inlineRefs: false, code });
  formatsModule.default(ajv, ['email', 'uri']);
  return ajv;
}
