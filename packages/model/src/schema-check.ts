/**
 * JSON Schema validation of the data read from YAML (schemas/lifecycle.schema.json, ajv 8, validators from
 * `schema-validators.ts`), with each ajv error turned into a finding that names the path, says what is wrong in
 * words and offers a hint.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Finding } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { schemaValidator } from './schema-validators.js';

/**
 * Documents with more values than this get only their first schema error: ajv gathers all errors by concatenating
 * arrays, which grows quadratically (150,000 errors took minutes), and a file this far from a model needs its first
 * problem fixed before the rest mean anything. Real models hold a few thousand values.
 */
export const ALL_ERRORS_MAX_VALUES = 20_000;

/** The schema's validators: with every error, or stopping at the first. */
export type SchemaValidator = (allErrors: boolean) => ValidateFunction;

/**
 * Validates data against the schema; returns findings (empty when valid). `validator` is the runtime-compiled or
 * build-time-compiled pair (the one this build carries unless a test compares the two).
 */
export function checkSchema(data: unknown, validator: SchemaValidator = schemaValidator): Finding[] {
  const quick = validator(false);
  if (quick(data)) return [];
  let errors = quick.errors ?? [];
  if (!hasMoreValues(data, ALL_ERRORS_MAX_VALUES)) {
    const validate = validator(true);
    validate(data);
    errors = validate.errors ?? [];
  }
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // A value of the wrong type also fails its pattern/enum; the type error says it best.
    if (error.keyword !== 'type' && typeErrorPaths.has(error.instancePath)) continue;
    const finding = toFinding(error);
    if (finding === undefined) continue;
    const key = `${finding.code}|${finding.path.join('/')}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return withoutMissingKeysExplainedByTypos(findings);
}

/** `recrod: …` yields both "unknown key 'recrod'" and "missing 'record'"; the first says it all. */
function withoutMissingKeysExplainedByTypos(findings: Finding[]): Finding[] {
  const typos = new Set(
    findings
      .filter((f) => f.code === 'unknown-key' && f.hint?.startsWith('did you mean'))
      .map((f) => `${f.path.slice(0, -1).join('/')}|${/'([^']+)'/.exec(f.hint ?? '')?.[1] ?? ''}`),
  );
  return findings.filter(
    (f) => f.code !== 'missing-key' || !typos.has(`${f.path.join('/')}|${/'([^']+)'/.exec(f.message)?.[1] ?? ''}`),
  );
}

/** Whether `data` holds more than `limit` values (counted iteratively, stopping at the limit). */
function hasMoreValues(data: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (++count > limit) return true;
    if (value !== null && typeof value === 'object') pending.push(...Object.values(value));
  }
  return false;
}

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function example(schema: unknown): string | undefined {
  const examples = record(schema).examples;
  if (!Array.isArray(examples) || examples.length === 0) return undefined;
  const first: unknown = examples[0];
  return `for example: ${typeof first === 'string' ? first : JSON.stringify(first)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function toFinding(error: ErrorObject): Finding | undefined {
  const path = pathOf(error.instancePath);
  const params = record(error.params);
  const withHint = (hint: string | undefined) => (hint === undefined ? {} : { hint });
  // Errors on property names (propertyNames: pattern) point at the key itself.
  if (error.propertyName !== undefined) {
    return {
      code: 'invalid-format',
      severity: 'error',
      path: [...path, error.propertyName],
      atKey: true,
      message: `key '${error.propertyName}' is not a valid id or reference`,
      ...withHint(example(error.parentSchema) ?? 'ids are lower-case words joined by - or _, e.g. closed-won'),
    };
  }
  switch (error.keyword) {
    case 'propertyNames':
      return undefined;
    case 'additionalProperties':
      return unknownKey(error, path);
    case 'required':
      return {
        code: 'missing-key',
        severity: 'error',
        path,
        message: `missing required key '${String(params.missingProperty)}'`,
        ...withHint(example(record(record(error.parentSchema).properties)[String(params.missingProperty)])),
      };
    case 'type':
      return {
        code: 'invalid-type',
        severity: 'error',
        path,
        message: `expected ${typeWords(params.type)}, got ${describe(error.data)}`,
        ...withHint(example(error.parentSchema)),
      };
    case 'enum': {
      const allowed = (Array.isArray(params.allowedValues) ? params.allowedValues : []).map(String);
      return {
        code: 'invalid-value',
        severity: 'error',
        path,
        message: `${describe(error.data)} is not one of the allowed values`,
        ...withHint(didYouMean(String(error.data), allowed) ?? `allowed: ${allowed.join(', ')}`),
      };
    }
    case 'const':
      return {
        code: 'invalid-value',
        severity: 'error',
        path,
        message: `must be ${JSON.stringify(params.allowedValue)}, got ${describe(error.data)}`,
      };
    case 'pattern':
    case 'format':
      return {
        code: 'invalid-format',
        severity: 'error',
        path,
        message: `${describe(error.data)} is not in the expected form${error.keyword === 'format' ? ` (${String(params.format)})` : ''}`,
        ...withHint(example(error.parentSchema)),
      };
    default:
      return {
        code: 'invalid-value',
        severity: 'error',
        path,
        message: `${error.message ?? 'invalid value'}`,
        ...withHint(example(error.parentSchema)),
      };
  }
}

/** A key the schema does not allow, pointed at the key itself, with the nearest allowed key or the list of them. */
function unknownKey(error: ErrorObject, path: (string | number)[]): Finding {
  const key = String(record(error.params).additionalProperty);
  const known = Object.keys(record(record(error.parentSchema).properties));
  const hint = didYouMean(key, known) ?? (known.length > 0 ? `allowed keys: ${known.join(', ')}` : undefined);
  return {
    code: 'unknown-key',
    severity: 'error',
    path: [...path, key],
    atKey: true,
    message: `unknown key '${key}'`,
    ...(hint === undefined ? {} : { hint }),
  };
}
