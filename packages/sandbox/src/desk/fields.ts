/**
 * The fields API (Field.json): `GET/POST /fields?module=`, `GET/PATCH/DELETE /fields/{fieldId}`. Custom fields get
 * the api name `cf_<snake_case of the label>`; PATCH changes only the label-like properties, as Desk allows.
 */
import type { Collection, Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { deskError, fieldError, invalidData, invalidQueryParam } from './errors.js';
import { fieldShape } from './field-shape.js';
import {
  type CfValues,
  DESK_MODULES,
  type DeskFieldType,
  type DeskModuleName,
  deskData,
  type FieldRecord,
} from './records.js';
import { checkBody, isRecord, type Rules, str } from './validate.js';

const TYPES: readonly DeskFieldType[] = [
  'Text',
  'Number',
  'Percent',
  'Decimal',
  'Currency',
  'Date',
  'DateTime',
  'Email',
  'Phone',
  'Picklist',
  'URL',
  'Textarea',
  'Boolean',
  'Multiselect',
  'LookUp',
];

/** Default and largest `maxLength` per type (Field.json request schemas; unlisted types have a fixed length). */
const LENGTHS: Record<DeskFieldType, { def: number; min: number; max: number }> = {
  Text: { def: 255, min: 1, max: 255 },
  Number: { def: 9, min: 1, max: 9 },
  Percent: { def: 5, min: 5, max: 5 },
  Decimal: { def: 16, min: 1, max: 16 },
  Currency: { def: 16, min: 3, max: 16 },
  Date: { def: 20, min: 20, max: 20 },
  DateTime: { def: 120, min: 120, max: 120 },
  Email: { def: 100, min: 100, max: 100 },
  Phone: { def: 30, min: 1, max: 255 },
  Picklist: { def: 120, min: 120, max: 120 },
  URL: { def: 255, min: 255, max: 255 },
  Textarea: { def: 32000, min: 32000, max: 32000 },
  Boolean: { def: 5, min: 5, max: 5 },
  Multiselect: { def: 32000, min: 32000, max: 32000 },
  LookUp: { def: 300, min: 300, max: 300 },
};

const CREATE_RULES: Rules = {
  displayLabel: { kind: 'string', max: 200, required: true },
  type: { kind: 'string', max: 20, required: true },
  maxLength: { kind: 'string', max: 10 },
  isEncryptedField: { kind: 'boolean' },
  isTrackLastActivityTime: { kind: 'boolean' },
  toolTip: { kind: 'string', max: 200 },
  toolTipType: { kind: 'string', max: 20, pattern: /^(placeHolder|icon)$/ },
  decimalPlaces: { kind: 'string', max: 2 },
  roundingOption: { kind: 'string', max: 20, pattern: /^(roundOff|roundDown|roundUp|normal)$/ },
  roundingPrecision: { kind: 'string', max: 3 },
  subType: { kind: 'string', max: 20, pattern: /^(Plain|ColorCoded)$/ },
  defaultValue: { kind: 'string', max: 5, pattern: /^(true|false)$/ },
  lookup: { kind: 'object' },
  pickListValues: { kind: 'array', maxItems: 1000 },
  /** Same as pickListValues, under the name Layout.json's field objects use. */
  allowedValues: { kind: 'array', maxItems: 1000 },
};

const PATCH_RULES: Rules = {
  ...CREATE_RULES,
  displayLabel: { kind: 'string', max: 200 },
  type: { kind: 'string', max: 20 },
};

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

/** Numbers may come as JSON numbers or numeric strings (Field.json types them `string|integer`). */
function intOf(body: Record<string, unknown>, key: string): number | undefined | 'bad' {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[0-9]{1,6}$/.test(v)) return Number(v);
  return 'bad';
}

function numericRules(rules: Rules): Rules {
  // maxLength, decimalPlaces and roundingPrecision are `string|integer`: checked by intOf, not as strings.
  const { maxLength: _m, decimalPlaces: _d, roundingPrecision: _r, ...rest } = rules;
  return { ...rest, maxLength: { kind: 'id' }, decimalPlaces: { kind: 'id' }, roundingPrecision: { kind: 'id' } };
}

function readPickList(raw: unknown): string[] | 'bad' | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) return 'bad';
  const out: string[] = [];
  for (const item of raw) {
    const value =
      typeof item === 'string' ? item : isRecord(item) && typeof item.value === 'string' ? item.value : undefined;
    if (value === undefined || value.length === 0 || value.length > 120 || out.includes(value)) return 'bad';
    out.push(value);
  }
  return out;
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

