/**
 * Workflow criteria (workflow_rules.yaml `SimpleFilterCriterionRequest`, `GroupedFilterCriterionRequest`): a leaf
 * `{field: {api_name}, comparator, value}` on a field of the rule's module, or `{group_operator, group}` with 2 – 25
 * entries. `${ANYVALUE}` (as comparator or value) matches any change of a field-update trigger's field.
 */
import type { SandboxContext } from '../core/types.js';
import { ambiguity, invalid, isCrmError, missing, tooLong, wrongType } from './automation-errors.js';
import type { RuleCriteria } from './automation-model.js';
import type { CrmError } from './errors.js';
import { isObj, type Obj } from './settings-body.js';
import { fieldMap } from './state.js';

export const ANY_VALUE = `$${'{'}ANYVALUE}`;
export const COMPARATORS = [
  'equal',
  'not_equal',
  'like',
  'not_like',
  'starts_with',
  'ends_with',
  'contains',
  'not_contains',
  'greater_than',
  'greater_equal',
  'less_equal',
  'less_than',
  'in',
  'not_in',
  'between',
  ANY_VALUE,
] as const;
const MAX_GROUP = 25;
const MAX_VALUES = 500;
const MAX_TEXT = 255;

function leafValue(raw: unknown, path: string): CrmError | undefined {
  if (raw === undefined) return missing('value', path);
  const values = Array.isArray(raw) ? raw : [raw];
  if (Array.isArray(raw) && (raw.length === 0 || raw.length > MAX_VALUES)) return tooLong('value', path, MAX_VALUES);
  for (const v of values) {
    if (typeof v === 'string' && v.length > MAX_TEXT) return tooLong('value', path, MAX_TEXT);
    if (v === null || (typeof v === 'object' && !(isObj(v) && 'id' in v))) return wrongType('value', path, 'text');
  }
  return undefined;
}

function leaf(ctx: SandboxContext, module: string, raw: Obj, path: string): RuleCriteria | CrmError {
  if (raw.field === undefined) return missing('field', `${path}.field`);
  if (!isObj(raw.field) || typeof raw.field.api_name !== 'string') return missing('api_name', `${path}.field.api_name`);
  const field = fieldMap(ctx, module).get(raw.field.api_name);
  if (field === undefined) return invalid('api_name', `${path}.field.api_name`, 'invalid data');
  if (raw.field.id !== undefined && raw.field.id !== field.id)
    return ambiguity(
      { api_name: 'id', json_path: `${path}.field.id` },
      { api_name: 'api_name', json_path: `${path}.field.api_name` },
      'Ambiguity during processing',
    );
  if (raw.comparator === undefined) return missing('comparator', `${path}.comparator`);
  if (typeof raw.comparator !== 'string' || !(COMPARATORS as readonly string[]).includes(raw.comparator))
    return invalid('comparator', `${path}.comparator`, 'invalid data');
  const bad = leafValue(raw.value, `${path}.value`);
  if (bad) return bad;
  return { comparator: raw.comparator, field: { api_name: field.api_name }, value: raw.value };
}

/** The criteria as stored, `null` for none (matches every record), or the error. */
export function ruleCriteria(
  ctx: SandboxContext,
  module: string,
  raw: unknown,
  path: string,
): RuleCriteria | null | CrmError {
  if (raw === undefined || raw === null) return null;
  if (!isObj(raw)) return wrongType('criteria', path, 'jsonobject');
  if (raw.group === undefined) return leaf(ctx, module, raw, path);
  const op = typeof raw.group_operator === 'string' ? raw.group_operator.toUpperCase() : undefined;
  if (op !== 'AND' && op !== 'OR') return invalid('group_operator', `${path}.group_operator`, 'invalid data');
  if (!Array.isArray(raw.group) || raw.group.length < 2 || raw.group.length > MAX_GROUP)
    return invalid('group', `${path}.group`, 'invalid data');
  const group: RuleCriteria[] = [];
  for (const [i, g] of raw.group.entries()) {
    const c = ruleCriteria(ctx, module, g, `${path}.group[${i}]`);
    if (c === null) return missing('group', `${path}.group[${i}]`);
    if (isCrmError(c)) return c;
    group.push(c);
  }
  return { group_operator: op, group };
}

/** The api names a criteria tests (a field-update trigger watches these). */
export function criteriaFields(c: RuleCriteria): string[] {
  return 'group' in c ? c.group.flatMap(criteriaFields) : [c.field.api_name];
}
