/**
 * `PATCH /settings/fields?module=` (`id` in each item) and `PATCH /settings/fields/{id}?module=` (fields.yaml
 * `updateField`, `putFieldsWithId`): at most five fields a call. Label, length (custom fields, grow only), `unique`,
 * picklist values (`pick-values.ts`); the data type and the API name cannot change (an API name changes only in
 * CRM's settings: Zoho's Update Custom Fields page).
 */
import type { Handler, SandboxContext } from '../core/types.js';
import { type CrmError, crmError, invalidBody, mandatoryMissing } from './errors.js';
import { MAX_LENGTH } from './field-defs.js';
import { FIELDS_PER_CALL, MAX_LABEL } from './field-limits.js';
import { parseUnique, uniqueAllowed } from './field-unique.js';
import { fieldsOfBody } from './fields-body.js';
import type { FieldDef, ModuleDef } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { pickValues } from './pick-values.js';
import { dropStages } from './pipeline-store.js';
import { type ItemResult, isObj, itemsAnswer, type Obj, str, succeeded } from './settings-body.js';
import { fieldMap, fieldsOf, now } from './state.js';

/** What an update of a field cannot change (the error code is unverified). */
const UNCHANGEABLE = {
  data_type: 'data type cannot be changed',
  api_name: 'the API name of a field can only be changed in the UI',
};

export function findField(ctx: SandboxContext, mod: ModuleDef, key: string): FieldDef | undefined {
  return fieldsOf(ctx, mod.api_name).get(key) ?? fieldMap(ctx, mod.api_name).get(key);
}

function labelAndLength(field: FieldDef, next: FieldDef, item: Obj, p: string): CrmError | undefined {
  const label = item.field_label ?? item.display_label;
  if (label !== undefined) {
    if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL)
      return invalidBody('field_label', `${p}.field_label`);
    next.field_label = label;
    next.display_label = label;
  }
  if (item.length !== undefined) {
    const max = MAX_LENGTH[field.data_type];
    const ok =
      field.custom_field &&
      typeof item.length === 'number' &&
      Number.isInteger(item.length) &&
      item.length >= field.length &&
      (max === undefined || item.length <= max);
    if (!ok) return invalidBody('length', `${p}.length`, 'integer');
    next.length = item.length as number;
  }
  return undefined;
}

/** Picklist values; the Deals `Stage` values it deletes leave every pipeline too (`dropStages`). */
function picklist(ctx: SandboxContext, mod: ModuleDef, field: FieldDef, next: FieldDef, item: Obj, p: string) {
  if (!field.pick_list_values) return invalidBody('pick_list_values', `${p}.pick_list_values`);
  const stage = mod.api_name === 'Deals' && field.api_name === 'Stage';
  const deleted = new Set<string>();
  const values = pickValues(
    item.pick_list_values,
    `${p}.pick_list_values`,
    field.pick_list_values,
    () => ctx.ids.next('crm'),
    stage,
    deleted,
  );
  if (!Array.isArray(values)) return values;
  if (stage && dropStages(ctx, deleted, false).length > 0)
    return crmError('CANNOT_DELETE', 'Cannot delete the last stage associated with the pipeline', {
      api_name: 'pick_list_values',
      json_path: `${p}.pick_list_values`,
    });
  next.pick_list_values = values;
  return deleted;
}

function updateOne(ctx: SandboxContext, mod: ModuleDef, item: Obj, i: number, key: string | undefined): ItemResult {
  const p = `$.fields[${i}]`;
  if (!key) return { ok: false, error: mandatoryMissing('id', `${p}.id`) };
  const field = findField(ctx, mod, key);
  if (!field) return { ok: false, error: invalidBody('id', `${p}.id`) };
  for (const [attribute, message] of Object.entries(UNCHANGEABLE) as [keyof typeof UNCHANGEABLE, string][]) {
    if (item[attribute] !== undefined && item[attribute] !== field[attribute])
      return {
        ok: false,
        error: crmError('NOT_ALLOWED', message, { api_name: attribute, json_path: `${p}.${attribute}` }),
      };
  }
  const next: FieldDef = { ...field };
  const refused = labelAndLength(field, next, item, p);
  if (refused) return { ok: false, error: refused };
  let deleted = new Set<string>();
  if (item.pick_list_values !== undefined) {
    const outcome = picklist(ctx, mod, field, next, item, p);
    if (!(outcome instanceof Set)) return { ok: false, error: outcome };
    deleted = outcome;
  }
  if (item.unique !== undefined) {
    const unique = field.custom_field ? parseUnique(item.unique, `${p}.unique`, true) : invalidBody('unique', p);
    if (unique !== null && 'code' in unique) return { ok: false, error: unique };
    const refusedUnique =
      unique === null
        ? undefined
        : uniqueAllowed(field.data_type, `${p}.unique`, fieldsOf(ctx, mod.api_name).values(), field.id);
    if (refusedUnique) return { ok: false, error: refusedUnique };
    next.unique = unique;
  }
  if (item.tooltip !== undefined)
    next.tooltip =
      isObj(item.tooltip) && typeof item.tooltip.value === 'string'
        ? { name: str(item.tooltip.name) ?? 'info_icon', value: item.tooltip.value }
        : null;
  next.modified_time = now(ctx);
  ctx.store.transaction(() => {
    fieldsOf(ctx, mod.api_name).put(next.id, next);
    if (deleted.size > 0) dropStages(ctx, deleted, true);
  });
  return succeeded(next.id, 'field updated');
}

export const updateFields: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = fieldsOfBody(req.body, FIELDS_PER_CALL);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'fields',
    items.map((item, i) => updateOne(ctx, mod, item, i, str(item.id))),
    200,
  );
};

export const updateField: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = fieldsOfBody(req.body, 1);
  if (!Array.isArray(items)) return items;
  return itemsAnswer('fields', [updateOne(ctx, mod, items[0] ?? {}, 0, req.params.field)], 200);
};
