/**
 * `/settings/fields` (fields.json): list and read a module's fields; create, update and delete custom fields;
 * add, rename and remove picklist values (Deals `Stage` values carry probability and forecast type).
 */
import { JsonBody, withJsonList } from '../core/json-body.js';
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, invalidBody, MESSAGES, mandatoryMissing } from './errors.js';
import { buildField, CREATABLE_TYPES, fieldJson, isDataType, MAX_LENGTH } from './field-defs.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { pickValues } from './pick-values.js';
import { type ItemResult, isObj, itemsAnswer, itemsOf, type Obj, str, succeeded } from './settings-body.js';
import { fieldList, fieldMap, fieldsOf, findModule, layoutsOf, now, recordsOf } from './state.js';

const MAX_LABEL = 50;
/** What CRM accepts as a field's API name. */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type LayoutRef = { id: string; name: string; api_name: string };

/** Per field id, the layouts that place it (in layout order): one pass over the module's layouts. */
function layoutRefsById(ctx: SandboxContext, mod: ModuleDef): Map<string, LayoutRef[]> {
  const refs = new Map<string, LayoutRef[]>();
  for (const l of layoutsOf(ctx, mod.api_name).values()) {
    const ref = { id: l.id, name: l.name, api_name: l.api_name };
    const placed = new Set<string>();
    for (const s of l.sections) for (const f of s.fields) placed.add(f.id);
    for (const id of placed) {
      const list = refs.get(id);
      if (list) list.push(ref);
      else refs.set(id, [ref]);
    }
  }
  return refs;
}

export const layoutRefs = (ctx: SandboxContext, mod: ModuleDef, fieldId: string): LayoutRef[] =>
  layoutRefsById(ctx, mod).get(fieldId) ?? [];

export const listFields: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const type = req.query.get('type');
  if (type !== null && type !== 'all' && type !== 'unused') {
    return errorResponse(
      400,
      crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: 'type', json_path: '$.type', param_name: 'type' }),
    );
  }
  const unused = type === 'unused';
  // Built once per change of the module's fields or layouts: on the large org the answer is ~0.5 MB a module.
  const sources = [`crm:fields:${mod.api_name}`, `crm:layouts:${mod.api_name}`];
  return ctx.store.memo(`crm:listFields:${mod.api_name}:${unused ? 'unused' : 'all'}`, sources, (): SandboxResponse => {
    const refs = layoutRefsById(ctx, mod);
    const list = fieldList(ctx, mod.api_name).filter((f) => !unused || !refs.has(f.id));
    if (list.length === 0) return { status: 204 };
    // Each field serialised once per change of it or of the layouts it shows in: a create re-serialises one field.
    const parts = list.map((f) => {
      const layouts = refs.get(f.id) ?? [];
      const variant = `list|${layouts.map((l) => `${l.id}/${l.name}/${l.api_name}`).join('|')}`;
      return ctx.store.memoDoc(`crm:fields:${mod.api_name}`, f.id, variant, () =>
        JSON.stringify(fieldJson(f, layouts)),
      );
    });
    return { status: 200, body: JsonBody.ofText(withJsonList({}, 'fields', parts)) };
  });
};

function findField(ctx: SandboxContext, mod: ModuleDef, key: string): FieldDef | undefined {
  return fieldsOf(ctx, mod.api_name).get(key) ?? fieldMap(ctx, mod.api_name).get(key);
}

export const getField: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const f = findField(ctx, mod, req.params.field ?? '');
  if (!f) return { status: 204 };
  return { status: 200, body: { fields: [fieldJson(f, layoutRefs(ctx, mod, f.id))] } };
};

export const getPickListValues: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const f = findField(ctx, mod, req.params.field_id ?? '');
  if (!f) return { status: 204 };
  if (!f.pick_list_values) return errorResponse(400, invalidBody('field_id', '$.field_id'));
  if (f.pick_list_values.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      pick_list_values: f.pick_list_values.map((v) => ({
        ...v,
        reference_value: v.display_value,
        layout_associations: [],
      })),
    },
  };
};

