/** Checks a condition (stage entry criteria, aggregate filters) against the module its fields live in. */
import type { Finding } from '../diagnostic.js';
import { danglingFinding, lookupField, type ModelIndex, unknownValueFinding } from '../model-index.js';
import type { Condition } from '../model-types.js';
import type { ConditionOperator, ResolvedModule } from '../resolved-types.js';

export const OPERATORS: readonly ConditionOperator[] = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'empty',
  'not_empty',
  'greater_than',
  'less_than',
];

/** The operators written on a field test. */
export function operatorsOf(condition: Condition): ConditionOperator[] {
  return OPERATORS.filter((op) => condition[op] !== undefined);
}

export function checkCondition(
  index: ModelIndex,
  module: ResolvedModule,
  condition: Condition,
  path: readonly (string | number)[],
): Finding[] {
  const findings: Finding[] = [];
  const combiners = (['all', 'any'] as const).filter((k) => condition[k] !== undefined);
  const operators = operatorsOf(condition);
  const shape = (message: string, hint: string): Finding => ({
    code: 'invalid-condition',
    severity: 'error',
    path,
    message,
    hint,
  });
  if (combiners.length > 0) {
    if (combiners.length > 1 || condition.field !== undefined || operators.length > 0) {
      return [
        shape(
          'a condition combines with `all` or `any`, or tests one field — not both',
          'nest the field test inside the `all:` list',
        ),
      ];
    }
    const key = combiners[0] as 'all' | 'any';
    (condition[key] ?? []).forEach((inner, i) => {
      findings.push(...checkCondition(index, module, inner, [...path, key, i]));
    });
    return findings;
  }
  if (condition.field === undefined) {
    return [
      shape(
        'a condition needs `field` and one operator, or `all` / `any`',
        'for example: {field: Stage, equals: Closed Won}',
      ),
    ];
  }
  if (operators.length !== 1) {
    return [
      shape(
        operators.length === 0
          ? `no operator for field '${condition.field}'`
          : `several operators (${operators.join(', ')}) in one test`,
        `use exactly one of: ${OPERATORS.join(', ')}; combine tests with all:`,
      ),
    ];
  }
  const found = lookupField(index, condition.field, module);
  if (!found.ok) return [danglingFinding([...path, 'field'], found)];
  const field = found.value;
  const operator = operators[0] as ConditionOperator;
  if (
    (operator === 'greater_than' || operator === 'less_than') &&
    !['number', 'decimal', 'currency', 'percent'].includes(field.kind)
  ) {
    findings.push(
      shape(
        `'${operator}' needs a numeric field; '${field.apiName}' is ${field.kind}`,
        'use equals / in for other fields',
      ),
    );
  }
  const values = field.values;
  if (
    values !== undefined &&
    (operator === 'equals' || operator === 'not_equals' || operator === 'in' || operator === 'not_in')
  ) {
    const raw = condition[operator];
    const tested = Array.isArray(raw) ? raw : [raw];
    const allowed = values.map((v) => v.actual);
    tested.forEach((value, i) => {
      if (!allowed.includes(String(value))) {
        const at = Array.isArray(raw) ? [...path, operator, i] : [...path, operator];
        findings.push(unknownValueFinding(at, String(value), field, allowed));
      }
    });
  }
  return findings;
}
