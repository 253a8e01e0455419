/**
 * The fields API (Field.json): `GET/POST /fields?module=`, `GET/PATCH/DELETE /fields/{fieldId}`. Bodies follow
 * Field.json's closed per-type shapes (`field-rules.ts`) for create and update alike; custom fields get the api name
 * `cf_<snake_case of the label>`. Picklist values are not part of a field body: they are set per layout
 * (`layout-fields.ts`).
 */
import type { Collection, Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { deskError, type FieldError, fieldError, invalidData, invalidQueryParam } from './errors.js';
import { FIELD_TYPES, fieldNumbers, fieldRules, fieldTypeOf, LENGTHS } from './field-rules.js';
import { fieldShape } from './field-shape.js';
import {
  type CfValues,
  DESK_MODULES,
  type DeskFieldType,
  type DeskModuleName,
  deskData,
  type FieldRecord,
} from './records.js';
import { checkBody, isRecord, str } from './validate.js';

/** `Deal Value` → `cf_deal_value`. */
export function customApiName(label: string): string {
  const snake = label
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `cf_${snake}`;
}

function readModule(req: SandboxRequest): DeskModuleName | undefined {
  const m = req.query.get('module');
  return DESK_MODULES.find((x) => x === m);
}

/**
 * `filter` clauses `name='value'` joined by AND, on isCustomField, isMandatory, isComputed (never, here),
 * isEncryptedField and type, e.g. `isCustomField='false' AND isComputed='false'` [R §3]. Undefined when malformed.
 */
function readFilter(raw: string | null): ((f: FieldRecord) => boolean) | undefined {
  if (raw === null || raw.trim() === '') return () => true;
  const tests: ((f: FieldRecord) => boolean)[] = [];
  for (const clause of raw.split(/\s+AND\s+/i)) {
    const m = /^\s*(\w+)\s*=\s*'?([^']*)'?\s*$/.exec(clause);
    if (m === null) return undefined;
    const [, name, value] = m;
    if (name === 'type') {
      tests.push((f) => f.type === value);
      continue;
    }
    if (value !== 'true' && value !== 'false') return undefined;
    const want = value === 'true';
    if (name === 'isCustomField') tests.push((f) => f.isCustomField === want);
    else if (name === 'isMandatory') tests.push((f) => f.isMandatory === want);
    else if (name === 'isEncryptedField') tests.push((f) => f.isEncryptedField === want);
    else if (name === 'isComputed') tests.push(() => !want);
    else return undefined;
  }
  return (f) => tests.every((t) => t(f));
}

function listFields(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const module = readModule(req);
  if (module === undefined) return invalidQueryParam('module');
  const apiNames = req.query
    .get('apiNames')
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const filter = readFilter(req.query.get('filter'));
  if (filter === undefined) return invalidQueryParam('filter');
  const data: Record<string, unknown>[] = [];
  for (const f of deskData(ctx).fields.values()) {
    if (f.module !== module) continue;
    if (apiNames !== undefined && !apiNames.includes(f.apiName)) continue;
    if (!filter(f)) continue;
    data.push(fieldShape(ctx, f));
  }
  return { status: 200, body: { data } };
}

function unknownField(): SandboxResponse {
  return invalidData([fieldError('/fieldId', 'invalid', 'No field exists with this id.')]);
}

function getField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const f = deskData(ctx).fields.get(req.params.fieldId ?? '');
  return f === undefined ? unknownField() : { status: 200, body: fieldShape(ctx, f) };
}

/** `lookup` of a LookUp body: `{module: {apiName}, relatedListLabel}` (Field.json `lookUpFieldJsonNew`). */
function readLookup(body: Record<string, unknown>): { lookup: FieldRecord['lookup'] } | FieldError {
  const l = body.lookup;
  const target = isRecord(l) && isRecord(l.module) ? l.module.apiName : undefined;
  const related = isRecord(l) ? l.relatedListLabel : undefined;
  if (typeof target !== 'string' || !['accounts', 'contacts', 'tickets'].includes(target))
    return fieldError('/lookup', 'invalid', "'lookup.module.apiName' must name a module.");
  if (typeof related !== 'string' || related.length === 0 || related.length > 255)
    return fieldError('/lookup', 'invalid', "'lookup.relatedListLabel' is required (1–255 characters).");
  return { lookup: { moduleApiName: target, relatedListLabel: related } };
}

function labelTaken(ctx: SandboxContext, module: DeskModuleName, label: string, except?: string): boolean {
  const apiName = customApiName(label);
  for (const f of deskData(ctx).fields.values()) {
    if (f.id === except || f.module !== module) continue;
    if (f.displayLabel.toLowerCase() === label.toLowerCase() || (except === undefined && f.apiName === apiName))
      return true;
  }
  return false;
}

function duplicateLabel(label: string): FieldError {
  return fieldError('/displayLabel', 'duplicate', `A field labelled '${label}' already exists.`);
}

/** The checked body of a create or an update: Field.json's shape for its type, and the numbers in range. */
function checkFieldBody(body: unknown, type: DeskFieldType | undefined) {
  const checked = checkBody(body, fieldRules(type), 'create');
  if (!checked.ok) return checked;
  const errors: FieldError[] = [];
  if (type === undefined)
    errors.push(fieldError('/type', 'invalid', `'type' must be one of ${FIELD_TYPES.join(', ')}.`));
  const label = (str(checked.body, 'displayLabel') ?? '').trim();
  if (label.length === 0) errors.push(fieldError('/displayLabel', 'missing', "'displayLabel' is required."));
  const numbers = type === undefined ? undefined : fieldNumbers(type, checked.body);
  errors.push(...(numbers?.errors ?? []));
  const read = type === 'LookUp' ? readLookup(checked.body) : { lookup: null };
  if ('fieldName' in read) errors.push(read);
  const lookup = 'lookup' in read ? read.lookup : null;
  return { ok: true as const, body: checked.body, label, numbers, lookup, errors };
}

