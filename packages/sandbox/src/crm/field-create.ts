/**
 * `POST /settings/fields?module=` (fields.yaml `createFields`): at most five custom fields a call, each with
 * `field_label` (≤ 25) and `data_type`; `api_name` derived from the label when absent and checked when given; within
 * the edition's custom fields per module and the module's two unique fields. Each new field joins the first section
 * of every layout of the module.
 */
import type { Handler, SandboxContext } from '../core/types.js';
import { apiNameFromLabel, apiNameProblem } from './api-names.js';
import { type CrmError, crmError, invalidBody, MESSAGES, mandatoryMissing } from './errors.js';
import { buildField, CREATABLE_TYPES, isDataType, MAX_LENGTH } from './field-defs.js';
import { customFieldCap, FIELDS_PER_CALL, MAX_CREATE_LABEL } from './field-limits.js';
import { parseUnique, uniqueAllowed } from './field-unique.js';
import { fieldsOfBody } from './fields-body.js';
import type { DataType, FieldDef, ModuleDef } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { pickValues } from './pick-values.js';
import { type ItemResult, isObj, itemsAnswer, type Obj, str, succeeded } from './settings-body.js';
import { fieldMap, fieldsOf, findModule, layoutsOf, now } from './state.js';

/**
 * What the creates of one request share: the module's fields by API name and their labels (kept current as each
 * create lands, so a duplicate within the batch is refused too), and the layouts the new fields were added to,
 * stored once when the batch is done instead of once per field.
 */
interface CreateBatch {
  byApiName: Map<string, FieldDef>;
  labels: Set<string>;
  layouts: Set<string>;
  custom: number;
  cap: number;
}

function createBatch(ctx: SandboxContext, mod: ModuleDef): CreateBatch {
  const byApiName = fieldMap(ctx, mod.api_name);
  const labels = new Set([...byApiName.values()].map((f) => f.field_label.toLowerCase()));
  const custom = [...byApiName.values()].filter((f) => f.custom_field).length;
  return { byApiName, labels, layouts: new Set(), custom, cap: customFieldCap(ctx.edition) };
}

const fail = (error: CrmError): ItemResult => ({ ok: false, error });

/** fields.yaml `textarea.type`: "small: 2000 chars, large: 32000 chars, rich_text: 50000 chars" (default small). */
const TEXTAREA_MAX = { small: 2000, large: 32000, rich_text: 50000 } as const;

function textareaType(item: Obj): keyof typeof TEXTAREA_MAX {
  const type = isObj(item.textarea) ? item.textarea.type : undefined;
  return type === 'large' || type === 'rich_text' ? type : 'small';
}

/** Label, type and API name of one create, checked; or the error. */
function identity(item: Obj, p: string, batch: CreateBatch): { label: string; type: DataType; api: string } | CrmError {
  const label = str(item.field_label);
  if (!label) return mandatoryMissing('field_label', `${p}.field_label`);
  if (label.length > MAX_CREATE_LABEL)
    return crmError('INVALID_DATA', MESSAGES.invalidData, {
      api_name: 'field_label',
      json_path: `${p}.field_label`,
      maximum_length: MAX_CREATE_LABEL,
    });
  if (item.data_type === undefined) return mandatoryMissing('data_type', `${p}.data_type`);
  const type = item.data_type;
  if (!isDataType(type) || !CREATABLE_TYPES.includes(type)) return invalidBody('data_type', `${p}.data_type`, 'string');
  const given = item.api_name;
  if (given !== undefined && (typeof given !== 'string' || apiNameProblem(given) !== undefined))
    return invalidBody('api_name', `${p}.api_name`);
  const api = typeof given === 'string' ? given : apiNameFromLabel(label);
  if (api === undefined) return invalidBody('field_label', `${p}.field_label`);
  if (batch.byApiName.has(api) || batch.labels.has(label.toLowerCase()))
    return crmError('DUPLICATE_DATA', MESSAGES.duplicate, { api_name: 'field_label', json_path: `${p}.field_label` });
  return { label, type, api };
}