function createField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const module = readModule(req);
  if (module === undefined) return invalidQueryParam('module');
  const checked = checkBody(req.body, numericRules(CREATE_RULES), 'create');
  if (!checked.ok) return checked.response;
  const body = checked.body;
  const type = TYPES.find((t) => t === body.type);
  const label = (str(body, 'displayLabel') ?? '').trim();
  const errors = [];
  if (type === undefined) errors.push(fieldError('/type', 'invalid', `'type' must be one of ${TYPES.join(', ')}.`));
  if (label.length === 0) errors.push(fieldError('/displayLabel', 'missing', "'displayLabel' is required."));
  const maxLength = intOf(body, 'maxLength');
  const decimalPlaces = intOf(body, 'decimalPlaces');
  const roundingPrecision = intOf(body, 'roundingPrecision');
  if (type !== undefined) {
    const len = LENGTHS[type];
    if (maxLength === 'bad' || (maxLength !== undefined && (maxLength < len.min || maxLength > len.max))) {
      errors.push(fieldError('/maxLength', 'invalid', `'maxLength' must be between ${len.min} and ${len.max}.`));
    }
    if ((type === 'Decimal' || type === 'Currency') && decimalPlaces === undefined) {
      errors.push(fieldError('/decimalPlaces', 'missing', "'decimalPlaces' is required."));
    }
  }
  if (decimalPlaces === 'bad' || (typeof decimalPlaces === 'number' && decimalPlaces > 9)) {
    errors.push(fieldError('/decimalPlaces', 'invalid', "'decimalPlaces' must be between 0 and 9."));
  }
  if (roundingPrecision === 'bad' || (typeof roundingPrecision === 'number' && roundingPrecision > 30)) {
    errors.push(fieldError('/roundingPrecision', 'invalid', "'roundingPrecision' must be between 0 and 30."));
  }
  const picks = readPickList(body.pickListValues ?? body.allowedValues);
  if (picks === 'bad')
    errors.push(fieldError('/pickListValues', 'invalid', "'pickListValues' must be distinct values."));
  let lookup: FieldRecord['lookup'] = null;
  if (type === 'LookUp') {
    const l = body.lookup;
    const target = isRecord(l) && isRecord(l.module) ? l.module.apiName : undefined;
    const related = isRecord(l) ? l.relatedListLabel : undefined;
    if (
      typeof target !== 'string' ||
      !['accounts', 'contacts', 'tickets'].includes(target) ||
      typeof related !== 'string'
    ) {
      errors.push(fieldError('/lookup', 'invalid', "'lookup' needs module.apiName and relatedListLabel."));
    } else {
      lookup = { moduleApiName: target, relatedListLabel: related };
    }
  }
  const apiName = customApiName(label);
  const data = deskData(ctx);
  if (label.length > 0) {
    for (const f of data.fields.values()) {
      if (f.module === module && (f.apiName === apiName || f.displayLabel.toLowerCase() === label.toLowerCase())) {
        errors.push(fieldError('/displayLabel', 'duplicate', `A field labelled '${label}' already exists.`));
        break;
      }
    }
  }
  if (errors.length > 0 || type === undefined) return invalidData(errors);
  const now = ctx.clock.now();
  const record: FieldRecord = {
    id: ctx.ids.next('desk'),
    module,
    apiName,
    displayLabel: label,
    type,
    maxLength: typeof maxLength === 'number' ? maxLength : LENGTHS[type].def,
    isCustomField: true,
    isMandatory: false,
    isEncryptedField: body.isEncryptedField === true,
    decimalPlaces: typeof decimalPlaces === 'number' ? decimalPlaces : null,
    roundingOption:
      type === 'Currency' ? ((str(body, 'roundingOption') ?? 'normal') as FieldRecord['roundingOption']) : null,
    roundingPrecision: typeof roundingPrecision === 'number' ? roundingPrecision : null,
    defaultValue: type === 'Boolean' ? (str(body, 'defaultValue') ?? 'false') : null,
    pickListValues:
      type === 'Picklist' || type === 'Multiselect' ? (picks === undefined || picks === 'bad' ? [] : picks) : null,
    statusTypes: null,
    lookup,
    toolTip: str(body, 'toolTip') ?? null,
    createdTime: now,
    modifiedTime: now,
  };
  data.fields.put(record.id, record);
  return { status: 201, body: fieldShape(ctx, record) };
}

function updateField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const f = data.fields.get(req.params.fieldId ?? '');
  if (f === undefined) return unknownField();
  const checked = checkBody(req.body, numericRules(PATCH_RULES), 'update');
  if (!checked.ok) return checked.response;
  const body = checked.body;
  if (!f.isCustomField) return deskError(422, 'UNPROCESSABLE_ENTITY', 'System fields cannot be edited.');
  if (body.type !== undefined && body.type !== f.type) {
    return invalidData([fieldError('/type', 'invalid', 'The type of a field cannot be changed.')]);
  }
  const label = str(body, 'displayLabel')?.trim();
  const next: FieldRecord = { ...f, modifiedTime: ctx.clock.now() };
  if (label !== undefined && label !== null && label.length > 0) {
    for (const other of data.fields.values()) {
      if (other.id !== f.id && other.module === f.module && other.displayLabel.toLowerCase() === label.toLowerCase()) {
        return invalidData([fieldError('/displayLabel', 'duplicate', `A field labelled '${label}' already exists.`)]);
      }
    }
    next.displayLabel = label;
  }
  const tip = str(body, 'toolTip');
  if (tip !== undefined) next.toolTip = tip;
  if (f.lookup !== null && isRecord(body.lookup) && typeof body.lookup.relatedListLabel === 'string') {
    next.lookup = { ...f.lookup, relatedListLabel: body.lookup.relatedListLabel };
  }
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