/** v8 derives a custom field's api_name from its label: `Books Customer ID` → `Books_Customer_ID`. */
export function apiNameFromLabel(label: string): string {
  const name = label
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(name) ? name : `Field_${name}`;
}

/**
 * What the creates of one request share: the module's fields by API name and their labels (kept current as each
 * create lands, so a duplicate within the batch is refused too), and the layouts the new fields were added to,
 * stored once when the batch is done instead of once per field.
 */
interface CreateBatch {
  byApiName: Map<string, FieldDef>;
  labels: Set<string>;
  layouts: Set<string>;
}

function createBatch(ctx: SandboxContext, mod: ModuleDef): CreateBatch {
  const byApiName = fieldMap(ctx, mod.api_name);
  const labels = new Set([...byApiName.values()].map((f) => f.field_label.toLowerCase()));
  return { byApiName, labels, layouts: new Set() };
}

function createOne(ctx: SandboxContext, mod: ModuleDef, item: Obj, i: number, batch: CreateBatch): ItemResult {
  const p = `$.fields[${i}]`;
  const label = str(item.field_label) ?? str(item.display_label);
  if (!label) return { ok: false, error: mandatoryMissing('field_label', `${p}.field_label`) };
  if (label.length > MAX_LABEL)
    return {
      ok: false,
      error: crmError('INVALID_DATA', MESSAGES.invalidData, {
        maximum_length: MAX_LABEL,
        api_name: 'field_label',
        json_path: `${p}.field_label`,
      }),
    };
  if (item.data_type === undefined) return { ok: false, error: mandatoryMissing('data_type', `${p}.data_type`) };
  const type = item.data_type;
  if (!isDataType(type) || !CREATABLE_TYPES.includes(type))
    return { ok: false, error: invalidBody('data_type', `${p}.data_type`, 'string') };
  const apiName = str(item.api_name) ?? apiNameFromLabel(label);
  if (!API_NAME.test(apiName)) return { ok: false, error: invalidBody('api_name', `${p}.api_name`) };
  if (batch.byApiName.has(apiName) || batch.labels.has(label.toLowerCase())) {
    return {
      ok: false,
      error: crmError('DUPLICATE_DATA', MESSAGES.duplicate, { api_name: 'field_label', json_path: `${p}.field_label` }),
    };
  }
  let length: number | undefined;
  if (item.length !== undefined) {
    const max = MAX_LENGTH[type];
    if (
      typeof item.length !== 'number' ||
      !Number.isInteger(item.length) ||
      item.length < 1 ||
      (max !== undefined && item.length > max)
    ) {
      return { ok: false, error: invalidBody('length', `${p}.length`, 'integer') };
    }
    length = item.length;
  }
  let lookup: string | undefined;
  if (type === 'lookup') {
    const target = isObj(item.lookup) && isObj(item.lookup.module) ? str(item.lookup.module.api_name) : undefined;
    if (!target) return { ok: false, error: mandatoryMissing('lookup', `${p}.lookup`) };
    const targetMod = findModule(ctx, target);
    if (!targetMod) return { ok: false, error: invalidBody('module', `${p}.lookup.module`) };
    lookup = targetMod.api_name;
  }
  const nextId = () => ctx.ids.next('crm');
  const field = buildField(
    { api: apiName, label, type, ...(length !== undefined ? { length } : {}), ...(lookup ? { lookup } : {}) },
    {
      id: nextId(),
      sequence: fieldsOf(ctx, mod.api_name).size + 1,
      custom: true,
      time: now(ctx),
      nextId,
      moduleIds: (api) => findModule(ctx, api)?.id ?? '0',
      moduleApi: mod.api_name,
    },
  );
  if (type === 'picklist' || type === 'multiselectpicklist') {
    if (item.pick_list_values === undefined)
      return { ok: false, error: mandatoryMissing('pick_list_values', `${p}.pick_list_values`) };
    const values = pickValues(item.pick_list_values, `${p}.pick_list_values`, [], nextId, false);
    if (!Array.isArray(values)) return { ok: false, error: values };
    if (values.length === 0) return { ok: false, error: mandatoryMissing('pick_list_values', `${p}.pick_list_values`) };
    field.pick_list_values =
      type === 'picklist' && !values.some((v) => v.actual_value === '-None-')
        ? [
            {
              id: nextId(),
              display_value: '-None-',
              actual_value: '-None-',
              sequence_number: 0,
              type: 'used',
              colour_code: null,
            },
            ...values,
          ]
        : values;
  }
  if (type === 'autonumber') {
    const a = isObj(item.autonumber) ? item.autonumber : {};
    field.autonumber = {
      prefix: typeof a.prefix === 'string' ? a.prefix : '',
      suffix: typeof a.suffix === 'string' ? a.suffix : '',
      start_number: typeof a.start_number === 'number' ? a.start_number : 1,
      starting_number_length: String(typeof a.start_number === 'number' ? a.start_number : 1).length,
    };
    field.read_only = true;
  }
  if (isObj(item.unique))
    field.unique = {
      casesensitive: item.unique.casesensitive === 'true' || item.unique.casesensitive === true ? 'true' : 'false',
    };
  if (isObj(item.tooltip) && typeof item.tooltip.value === 'string')
    field.tooltip = { name: 'Info Icon', value: item.tooltip.value };
  fieldsOf(ctx, mod.api_name).put(field.id, field);
  batch.byApiName.set(field.api_name, field);
  batch.labels.add(field.field_label.toLowerCase());
  for (const layout of layoutsOf(ctx, mod.api_name).values()) {
    const section = layout.sections[0];
    if (!section) continue;
    section.fields.push({
      id: field.id,
      api_name: field.api_name,
      required: false,
      sequence_number: section.fields.length + 1,
    });
    batch.layouts.add(layout.id);
  }
  return succeeded(field.id, 'field created');
}