/** The type-specific parts: length, lookup target, picklist values, autonumber, unique, tooltip. */
function complete(
  ctx: SandboxContext,
  field: FieldDef,
  item: Obj,
  p: string,
  batch: CreateBatch,
): CrmError | undefined {
  const type = field.data_type;
  if (item.length !== undefined) {
    const max = type === 'textarea' ? TEXTAREA_MAX[textareaType(item)] : MAX_LENGTH[type];
    const ok = typeof item.length === 'number' && Number.isInteger(item.length) && item.length >= 1;
    if (!ok || (max !== undefined && (item.length as number) > max))
      return invalidBody('length', `${p}.length`, 'integer');
    field.length = item.length as number;
  }
  if (type === 'picklist' || type === 'multiselectpicklist') {
    if (item.pick_list_values === undefined) return mandatoryMissing('pick_list_values', `${p}.pick_list_values`);
    const values = pickValues(item.pick_list_values, `${p}.pick_list_values`, [], () => ctx.ids.next('crm'), false);
    if (!Array.isArray(values)) return values;
    if (values.length === 0) return mandatoryMissing('pick_list_values', `${p}.pick_list_values`);
    const none = { id: ctx.ids.next('crm'), display_value: '-None-', actual_value: '-None-' } as const;
    field.pick_list_values =
      type === 'picklist' && !values.some((v) => v.actual_value === '-None-')
        ? [{ ...none, sequence_number: 0, type: 'used', colour_code: null }, ...values]
        : values;
  }
  if (type === 'autonumber') {
    const a = isObj(item.auto_number) ? item.auto_number : isObj(item.autonumber) ? item.autonumber : {};
    const start = Number(a.start_number ?? 1);
    field.autonumber = {
      prefix: typeof a.prefix === 'string' ? a.prefix : '',
      suffix: typeof a.suffix === 'string' ? a.suffix : '',
      start_number: Number.isInteger(start) ? start : 1,
      starting_number_length: String(Number.isInteger(start) ? start : 1).length,
    };
    field.read_only = true;
  }
  if (item.unique !== undefined) {
    const unique = parseUnique(item.unique, `${p}.unique`, false);
    if (unique !== null && 'code' in unique) return unique;
    if (unique !== null) {
      const refused = uniqueAllowed(type, `${p}.unique`, batch.byApiName.values(), undefined);
      if (refused) return refused;
    }
    field.unique = unique;
  }
  if (isObj(item.tooltip) && typeof item.tooltip.value === 'string')
    field.tooltip = { name: str(item.tooltip.name) ?? 'info_icon', value: item.tooltip.value };
  return undefined;
}

/** A lookup's target module and related-list label (fields.yaml's lookup branch requires `display_label`). */
function lookupTarget(ctx: SandboxContext, item: Obj, p: string): { module: string; label: string } | CrmError {
  const target = isObj(item.lookup) && isObj(item.lookup.module) ? str(item.lookup.module.api_name) : undefined;
  if (!target) return mandatoryMissing('lookup', `${p}.lookup`);
  const label = str(item.display_label);
  if (!label) return mandatoryMissing('display_label', `${p}.display_label`);
  const module = findModule(ctx, target)?.api_name;
  return module === undefined ? invalidBody('module', `${p}.lookup.module`) : { module, label };
}

function createOne(ctx: SandboxContext, mod: ModuleDef, item: Obj, i: number, batch: CreateBatch): ItemResult {
  const p = `$.fields[${i}]`;
  const id = identity(item, p, batch);
  if ('code' in id) return fail(id);
  if (batch.custom >= batch.cap)
    return fail(crmError('FIELD_LIMIT_EXCEEDED', MESSAGES.configuredLimit, { limit: batch.cap }));
  const lookup = id.type === 'lookup' ? lookupTarget(ctx, item, p) : undefined;
  if (lookup !== undefined && 'code' in lookup) return fail(lookup);
  const nextId = () => ctx.ids.next('crm');
  const field = buildField(
    { api: id.api, label: id.label, type: id.type, ...(lookup ? { lookup: lookup.module } : {}) },
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
  const refused = complete(ctx, field, item, p, batch);
  if (refused) return fail(refused);
  if (lookup !== undefined && field.lookup) field.lookup.display_label = lookup.label;
  fieldsOf(ctx, mod.api_name).put(field.id, field);
  batch.byApiName.set(field.api_name, field);
  batch.labels.add(field.field_label.toLowerCase());
  batch.custom += 1;
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
  const items = fieldsOfBody(req.body, FIELDS_PER_CALL);
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
