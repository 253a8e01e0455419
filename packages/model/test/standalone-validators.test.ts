/**
 * The schema validators the build compiles (ajv standalone code, what the installed CLI runs) against the ones
 * `schema-validators.ts` compiles at run time (what the sources and the tests run): the same ajv errors and the same
 * findings on the shipped models, on hand-broken ones and on many mechanical mutations of the shipped models.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ERRORS_MAX_VALUES, checkSchema, type SchemaValidator } from '../src/schema-check.js';
import { schemaValidator } from '../src/schema-validators.js';
import { REPLACED_MODULE, standaloneValidatorModules } from '../src/standalone-validators.js';
import { readYaml } from '../src/yaml-source.js';
import { makeModel } from './builders.js';

type Json = Record<string, unknown>;

const root = join(import.meta.dirname, '..', '..', '..');
const models: [string, Json][] = [
  'lifecycle.yaml',
  ...readdirSync(join(root, 'examples')).map((name) => join('examples', name, 'lifecycle.yaml')),
].map((file) => {
  const read = readYaml(readFileSync(join(root, file), 'utf8'));
  if (!read.ok) throw new Error(`${file} does not read: ${read.problems[0]?.message}`);
  return [file, read.source.data];
});

// Inside the package's node_modules, so that the generated imports (`ajv/dist/runtime/…`) resolve as in a build.
const folder = mkdtempSync(join(import.meta.dirname, '..', 'node_modules', '.standalone-'));
let standalone: SchemaValidator;

beforeAll(async () => {
  writeFileSync(join(folder, 'package.json'), '{"type":"module"}');
  for (const [file, text] of standaloneValidatorModules()) writeFileSync(join(folder, file), text);
  const generated = (await import(pathToFileURL(join(folder, `${REPLACED_MODULE}.js`)).href)) as {
    schemaValidator: SchemaValidator;
  };
  standalone = generated.schemaValidator;
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Both pairs of validators on `data` (the all-errors pair unless `firstOnly`: on a document past
 * ALL_ERRORS_MAX_VALUES it takes minutes), their verdicts and errors; then checkSchema's findings.
 */
function expectSame(data: unknown, firstOnly = false): void {
  for (const allErrors of firstOnly ? [false] : [false, true]) {
    const compiled = schemaValidator(allErrors);
    const built = standalone(allErrors);
    expect(built(data)).toBe(compiled(data));
    expect(built.errors ?? null).toEqual(compiled.errors ?? null);
  }
  expect(checkSchema(data, standalone)).toEqual(checkSchema(data, schemaValidator));
}

/** Paths to every value in `data` (arrays by index), the root excluded. */
function pathsIn(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const path = [...at, Array.isArray(data) ? Number(key) : key];
    return [path, ...pathsIn(value, path)];
  });
}

const MUTATIONS: ((parent: Json | unknown[], key: string | number) => void)[] = [
  (parent, key) => Reflect.set(parent, key, 42),
  (parent, key) => Reflect.set(parent, key, ''),
  (parent, key) => Reflect.set(parent, key, null),
  (parent, key) => Reflect.set(parent, key, ['Bad Id', 'Bad Id']),
  (parent, key) => Reflect.set(parent, key, { unexpected: true }),
  (parent, key) => Reflect.deleteProperty(parent, key),
  (parent, key) => Reflect.set(parent, key, 'not-an-email@'),
];

/** `model` with one value changed: the mutation at `n` modulo the list, at `path`. */
function mutated(model: Json, path: (string | number)[], n: number): Json {
  const copy = structuredClone(model);
  const parent = path.slice(0, -1).reduce<unknown>((value, key) => (value as Json)[key], copy) as Json | unknown[];
  MUTATIONS[n % MUTATIONS.length]?.(parent, path.at(-1) ?? '');
  return copy;
}

describe('the build-time schema validators', () => {
  it('replace the run-time module with the same export', () => {
    expect(typeof standalone).toBe('function');
    expect(standalone(true)).not.toBe(standalone(false));
  });

  it.each(models)('accept %s as the run-time ones do', (_file, model) => {
    expect(schemaValidator(true)(model)).toBe(true);
    expectSame(model);
  });

  it('give the same errors and findings on broken models', () => {
    const broken: unknown[] = [
      null,
      'version: 1',
      [],
      {},
      makeModel({ version: 2 }),
      makeModel({ handofs: [] }),
      makeModel({ stages: 'lead, opportunity' }),
      makeModel({ stages: [] }),
      makeModel({ owners: { 'Not An Id': { name: 'Sales' } } }),
      makeModel({ owners: { sales: { name: 'Sales', email: 'sales-at-example' } } }),
      makeModel({ vocabulary: { terms: { customer: { name: '', aliases: ['Client', 'Client'] } } } }),
      makeModel({ pipeline: { stages: [{ name: 'Won', probability: 101, forecast_category: 'Closed Won' }] } }),
      makeModel({ runtime: { url: 'ftp://example.test', poll_interval: '5 minutes', max_attempts: 0 } }),
      makeModel({ stages: [{ id: 'x', name: 'X', record: 'crm:Deals', owner: 'sales', entry: { all: [{}] } }] }),
    ];
    for (const data of broken) expectSame(data);
  });

  it('give the same errors and findings on mutations all over the shipped models', () => {
    let values = 0;
    let checked = 0;
    for (const [, model] of models)
      for (const path of pathsIn(model)) {
        // Every fourth value keeps the run short (the root model alone has over a thousand) and still reaches every
        // section; the mutation kind rotates with the counter.
        if (values++ % 4 !== 0) continue;
        expectSame(mutated(model, path, checked++));
      }
    expect(checked).toBeGreaterThan(300);
  });

  it('give the same first error on a document too large for all errors', () => {
    const big = makeModel({ stages: Array.from({ length: ALL_ERRORS_MAX_VALUES }, (_, i) => ({ id: i })) });
    expectSame(big, true);
    expect(checkSchema(big, standalone)).toHaveLength(1);
  });
});