export const createFields: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = itemsOf(req.body, 'fields', 20);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'fields',
    ctx.store.transaction(() => {
      const batch = createBatch(ctx, mod);
      const results = items.map((item, i) => createOne(ctx, mod, item, i, batch));
      const layouts = layoutsOf(ctx, mod.api_name);
      for (const id of batch.layouts) {
        const layout = layouts.get(id);
        if (layout !== undefined) layouts.put(id, layout);
      }
      return results;
    }),
    201,
  );
};

/**
 * What an update of a field cannot change. Zoho's Update Custom Fields page: an API name changes only in the UI
 * (the error code is our guess).
 */
const UNCHANGEABLE = {
  data_type: 'data type cannot be changed',
  api_name: 'the API name of a field can only be changed in the UI',
};

function updateOne(ctx: SandboxContext, mod: ModuleDef, item: Obj, i: number, key: string | undefined): ItemResult {
  const p = `$.fields[${i}]`;
  if (!key) return { ok: false, error: mandatoryMissing('id', `${p}.id`) };
  const field = findField(ctx, mod, key);
  if (!field) return { ok: false, error: invalidBody('id', `${p}.id`) };
  const next: FieldDef = { ...field };
  for (const [attribute, message] of Object.entries(UNCHANGEABLE) as [keyof typeof UNCHANGEABLE, string][]) {
    if (item[attribute] !== undefined && item[attribute] !== field[attribute])
      return {
        ok: false,
        error: crmError('NOT_ALLOWED', message, { api_name: attribute, json_path: `${p}.${attribute}` }),
      };
  }
  const label = item.field_label ?? item.display_label;
  if (label !== undefined) {
    if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL)
      return { ok: false, error: invalidBody('field_label', `${p}.field_label`) };
    next.field_label = label;
    next.display_label = label;
  }
  if (item.length !== undefined) {
    const max = MAX_LENGTH[field.data_type];
    if (
      !field.custom_field ||
      typeof item.length !== 'number' ||
      !Number.isInteger(item.length) ||
      item.length < field.length ||
      (max !== undefined && item.length > max)
    ) {
      return { ok: false, error: invalidBody('length', `${p}.length`, 'integer') };
    }
    next.length = item.length;
  }
  if (item.pick_list_values !== undefined) {
    if (!field.pick_list_values) return { ok: false, error: invalidBody('pick_list_values', `${p}.pick_list_values`) };
    const stage = mod.api_name === 'Deals' && field.api_name === 'Stage';
    const values = pickValues(
      item.pick_list_values,
      `${p}.pick_list_values`,
      field.pick_list_values,
      () => ctx.ids.next('crm'),
      stage,
    );
    if (!Array.isArray(values)) return { ok: false, error: values };
    next.pick_list_values = values;
  }
  if (item.tooltip !== undefined)
    next.tooltip =
      isObj(item.tooltip) && typeof item.tooltip.value === 'string'
        ? { name: 'Info Icon', value: item.tooltip.value }
        : null;
  if (item.unique !== undefined && field.custom_field)
    next.unique = isObj(item.unique) ? { casesensitive: String(item.unique.casesensitive ?? 'false') } : null;
  next.modified_time = now(ctx);
  fieldsOf(ctx, mod.api_name).put(next.id, next);
  return succeeded(next.id, 'field updated');
}

