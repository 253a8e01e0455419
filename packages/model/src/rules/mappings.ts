/**
 * Checks one `map:` of a handoff step: every target field exists and is writable, every source resolves,
 * the kinds are compatible, and picklist values map totally onto the target's values.
 */
import type { Finding } from '../diagnostic.js';
import { acceptedKinds, type FieldKind, kindsCompatible } from '../field-kinds.js';
import { danglingFinding, lookupFieldIn, lookupModule, type ModelIndex, unknownValueFinding } from '../model-index.js';
import type { Condition, MapValueDef, PicklistMapDef } from '../model-types.js';
import type { ResolvedField, ResolvedModule, ResolvedSource } from '../resolved-types.js';
import { resolveSource, type SourceScope } from '../sources.js';
import { checkCondition } from './conditions.js';

type Path = readonly (string | number)[];

/** The kind of value a map entry produces, with the source field when there is one. */
interface ValueKind {
  kind: FieldKind;
  field?: ResolvedField;
  literal?: string | number | boolean;
}

export function checkMap(
  index: ModelIndex,
  scope: SourceScope,
  target: ResolvedModule,
  map: Record<string, MapValueDef>,
  picklists: Record<string, PicklistMapDef> | undefined,
  path: Path,
  picklistPath: Path,
): Finding[] {
  const findings: Finding[] = [];
  for (const [targetName, value] of Object.entries(map)) {
    const at = [...path, targetName];
    const found = lookupFieldIn(target, targetName);
    if (!found.ok) {
      findings.push({ ...danglingFinding(at, found), atKey: true });
      continue;
    }
    const targetField = found.value;
    if (targetField.readOnly) {
      findings.push({
        code: 'invalid-step',
        severity: 'error',
        path: at,
        atKey: true,
        message: `${targetField.ref} is read-only in Zoho`,
        hint: 'map it the other way, or write back from it',
      });
      continue;
    }
    const produced = valueKind(index, scope, value, at, findings);
    if (produced === undefined) continue;
    if (!kindsCompatible(produced.kind, targetField.kind)) {
      findings.push({
        code: 'incompatible-mapping',
        severity: 'error',
        path: at,
        message: `cannot map ${produced.field?.ref ?? produced.kind} (${produced.kind}) to ${targetField.ref} (${targetField.kind})`,
        hint: `${targetField.kind} fields accept ${acceptedKinds(targetField.kind).join(', ')}`,
      });
      continue;
    }
    findings.push(...checkPicklist(targetField, produced, picklists?.[targetName], at, [...picklistPath, targetName]));
  }
  for (const name of Object.keys(picklists ?? {})) {
    if (!(name in map)) {
      findings.push({
        code: 'invalid-step',
        severity: 'error',
        path: [...picklistPath, name],
        atKey: true,
        message: `value map for '${name}', which is not mapped`,
        hint: `add '${name}' to map:`,
      });
    }
  }
  return findings;
}

function valueKind(
  index: ModelIndex,
  scope: SourceScope,
  value: MapValueDef,
  at: Path,
  findings: Finding[],
): ValueKind | undefined {
  if (typeof value === 'string') {
    const source = resolveSource(index, scope, value);
    if (!source.ok) {
      findings.push(danglingFinding(at, source));
      return undefined;
    }
    return sourceKind(source.value, at, findings);
  }
  const forms = (['value', 'template', 'aggregate', 'when'] as const).filter((k) => value[k] !== undefined);
  if (forms.length !== 1) {
    findings.push({
      code: 'invalid-step',
      severity: 'error',
      path: at,
      message: 'a mapped value needs exactly one of `value`, `template`, `aggregate` or `when`',
      hint: 'or write a source path such as deal.Amount',
    });
    return undefined;
  }
  if (value.value !== undefined) {
    const literal = value.value;
    const kind: FieldKind =
      typeof literal === 'boolean'
        ? 'boolean'
        : typeof literal === 'number'
          ? Number.isInteger(literal)
            ? 'number'
            : 'decimal'
          : 'text';
    return { kind, literal };
  }
  if (value.template !== undefined) {
    for (const match of value.template.matchAll(/\{([^{}]+)\}/g)) {
      const source = resolveSource(index, scope, (match[1] ?? '').trim(), { listFields: true });
      if (!source.ok) findings.push(danglingFinding([...at, 'template'], source));
    }
    return { kind: 'text' };
  }
  if (value.when !== undefined) return whenKind(index, scope, value.when, at, findings);
  return aggregateKind(index, value, at, findings);
}

