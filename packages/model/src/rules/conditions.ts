/** Checks a condition (stage entry criteria, aggregate filters) against the module its fields live in. */
import type { Finding } from '../diagnostic.js';
import { danglingFinding, lookupField, type ModelIndex, unknownValueFinding } from '../model-index.js';
import type { Condition } from '../model-types.js';
import type { ConditionOperator, ResolvedField, ResolvedModule } from '../resolved-types.js';

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

type Path = readonly (string | number)[];

function shapeFinding(path: Path, message: string, hint: string): Finding {
  return { code: 'invalid-condition', severity: 'error', path, message, hint };
}

export function checkCondition(index: ModelIndex, module: ResolvedModule, condition: Condition, path: Path): Finding[] {
  const combiners = (['all', 'any'] as const).filter((k) => condition[k] !== undefined);
  const operators = operatorsOf(condition);
  if (combiners.length > 0) {
    if (combiners.length > 1 || condition.field !== undefined || operators.length > 0) {
      return [
        shapeFinding(
          path,
          'a condition combines with `all` or `any`, or tests one field — not both',
          'nest the field test inside the `all:` list',
        ),
      ];
    }
    const key = combiners[0] as 'all' | 'any';
    return (condition[key] ?? []).flatMap((inner, i) => checkCondition(index, module, inner, [...path, key, i]));
  }
  if (condition.field === undefined) {
    return [
      shapeFinding(
        path,
        'a condition needs `field` and one operator, or `all` / `any`',
        'for example: {field: Stage, equals: Closed Won}',
      ),
    ];
  }
  if (operators.length !== 1) {
    return [
      shapeFinding(
        path,
        operators.length === 0
          ? `no operator for field '${condition.field}'`
          : `several operators (${operators.join(', ')}) in one test`,
        `use exactly one of: ${OPERATORS.join(', ')}; combine tests with all:`,
      ),
    ];
  }
  const found = lookupField(index, condition.field, module);
  if (!found.ok) return [danglingFinding([...path, 'field'], found)];
  return checkFieldTest(found.value, condition, operators[0] as ConditionOperator, path);
}

/** One field test: a comparison needs a numeric field, and a picklist is tested against its own values. */
function checkFieldTest(
  field: ResolvedField,
  condition: Condition,
  operator: ConditionOperator,
  path: Path,
): Finding[] {
  const findings: Finding[] = [];
  if (
    (operator === 'greater_than' || operator === 'less_than') &&
    !['number', 'decimal', 'currency', 'percent'].includes(field.kind)
  ) {
    findings.push(
      shapeFinding(
        path,
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
