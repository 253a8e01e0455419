/** Rules on `handoffs`: required data, steps, matching, mappings and write-backs (triggers: handoff-triggers.ts). */
import type { Finding } from '../diagnostic.js';
import { danglingFinding, lookupField, lookupFieldIn, lookupModule, type ModelIndex } from '../model-index.js';
import type { Handoff, Step } from '../model-types.js';
import type { ResolvedModule } from '../resolved-types.js';
import { resolveSource, type SourceScope, triggerScope, withItem } from '../sources.js';
import { checkAdvanceTo, checkTrigger } from './handoff-triggers.js';
import { checkMap } from './mappings.js';

type Path = readonly (string | number)[];

/** Fields Zoho requires when creating a record, per target module. */
const CREATE_REQUIRES: Record<string, readonly string[]> = {
  'books:contacts': ['contact_name'],
  'books:estimates': ['customer_id'],
  'books:invoices': ['customer_id'],
  'books:items': ['name', 'rate'],
  'desk:accounts': ['accountName'],
  'desk:contacts': ['lastName'],
  'desk:tickets': ['subject'],
  'crm:Accounts': ['Account_Name'],
  'crm:Contacts': ['Last_Name'],
  'crm:Deals': ['Deal_Name'],
  'crm:Tasks': ['Subject'],
};

export function handoffIdsAreUnique(index: ModelIndex): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  (index.model.handoffs ?? []).forEach((handoff, i) => {
    if (seen.has(handoff.id))
      findings.push({
        code: 'duplicate-id',
        severity: 'error',
        path: ['handoffs', i, 'id'],
        message: `handoff id '${handoff.id}' is used twice`,
      });
    seen.add(handoff.id);
    const steps = new Set<string>();
    handoff.steps.forEach((step, j) => {
      if (steps.has(step.id))
        findings.push({
          code: 'duplicate-id',
          severity: 'error',
          path: ['handoffs', i, 'steps', j, 'id'],
          message: `step id '${step.id}' is used twice in handoff '${handoff.id}'`,
        });
      steps.add(step.id);
    });
  });
  return findings;
}

export function handoffsAreConsistent(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  (index.model.handoffs ?? []).forEach((handoff, i) => {
    findings.push(...checkHandoff(index, handoff, ['handoffs', i]));
  });
  return findings;
}

function checkHandoff(index: ModelIndex, handoff: Handoff, at: Path): Finding[] {
  const trigger = checkTrigger(index, handoff.trigger, at);
  if (trigger.stop) return trigger.findings;
  const findings = [...trigger.findings, ...checkAdvanceTo(index, handoff, trigger.stageIndex, at)];
  const scope = triggerScope(index, handoff);
  if (scope === undefined) return findings;
  (handoff.requires ?? []).forEach((path, j) => {
    const source = resolveSource(index, scope, path);
    if (!source.ok) findings.push(danglingFinding([...at, 'requires', j], source));
  });
  handoff.steps.forEach((step, j) => {
    findings.push(...checkStep(index, handoff, step, scope, [...at, 'steps', j]));
    const module = lookupModule(index, step.target);
    if (module.ok) scope.steps.set(step.id, { app: module.value.app, module: module.value.name, list: false });
  });
  return findings;
}

function checkStep(index: ModelIndex, handoff: Handoff, step: Step, outer: SourceScope, at: Path): Finding[] {
  const found = lookupModule(index, step.target);
  if (!found.ok) return [danglingFinding([...at, 'target'], found)];
  const target = found.value;
  const key = `${target.app}:${target.name}`;
  const each = stepScope(index, step, outer, at);
  const scope = each.scope;
  return [
    ...each.findings,
    ...checkStepKeys(step, key, at),
    ...checkMatch(index, step, scope, target, at),
    ...checkMap(index, scope, target, step.map ?? {}, step.picklists, [...at, 'map'], [...at, 'picklists']),
    ...checkCreatable(step, target, key, at),
    ...checkStepLists(index, scope, step, at),
    ...checkWriteBack(index, handoff, step, target, at),
  ];
}

/** The scope the step's paths resolve in: the handoff's, or with `item` when it runs `for_each` of a list. */
function stepScope(
  index: ModelIndex,
  step: Step,
  outer: SourceScope,
  at: Path,
): { scope: SourceScope; findings: Finding[] } {
  if (step.for_each === undefined) return { scope: outer, findings: [] };
  const list = resolveSource(index, outer, step.for_each);
  if (!list.ok) return { scope: outer, findings: [danglingFinding([...at, 'for_each'], list)] };
  if (list.value.list) return { scope: withItem(outer, list.value), findings: [] };
  const finding: Finding = {
    code: 'invalid-step',
    severity: 'error',
    path: [...at, 'for_each'],
    message: `'${step.for_each}' is not a list`,
    hint: 'for_each takes a list source such as contacts or products',
  };
  return { scope: outer, findings: [finding] };
}