/** `when:` tests the trigger record: its fields are the trigger module's, and it gives true or false. */
function whenKind(
  index: ModelIndex,
  scope: SourceScope,
  condition: Condition,
  at: Path,
  findings: Finding[],
): ValueKind | undefined {
  const record = scope.named.get('record');
  const module = lookupModule(index, `${record?.app ?? ''}:${record?.module ?? ''}`);
  if (!module.ok) return undefined;
  const problems = checkCondition(index, module.value, condition, [...at, 'when']);
  findings.push(...problems);
  return problems.some((f) => f.severity === 'error') ? undefined : { kind: 'boolean' };
}

function sourceKind(source: ResolvedSource, at: Path, findings: Finding[]): ValueKind | undefined {
  if (source.list || source.field === undefined) {
    findings.push({
      code: 'incompatible-mapping',
      severity: 'error',
      path: at,
      message: `'${source.path}' is a whole ${source.list ? 'list' : 'record'}, not a field`,
      hint: source.list
        ? 'iterate it with for_each, or count it with an aggregate'
        : `pick one of its fields, e.g. ${source.path}.id`,
    });
    return undefined;
  }
  return { kind: source.field.kind, field: source.field };
}

function aggregateKind(
  index: ModelIndex,
  value: Exclude<MapValueDef, string>,
  at: Path,
  findings: Finding[],
): ValueKind | undefined {
  if (value.of === undefined) {
    findings.push({
      code: 'invalid-step',
      severity: 'error',
      path: at,
      message: 'an aggregate needs `of` (the records aggregated)',
      hint: 'for example: of: desk:tickets',
    });
    return undefined;
  }
  const module = lookupModule(index, value.of);
  if (!module.ok) {
    findings.push(danglingFinding([...at, 'of'], module));
    return undefined;
  }
  if (value.where !== undefined) findings.push(...checkCondition(index, module.value, value.where, [...at, 'where']));
  if (value.aggregate === 'count') return { kind: 'number' };
  if (value.aggregate === 'any') {
    if (value.where !== undefined) return { kind: 'boolean' };
    findings.push({
      code: 'invalid-step',
      severity: 'error',
      path: at,
      message: "'any' needs the `where` condition it looks for",
      hint: 'for example: where: { field: status, equals: overdue }',
    });
    return undefined;
  }
  if (value.field === undefined) {
    findings.push({
      code: 'invalid-step',
      severity: 'error',
      path: at,
      message: `'${value.aggregate ?? ''}' needs the \`field\` it aggregates`,
      hint: 'for example: field: createdTime',
    });
    return undefined;
  }
  const field = lookupFieldIn(module.value, value.field);
  if (!field.ok) {
    findings.push(danglingFinding([...at, 'field'], field));
    return undefined;
  }
  return { kind: field.value.kind, field: field.value };
}

function checkPicklist(
  target: ResolvedField,
  produced: ValueKind,
  map: PicklistMapDef | undefined,
  at: Path,
  mapAt: Path,
): Finding[] {
  if (target.kind !== 'picklist' && target.kind !== 'multipicklist') return [];
  const targetValues = target.values?.map((v) => v.actual);
  const findings: Finding[] = [];
  if (map !== undefined && targetValues !== undefined) {
    for (const [from, to] of Object.entries(map.values)) {
      if (!targetValues.includes(to)) {
        findings.push(unknownValueFinding([...mapAt, 'values', from], to, target, targetValues));
      }
    }
    if (map.default !== undefined && !targetValues.includes(map.default)) {
      findings.push(unknownValueFinding([...mapAt, 'default'], map.default, target, targetValues));
    }
  }
  if (produced.literal !== undefined) {
    const literal = String(produced.literal);
    const allowed = targetValues ?? [];
    if (targetValues !== undefined && !allowed.includes(literal) && map?.values[literal] === undefined) {
      findings.push(unknownValueFinding(at, literal, target, allowed));
    }
    return findings;
  }
  const sourceValues = produced.field?.values?.map((v) => v.actual).filter((v) => v !== '-None-');
  if (sourceValues === undefined || map?.default !== undefined) return findings;
  const covered = (value: string) =>
    map !== undefined ? value in map.values : (targetValues ?? [value]).includes(value);
  const missing = sourceValues.filter((value) => !covered(value));
  if (missing.length > 0) {
    findings.push({
      code: 'picklist-not-total',
      severity: 'error',
      path: map !== undefined ? mapAt : at,
      ...(map !== undefined ? { atKey: true } : {}),
      message: `picklist mapping from ${produced.field?.ref ?? 'source'} to ${target.ref} does not cover ${missing.map((m) => `'${m}'`).join(', ')}`,
      hint:
        map !== undefined
          ? 'map every source value, or add `default:`'
          : `add picklists.${target.apiName} with values for them (or a default)`,
    });
  }
  return findings;
}