function createField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const module = readModule(req);
  if (module === undefined) return invalidQueryParam('module');
  const type = fieldTypeOf(isRecord(req.body) ? req.body.type : undefined);
  const checked = checkFieldBody(req.body, type);
  if (!checked.ok) return checked.response;
  const { body, label, numbers, lookup, errors } = checked;
  if (label.length > 0 && labelTaken(ctx, module, label)) errors.push(duplicateLabel(label));
  if (errors.length > 0 || type === undefined) return invalidData(errors);
  const now = ctx.clock.now();
  const record: FieldRecord = {
    id: ctx.ids.next('desk'),
    module,
    apiName: customApiName(label),
    displayLabel: label,
    type,
    maxLength: numbers?.maxLength ?? LENGTHS[type].def,
    isCustomField: true,
    isMandatory: false,
    isEncryptedField: body.isEncryptedField === true,
    decimalPlaces: numbers?.decimalPlaces ?? null,
    roundingOption:
      type === 'Currency' ? ((str(body, 'roundingOption') ?? 'normal') as FieldRecord['roundingOption']) : null,
    roundingPrecision: numbers?.roundingPrecision ?? null,
    defaultValue: type === 'Boolean' ? (str(body, 'defaultValue') ?? 'false') : null,
    pickListValues: type === 'Picklist' || type === 'Multiselect' ? [] : null,
    ...(type === 'Picklist' || type === 'Multiselect' ? { layoutValues: {} } : {}),
    statusTypes: null,
    lookup,
    toolTip: str(body, 'toolTip') ?? null,
    createdTime: now,
    modifiedTime: now,
  };
  deskData(ctx).fields.put(record.id, record);
  return { status: 201, body: fieldShape(ctx, record) };
}

/**
 * PATCH takes the field's whole shape again (Field.json `editFieldNewRequest`, whose examples change a Text field's
 * label and `maxLength`, and a LookUp's label and `relatedListLabel` only). The type, a LookUp's target module and
 * encryption stay as created (the last is a sandbox choice, unverified).
 */
function updateField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const f = data.fields.get(req.params.fieldId ?? '');
  if (f === undefined) return unknownField();
  if (!f.isCustomField) return deskError(422, 'UNPROCESSABLE_ENTITY', 'System fields cannot be edited.');
  const given = isRecord(req.body) ? req.body.type : undefined;
  if (given !== undefined && given !== f.type)
    return invalidData([fieldError('/type', 'invalid', 'The type of a field cannot be changed.')]);
  const checked = checkFieldBody(req.body, f.type);
  if (!checked.ok) return checked.response;
  const { body, label, numbers, lookup, errors } = checked;
  if (lookup !== null && lookup.moduleApiName !== f.lookup?.moduleApiName)
    errors.push(fieldError('/lookup', 'invalid', "A LookUp's module cannot be changed."));
  if (body.isEncryptedField !== undefined && body.isEncryptedField !== f.isEncryptedField)
    errors.push(fieldError('/isEncryptedField', 'invalid', "A field's encryption cannot be changed."));
  if (label.length > 0 && labelTaken(ctx, f.module, label, f.id)) errors.push(duplicateLabel(label));
  if (errors.length > 0) return invalidData(errors);
  const next: FieldRecord = {
    ...f,
    displayLabel: label,
    maxLength: numbers?.maxLength ?? f.maxLength,
    decimalPlaces: numbers?.decimalPlaces ?? f.decimalPlaces,
    roundingPrecision: numbers?.roundingPrecision ?? f.roundingPrecision,
    modifiedTime: ctx.clock.now(),
  };
  const tip = str(body, 'toolTip');
  if (tip !== undefined) next.toolTip = tip;
  const rounding = str(body, 'roundingOption');
  if (f.type === 'Currency' && rounding) next.roundingOption = rounding as FieldRecord['roundingOption'];
  const defaultValue = str(body, 'defaultValue');
  if (f.type === 'Boolean' && defaultValue) next.defaultValue = defaultValue;
  if (f.lookup !== null && lookup !== null) next.lookup = { ...f.lookup, relatedListLabel: lookup.relatedListLabel };
  data.fields.put(f.id, next);
  return { status: 200, body: fieldShape(ctx, next) };
}

function dropCf<T extends { id: string; cf: CfValues }>(records: Collection<T>, apiName: string): void {
  for (const r of [...records.values()]) {
    if (!(apiName in r.cf)) continue;
    const { [apiName]: _gone, ...rest } = r.cf;
    records.put(r.id, { ...r, cf: rest });
  }
}

function deleteField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const f = data.fields.get(req.params.fieldId ?? '');
  if (f === undefined) return unknownField();
  if (!f.isCustomField) return deskError(422, 'UNPROCESSABLE_ENTITY', 'System fields cannot be deleted.');
  ctx.store.transaction(() => {
    data.fields.delete(f.id);
    if (f.module === 'accounts') dropCf(data.accounts, f.apiName);
    else if (f.module === 'contacts') dropCf(data.contacts, f.apiName);
    else dropCf(data.tickets, f.apiName);
  });
  return { status: 200 };
}

export const fieldRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/fields', handler: listFields },
  { method: 'POST', path: '/api/v1/fields', handler: createField },
  { method: 'GET', path: '/api/v1/fields/:fieldId', handler: getField },
  { method: 'PATCH', path: '/api/v1/fields/:fieldId', handler: updateField },
  { method: 'DELETE', path: '/api/v1/fields/:fieldId', handler: deleteField },
];