function isBooksDocument(key: string): boolean {
  return key === 'books:estimates' || key === 'books:invoices';
}

/** Keys that only apply to some targets: contact persons to Books contacts, line items and documents to documents. */
function checkStepKeys(step: Step, key: string, at: Path): Finding[] {
  const findings: Finding[] = [];
  if (step.contact_persons !== undefined && key !== 'books:contacts') {
    findings.push({
      code: 'invalid-step',
      severity: 'error',
      path: [...at, 'contact_persons'],
      atKey: true,
      message: `contact_persons only applies to books:contacts, not ${key}`,
    });
  }
  for (const k of ['line_items', 'document'] as const) {
    if (step[k] !== undefined && !isBooksDocument(key))
      findings.push({
        code: 'invalid-step',
        severity: 'error',
        path: [...at, k],
        atKey: true,
        message: `${k} only applies to books:estimates and books:invoices, not ${key}`,
      });
  }
  return findings;
}

/** A step that may create maps every field Zoho requires on create, and a document has line items. */
function checkCreatable(step: Step, target: ResolvedModule, key: string, at: Path): Finding[] {
  if ((step.action ?? 'upsert') === 'update') return [];
  const findings: Finding[] = [];
  const mapped = new Set(Object.keys(step.map ?? {}));
  const required = [
    ...(CREATE_REQUIRES[key] ?? []),
    ...[...target.fields.values()].filter((f) => f.custom && f.required).map((f) => f.apiName),
  ];
  for (const name of required) {
    if (!mapped.has(name)) {
      findings.push({
        code: 'required-field-missing',
        severity: 'error',
        path: [...at, 'map'],
        atKey: true,
        message: `creating ${key} needs '${name}', which is not mapped`,
        hint: `add ${name}: <source path> under map:`,
      });
    }
  }
  if (isBooksDocument(key) && step.line_items === undefined) {
    findings.push({
      code: 'required-field-missing',
      severity: 'error',
      path: at,
      message: `a Books ${target.name.slice(0, -1)} needs line items`,
      hint: 'add line_items: {from: products, map: {...}}',
    });
  }
  return findings;
}

/** The nested lists a step writes: a contact's persons (and which is primary), a document's line items. */
function checkStepLists(index: ModelIndex, scope: SourceScope, step: Step, at: Path): Finding[] {
  const findings: Finding[] = [];
  const persons = step.contact_persons;
  if (persons !== undefined) {
    findings.push(
      ...checkNested(index, scope, persons.from, 'books:contactpersons', persons.map, [...at, 'contact_persons']),
    );
    if (persons.primary !== undefined) {
      const primary = resolveSource(index, scope, persons.primary);
      if (!primary.ok) findings.push(danglingFinding([...at, 'contact_persons', 'primary'], primary));
    }
  }
  if (step.line_items !== undefined) {
    findings.push(
      ...checkNested(index, scope, step.line_items.from ?? 'products', 'books:line_items', step.line_items.map, [
        ...at,
        'line_items',
      ]),
      ...checkLineTotal(index, scope, step.line_items, [...at, 'line_items']),
    );
  }
  return findings;
}

/** Each write-back names a field of the trigger's app and a step attribute of a kind it can hold. */
function checkWriteBack(index: ModelIndex, handoff: Handoff, step: Step, target: ResolvedModule, at: Path): Finding[] {
  const findings: Finding[] = [];
  Object.entries(step.write_back ?? {}).forEach(([ref, from]) => {
    const wAt = [...at, 'write_back', ref];
    const field = lookupField(index, ref);
    if (!field.ok) {
      findings.push({ ...danglingFinding(wAt, field), atKey: true });
      return;
    }
    const triggerApp = handoff.trigger.on === 'ticket_event' ? 'desk' : 'crm';
    if (field.value.app !== triggerApp) {
      findings.push({
        code: 'invalid-step',
        severity: 'error',
        path: wAt,
        atKey: true,
        message: `write-back goes to the trigger's app (${triggerApp}), not ${field.value.app}`,
        hint: 'map the value in a step targeting that app instead',
      });
    }
    const attribute = lookupFieldIn(target, from);
    if (!attribute.ok) findings.push(danglingFinding(wAt, attribute));
    else if (!['text', 'longtext', 'lookup'].includes(field.value.kind) && attribute.value.kind !== field.value.kind) {
      findings.push({
        code: 'incompatible-mapping',
        severity: 'error',
        path: wAt,
        message: `cannot write ${attribute.value.ref} (${attribute.value.kind}) back to ${field.value.ref} (${field.value.kind})`,
      });
    }
  });
  return findings;
}

