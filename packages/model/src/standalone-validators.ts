/**
 * The language's schema validators compiled at build time: ajv's standalone code for `lifecycleAjv` and the schema,
 * as ES modules that take the place of `schema-validators.ts` in built outputs (the CLI's esbuild bundle, this
 * package's dist/). The schema file stays the one source: these modules are made from it on every build and never
 * committed. Not part of the package's index: only builds and tests import it.
 */
import { _ } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { lifecycleSchema } from './lifecycle-schema.js';
import { lifecycleAjv } from './schema-ajv.js';

/** The module the generated ones replace, and their file names beside it. */
export const REPLACED_MODULE = 'schema-validators';
const ALL_ERRORS = 'lifecycle-all-errors.js';
const FIRST_ERROR = 'lifecycle-first-error.js';

/**
 * ajv's standalone code loads its runtime helpers (`ucs2length` for minLength, `equal` for uniqueItems) and function
 * formats with `require`, even in ES module output: each becomes an import of the same file (with its extension, which
 * ES module resolution needs), so the code runs as an ES module on Node and in the bundle. (Modules are strict
 * anyway; the directive would no longer come first.)
 */
function withImports(code: string): string {
  const names = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_match, specifier: string) => {
    const file = /\.[cm]?js$/.test(specifier) ? specifier : `${specifier}.js`;
    let name = names.get(file);
    if (name === undefined) {
      name = `required${names.size}`;
      names.set(file, name);
    }
    return name;
  });
  const imports = [...names].map(([file, name]) => `import ${name} from ${JSON.stringify(file)};\n`).join('');
  return `${imports}${body.replace(/^"use strict";/, '')}`;
}

function validatorModule(allErrors: boolean): string {
  const ajv = lifecycleAjv(allErrors, {
    source: true,
    esm: true,
    formats: _`require("ajv-formats/dist/formats").fullFormats`,
  });
  const validate = ajv.compile(lifecycleSchema());
  return withImports(standaloneModule.default(ajv, validate));
}

/** File name → ES module text: `schema-validators.js` and the two validators it imports. */
export function standaloneValidatorModules(): Map<string, string> {
  const header = '// Generated at build time from schemas/lifecycle.schema.json (standalone-validators.ts).\n';
  const replacement = [
    header,
    `import validateAll from './${ALL_ERRORS}';\n`,
    `import validateFirst from './${FIRST_ERROR}';\n\n`,
    'export function schemaValidator(allErrors) {\n',
    '  return allErrors ? validateAll : validateFirst;\n',
    '}\n',
  ].join('');
  return new Map([
    [`${REPLACED_MODULE}.js`, replacement],
    [ALL_ERRORS, header + validatorModule(true)],
    [FIRST_ERROR, header + validatorModule(false)],
  ]);
}
