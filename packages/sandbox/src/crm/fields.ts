/**
 * `/settings/fields` (fields.yaml): list a module's fields and read one (without layout-specific configuration:
 * `field-json.ts`), read a picklist's values (pick_list_values.yaml), delete a custom field that nothing uses; and
 * the sandbox's stand-in for renaming an API name in CRM's settings. Creates: `field-create.ts`; updates:
 * `field-update.ts`.
 */
import { JsonBody, withJsonList } from '../core/json-body.js';
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { apiNameProblem } from './api-names.js';
import { crmError, errorResponse, invalidBody, MESSAGES } from './errors.js';
import { fieldJson, type LayoutRef } from './field-json.js';
import { findField } from './field-update.js';
import { usedByWorkflowRules } from './field-usage.js';
import type { ModuleDef, RecordDoc } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { isObj, itemsAnswer, str, succeeded } from './settings-body.js';
import { fieldList, fieldMap, fieldsOf, layoutsOf, now, recordsOf } from './state.js';

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
  if (type !== null && type !== 'all' && type !== 'unused' && type !== 'used') {
    return errorResponse(
      400,
      crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: 'type', json_path: '$.type', param_name: 'type' }),
    );
  }
  const unused = type === 'unused';
  const used = type === 'used';
  // Built once per change of the module's fields or layouts: on the large org the answer is ~0.5 MB a module.
  const sources = [`crm:fields:${mod.api_name}`, `crm:layouts:${mod.api_name}`];
  return ctx.store.memo(`crm:listFields:${mod.api_name}:${type ?? 'all'}`, sources, (): SandboxResponse => {
    const refs = layoutRefsById(ctx, mod);
    const list = fieldList(ctx, mod.api_name).filter((f) => (unused ? !refs.has(f.id) : used ? refs.has(f.id) : true));
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

export const getField: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const f = findField(ctx, mod, req.params.field ?? '');
  if (!f) return { status: 204 };
  return { status: 200, body: { fields: [fieldJson(f, layoutRefs(ctx, mod, f.id))] } };
};

/**
 * `GET /settings/fields/{id}/pick_list_values?module=` (zoho/crm-oas v8.0 pick_list_values.yaml): the values with
 * their ids, order and layouts (every layout that holds the field); 204 for a field that is not a picklist; an
 * unknown field id is `INVALID_DATA` at path index 2.
 */
export const getPickListValues: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const f = findField(ctx, mod, req.params.field_id ?? '');
  if (!f)
    return errorResponse(400, crmError('INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: 2 }));
  if (!f.pick_list_values || f.pick_list_values.length === 0) return { status: 204 };
  const layouts = layoutRefs(ctx, mod, f.id);
  return {
    status: 200,
    body: {
      pick_list_values: f.pick_list_values.map((v, i) => ({
        sequence_number: i + 1,
        display_value: v.display_value,
        reference_value: v.display_value,
        colour_code: v.colour_code,
        actual_value: v.actual_value,
        id: v.id,
        type: v.type,
        layout_associations: layouts.length === 0 ? null : layouts,
      })),
    },
  };
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
  if (!to || apiNameProblem(to) !== undefined) return errorResponse(400, invalidBody('api_name', '$.api_name'));
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
  // fields.yaml `deleteCustomField`: "The field must not be used in workflows … before deletion" (`FieldUsedInIndex`).
  if (usedByWorkflowRules(ctx, mod.api_name, field.api_name))
    return errorResponse(
      400,
      crmError('NOT_ALLOWED', 'The custom field has already used in other places', { resource_path_index: 2 }),
    );
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