function checkNested(
  index: ModelIndex,
  scope: SourceScope,
  from: string,
  module: string,
  map: Step['map'],
  at: Path,
): Finding[] {
  const list = resolveSource(index, scope, from);
  if (!list.ok) return [danglingFinding([...at, 'from'], list)];
  if (!list.value.list)
    return [{ code: 'invalid-step', severity: 'error', path: [...at, 'from'], message: `'${from}' is not a list` }];
  const target = index.modules.get(module) as ResolvedModule;
  return checkMap(
    index,
    withItem(scope, list.value),
    target,
    map ?? {},
    undefined,
    [...at, 'map'],
    [...at, 'picklists'],
  );
}

function checkMatch(index: ModelIndex, step: Step, scope: SourceScope, target: ResolvedModule, at: Path): Finding[] {
  const match = step.match;
  if (match === undefined) {
    return (step.action ?? 'upsert') === 'create' && step.for_each === undefined
      ? []
      : [
          {
            code: 'invalid-step',
            severity: 'warning',
            path: at,
            message: `step '${step.id}' has no match: a retry could create a second ${target.app}:${target.name} record`,
            hint: 'add match: {by: link_field, field: …} (or reference_number, unique_field)',
          },
        ];
  }
  const findings: Finding[] = [];
  const mAt = [...at, 'match'];
  const needs = (key: 'field' | 'value') => {
    if (match[key] === undefined)
      findings.push({
        code: 'missing-key',
        severity: 'error',
        path: mAt,
        message: `match by ${match.by} needs \`${key}\``,
      });
  };
  if (match.by === 'link_field') {
    needs('field');
    if (match.field !== undefined) {
      const field = lookupField(index, match.field);
      if (!field.ok) findings.push(danglingFinding([...mAt, 'field'], field));
    }
  } else if (match.by === 'unique_field') {
    needs('field');
    needs('value');
    if (match.field !== undefined) {
      const field = lookupFieldIn(target, match.field);
      if (!field.ok) findings.push(danglingFinding([...mAt, 'field'], field));
      else if (!field.value.unique)
        findings.push({
          code: 'invalid-step',
          severity: 'warning',
          path: [...mAt, 'field'],
          message: `${field.value.ref} is not declared unique; matching on it may find several records`,
          hint: 'set unique: true on the field',
        });
    }
  } else {
    needs('value');
    if (match.by === 'reference_number' && !target.fields.has('reference_number')) {
      findings.push({
        code: 'invalid-step',
        severity: 'error',
        path: [...mAt, 'by'],
        message: `${target.app}:${target.name} has no reference_number`,
        hint: 'reference numbers exist on Books estimates, invoices and payments',
      });
    }
  }
  if (match.value !== undefined) {
    const value = resolveSource(index, scope, match.value);
    if (!value.ok) findings.push(danglingFinding([...mAt, 'value'], value));
  }
  return findings;
}

const AMOUNT_KINDS = new Set(['number', 'decimal', 'currency']);

/** `line_items.total` names one amount (`deal.Amount`); `when_total_differs` means nothing without it. */
function checkLineTotal(
  index: Parameters<typeof resolveSource>[0],
  scope: SourceScope,
  items: NonNullable<Step['line_items']>,
  at: (string | number)[],
): Finding[] {
  if (items.total === undefined) {
    if (items.when_total_differs === undefined) return [];
    return [
      {
        code: 'invalid-step',
        severity: 'error',
        path: [...at, 'when_total_differs'],
        atKey: true,
        message: 'when_total_differs needs line_items.total: the amount the lines are compared with',
        hint: 'add total: deal.Amount under line_items',
      },
    ];
  }
  const total = resolveSource(index, scope, items.total);
  if (!total.ok) return [danglingFinding([...at, 'total'], total)];
  if (total.value.list || total.value.field === undefined || !AMOUNT_KINDS.has(total.value.field.kind))
    return [
      {
        code: 'invalid-step',
        severity: 'error',
        path: [...at, 'total'],
        message: `line_items.total must name one number or currency field, and ${items.total} is ${total.value.list ? 'a list' : total.value.kind}`,
        hint: 'use the deal amount: total: deal.Amount',
      },
    ];
  return [];
}
