/** The repository's JSON Schemas (plan, report, lifecycle), wherever their owning package keeps them. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

/** The path of schema `name` (e.g. `plan.schema.json`): in a package's `schemas/` folder, else the root `schemas/`. */
export function schemaPath(name: string): string {
  const packages = join(REPO_ROOT, 'packages');
  const candidates = [
    ...readdirSync(packages).map((pkg) => join(packages, pkg, 'schemas', name)),
    join(REPO_ROOT, 'schemas', name),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new Error(`testkit: no schema ${name} in packages/*/schemas/ or schemas/`);
  return found;
}

/** Schema `name`, parsed. */
export function readSchema(name: string): object {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as object;
}