export const updateFields: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = itemsOf(req.body, 'fields', 20);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'fields',
    items.map((item, i) => updateOne(ctx, mod, item, i, str(item.id) ?? str(item.api_name))),
    200,
  );
};

export const updateField: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = itemsOf(req.body, 'fields', 1);
  if (!Array.isArray(items)) return items;
  return itemsAnswer('fields', [updateOne(ctx, mod, items[0] ?? {}, 0, req.params.field)], 200);
};

/**
 * Sandbox-only: the admin's manual step of changing a custom field's API name in CRM's settings (the API cannot).
 * `POST /crm/v8/__sandbox/fields/{id}/rename?module=` with `{api_name}`; the records' values and the layouts move
 * with the field.
 */
export const renameField: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const field = findField(ctx, mod, req.params.field ?? '');
  if (!field?.custom_field) return errorResponse(400, invalidBody('field', '$.field'));
  const body = isObj(req.body) ? req.body : {};
  const to = str(body.api_name);
  if (!to || !API_NAME.test(to)) return errorResponse(400, invalidBody('api_name', '$.api_name'));
  if (to !== field.api_name && fieldMap(ctx, mod.api_name).has(to))
    return errorResponse(400, crmError('DUPLICATE_DATA', MESSAGES.duplicate, { api_name: 'api_name' }));
  const from = field.api_name;
  ctx.store.transaction(() => {
    fieldsOf(ctx, mod.api_name).put(field.id, { ...field, api_name: to, modified_time: now(ctx) });
    for (const layout of layoutsOf(ctx, mod.api_name).values()) {
      for (const section of layout.sections) for (const f of section.fields) if (f.id === field.id) f.api_name = to;
      layoutsOf(ctx, mod.api_name).put(layout.id, layout);
    }
    const records = recordsOf(ctx, mod.api_name);
    for (const record of [...records.values()]) {
      if (!(from in record)) continue;
      const { [from]: value, ...rest } = record;
      records.put(record.id, { ...rest, [to]: value } as RecordDoc);
    }
  });
  return itemsAnswer('fields', [succeeded(field.id, 'field renamed')], 200);
};

export const deleteField: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const field = findField(ctx, mod, req.params.field ?? '');
  if (!field)
    return errorResponse(
      400,
      crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: 'field', json_path: '$.field' }),
    );
  if (!field.custom_field) {
    return errorResponse(
      400,
      crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: field.api_name, json_path: '$.field' }),
    );
  }
  ctx.store.transaction(() => {
    fieldsOf(ctx, mod.api_name).delete(field.id);
    for (const layout of layoutsOf(ctx, mod.api_name).values()) {
      for (const s of layout.sections) s.fields = s.fields.filter((f) => f.id !== field.id);
      layoutsOf(ctx, mod.api_name).put(layout.id, layout);
    }
    // The field's values go with it (fields.yaml deleteCustomField: "permanently delete a custom field").
    const records = recordsOf(ctx, mod.api_name);
    for (const record of [...records.values()]) {
      if (!(field.api_name in record)) continue;
      const { [field.api_name]: _gone, ...rest } = record;
      records.put(record.id, rest as RecordDoc);
    }
  });
  return {
    status: 200,
    body: { fields: [{ code: 'SUCCESS', details: { id: field.id }, message: 'field deleted', status: 'success' }] },
  };
};
