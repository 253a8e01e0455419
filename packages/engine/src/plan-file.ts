/**
 * The plan file: `writePlanFile` saves a plan as JSON; `readPlanFile` reads one back, checking that it is a plain
 * text file (`readSourceFile`: no directory, device, kernel state or file outside `root`), that it is JSON, that its
 * format version is one this engine reads, and that it matches `schemas/plan.schema.json`. Bad files are data (a
 * result with readable errors), not exceptions.
 */
import { writeFileSync } from 'node:fs';
import { readSourceFile } from '@zlc/model';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
// A JSON import rather than a file read, so the CLI's bundle carries the schema inline wherever it is installed.
import schema from '../schemas/plan.schema.json' with { type: 'json' };
import { PLAN_FORMAT_VERSION, type Plan } from './plan-types.js';

export type PlanCheck = { ok: true; plan: Plan } | { ok: false; errors: string[] };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the plan' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties' && 'additionalProperty' in error.params
      ? ` (${String(error.params.additionalProperty)})`
      : '';
  return clip(`${at} ${error.message ?? 'is invalid'}${extra}`);
}

/** Checks a parsed value: the format version first (so an old or new file says so), then the schema. */
export function checkPlan(value: unknown): PlanCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, errors: ['This is not a zlc plan: expected a JSON object.'] };
  const version = (value as Record<string, unknown>).formatVersion;
  if (version !== PLAN_FORMAT_VERSION)
    return {
      ok: false,
      errors: [
        version === undefined
          ? 'This is not a zlc plan: it has no formatVersion.'
          : `The plan has format version ${JSON.stringify(version)}; this zlc reads version ${PLAN_FORMAT_VERSION}. Make the plan again with this version of zlc.`,
      ],
    };
  const validate = validator();
  if (!validate(value)) {
    const errors = (validate.errors ?? []).slice(0, 20).map(describe);
    return { ok: false, errors: ['The plan file does not match schemas/plan.schema.json:', ...errors] };
  }
  return { ok: true, plan: value as Plan };
}

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function writePlanFile(path: string, plan: Plan): void {
  writeFileSync(path, serializePlan(plan), 'utf8');
}

/** Plans of the largest orgs are a few megabytes; a file far past that is not a plan. */
export const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;

export interface ReadPlanOptions {
  /** The directory the file must be inside once symlinks are resolved (the CLI's working directory). Default: anywhere. */
  root?: string;
}

export function readPlanFile(path: string, options: ReadPlanOptions = {}): PlanCheck {
  const read = readSourceFile(path, { maxBytes: MAX_PLAN_FILE_BYTES, ...options });
  if (!read.ok) {
    const { problem } = read;
    if (problem.code === 'file-not-found') return { ok: false, errors: [`No plan file at ${path}.`] };
    return { ok: false, errors: [`${problem.message}${problem.hint === undefined ? '' : ` (${problem.hint})`}.`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    return { ok: false, errors: [`${path} is not JSON: ${clip((error as Error).message)}`] };
  }
  return checkPlan(value);
}

/** JSON.parse quotes the text around a syntax error: keep the message short whatever the file holds. */
function clip(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
